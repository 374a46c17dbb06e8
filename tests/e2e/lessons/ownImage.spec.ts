import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page } from '@playwright/test';
import { SITE_DOCKERFILE, SITE_IMAGE } from '../../../src/shared/siteExample';
import { dockerQuiet, requireEngine } from '../../fixtures/dockerCli';
import { expectAccessible } from '../../fixtures/axe';
import { pageUrl } from '../../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../../fixtures/screenshots';
import { harnessForSpec } from '../../fixtures/specHarness';
import { BuildPage } from '../pages/BuildPage';
import { LessonPage } from '../pages/LessonPages';

// Lesson 5 done twice against the real engine: once with Berth's buttons (English: the example
// copied into a folder, built as my-site, built again all CACHED, built after index.html changed),
// once with `docker build -t my-site .` typed in a terminal three times with the same change between
// (Korean). The lesson names the image my-site, so the spec keeps what was tagged my-site before
// under another name of its own, and gives it the name back after; it removes only the images its
// own builds made, and its folders.

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });
const imageIdOf = (reference: string) => dockerQuiet('image', 'inspect', '--format', '{{.Id}}', reference);
/** What my-site named before this spec (someone's own my-site), kept as `keptAs` meanwhile. */
let before = '';
const keptAs = `berth-e2e-kept-my-site-${process.pid}`;
/** The images this spec's builds made. */
const built = new Set<string>();
const folders: string[] = [];

test.beforeAll(() => {
  before = imageIdOf(SITE_IMAGE);
  // Another name on it first, so that taking my-site away never removes the image itself.
  if (before) dockerQuiet('tag', before, keptAs);
});
test.afterAll(() => {
  dockerQuiet('rmi', SITE_IMAGE);
  if (before) {
    dockerQuiet('tag', before, SITE_IMAGE);
    dockerQuiet('rmi', keptAs);
  }
  for (const id of built) if (id !== before) dockerQuiet('rmi', id);
  for (const folder of folders) rmSync(folder, { recursive: true, force: true });
});

/** Notes the image my-site names now as one this spec built. */
function noteBuilt(): string {
  const id = imageIdOf(SITE_IMAGE);
  if (id) built.add(id);
  return id;
}

const terminal = promisify(execFile);
const dockerInTerminal = (...args: string[]) => terminal('docker', args, { env: process.env });

function newFolder(): string {
  const folder = mkdtempSync(path.join(tmpdir(), `berth-e2e-own-image-${process.pid}-`));
  folders.push(folder);
  return folder;
}

async function startOver(lesson: LessonPage): Promise<void> {
  await expect(lesson.step('build')).toBeVisible();
  if ((await lesson.startOver.count()) === 0) return;
  await lesson.startOver.click();
  await lesson.resetConfirm.click();
  await expect(lesson.resetDialog).toHaveCount(0);
}

/**
 * The lesson from its first step, with no my-site in the image cache (the first test's, or anyone's,
 * would finish the step at once). Berth follows the engine only while a lesson is under way: after a
 * finished lesson starts over, its first check may see the image list from before, so the step's
 * screen (the Build page once no my-site is listed) tells when the world is the engine's again.
 */
async function startClean(lesson: LessonPage): Promise<void> {
  await startOver(lesson);
  dockerQuiet('rmi', SITE_IMAGE);
  await expect(lesson.step('build').getByTestId('lesson-step-screen')).toHaveAttribute('href', /^#\/build/);
  if ((await lesson.step('build').getAttribute('data-state')) === 'done') await startOver(lesson);
  await expect(lesson.step('build')).toHaveAttribute('data-state', 'current');
}

/** The learner's editor: a line of index.html changed and saved. */
function changeIndexHtml(folder: string): void {
  const file = path.join(folder, 'index.html');
  writeFileSync(file, readFileSync(file, 'utf8').replace(/<h1>[^<]*<\/h1>/, `<h1>Changed ${Date.now()}</h1>`));
}

async function buildInLesson(page: Page, lesson: LessonPage, step: string): Promise<void> {
  await lesson.step(step).getByTestId('lesson-site-build-start').click();
  await expect(lesson.step(step)).toHaveAttribute('data-state', 'done', { timeout: 90_000 });
  noteBuilt();
  await expect(page.getByTestId('build-job')).toHaveCount(step === 'edit' ? 0 : 1);
}

test('(en) via Berth’s UI: copy the example, build my-site, build again all CACHED, change index.html and build', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(pageUrl(harness(), 'lessons/ownImage', 'en'));
  const lesson = new LessonPage(page);
  await startClean(lesson);
  // For a terminal: the two files to make by hand, and the build line.
  await expect(page.getByTestId('lesson-site-files')).toContainText('COPY index.html /www/index.html');
  await expect(lesson.commands('build')).toHaveText(/\$ docker build -t my-site \./);
  await expectAccessible(page, 'lesson 5 with the example’s folder to pick');

  // The example copied into a folder the learner types (the harness has no OS dialog).
  const parent = newFolder();
  await page.getByTestId('lesson-site-folder-path').fill(parent);
  await page.getByTestId('lesson-site-folder-open').click();
  const folder = path.join(parent, 'static-site');
  await expect(lesson.step('build').getByTestId('lesson-site-build')).toContainText(folder);
  // The commands now start in that folder.
  await expect(lesson.commands('build').first()).toContainText(`cd ${folder}`);
  await saveScreenshotsInEveryLook(page, 'lesson-ownImage-copied-en', () =>
    lesson.step('build').scrollIntoViewIfNeeded(),
  );

  await buildInLesson(page, lesson, 'build');
  await expect(lesson.doneText('build')).toContainText('The image my-site (');

  // The same build again: every step CACHED, the same image.
  const firstId = imageIdOf(SITE_IMAGE);
  await buildInLesson(page, lesson, 'rebuild');
  expect(imageIdOf(SITE_IMAGE)).toBe(firstId);
  await expect(lesson.doneText('rebuild')).toContainText(
    `as the same image (${firstId.replace('sha256:', '').slice(0, 12)})`,
  );
  const steps = lesson.step('edit').getByTestId('build-step');
  await expect(steps).toHaveCount(4);
  for (const state of await steps.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-state'))))
    expect(state).toBe('cached');
  await expectAccessible(page, 'lesson 5 with the CACHED rebuild');
  await saveScreenshotsInEveryLook(page, 'lesson-ownImage-cached-en', () =>
    lesson.step('edit').scrollIntoViewIfNeeded(),
  );

  // Open in Build: the Build page opens the folder, with its Dockerfile.
  await lesson.step('edit').getByTestId('lesson-site-open-build').click();
  const buildPage = new BuildPage(page);
  await expect(buildPage.currentFolder).toHaveText(folder);
  await expect(buildPage.editorText).toContainText('COPY index.html /www/index.html');
  await page.goBack();

  // The learner's editor changes index.html: FROM stays CACHED, COPY and the steps after it run.
  changeIndexHtml(folder);
  await buildInLesson(page, lesson, 'edit');
  expect(imageIdOf(SITE_IMAGE)).not.toBe(firstId);
  await expect(lesson.doneText('edit')).toContainText('the steps before your change came from the build cache');
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-ownImage-finished-en', () => lesson.done.scrollIntoViewIfNeeded());
});

test('(ko) via the docker CLI in a terminal: docker build three times, with index.html changed before the last', async ({
  page,
}) => {
  test.setTimeout(240_000);
  await page.goto(pageUrl(harness(), 'lessons/ownImage', 'ko'));
  const lesson = new LessonPage(page);
  await startClean(lesson);
  // The folder made by hand, with the two files the lesson shows.
  const folder = newFolder();
  writeFileSync(path.join(folder, 'Dockerfile'), SITE_DOCKERFILE);
  writeFileSync(path.join(folder, 'index.html'), '<h1>내가 만든 첫 이미지예요</h1>\n');

  await dockerInTerminal('build', '-t', SITE_IMAGE, folder);
  const firstId = noteBuilt();
  await expect(lesson.step('build')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('build')).toContainText('my-site 이미지(');

  await dockerInTerminal('build', '-t', SITE_IMAGE, folder);
  expect(noteBuilt()).toBe(firstId);
  await expect(lesson.step('rebuild')).toHaveAttribute('data-state', 'done');
  await expect(lesson.doneText('rebuild')).toContainText('모든 단계가 빌드 캐시를 사용했어요');

  changeIndexHtml(folder);
  await dockerInTerminal('build', '-t', SITE_IMAGE, folder);
  expect(noteBuilt()).not.toBe(firstId);
  await expect(lesson.step('edit')).toHaveAttribute('data-state', 'done');
  await expect(lesson.done).toBeVisible();
  await saveScreenshotsInEveryLook(page, 'lesson-ownImage-finished-ko', () => lesson.done.scrollIntoViewIfNeeded());
});
