import type { Locator, Page } from '@playwright/test';

/** The Compose screen: the projects the Docker server runs, the no-compose notice, opening a folder or the example. */
export class ComposePage {
  readonly root: Locator;
  readonly empty: Locator;
  readonly toolMissing: Locator;
  readonly example: Locator;
  readonly path: Locator;
  readonly open: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('compose-page');
    this.empty = page.getByTestId('compose-empty');
    this.toolMissing = page.getByTestId('compose-tool-missing');
    this.example = page.getByTestId('compose-example');
    this.path = page.getByTestId('compose-open-path');
    this.open = page.getByTestId('compose-open-open');
  }

  project(name: string): Locator {
    return this.page.locator(`[data-testid=compose-project][data-project="${name}"]`);
  }
}

/** One project's view: its actions, services, the compose command's panel and the down dialog. */
export class ComposeProjectPage {
  readonly root: Locator;
  readonly status: Locator;
  readonly up: Locator;
  readonly down: Locator;
  readonly stop: Locator;
  readonly upBlocked: Locator;
  readonly problems: Locator;
  readonly job: Locator;
  readonly jobSummary: Locator;
  readonly downDialog: Locator;
  readonly downConfirm: Locator;
  readonly downVolumes: Locator;
  readonly fileUnreadable: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('compose-project-page');
    this.status = this.root.getByTestId('compose-project-status');
    this.up = page.getByTestId('compose-up');
    this.down = page.getByTestId('compose-down');
    this.stop = page.getByTestId('compose-stop');
    this.upBlocked = page.getByTestId('compose-up-blocked');
    this.problems = page.getByTestId('compose-problems');
    this.job = page.getByTestId('compose-job');
    this.jobSummary = page.getByTestId('compose-job-summary');
    this.downDialog = page.getByTestId('compose-down-dialog');
    this.downConfirm = page.getByTestId('compose-down-confirm');
    this.downVolumes = page.getByTestId('compose-down-volumes');
    this.fileUnreadable = page.getByTestId('compose-file-unreadable');
  }

  service(name: string): Locator {
    return this.page.locator(`[data-testid=compose-service][data-service="${name}"]`);
  }

  serviceState(name: string): Locator {
    return this.service(name).getByTestId('compose-service-state');
  }

  /** The "also remove volumes" checkbox of the down dialog. */
  get removeVolumes(): Locator {
    return this.downDialog.getByRole('checkbox');
  }
}
