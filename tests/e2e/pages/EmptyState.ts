import type { Locator, Page } from '@playwright/test';

/** The empty state a screen shows when it has nothing yet, with its one next step. */
export class EmptyState {
  readonly root: Locator;
  readonly action: Locator;
  readonly secondary: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('empty-state');
    this.action = this.root.getByRole('button');
    this.secondary = this.root.getByTestId('empty-state-secondary');
  }
}
