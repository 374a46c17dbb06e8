import type { Locator, Page } from '@playwright/test';

/** The status bar at the bottom: the engine's state, product and address, and the docker context followed. */
export class StatusBar {
  readonly root: Locator;
  readonly engineState: Locator;
  readonly engineProduct: Locator;
  readonly followedContext: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('status-bar');
    this.engineState = page.getByTestId('engine-state');
    this.engineProduct = page.getByTestId('engine-product');
    this.followedContext = page.getByTestId('followed-context');
  }
}
