import type { Locator, Page } from '@playwright/test';

/** A repository's tags on Docker Hub: each tag's platforms and its Pull and Run. */
export class RepositoryTagsPage {
  readonly tags: Locator;
  readonly firstTag: HubTag;
  readonly platforms: Locator;

  constructor(private readonly page: Page) {
    this.tags = page.getByTestId('hub-tag');
    this.firstTag = new HubTag(this.tags.first());
    this.platforms = page.getByTestId('tag-platforms');
  }

  tag(name: string): HubTag {
    return new HubTag(this.page.locator(`[data-testid=hub-tag][data-tag="${name}"]`));
  }
}

/** One tag row. */
export class HubTag {
  readonly pull: Locator;
  readonly run: Locator;
  readonly inactive: Locator;
  readonly notHere: Locator;

  constructor(readonly root: Locator) {
    this.pull = root.getByTestId('tag-pull');
    this.run = root.getByTestId('tag-run');
    this.inactive = root.getByTestId('tag-inactive');
    this.notHere = root.getByTestId('tag-not-here');
  }

  /** An action of the row by its test id (tag-pull, tag-run). */
  action(testId: 'tag-pull' | 'tag-run'): Locator {
    return this.root.getByTestId(testId);
  }
}
