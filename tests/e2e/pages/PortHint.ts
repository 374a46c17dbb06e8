import type { Locator, Page } from '@playwright/test';

/** The card a port opens when it is not a web page: who can reach it and how. */
export class PortHint {
  /** The open card, as a CSS selector for axe's include(). */
  static readonly openSelector = '[data-testid=port-hint]:popover-open';
  readonly card: Locator;
  readonly command: Locator;

  constructor(page: Page) {
    this.card = page.getByTestId('port-hint').filter({ visible: true });
    this.command = this.card.getByTestId('port-hint-command');
  }
}
