import type { Locator, Page } from '@playwright/test';

/** The menu bar (tray) menu, drawn as a page. */
export class TrayPreview {
  readonly root: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('tray-preview');
  }
}
