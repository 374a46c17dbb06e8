import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { expectAccessible } from '../../fixtures/axe';
import { docker, dockerQuiet, requireEngine } from '../../fixtures/dockerCli';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { ContainersPage } from '../pages/ContainersPage';
import { LessonPage, LessonsListPage } from '../pages/LessonPages';
import { startOverIfDone } from './startOver';

// Lesson 8 done twice against the real engine: once in Berth's UI (English), once with the docker
// CLI (Korean). The engine is shared: the spec never prunes. It makes its own stopped container with
// 30 MB in its writable layer (reclaimable), the lesson measures, the spec removes that container by
// name, and the reclaimable space Berth measures goes down.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });
const uiName = `berth-e2e-clean-ui-${process.pid}`;
const cliName = `berth-e2e-clean-cli-${process.pid}`;
const removeOurs = () => dockerQuiet('rm', '-f', uiName, cliName);
test.beforeAll(removeOurs);
test.afterAll(removeOurs);
const terminal = promisify(execFile);

/** A stopped container whose own files take 30 MB: what a clean-up would free. */
function makeReclaimable(name: string): void {
  docker('run', '--name', name, 'busybox', 'dd', 'if=/dev/zero', 'of=/practice', 'bs=1M', 'count=30');
}

test.describe.configure({ mode: 'serial' });

test('(en) via Berth’s UI: the disk usage measured, a stopped container removed, the reclaimable space went down', async ({
  page,
}) => {
  test.setTimeout(180_000);
  makeReclaimable(uiName);
  await page.goto(pageUrl(harness(), 'lessons/cleanUp', 'en'));
  const lesson = new LessonPage(page);
  await expect(lesson.step('measure')).toBeVisible();
  await startOverIfDone(page, 'cleanUp');
  // Measured when the lesson started: a fact, with the sizes as docker system df writes them.
  await expect(lesson.step('measure')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson.doneText('measure')).toHaveText(
    /^Docker used \d[\d.]*[kMGT]?B; \d[\d.]*[kMGT]?B of it was reclaimable\.$/,
  );
  await expect(page.getByTestId('lesson-clean-up-total')).toHaveText(/\d[\d.]*[kMGT]?B/);
  await expect(lesson.step('clean')).toHaveAttribute('data-state', 'current');
  // Something is reclaimable (the container made above): no "nothing to remove" notice.
  await expect(page.getByTestId('lesson-clean-up-nothing')).toHaveCount(0);
  await expectAccessible(page, 'lesson 8');
  await saveScreenshotsInEveryLook(page, 'lesson-cleanUp-first-en');

  // The way to Disk usage is there; the spec removes only its own container, in the Containers screen.
  await expect(page.getByTestId('lesson-clean-up-open-disk-clean')).toBeVisible();
  await page.evaluate((name) => (window.location.hash = `#/containers?show=${encodeURIComponent(name)}`), uiName);
  const containers = new ContainersPage(page);
  await containers.remove(uiName);
  await containers.removeDialog.confirm.click();
  await expect(containers.row(uiName)).toHaveCount(0);

  await page.getByTestId('sidebar').getByRole('link', { name: 'Learn' }).click();
  await new LessonsListPage(page).row('cleanUp').getByRole('link', { name: 'Clean up' }).click();
  await expect(lesson.step('clean')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson.doneText('clean')).toHaveText(
    /^The reclaimable space went down from \d[\d.]*[kMGT]?B to \d[\d.]*[kMGT]?B: \d[\d.]*[kMGT]?B freed\.$/,
  );
  await expect(page.getByTestId('lesson-clean-up-before')).toHaveText(/B$/);
  await expect(page.getByTestId('lesson-clean-up-after')).toHaveText(/B$/);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-cleanUp-finished-en', () => lesson.done.scrollIntoViewIfNeeded());
});

test('(ko) via the docker CLI: docker system df, docker rm, and both steps turn done', async ({ page }) => {
  test.setTimeout(180_000);
  makeReclaimable(cliName);
  await page.goto(pageUrl(harness(), 'lessons/cleanUp', 'ko'));
  const lesson = new LessonPage(page);
  await expect(lesson.step('measure')).toBeVisible();
  await startOverIfDone(page, 'cleanUp');
  await terminal('docker', ['system', 'df'], { env: process.env });
  await expect(lesson.step('measure')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson.doneText('measure')).toContainText('를 확보할 수 있었어요.');
  await expect(lesson.commands('clean')).toHaveText([
    /docker container prune/,
    /docker image prune/,
    /docker system df/,
  ]);

  // Not `docker container prune` (it would remove every stopped container on this engine): ours, by name.
  await terminal('docker', ['rm', cliName], { env: process.env });
  await expect(lesson.step('clean')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson.doneText('clean')).toContainText('확보할 수 있는 공간이');
  await expect(lesson.doneText('clean')).toContainText('로 줄었어요.');
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-cleanUp-finished-ko', () => lesson.done.scrollIntoViewIfNeeded());
});
