import type { Locator, Page } from '@playwright/test';

/** One volume's files (#/volumes/<name>): breadcrumb, folder listing, file preview, download, backup and restore. */
export class VolumeDetailsPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly readOnlyNote: Locator;
  readonly breadcrumb: Locator;
  readonly entries: Locator;
  readonly loading: Locator;
  readonly empty: Locator;
  readonly up: Locator;
  readonly preview: Locator;
  readonly previewText: Locator;
  readonly previewNotShown: Locator;
  readonly download: SaveToPath;
  readonly backup: SaveToPath;
  readonly restore: RestoreDialog;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('volume-details');
    this.heading = this.root.getByRole('heading', { level: 1 });
    this.readOnlyNote = page.getByTestId('read-only-note');
    this.breadcrumb = page.getByTestId('volume-breadcrumb');
    this.entries = page.getByTestId('volume-entry');
    this.loading = page.getByTestId('volume-loading');
    this.empty = page.getByTestId('volume-empty');
    this.up = page.getByTestId('volume-up');
    this.preview = page.getByTestId('file-preview');
    this.previewText = page.getByTestId('file-text');
    this.previewNotShown = page.getByTestId('file-not-shown');
    this.download = new SaveToPath(page, 'download-file');
    this.backup = new SaveToPath(page, 'backup-volume');
    this.restore = new RestoreDialog(page);
  }

  /** The row of an entry by its name. */
  entry(name: string): Locator {
    return this.page.locator(`[data-testid=volume-entry][data-name="${name}"]`);
  }
}

/** A save button that, without an OS dialog (the harness), asks for a path in place. */
export class SaveToPath {
  readonly button: Locator;
  readonly path: Locator;
  readonly save: Locator;
  readonly saved: Locator;
  readonly pathError: Locator;

  constructor(page: Page, testId: string) {
    this.button = page.getByTestId(`${testId}-button`);
    this.path = page.getByTestId(`${testId}-path`);
    this.save = page.getByTestId(`${testId}-save`);
    this.saved = page.getByTestId(`${testId}-saved`);
    this.pathError = page.getByTestId(testId).getByRole('alert');
  }
}

export class RestoreDialog {
  readonly open: Locator;
  readonly dialog: Locator;
  readonly source: Locator;
  readonly name: Locator;
  readonly submit: Locator;
  readonly done: Locator;
  readonly openVolume: Locator;
  readonly alerts: Locator;

  constructor(page: Page) {
    this.open = page.getByTestId('restore-volume-button');
    this.dialog = page.getByTestId('restore-volume-dialog');
    this.source = page.getByTestId('restore-volume-source');
    this.name = page.getByTestId('restore-volume-name');
    this.submit = page.getByTestId('restore-volume-submit');
    this.done = page.getByTestId('restore-volume-done');
    this.openVolume = page.getByTestId('restore-volume-open');
    this.alerts = this.dialog.getByRole('alert');
  }
}
