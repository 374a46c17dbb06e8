import { expect, test } from '@playwright/test';
import { lessonIds } from '../../../src/shared/lessons';
import { expectAccessible } from '../../fixtures/axe';
import { requireEngine } from '../../fixtures/dockerCli';
import { pageUrl, startHarness } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { EngineUnavailable } from '../pages/EngineUnavailable';
import { LessonPage, LessonsListPage } from '../pages/LessonPages';

// Every lesson's page as a learner first sees it, and the course list, in both languages, light and
// dark, at 1280×800 and 900×600, for people to look at (test-results/screenshots/lesson-*.png).
// Lesson 1's finished state is taken by whyDocker.spec.ts, which does the lesson.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec();

for (const lang of ['en', 'ko'] as const) {
  test(`(${lang}) the course list and every lesson's page at its start`, async ({ page }) => {
    test.setTimeout(240_000);
    await page.goto(pageUrl(harness(), 'lessons', lang));
    const list = new LessonsListPage(page);
    await expect(list.rows).toHaveCount(lessonIds.length);
    await expectAccessible(page, 'the lessons list');
    await saveScreenshotsInEveryLook(page, `lessons-list-${lang}`);

    const lesson = new LessonPage(page);
    for (const id of lessonIds) {
      await page.evaluate((hash) => (window.location.hash = hash), `#/lessons/${id}`);
      await expect(lesson.root).toHaveAttribute('data-lesson', id);
      // Loaded: the lesson's state came (a lesson still being written has no steps yet).
      await expect(lesson.checkAgain).toBeVisible();
      await saveScreenshotsInEveryLook(page, `lesson-${id}-start-${lang}`);
      if (id === 'whyDocker') await expectAccessible(page, 'lesson 1');
    }
  });
}

test('(en, ko) a lesson without the Docker server: the engine-down view, with Retry', async ({ page }) => {
  const down = await startHarness({ DOCKER_HOST: `unix:///tmp/berth-e2e-lessons-${process.pid}-nothing.sock` });
  try {
    for (const lang of ['en', 'ko'] as const) {
      await page.goto(pageUrl(down, 'lessons/whyDocker', lang));
      const unavailable = new EngineUnavailable(page);
      await expect(unavailable.consequence).toHaveText(
        lang === 'en'
          ? 'This lesson checks its steps on the Docker server. It continues where you left it once the server is back.'
          : '이 레슨은 도커 서버에서 단계를 확인해요. 서버가 돌아오면 멈춘 곳부터 이어서 해요.',
        { timeout: 30_000 },
      );
      await expect(unavailable.retry).toBeVisible();
      await saveScreenshotsInEveryLook(page, `lesson-engine-down-${lang}`);
    }
  } finally {
    await down.stop();
  }
});
