import type { Locator, Page } from '@playwright/test';

/** The Run dialog: image, name, command, ports, environment and volumes, and its command preview. */
export class RunDialog {
  readonly root: Locator;
  readonly title: Locator;
  readonly image: Locator;
  readonly name: Locator;
  readonly command: Locator;
  readonly commandPreview: Locator;
  readonly submit: Locator;
  readonly autoRemove: Locator;
  readonly restart: Locator;
  readonly exposedHint: Locator;
  readonly portRows: Locator;
  readonly hostPort: Locator;
  readonly containerPort: Locator;
  readonly envRows: Locator;
  readonly addEnv: Locator;
  readonly volumeRows: Locator;
  readonly addVolume: Locator;
  readonly volumeKind: Locator;
  readonly hostPath: Locator;
  readonly containerPath: Locator;
  readonly bindConfirm: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('run-dialog');
    this.title = page.getByTestId('run-title');
    this.image = page.getByTestId('run-image');
    this.name = page.getByTestId('run-name');
    this.command = page.getByTestId('run-command');
    this.commandPreview = page.getByTestId('run-command-preview');
    this.submit = page.getByTestId('run-submit');
    this.autoRemove = page.getByTestId('run-auto-remove');
    this.restart = page.getByTestId('run-restart');
    this.exposedHint = page.getByTestId('run-exposed-hint');
    this.portRows = page.getByTestId('run-port-row');
    this.hostPort = page.getByTestId('run-host-port');
    this.containerPort = page.getByTestId('run-container-port');
    this.envRows = page.getByTestId('run-env-row');
    this.addEnv = page.getByTestId('run-add-env');
    this.volumeRows = page.getByTestId('run-volume-row');
    this.addVolume = page.getByTestId('run-add-volume');
    this.volumeKind = page.getByTestId('run-volume-kind');
    this.hostPath = page.getByTestId('run-host-path');
    this.containerPath = page.getByTestId('run-container-path');
    this.bindConfirm = page.getByTestId('run-bind-confirm');
  }
}
