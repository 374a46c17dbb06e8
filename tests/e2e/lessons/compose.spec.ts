import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible } from '../../fixtures/axe';
import { docker, dockerQuiet, requireEngine } from '../../fixtures/dockerCli';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { ComposePage, ComposeProjectPage } from '../pages/ComposePage';
import { LessonPage, LessonsListPage } from '../pages/LessonPages';
import { startOverIfDone } from './startOver';

// Lesson 7 done twice against the real engine: once with Berth's buttons (English: the example
// copied by the lesson, up and down in the Compose screen), once with compose in a terminal (Korean:
// a copy made by hand, a project name of this run's own). A visit sends Docker no event: the page is
// fetched from here, then the lesson checks again (the learner comes back to Berth). The example's
// port, 8089, is the compose spec's too: the specs run one after the other.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

/** The project lessons.copyExample's copy makes: compose names it for its folder, <picked>/visit-counter. */
const UI_PROJECT = 'visit-counter';
const cliProject = `berthl7cli${process.pid}`;
const harness = harnessForSpec({ pull: ['busybox', 'redis'] });
const folders: string[] = [];
const ours = new Set<string>();
const terminal = promisify(execFile);
const PAGE = 'http://127.0.0.1:8089/';

function projectContainers(project: string): string[] {
  return docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`).split('\n').filter(Boolean);
}

/** Everything compose made for a project of ours: containers, networks, volumes, the built image. */
function takeDown(project: string): void {
  const containers = projectContainers(project);
  if (containers.length) docker('rm', '-f', '-v', ...containers);
  for (const kind of ['network', 'volume'])
    for (const id of docker(kind, 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`)
      .split('\n')
      .filter(Boolean))
      dockerQuiet(kind, 'rm', id);
  for (const image of [`${project}_web`, `${project}-web`]) dockerQuiet('rmi', image);
}

test.afterAll(() => {
  for (const project of ours) takeDown(project);
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

function tempFolder(): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lesson7-e2e-'));
  folders.push(folder);
  return folder;
}

/** A visit, as the learner's browser makes one: the page counts it in redis. */
async function visit(): Promise<number> {
  const body = await (await fetch(PAGE)).text();
  const count = /Visits: (\d+)/.exec(body);
  if (!count) throw new Error(`no count in: ${body.slice(0, 200)}`);
  return Number(count[1]);
}

/** Back to the lesson as a learner goes: Learn in the sidebar, then the lesson (no reload). */
async function backToLesson(page: Page): Promise<void> {
  await page.getByTestId('sidebar').getByRole('link', { name: 'Learn' }).click();
  await new LessonsListPage(page).row('compose').getByRole('link', { name: 'Many containers: compose' }).click();
}

test.describe.configure({ mode: 'serial' });

test('(en) via Berth’s UI: copy the example, Up, a visit, Down, Up again, and every step turns done', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // The copy's project is named for its folder: another one of that name (a user's, the compose spec's) is not ours to touch.
  test.skip(projectContainers(UI_PROJECT).length > 0, `a ${UI_PROJECT} project already exists on this engine`);
  const parent = tempFolder();
  await page.goto(pageUrl(harness(), 'lessons/compose', 'en'));
  const lesson = new LessonPage(page);
  await expect(lesson.step('up')).toBeVisible();
  await startOverIfDone(page, 'compose');
  // Nothing copied yet: the lesson says the example is needed (compose is there: docker-compose here).
  await expect(lesson.needs).toBeVisible();
  await expect(lesson.needs).not.toContainText('docker compose');
  await expectAccessible(page, 'lesson 7');
  await saveScreenshotsInEveryLook(page, 'lesson-compose-first-en');

  // The example, copied into the folder typed (the OS dialog is Electron's).
  await page.getByTestId('lesson-compose-copy-path').fill(parent);
  await page.getByTestId('lesson-compose-copy-open').click();
  const copy = path.join(parent, 'visit-counter');
  await expect(page.getByTestId('lesson-compose-folder')).toContainText(copy);
  expect(fs.existsSync(path.join(copy, 'compose.yaml'))).toBe(true);
  await expect(lesson.needs).toHaveCount(0);
  await expect(lesson.step('up')).toHaveAttribute('data-state', 'current');

  // Up in the Compose screen, opened from the lesson.
  ours.add(UI_PROJECT);
  await page.getByTestId('lesson-compose-example').getByTestId('lesson-compose-open-compose').click();
  const project = new ComposeProjectPage(page);
  await expect(project.root).toBeVisible();
  await project.up.click();
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
  await backToLesson(page);
  await expect(lesson.step('up')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('up')).toHaveText('The project visit-counter runs: web and redis.');

  // A visit, then back in Berth: Check again reads the count in redis. (Any GET of the page counts:
  // the Compose screen's check whether a published port answers HTTP may have counted one already.)
  const first = await visit();
  expect(first).toBeGreaterThanOrEqual(1);
  await lesson.checkAgain.click();
  await expect(lesson.step('counted')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('counted')).toHaveText(/^The count Redis keeps: [1-9]\d*\.$/);

  // Down in the Compose screen: the volumes stay unticked.
  await lesson.step('down').getByTestId('lesson-compose-open-compose').click();
  await project.down.click();
  await expect(project.removeVolumes).not.toBeChecked();
  await project.downConfirm.click();
  await expect(project.job).toHaveAttribute('data-action', 'down');
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await backToLesson(page);
  await expect(lesson.step('down')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('down')).toHaveText(
    'The containers are gone; the volume visit-counter_counter-data stayed.',
  );

  // Up again: new containers, the count goes on.
  await lesson.step('upAgain').getByTestId('lesson-compose-open-compose').click();
  await project.up.click();
  await expect(project.job).toHaveAttribute('data-action', 'up');
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
  // Running again, and redis still has the count: no visit needed. Redis may still have been loading
  // its data when its start was seen; Check again asks it once more, as coming back to Berth does.
  await backToLesson(page);
  await lesson.checkAgain.click();
  await expect(lesson.step('upAgain')).toHaveAttribute('data-state', 'done');
  // The count is at least the one before down (a page open somewhere may have counted one more since).
  await expect(lesson.doneText('upAgain')).toHaveText(
    /^New containers, the same volume: the count is [1-9]\d*, it was [1-9]\d* before down\.$/,
  );
  // The next visit goes on from it.
  expect(await visit()).toBeGreaterThan(first);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-compose-finished-en', () => lesson.done.scrollIntoViewIfNeeded());
  takeDown(UI_PROJECT);
});

test('(ko) via compose in a terminal: up -d, a visit, down, up -d, and every step turns done', async ({ page }) => {
  test.setTimeout(600_000);
  ours.add(cliProject);
  // The learner's own copy of the example, made by hand.
  const folder = path.join(tempFolder(), 'visit-counter');
  fs.cpSync(path.resolve(__dirname, '../../../resources/examples/visit-counter'), folder, { recursive: true });

  // The first test's project is gone from Berth's lists too before the lesson starts again (else its
  // last state could be taken for this one's up).
  await page.goto(pageUrl(harness(), 'compose', 'ko'));
  await expect(new ComposePage(page).root).toBeVisible();
  await expect(new ComposePage(page).project(UI_PROJECT)).toHaveCount(0);
  await page.evaluate(() => (window.location.hash = '#/lessons/compose'));
  const lesson = new LessonPage(page);
  await expect(lesson.step('up')).toBeVisible();
  await startOverIfDone(page, 'compose');
  await expect(lesson.step('up')).toHaveAttribute('data-state', 'current');
  await expect(lesson.needs).toBeVisible();
  // The compose this computer has, as the lesson writes it (docker-compose here, docker compose on Docker Desktop).
  const upLine = (await lesson.commands('up').filter({ hasText: ' up -d' }).first().textContent()) ?? '';
  const words = /\$?\s*(.+?) up -d/.exec(upLine)?.[1]?.trim().split(/\s+/) ?? [];
  expect(words.length).toBeGreaterThan(0);
  const compose = (...args: string[]) =>
    terminal(words[0]!, [...words.slice(1), '-p', cliProject, ...args], { cwd: folder, env: process.env });
  /** The learner comes back to Berth's window: the page checks again. */
  const backToBerth = () => page.evaluate(() => window.dispatchEvent(new Event('focus')));

  await compose('up', '-d');
  await expect(lesson.step('up')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(lesson.doneText('up')).toHaveText(
    `${cliProject} 프로젝트가 실행 중이에요. web과 redis가 모두 실행 중이에요.`,
  );

  const first = await visit();
  expect(first).toBeGreaterThanOrEqual(1);
  await backToBerth();
  await expect(lesson.step('counted')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('counted')).toHaveText(/^redis에 저장된 방문 수: [1-9]\d*$/);

  await compose('down');
  await expect(lesson.step('down')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('down')).toHaveText(`컨테이너는 사라졌고 ${cliProject}_counter-data 볼륨은 남았어요.`);

  await compose('up', '-d');
  await backToBerth();
  await expect(lesson.step('upAgain')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('upAgain')).toHaveText(
    /^새 컨테이너, 같은 볼륨이에요\. 지금 방문 수: [1-9]\d* \(내리기 전: [1-9]\d*\)$/,
  );
  expect(await visit()).toBeGreaterThan(first);
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-compose-finished-ko', () => lesson.done.scrollIntoViewIfNeeded());
  await compose('down', '-v');
});
