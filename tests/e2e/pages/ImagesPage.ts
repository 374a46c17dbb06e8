import type { Locator, Page } from '@playwright/test';

/** The Images screen: the image table, its notice, the dangling images and their dialogs. */
export class ImagesPage {
  readonly root: Locator;
  readonly notice: Locator;
  readonly dangling: Locator;
  readonly pullByName: Locator;
  /** The header's "Build an image", to the Build page. */
  readonly build: Locator;
  /** Every row's size and "created" cells. */
  readonly sizeAndCreatedCells: Locator;
  readonly removeDialog: RemoveImageDialog;
  readonly pruneDialog: PruneDialog;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('images-page');
    this.notice = page.getByTestId('images-notice');
    this.dangling = page.getByTestId('dangling-images');
    this.pullByName = page.getByTestId('images-pull-by-name');
    this.build = page.getByTestId('images-build');
    this.sizeAndCreatedCells = page.locator('[data-testid=image-size], [data-testid=image-created]');
    this.removeDialog = new RemoveImageDialog(page);
    this.pruneDialog = new PruneDialog(page);
  }

  /** A row by its reference, also under its full name, as Podman lists Docker Hub's images (docker.io/library/...). */
  rowAnyRegistry(reference: string): Locator {
    return this.page.locator(
      `[data-testid=image-row][data-image="${reference}"], [data-testid=image-row][data-image="docker.io/library/${reference}"]`,
    );
  }

  runButtonAnyRegistry(reference: string): Locator {
    return this.rowAnyRegistry(reference).getByTestId('image-run');
  }

  /** Rows whose reference ends so (Podman may list docker.io/library/...). */
  rowsEndingWith(reference: string): Locator {
    return this.page.locator(`[data-testid=image-row][data-image$="${reference}"]`);
  }

  runButtonOf(row: Locator): Locator {
    return row.getByTestId('image-run');
  }

  row(tag: string): Locator {
    return this.page.locator(`[data-testid=image-row][data-image="${tag}"]`);
  }

  usage(tag: string): Locator {
    return this.row(tag).getByTestId('image-usage');
  }

  removeButton(tag: string): Locator {
    return this.row(tag).getByTestId('image-remove');
  }

  runButton(tag: string): Locator {
    return this.row(tag).getByTestId('image-run');
  }

  async remove(tag: string): Promise<void> {
    await this.removeButton(tag).click();
  }

  async run(tag: string): Promise<void> {
    await this.runButton(tag).click();
  }

  async openPrune(): Promise<void> {
    await this.dangling.getByTestId('prune-open').click();
  }
}

export class RemoveImageDialog {
  readonly root: Locator;
  readonly usingContainers: Locator;
  readonly confirm: Locator;
  readonly force: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('remove-image-dialog');
    this.usingContainers = this.root.getByTestId('using-containers');
    this.confirm = this.root.getByTestId('confirm-remove');
    this.force = this.root.getByTestId('force-remove');
  }
}

export class PruneDialog {
  readonly root: Locator;
  readonly confirm: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('prune-dialog');
    this.confirm = this.root.getByTestId('confirm-prune');
  }
}
