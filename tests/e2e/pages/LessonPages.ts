import type { Locator, Page } from '@playwright/test';

/** The course list (#/lessons): a row a lesson, with its progress, marks and open button. */
export class LessonsListPage {
  readonly root: Locator;
  readonly rows: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('lessons-list-page');
    this.rows = page.getByTestId('lessons-list').getByRole('listitem');
  }

  row(lesson: string): Locator {
    return this.root.getByTestId(`lesson-row-${lesson}`);
  }

  open(lesson: string): Locator {
    return this.row(lesson).getByTestId('lesson-open');
  }
}

/** One lesson (#/lessons/<id>): its steps (data-state done/current/waiting), commands, needs, start over. */
export class LessonPage {
  readonly root: Locator;
  readonly steps: Locator;
  readonly checkAgain: Locator;
  readonly startOver: Locator;
  readonly resetDialog: Locator;
  readonly resetConfirm: Locator;
  readonly done: Locator;
  readonly needs: Locator;

  constructor(page: Page) {
    this.root = page.getByTestId('lesson-page');
    this.steps = page.getByTestId('lesson-steps').locator(':scope > li');
    this.checkAgain = page.getByTestId('lesson-check-again');
    this.startOver = page.getByTestId('lesson-start-over');
    this.resetDialog = page.getByTestId('lesson-reset-dialog');
    this.resetConfirm = page.getByTestId('lesson-reset-confirm');
    this.done = page.getByTestId('lesson-done');
    this.needs = page.getByTestId('lesson-needs');
  }

  step(id: string): Locator {
    return this.root.getByTestId(`lesson-step-${id}`);
  }

  /** What Berth saw, once the step is done. */
  doneText(id: string): Locator {
    return this.step(id).getByTestId('lesson-step-done');
  }

  commands(id: string): Locator {
    return this.step(id).getByTestId('lesson-command');
  }
}
