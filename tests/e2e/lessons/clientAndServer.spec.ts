import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../../fixtures/axe';
import { docker, requireEngine } from '../../fixtures/dockerCli';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { InstallationPage } from '../pages/InstallationPage';
import { LessonPage } from '../pages/LessonPages';

// Lesson 3 done twice against the real engine. The Docker server cannot see `docker version` run in
// a terminal, so the step is done by what Berth sees: the installation check opened in Berth
// (English), or the terminal's `docker version` output pasted and matched (Korean). Nothing is
// created on the engine.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec();

/** A terminal's docker command, with the environment the harness's Berth follows (DOCKER_HOST). */
const terminal = promisify(execFile);

async function openLesson(page: Page, lang: 'en' | 'ko'): Promise<LessonPage> {
  await page.goto(pageUrl(harness(), 'lessons/clientAndServer', lang));
  const lesson = new LessonPage(page);
  await expect(lesson.step('versions')).toBeVisible();
  if ((await lesson.startOver.count()) > 0) {
    await lesson.startOver.click();
    await lesson.resetConfirm.click();
    await expect(lesson.resetDialog).toHaveCount(0);
    // Start over leaves the lesson not started; opening it again starts it (before any step).
    await page.reload();
  }
  await expect(lesson.step('versions')).toHaveAttribute('aria-current', 'step');
  return lesson;
}

test('(en) via Berth’s UI: the live versions, a wrong paste refused inline, then the installation check', async ({
  page,
}) => {
  test.setTimeout(90_000);
  const lesson = await openLesson(page, 'en');
  const serverVersion = docker('version', '--format', '{{.Server.Version}}');
  await expect(page.getByTestId('live-server')).toContainText(`version ${serverVersion}`);
  await expect(lesson.root).toContainText('The Docker server only sees the requests that reach it');
  await saveScreenshotsInEveryLook(page, 'lesson-clientAndServer-start-en');

  // Not `docker version` output: said inline, and the step stays to do.
  const paste = page.getByLabel('Paste what docker version printed in your terminal');
  await paste.fill('Hello from Docker!');
  await page.getByTestId('version-paste-check').click();
  await expect(page.getByTestId('version-paste-problem')).toHaveText(
    'This does not look like docker version output: there is no Client: part. Run docker version and paste everything it printed.',
  );
  await expect(lesson.step('versions')).toHaveAttribute('data-state', 'current');
  await expectAccessible(page, 'lesson 3 with a refused paste');
  await saveScreenshotsInEveryLook(page, 'lesson-clientAndServer-refused-en', () =>
    page.getByTestId('version-paste-problem').scrollIntoViewIfNeeded(),
  );

  // The installation check in Berth is Berth's `docker version`: opening it is the step.
  await lesson.step('versions').getByTestId('lesson-action-versions').click();
  const installation = new InstallationPage(page);
  await expect(installation.ready).toBeVisible();
  await expect(installation.fact('server-version')).toHaveText(serverVersion);
  await page.goBack();
  await expect(lesson.step('versions')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('versions')).toHaveText(`Berth saw the Docker server ${serverVersion} answer.`);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-clientAndServer-finished-en', () =>
    lesson.done.scrollIntoViewIfNeeded(),
  );
});

test('(ko) via the docker CLI: `docker version` run in a terminal and its output pasted', async ({ page }) => {
  test.setTimeout(90_000);
  const lesson = await openLesson(page, 'ko');
  const { stdout } = await terminal('docker', ['version'], { env: process.env });
  const serverVersion = docker('version', '--format', '{{.Server.Version}}');

  await page.getByLabel('터미널에서 docker version이 출력한 내용을 붙여 넣으세요').fill(stdout);
  await page.getByTestId('version-paste-check').click();
  // It matched: the step turns done, and its done text takes the paste box's place.
  await expect(lesson.step('versions')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('versions')).toHaveText(`Berth가 도커 서버 ${serverVersion}의 응답을 확인했어요.`);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-clientAndServer-finished-ko', () =>
    lesson.done.scrollIntoViewIfNeeded(),
  );
});
