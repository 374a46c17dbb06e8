import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../../fixtures/axe';
import { docker, dockerQuiet, imageExists, requireEngine } from '../../fixtures/dockerCli';
import { freePort } from '../../fixtures/freePort';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { LessonPage, LessonsListPage } from '../pages/LessonPages';
import { RunDialog } from '../pages/RunDialog';
import { RunFlowPage } from '../pages/RunFlowPage';
import { TrayPreview } from '../pages/TrayPreview';

// Lesson 1 done twice against the real engine: once with Berth's buttons (English), once with the
// docker CLI in a terminal (Korean). Each time the steps turn done on the page without a reload.
// The lesson's run step is "a running container of redis": the containers this spec makes are named
// uniquely and removed after. The redis image is shared (other specs run it, so it is not removed
// here): when it is already in the image cache, the pull step is done from the start, as it would be
// for a learner who has it.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

// Not pulled before: when redis is missing, the UI test pulls it with the lesson's own button.
const harness = harnessForSpec();
const uiName = `berth-e2e-why-ui-${process.pid}`;
const cliName = `berth-e2e-why-cli-${process.pid}`;
const removeOurs = () => dockerQuiet('rm', '-f', uiName, cliName);
test.beforeAll(removeOurs);
test.afterAll(removeOurs);

/** A terminal's docker command, with the environment the harness's Berth follows (DOCKER_HOST). */
const terminal = promisify(execFile);
const dockerInTerminal = (...args: string[]) => terminal('docker', args, { env: process.env });

/** Whether a redis container someone else runs already satisfies the run step. */
function othersRunRedis(): boolean {
  return dockerQuiet('ps', '-q', '--filter', 'ancestor=redis', '--filter', 'status=running') !== '';
}

async function startOverIfDone(page: Page, lesson: LessonPage): Promise<void> {
  if ((await lesson.startOver.count()) === 0) return;
  await lesson.startOver.click();
  await lesson.resetConfirm.click();
  await expect(lesson.resetDialog).toHaveCount(0);
}

test('(en) via Berth’s UI: Pull redis and Run redis, and both steps turn done', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(pageUrl(harness(), 'lessons', 'en'));
  // A beginner is told where to begin.
  const list = new LessonsListPage(page);
  await expect(list.rows).toHaveCount(8);
  await expect(list.row('whyDocker')).toHaveAttribute('data-recommended', 'true');
  await list.open('whyDocker').click();

  const lesson = new LessonPage(page);
  await expect(lesson.step('pull')).toBeVisible();
  await startOverIfDone(page, lesson);
  await expect(lesson.commands('pull')).toHaveText(/\$ docker pull redis/);
  await expect(lesson.commands('run')).toHaveText(/\$ docker run -d --name my-redis redis/);

  // Step 1 in Berth: the pull (the pulls panel shows it); the image in the cache is what counts.
  // (Decided from the engine, not the page: the page may still be settling its first check.)
  if (!imageExists('redis')) await lesson.step('pull').getByTestId('lesson-action-pull').click();
  await expect(lesson.step('pull')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson.doneText('pull')).toHaveText('The redis image is in the image cache.');

  // The menu bar (its preview page: the harness has no menu bar; it speaks Berth's language setting,
  // English here) offers the way back to the lesson; finished, the lessons.
  const trayItem = new TrayPreview(page).root.locator('[data-testid=tray-item][data-id=lessons] > span').first();
  if (othersRunRedis()) {
    // The shared engine already runs a redis container (another suite's): the run step is done
    // from the start, so its button is not there to click.
    test.info().annotations.push({ type: 'note', description: 'another redis container ran: step 2 done at once' });
  } else {
    await expect(lesson.step('run')).toHaveAttribute('aria-current', 'step');
    await page.evaluate(() => (window.location.hash = '#/tray'));
    await expect(trayItem).toHaveText('Continue: Why Docker (step 2 of 2)');
    await page.evaluate(() => (window.location.hash = '#/lessons/whyDocker'));

    // Step 2 in Berth: the run dialog opens with redis; its port goes on a free host port.
    await lesson.step('run').getByTestId('lesson-action-run').click();
    const dialog = new RunDialog(page);
    await expect(dialog.image).toHaveValue('redis');
    await dialog.name.fill(uiName);
    await expect(dialog.containerPort).toHaveValue('6379');
    await dialog.hostPort.fill(String(await freePort()));
    await dialog.submit.click();
    await expect(new RunFlowPage(page).root).toHaveAttribute('data-state', 'running', { timeout: 60_000 });

    // Back to the lesson through the sidebar, as a learner would (no reload).
    await page.getByTestId('sidebar').getByRole('link', { name: 'Learn' }).click();
    await list.row('whyDocker').getByRole('link', { name: 'Why Docker' }).click();
  }
  await expect(lesson.step('run')).toHaveAttribute('data-state', 'done');
  await expect(lesson.done).toBeVisible();
  if (!othersRunRedis()) await expect(lesson.doneText('run')).toHaveText(`The container ${uiName} runs redis.`);
  await page.evaluate(() => (window.location.hash = '#/tray'));
  await expect(trayItem).toHaveText('Lessons…');
  await page.evaluate(() => (window.location.hash = '#/lessons/whyDocker'));
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-whyDocker-finished-en', () => lesson.done.scrollIntoViewIfNeeded());
  await expectAccessible(page, 'lesson 1 finished');

  // Start over names the lesson and says only the progress goes; Cancel keeps it.
  await lesson.startOver.click();
  await expect(lesson.resetDialog).toContainText('Start “Why Docker” over?');
  await expect(lesson.resetDialog).toContainText('Nothing on the Docker server is removed');
  await expect(lesson.resetDialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await expectAccessible(page, 'the Start over dialog');
  await saveScreenshotsInEveryLook(page, 'lesson-reset-en');
  await lesson.resetDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(lesson.step('run')).toHaveAttribute('data-state', 'done');
  docker('rm', '-f', uiName);
});

test('(ko) via the docker CLI in a terminal: docker pull and docker run, and both steps turn done', async ({
  page,
}) => {
  test.setTimeout(120_000);
  removeOurs();
  await page.goto(pageUrl(harness(), 'lessons/whyDocker', 'ko'));
  const lesson = new LessonPage(page);
  await expect(lesson.step('pull')).toBeVisible();
  await startOverIfDone(page, lesson);
  await expect(lesson.step('pull')).toHaveAttribute('data-state', /current|done/);

  await dockerInTerminal('pull', 'redis');
  await expect(lesson.step('pull')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('pull')).toHaveText('redis 이미지가 이미지 캐시에 있어요.');

  if (!othersRunRedis()) await expect(lesson.step('run')).toHaveAttribute('aria-current', 'step');
  await dockerInTerminal('run', '-d', '--name', cliName, 'redis');
  await expect(lesson.step('run')).toHaveAttribute('data-state', 'done');
  await expect(lesson.done).toBeVisible();
  await expect(lesson.done).toContainText('레슨 완료');
  await saveScreenshotsInEveryLook(page, 'lesson-whyDocker-finished-ko', () => lesson.done.scrollIntoViewIfNeeded());
  docker('rm', '-f', cliName);
});
