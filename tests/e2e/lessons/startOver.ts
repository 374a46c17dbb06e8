import { expect, type Page } from '@playwright/test';
import type { LessonId } from '../../../src/shared/lessons';
import { LessonPage, LessonsListPage } from '../pages/LessonPages';

/**
 * A fresh start when an earlier test left the lesson done. Start over forgets the progress; the
 * lesson starts again when it is opened, so it is opened again (the list, then the lesson: no reload).
 */
export async function startOverIfDone(page: Page, lessonId: LessonId): Promise<void> {
  const lesson = new LessonPage(page);
  // The lesson's state arrives with the page: Start over shows once a step is done in it.
  const done = await lesson.startOver.waitFor({ timeout: 3_000 }).then(
    () => true,
    () => false,
  );
  if (!done) return;
  await lesson.startOver.click();
  await lesson.resetConfirm.click();
  await expect(lesson.resetDialog).toHaveCount(0);
  await page.evaluate(() => (window.location.hash = '#/lessons'));
  await expect(new LessonsListPage(page).root).toBeVisible();
  await page.evaluate((hash) => (window.location.hash = hash), `#/lessons/${lessonId}`);
  await expect(lesson.root).toHaveAttribute('data-lesson', lessonId);
}
