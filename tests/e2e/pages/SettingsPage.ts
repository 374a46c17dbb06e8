import type { Locator, Page } from '@playwright/test';

/** The Settings screen: language and theme choices, and the notice after a corrupt settings file. */
export class SettingsPage {
  readonly recovered: Locator;

  constructor(private readonly page: Page) {
    this.recovered = page.getByTestId('settings-recovered');
  }

  language(choice: 'en' | 'ko' | 'system'): Locator {
    return this.page.getByTestId(`setting-language-${choice}`);
  }

  theme(choice: 'light' | 'dark' | 'system'): Locator {
    return this.page.getByTestId(`setting-theme-${choice}`);
  }
}
