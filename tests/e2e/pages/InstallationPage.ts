import type { Locator, Page } from '@playwright/test';

/** The Installation check screen: whether Docker runs, and the versions it reports. */
export class InstallationPage {
  readonly ready: Locator;
  readonly waiting: Locator;
  readonly openOnboarding: Locator;

  constructor(page: Page) {
    this.ready = page.getByTestId('ready');
    this.waiting = page.getByTestId('waiting');
    this.openOnboarding = page.getByTestId('open-onboarding');
  }
}
