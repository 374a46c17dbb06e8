import type { Locator, Page } from '@playwright/test';
import type { VolumeLessonStep } from '../../../src/shared/volumes';

/** The volume lesson (#/lessons/volumes): its five steps, the celebration and Start over. */
export class VolumeLessonPage {
  readonly root: Locator;
  readonly loading: Locator;
  readonly celebrate: Locator;
  readonly celebrateValue: Locator;
  readonly celebrateWritten: Locator;
  readonly startOver: Locator;
  readonly resetDialog: Locator;
  readonly resetItems: Locator;
  readonly resetConfirm: Locator;

  constructor(private readonly page: Page) {
    this.root = page.getByTestId('volume-lesson-page');
    this.loading = page.getByTestId('lesson-loading');
    this.celebrate = page.getByTestId('lesson-celebrate');
    this.celebrateValue = page.getByTestId('lesson-celebrate-value');
    this.celebrateWritten = page.getByTestId('lesson-celebrate-written');
    this.startOver = page.getByTestId('lesson-start-over');
    this.resetDialog = page.getByTestId('lesson-reset-dialog');
    this.resetItems = page.getByTestId('lesson-reset-items');
    this.resetConfirm = page.getByTestId('lesson-reset-confirm');
  }

  step(step: VolumeLessonStep): Locator {
    return this.page.getByTestId(`lesson-step-${step}`);
  }

  button(step: VolumeLessonStep): Locator {
    return this.page.getByTestId(`lesson-run-${step}`);
  }

  observed(step: VolumeLessonStep): Locator {
    return this.step(step).getByTestId('lesson-observed');
  }

  command(step: VolumeLessonStep): Locator {
    return this.step(step).getByTestId('lesson-command');
  }
}
