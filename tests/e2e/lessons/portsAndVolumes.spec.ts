import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { docker, dockerQuiet, requireEngine } from '../../fixtures/dockerCli';
import { freePort } from '../../fixtures/freePort';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshot, saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { ContainersPage } from '../pages/ContainersPage';
import { ImagesPage } from '../pages/ImagesPage';
import { LessonPage } from '../pages/LessonPages';
import { RunDialog } from '../pages/RunDialog';
import { RunFlowPage } from '../pages/RunFlowPage';
import { VolumesPage } from '../pages/VolumesPage';

// Lesson 6 done twice against the real engine: once in Berth's UI (English: the run dialog with a
// port and with the volume, the Volumes page, the Containers page), once with the docker CLI in a
// terminal (Korean). Each time every step turns done on the lesson page without a reload.
// The site is this spec's own build of the lesson's example (resources/examples/static-site), so
// lesson 5's my-site is neither needed nor touched: the lesson takes any web server published
// since it started. The volume is the one the lesson names, berth-notes: the spec runs only when no
// one else has it, and removes it after. Its containers are named uniquely and removed after.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const NOTES = 'berth-notes';
const site = `berth-e2e-site-${process.pid}`;
const names = (way: string) => ({
  site: `berth-e2e-pv-${way}-site-${process.pid}`,
  writer: `berth-e2e-pv-${way}-writer-${process.pid}`,
  reader: `berth-e2e-pv-${way}-reader-${process.pid}`,
});
const ui = names('ui');
const cli = names('cli');
const notesTakenBefore = dockerQuiet('volume', 'ls', '-q', '--filter', `name=^${NOTES}$`) !== '';
test.skip(notesTakenBefore, `A volume ${NOTES} exists that this spec did not make: it is left alone.`);

const harness = harnessForSpec({ pull: ['busybox'] });

function removeOurs(): void {
  dockerQuiet('rm', '-f', ...Object.values(ui), ...Object.values(cli));
  dockerQuiet('volume', 'rm', NOTES);
}
test.beforeAll(() => {
  removeOurs();
  docker('build', '-q', '-t', site, path.resolve(__dirname, '../../../resources/examples/static-site'));
});
test.afterAll(() => {
  removeOurs();
  dockerQuiet('rmi', site);
});

/** A terminal's docker command, with the environment the harness's Berth follows (DOCKER_HOST). */
const terminal = promisify(execFile);
const dockerInTerminal = (...args: string[]) => terminal('docker', args, { env: process.env });

/**
 * Forgets what an earlier test did. Start over leaves the lesson not started (nothing is checked
 * until it is opened again), so the page is opened again before the steps begin.
 */
async function startOverIfStarted(page: Page, lesson: LessonPage): Promise<void> {
  if ((await lesson.startOver.count()) === 0) return;
  await lesson.startOver.click();
  await lesson.resetConfirm.click();
  await expect(lesson.resetDialog).toHaveCount(0);
  await page.reload();
  await expect(lesson.step('run')).toBeVisible();
}

/** Back to the lesson the way a learner goes: the address in Berth's own navigation, no reload. */
async function backToLesson(page: Page): Promise<void> {
  await page.evaluate(() => (window.location.hash = '#/lessons/portsAndVolumes'));
}

test('(en) via Berth’s UI: the run dialog with a port, the page, the Volumes page, the run dialog with the volume', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await page.goto(pageUrl(harness(), 'lessons/portsAndVolumes', 'en'));
  const lesson = new LessonPage(page);
  await expect(lesson.step('run')).toBeVisible();
  await startOverIfStarted(page, lesson);
  await expect(lesson.commands('run')).toHaveText(/\$ docker run -d --name my-site -p 8080:8080 my-site/);
  await expect(lesson.commands('volume')).toHaveText(/\$ docker volume create berth-notes/);

  // Step 1: the site's image from the Images page, its EXPOSEd 8080 published on a free host port.
  await page.getByTestId('sidebar').getByRole('link', { name: 'Images' }).click();
  await new ImagesPage(page).runButton(`${site}:latest`).click();
  const dialog = new RunDialog(page);
  await expect(dialog.image).toHaveValue(`${site}:latest`);
  await dialog.name.fill(ui.site);
  await expect(dialog.containerPort).toHaveValue('8080');
  const port = await freePort();
  await dialog.hostPort.fill(String(port));
  await dialog.submit.click();
  const flow = new RunFlowPage(page);
  await expect(flow.root).toHaveAttribute('data-state', 'running', { timeout: 60_000 });

  await backToLesson(page);
  await expect(lesson.step('run')).toHaveAttribute('data-state', 'done');
  // Step 2: the page answers on the published port (Berth asks it as a browser does).
  await expect(lesson.step('open')).toHaveAttribute('data-state', 'done');
  const answer = await fetch(`http://127.0.0.1:${port}/`);
  expect(await answer.text()).toContain('It works!');

  // Step 3: the Volumes page's New volume.
  await expect(lesson.step('volume')).toHaveAttribute('aria-current', 'step');
  await page.getByTestId('sidebar').getByRole('link', { name: 'Volumes' }).click();
  const volumes = new VolumesPage(page);
  // On an engine with no volume at all the page is its empty state, whose button says the same.
  await volumes.create.or(volumes.emptyState.getByRole('button', { name: 'New volume' })).click();
  await volumes.createDialog.name.fill(NOTES);
  await volumes.createDialog.submit.click();
  await expect(volumes.createDialog.root).toHaveCount(0);
  await backToLesson(page);
  await expect(lesson.step('volume')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('volume')).toHaveText('The volume berth-notes is there.');

  // Step 4: the lesson's button opens the run dialog with busybox, the volume at /data and the command.
  await lesson.step('write').scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'lesson-portsAndVolumes-write-en');
  await lesson.step('write').getByTestId('lesson-action-write').click();
  await expect(dialog.commandPreview).toHaveText(
    `$ docker run --name notes-writer --mount type=volume,source=${NOTES},target=/data busybox sh -c 'echo hello > /data/hello.txt'`,
  );
  await dialog.name.fill(ui.writer);
  await dialog.submit.click();
  await expect(flow.root).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  await backToLesson(page);
  await expect(lesson.step('write')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('write')).toHaveText('The volume berth-notes holds hello.txt.');
  await expect(lesson.commands('remove')).toHaveText(new RegExp(`\\$ docker rm ${ui.writer}`));

  // Step 5: the step's screen link shows the writer on the Containers page; remove it there.
  await lesson.step('remove').getByTestId('lesson-step-screen').click();
  const containers = new ContainersPage(page);
  await containers.remove(ui.writer);
  await containers.removeDialog.confirm.click();
  await expect(containers.row(ui.writer)).toHaveCount(0);
  await backToLesson(page);
  await expect(lesson.step('remove')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('remove')).toHaveText('No container uses berth-notes, and hello.txt is still in it.');

  // Step 6: a new container reads the file; the run flow shows what it printed.
  await lesson.step('read').getByTestId('lesson-action-read').click();
  await dialog.name.fill(ui.reader);
  await dialog.submit.click();
  await expect(flow.root).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  await expect(flow.output).toContainText('hello');
  await backToLesson(page);
  await expect(lesson.step('read')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('read')).toContainText(`${ui.reader} read hello.txt from the volume`);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-portsAndVolumes-finished-en', () =>
    lesson.step('read').scrollIntoViewIfNeeded(),
  );
  dockerQuiet('rm', '-f', ...Object.values(ui));
  docker('volume', 'rm', NOTES);
});

test('(ko) via the docker CLI in a terminal: -p, docker volume create, -v, docker rm', async ({ page }) => {
  test.setTimeout(180_000);
  await page.goto(pageUrl(harness(), 'lessons/portsAndVolumes', 'ko'));
  const lesson = new LessonPage(page);
  await expect(lesson.step('run')).toBeVisible();
  await startOverIfStarted(page, lesson);
  await saveScreenshotsInEveryLook(page, 'lesson-portsAndVolumes-first-ko', () =>
    lesson.step('run').scrollIntoViewIfNeeded(),
  );

  const port = await freePort();
  await dockerInTerminal('run', '-d', '--name', cli.site, '-p', `${port}:8080`, site);
  await expect(lesson.step('run')).toHaveAttribute('data-state', 'done');
  await expect(lesson.step('open')).toHaveAttribute('data-state', 'done');

  await dockerInTerminal('volume', 'create', NOTES);
  await expect(lesson.step('volume')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('volume')).toHaveText('berth-notes 볼륨이 있어요.');

  await dockerInTerminal(
    'run',
    '--name',
    cli.writer,
    '-v',
    `${NOTES}:/data`,
    'busybox',
    'sh',
    '-c',
    'echo hello > /data/hello.txt',
  );
  await expect(lesson.step('write')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('write')).toHaveText('berth-notes 볼륨에 hello.txt 파일이 있어요.');

  await dockerInTerminal('rm', cli.writer);
  await expect(lesson.step('remove')).toHaveAttribute('data-state', 'done');

  const { stdout } = await dockerInTerminal(
    'run',
    '--name',
    cli.reader,
    '-v',
    `${NOTES}:/data`,
    'busybox',
    'cat',
    '/data/hello.txt',
  );
  expect(stdout.trim()).toBe('hello');
  await expect(lesson.step('read')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('read')).toContainText(`${cli.reader} 컨테이너가 볼륨에서 hello.txt 파일을 읽었어요.`);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-portsAndVolumes-finished-ko', () =>
    lesson.step('read').scrollIntoViewIfNeeded(),
  );
  dockerQuiet('rm', '-f', ...Object.values(cli));
  docker('volume', 'rm', NOTES);
});
