import type { Locator, Page } from '@playwright/test';

/** The problem box a screen shows when a request fails: what happened and what to do. */
export class ProblemNotice {
  readonly root: Locator;
  readonly copyReport: Locator;
  /** "Pull or run by name", offered when Docker Hub cannot answer. */
  readonly pullByName: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('problem');
    this.pullByName = this.root.getByTestId('hub-pull-by-name');
    this.copyReport = page.getByTestId('copy-report');
  }
}
