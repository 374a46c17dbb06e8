import type { Locator, Page } from '@playwright/test';

/** The Disk usage screen: the four categories, "Measure again" and the clean-up dialog. */
export class DiskUsagePage {
  readonly root: Locator;
  readonly total: Locator;
  readonly measure: Locator;
  readonly cleanUp: Locator;
  readonly dialog: CleanupDialog;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('disk-page');
    this.total = page.getByTestId('disk-total');
    this.measure = page.getByTestId('disk-measure');
    this.cleanUp = page.getByTestId('disk-clean-up');
    this.dialog = new CleanupDialog(page);
  }

  category(name: 'images' | 'containers' | 'volumes' | 'buildCache'): Locator {
    return this.page.locator(`[data-testid=disk-category][data-category=${name}]`);
  }

  /** Opens a category's items. */
  async showItems(name: 'images' | 'containers' | 'volumes' | 'buildCache'): Promise<void> {
    await this.category(name).getByTestId('disk-toggle-items').click();
  }
}

type Kind = 'stoppedContainers' | 'danglingImages' | 'unusedImages' | 'buildCache' | 'unusedVolumes';

export class CleanupDialog {
  readonly root: Locator;
  readonly confirm: Locator;
  readonly frees: Locator;
  readonly volumesWarning: Locator;
  readonly volumesConfirm: Locator;
  readonly result: Locator;
  readonly freed: Locator;
  readonly failed: Locator;
  readonly close: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('cleanup-dialog');
    this.confirm = page.getByTestId('cleanup-confirm');
    this.frees = page.getByTestId('cleanup-frees');
    this.volumesWarning = page.getByTestId('cleanup-volumes-warning');
    this.volumesConfirm = page.getByTestId('cleanup-volumes-confirm');
    this.result = page.getByTestId('cleanup-result');
    this.freed = page.getByTestId('cleanup-freed');
    this.failed = page.getByTestId('cleanup-failed');
    this.close = page.getByTestId('cleanup-close');
  }

  kind(kind: Kind): Locator {
    return this.root.locator(`[data-testid=cleanup-kind][data-kind=${kind}]`);
  }

  item(kind: Kind, id: string): Locator {
    return this.kind(kind).locator(`[data-testid=cleanup-item][data-id="${id}"]`);
  }

  async setKind(kind: Kind, on: boolean): Promise<void> {
    await this.kind(kind).getByTestId('cleanup-kind-toggle').setChecked(on);
  }

  /**
   * Leaves ticked only the listed items of a kind. The engine is shared with other tests: what they
   * made is never ours to remove.
   */
  async keepOnly(kind: Kind, ids: readonly string[]): Promise<void> {
    const items = this.kind(kind).getByTestId('cleanup-item');
    for (const item of await items.all()) {
      const id = await item.getAttribute('data-id');
      if (!ids.includes(id ?? '')) await item.getByRole('checkbox').uncheck();
    }
  }

  difference(category: 'images' | 'containers' | 'volumes' | 'buildCache'): Locator {
    return this.root.locator(`[data-testid=cleanup-difference][data-category=${category}]`);
  }
}
