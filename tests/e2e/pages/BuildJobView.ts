import { expect, type Locator, type Page } from '@playwright/test';

/** The view of one build: its state, each step with its badge and line, the failure or the image built. */
export class BuildJobView {
  readonly root: Locator;
  /** The state as a screen reader hears it ("Building: step 3 of 6", "Build done"). */
  readonly state: Locator;
  readonly counts: Locator;
  readonly steps: Locator;
  readonly badges: Locator;
  readonly failure: Locator;
  readonly failureSentence: Locator;
  readonly failureOutput: Locator;
  readonly showFailureLine: Locator;
  readonly result: Locator;
  readonly run: Locator;
  readonly layers: Locator;
  readonly cacheStop: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('build-job');
    this.state = this.root.getByTestId('build-state');
    this.counts = this.root.getByTestId('build-counts');
    this.steps = this.root.getByTestId('build-step');
    this.badges = this.root.getByTestId('build-step-badge');
    this.failure = this.root.getByTestId('build-job-failure');
    this.failureSentence = this.root.getByTestId('build-failure-sentence');
    this.failureOutput = this.root.getByTestId('build-failure-output');
    this.showFailureLine = this.root.getByTestId('build-failure-show-line');
    this.result = this.root.getByTestId('build-result');
    this.run = this.root.getByTestId('build-run');
    this.layers = this.root.getByTestId('build-layers');
    this.cacheStop = this.root.locator('[data-testid=build-step][data-cache-stop]');
  }

  /** Step `index` (1-based, as the builder counts). */
  step(index: number): Locator {
    return this.root.locator(`[data-testid=build-step][data-step="${index}"]`);
  }

  /** Waits for the build to end, and returns how it ended (done, failed or cancelled). */
  async ended(timeout = 120_000): Promise<string | null> {
    await expect(this.root).not.toHaveAttribute('data-state', /^(sending|building)$/, { timeout });
    return this.root.getAttribute('data-state');
  }
}
