import type { Locator, Page } from '@playwright/test';

/** The pulls button and its panel: every pull's progress, and a pull by name. */
export class PullsPanel {
  readonly button: Locator;
  readonly root: Locator;
  readonly empty: Locator;
  readonly pullByName: Locator;
  readonly input: Locator;
  readonly pull: Locator;
  readonly dismiss: Locator;

  constructor(private readonly page: Page) {
    this.button = page.getByTestId('pulls-button');
    this.root = page.getByTestId('pulls-panel');
    this.empty = this.root.getByTestId('pulls-empty');
    this.pullByName = this.root.getByTestId('pulls-panel-pull-by-name');
    this.input = this.root.getByTestId('pull-by-name-input');
    this.pull = this.root.getByTestId('pull-by-name-pull');
    this.dismiss = page.getByTestId('pull-dismiss');
  }

  async open(): Promise<void> {
    await this.button.click();
  }

  /** Pulls that have ended, whatever their end. */
  get endedJobs(): Locator {
    return this.page.locator('[data-testid=pull-job]:not([data-state=pulling])');
  }

  /** A pull as listed in the open panel. */
  panelJob(reference: string): PullJob {
    return new PullJob(this.root.locator(`[data-testid=pull-job][data-reference="${reference}"]`));
  }

  job(reference: string): PullJob {
    return new PullJob(this.page.locator(`[data-testid=pull-job][data-reference="${reference}"]`));
  }
}

/** One pull: its percentage, layers and outcome. */
export class PullJob {
  readonly percent: Locator;
  readonly layers: Locator;
  readonly outcome: Locator;
  readonly downloadingLayers: Locator;
  readonly cancel: Locator;

  constructor(readonly root: Locator) {
    this.downloadingLayers = root.locator('[data-testid=pull-layer][data-layer-state=downloading]');
    this.cancel = root.getByTestId('pull-cancel');
    this.percent = root.getByTestId('pull-percent');
    this.layers = root.getByTestId('pull-layer');
    this.outcome = root.getByTestId('pull-outcome');
  }
}
