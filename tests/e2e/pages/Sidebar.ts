import type { Locator, Page } from '@playwright/test';

/** The sidebar: the sections, its collapse toggle and "pull by name". */
export class Sidebar {
  readonly root: Locator;
  readonly toggle: Locator;
  readonly pullByName: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('sidebar');
    this.toggle = page.getByTestId('sidebar-toggle');
    this.pullByName = page.getByTestId('sidebar-pull-by-name');
  }
}
