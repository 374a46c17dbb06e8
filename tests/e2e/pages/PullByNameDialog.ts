import type { Locator, Page } from '@playwright/test';

/** The "pull or run by name" dialog. */
export class PullByNameDialog {
  readonly root: Locator;
  readonly input: Locator;
  /** The name field anywhere (the dialog's or the pulls panel's). */
  readonly anyInput: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('pull-by-name-dialog');
    this.input = this.root.getByTestId('pull-by-name-input');
    this.anyInput = page.getByTestId('pull-by-name-input');
  }
}
