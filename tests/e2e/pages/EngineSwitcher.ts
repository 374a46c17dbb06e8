import type { Locator, Page } from '@playwright/test';

/** The engine switcher button and its panel: the detected engines and a custom address. */
export class EngineSwitcher {
  readonly button: Locator;
  readonly panel: Locator;
  readonly customUrl: Locator;
  readonly customApply: Locator;
  readonly options: Locator;

  constructor(page: Page) {
    this.button = page.getByTestId('engine-switcher');
    this.panel = page.getByTestId('engine-switcher-panel');
    this.customUrl = this.panel.getByTestId('engine-custom-url');
    this.customApply = this.panel.getByTestId('engine-custom-apply');
    this.options = this.panel.getByTestId('engine-option');
  }

  async open(): Promise<void> {
    await this.button.click();
  }

  async useCustom(url: string): Promise<void> {
    await this.customUrl.fill(url);
    await this.customApply.click();
  }
}
