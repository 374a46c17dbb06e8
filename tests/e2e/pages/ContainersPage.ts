import type { Locator, Page } from '@playwright/test';

/** The Containers screen: the list, its filter and "show stopped", and each row's actions. */
export class ContainersPage {
  readonly showAll: Locator;
  readonly filter: Locator;
  readonly rows: Locator;

  constructor(private readonly page: Page) {
    this.showAll = page.getByTestId('containers-show-all');
    this.filter = page.getByTestId('containers-filter');
    this.rows = page.getByTestId('container-row');
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid=container-row][data-name="${name}"]`);
  }

  async showStopped(): Promise<void> {
    await this.showAll.check();
  }
}
