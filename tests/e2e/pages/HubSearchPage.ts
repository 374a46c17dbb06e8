import type { Locator, Page } from '@playwright/test';

/** The Docker Hub search screen: the search box, its results and the pull-by-name entry. */
export class HubSearchPage {
  readonly search: Locator;
  readonly results: Locator;
  readonly skipped: Locator;
  readonly pullByName: Locator;

  constructor(private readonly page: Page) {
    this.search = page.getByTestId('hub-search');
    this.results = page.getByTestId('hub-result');
    this.skipped = page.getByTestId('hub-skipped');
    this.pullByName = page.getByTestId('hub-pull-by-name');
  }

  result(name: string): Locator {
    return this.results.filter({ hasText: name });
  }

  async run(result: Locator): Promise<void> {
    await result.getByTestId('hub-run').click();
  }
}
