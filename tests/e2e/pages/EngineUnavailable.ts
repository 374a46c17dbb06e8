import type { Locator, Page } from '@playwright/test';

/** The one "Docker server unavailable" banner: what it means for this screen, and its actions. */
export class EngineUnavailable {
  readonly banner: Locator;
  readonly problem: Locator;
  readonly consequence: Locator;
  readonly retry: Locator;
  readonly check: Locator;

  constructor(page: Page) {
    this.banner = page.getByTestId('engine-unavailable');
    this.problem = this.banner.getByTestId('problem');
    this.consequence = page.getByTestId('engine-unavailable-consequence');
    this.retry = page.getByTestId('engine-unavailable-retry');
    this.check = page.getByTestId('engine-unavailable-check');
  }
}
