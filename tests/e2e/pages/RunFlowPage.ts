import type { Locator, Page } from '@playwright/test';

/** The run flow: the steps a `docker run` goes through, its output and the next step. */
export class RunFlowPage {
  readonly root: Locator;
  readonly title: Locator;
  readonly state: Locator;
  readonly output: Locator;
  readonly nextStep: Locator;
  readonly again: Locator;
  readonly showContainer: Locator;
  readonly cliTranscript: Locator;
  /** The boxes of the flow diagram (client, server, cache, hub, container). */
  readonly diagramBoxes: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('run-flow');
    this.title = page.getByTestId('run-title');
    this.state = page.getByTestId('run-state');
    this.output = page.getByTestId('run-output');
    this.nextStep = page.getByTestId('run-next-step');
    this.again = page.getByTestId('run-again');
    this.showContainer = page.getByTestId('run-show-container');
    this.cliTranscript = page.getByTestId('cli-transcript');
    this.diagramBoxes = page.getByTestId('flow-diagram').locator('> li');
  }

  /** A step of the flow: cache, hub, ... (`step-<name>`). */
  step(name: string): Locator {
    return this.page.getByTestId(`step-${name}`);
  }

  /** A part of the flow diagram: hub, cache, ... (`flow-<name>`). */
  flow(name: string): Locator {
    return this.page.getByTestId(`flow-${name}`);
  }
}
