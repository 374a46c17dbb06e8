import type { Locator, Page } from '@playwright/test';

/** The menu bar (tray) menu, drawn as a page. */
export class TrayPreview {
  readonly root: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('tray-preview');
  }

  /** A port's menu item, by the end of its id (`address|port|protocol`). */
  portItem(key: string): Locator {
    return this.page.locator(`[data-testid=tray-item][data-id*=":port:"][data-id$="${key}"]`);
  }
}
