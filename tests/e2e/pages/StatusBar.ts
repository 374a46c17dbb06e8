import type { Locator, Page } from '@playwright/test';

/** The status bar at the bottom: the engine's state and address. */
export class StatusBar {
  readonly root: Locator;
  readonly engineState: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('status-bar');
    this.engineState = page.getByTestId('engine-state');
  }
}
