import type { Locator, Page } from '@playwright/test';

/** The Volumes screen: the table, its notices, and the New volume, remove and prune dialogs. */
export class VolumesPage {
  readonly root: Locator;
  readonly notice: Locator;
  readonly pruneResult: Locator;
  readonly pruneFailed: Locator;
  readonly filter: Locator;
  readonly showSizes: Locator;
  readonly sizesHint: Locator;
  readonly create: Locator;
  readonly prune: Locator;
  readonly emptyState: Locator;
  readonly createDialog: CreateVolumeDialog;
  readonly removeDialog: RemoveVolumeDialog;
  readonly pruneDialog: PruneVolumesDialog;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('volumes-page');
    this.notice = page.getByTestId('volumes-notice');
    this.pruneResult = page.getByTestId('volumes-prune-result');
    this.pruneFailed = page.getByTestId('volumes-prune-failed');
    this.filter = page.getByTestId('volumes-filter');
    this.showSizes = page.getByTestId('volumes-show-sizes');
    this.sizesHint = page.getByTestId('sizes-hint');
    this.create = page.getByTestId('volumes-create');
    this.prune = page.getByTestId('volumes-prune');
    this.emptyState = page.getByTestId('empty-state');
    this.createDialog = new CreateVolumeDialog(page);
    this.removeDialog = new RemoveVolumeDialog(page);
    this.pruneDialog = new PruneVolumesDialog(page);
  }

  row(name: string): Locator {
    return this.page.locator(`[data-testid=volume-row][data-volume="${name}"]`);
  }

  rows(): Locator {
    return this.page.getByTestId('volume-row');
  }

  kind(name: string): Locator {
    return this.row(name).getByTestId('volume-kind');
  }

  /** The links to the containers mounting it. */
  users(name: string): Locator {
    return this.row(name).getByTestId('volume-user').getByRole('link');
  }

  size(name: string): Locator {
    return this.row(name).getByTestId('volume-size');
  }

  async remove(name: string): Promise<void> {
    await this.row(name).getByTestId('volume-remove').click();
  }
}

export class CreateVolumeDialog {
  readonly root: Locator;
  readonly name: Locator;
  readonly nameError: Locator;
  readonly addLabel: Locator;
  readonly labelKeys: Locator;
  readonly submit: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('create-volume-dialog');
    this.name = this.root.getByTestId('create-volume-name');
    this.nameError = this.root.locator('[role=alert]').first();
    this.addLabel = this.root.getByTestId('create-volume-add-label');
    this.labelKeys = this.root.getByTestId('create-volume-label-key');
    this.submit = this.root.getByTestId('create-volume-submit');
  }
}

export class RemoveVolumeDialog {
  readonly root: Locator;
  readonly inUse: Locator;
  readonly inUseContainers: Locator;
  readonly confirm: Locator;
  /** The footer's Cancel, where the dialog starts (the body has a Back up button before it). */
  readonly cancel: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('remove-volume-dialog');
    this.cancel = this.root.getByRole('button', { name: /^(Cancel|취소)$/ });
    this.inUse = this.root.getByTestId('volume-in-use');
    this.inUseContainers = this.root.getByTestId('volume-in-use-containers').getByTestId('volume-user');
    this.confirm = this.root.getByTestId('confirm-remove-volume');
  }
}

export class PruneVolumesDialog {
  readonly root: Locator;
  readonly items: Locator;
  readonly confirm: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('prune-volumes-dialog');
    this.items = this.root.getByTestId('prune-volumes-items').locator('li');
    this.confirm = this.root.getByTestId('confirm-prune-volumes');
  }
}
