import type { Locator, Page } from '@playwright/test';

/** The Settings screen: language and theme choices, and the notice after a corrupt settings file. */
export class SettingsPage {
  readonly root: Locator;
  readonly recovered: Locator;
  /** The engine chooser's "another address" field, shown on the page itself. */
  readonly engineCustomUrl: Locator;
  readonly engineOptions: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('settings-page');
    this.recovered = page.getByTestId('settings-recovered');
    this.engineCustomUrl = page.getByTestId('engine-custom-url');
    this.engineOptions = page.getByTestId('engine-option');
  }

  language(choice: 'en' | 'ko' | 'system'): Locator {
    return this.page.getByTestId(`setting-language-${choice}`);
  }

  theme(choice: 'light' | 'dark' | 'system'): Locator {
    return this.page.getByTestId(`setting-theme-${choice}`);
  }
}
