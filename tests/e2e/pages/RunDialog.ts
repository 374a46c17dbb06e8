import type { Locator, Page } from '@playwright/test';

/** The Run dialog: image, name, command, ports, environment and volumes, and its command preview. */
export class RunDialog {
  readonly root: Locator;
  readonly image: Locator;
  readonly name: Locator;
  readonly command: Locator;
  readonly commandPreview: Locator;
  readonly submit: Locator;
  readonly copyCommand: Locator;
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
  readonly engineUnavailable: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('run-dialog');
    this.image = this.root.getByTestId('run-image');
    this.name = this.root.getByTestId('run-name');
    this.command = this.root.getByTestId('run-command');
    this.commandPreview = this.root.getByTestId('run-command-preview');
    this.submit = this.root.getByTestId('run-submit');
    this.copyCommand = this.root.getByTestId('copy-run-command');
    this.autoRemove = this.root.getByTestId('run-auto-remove');
    this.restart = this.root.getByTestId('run-restart');
    this.exposedHint = this.root.getByTestId('run-exposed-hint');
    this.portRows = this.root.getByTestId('run-port-row');
    this.hostPort = this.root.getByTestId('run-host-port');
    this.containerPort = this.root.getByTestId('run-container-port');
    this.envRows = this.root.getByTestId('run-env-row');
    this.addEnv = this.root.getByTestId('run-add-env');
    this.volumeRows = this.root.getByTestId('run-volume-row');
    this.addVolume = this.root.getByTestId('run-add-volume');
    this.volumeKind = this.root.getByTestId('run-volume-kind');
    this.hostPath = this.root.getByTestId('run-host-path');
    this.containerPath = this.root.getByTestId('run-container-path');
    this.bindConfirm = this.root.getByTestId('run-bind-confirm');
    this.engineUnavailable = this.root.getByTestId('engine-unavailable');
  }
}
