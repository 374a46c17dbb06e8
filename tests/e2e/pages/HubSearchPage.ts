import type { Locator, Page } from '@playwright/test';

/** The Docker Hub search screen: the search box, its results and the pull-by-name entry. */
export class HubSearchPage {
  readonly search: Locator;
  readonly results: Locator;
  readonly firstResult: HubResult;
  readonly skipped: Locator;
  readonly pullByName: Locator;
  readonly retryCountdown: Locator;
  readonly engineFallback: Locator;
  readonly verifiedBadges: Locator;

  constructor(private readonly page: Page) {
    this.search = page.getByTestId('hub-search');
    this.results = page.getByTestId('hub-result');
    this.firstResult = new HubResult(this.results.first());
    this.skipped = page.getByTestId('hub-skipped');
    this.pullByName = page.getByTestId('hub-pull-by-name');
    this.retryCountdown = page.getByTestId('retry-countdown');
    this.engineFallback = page.getByTestId('engine-fallback');
    this.verifiedBadges = page.getByTestId('badge-verified');
  }

  /** A result by its repository: "redis", "bitnami/redis". */
  result(repo: string): HubResult {
    return new HubResult(this.page.locator(`[data-testid=hub-result][data-repo="${repo}"]`));
  }
}

/** One search result: its badges, pull count and actions. */
export class HubResult {
  readonly official: Locator;
  readonly verified: Locator;
  readonly archived: Locator;
  readonly pullCount: Locator;
  readonly pull: Locator;
  readonly run: Locator;

  constructor(readonly root: Locator) {
    this.official = root.getByTestId('badge-official');
    this.verified = root.getByTestId('badge-verified');
    this.archived = root.getByTestId('badge-archived');
    this.pullCount = root.getByTestId('pull-count');
    this.pull = root.getByTestId('hub-pull');
    this.run = root.getByTestId('hub-run');
  }
}
