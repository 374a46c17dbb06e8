import type { Locator, Page } from '@playwright/test';

/** The layers view of one local image (#/images/<id>): the shared sentence and one row a step. */
export class ImageLayersPage {
  readonly root: Locator;
  readonly heading: Locator;
  readonly summary: Locator;
  readonly rows: Locator;
  readonly metadataOnlyRows: Locator;
  readonly sharedRows: Locator;
  readonly back: Locator;
  readonly problem: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('layers-page');
    this.heading = this.root.getByRole('heading', { level: 1 });
    this.summary = page.getByTestId('layers-summary');
    this.rows = page.getByTestId('layer-row');
    this.metadataOnlyRows = page.locator('[data-testid=layer-row][data-metadata-only=true]');
    this.sharedRows = page.locator('[data-testid=layer-row][data-shared=true]');
    this.back = page.getByTestId('layers-back');
    this.problem = this.root.getByTestId('problem');
  }

  /** The row of the step whose instruction reads so. */
  row(instruction: string): Locator {
    return this.rows.filter({
      has: this.root.page().getByTestId('layer-instruction').getByText(instruction, { exact: true }),
    });
  }
}
