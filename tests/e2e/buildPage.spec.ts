import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';
import { pageUrl } from '../fixtures/harness';
import { saveScreenshot, saveScreenshotMatrix } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { BuildJobView } from './pages/BuildJobView';
import { BuildPage } from './pages/BuildPage';
import { ImagesPage } from './pages/ImagesPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });

// Everything this spec makes is named with its run, and removed after it.
const run = `${process.pid}-${Date.now()}`;
const exampleTag = `berth-e2e-build-site:${process.pid}`;
const sleepTag = `berth-e2e-build-sleep:${process.pid}`;
const stageTag = `berth-e2e-build-stage:${process.pid}`;
const folders: string[] = [];
/** Images a later build took this spec's tag from (left without a name): removed by id, unless another tag holds them. */
const untagged: string[] = [];

test.afterAll(() => {
  for (const tag of [exampleTag, sleepTag, stageTag]) dockerQuiet('rmi', tag);
  for (const id of untagged) dockerQuiet('rmi', id);
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A folder of this run's own with the given files, opened by path as in the harness. */
function projectFolder(files: Record<string, string>): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-build-'));
  folders.push(folder);
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(folder, name)), { recursive: true });
    fs.writeFileSync(path.join(folder, name), content);
  }
  return folder;
}

/** The screen at 1280×800 and 900×600, light and dark: build-<name>-<lang>-<scheme>-<size>.png. */
const screenshots = (page: Page, name: string, lang: 'en' | 'ko') => saveScreenshotMatrix(page, `build-${name}`, lang);

test('an empty Build page says what to do next, and the Images page leads to it', async ({ page }) => {
  await page.goto(pageUrl(harness(), 'images'));
  await new ImagesPage(page).build.click();
  const build = new BuildPage(page);
  await expect(build.root).toHaveAttribute('data-state', 'empty');
  await expect(build.root).toContainText('Start with a folder');
  await expect(build.example('static-site')).toContainText('busybox httpd on port 8080');
  await expect(build.about).toContainText('classic builder');
  await screenshots(page, 'empty', 'en');

  await page.goto(pageUrl(harness(), 'build', 'ko'));
  await expect(build.root).toContainText('폴더부터 골라요');
  await screenshots(page, 'empty', 'ko');
});

test('the static-site example: highlighted, counted, built, built again from the cache, edited and built from the edit', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const build = new BuildPage(page);
  const job = new BuildJobView(page);

  await page.goto(pageUrl(harness(), 'build', 'ko'));
  await build.example('static-site').click();
  await expect(build.contextSends).toContainText('도커 서버로 보내요');
  await screenshots(page, 'example-open', 'ko');

  await page.goto(pageUrl(harness(), 'build'));
  await build.example('static-site').click();
  await expect(build.currentFolder).toContainText('static-site');
  await expect(build.editor.getByRole('textbox', { name: 'Dockerfile editor: Dockerfile' })).toBeVisible();
  // Dockerfile highlighting: the keyword has its own colour, apart from the text after it.
  const from = build.tokens('FROM busybox').first();
  await expect(from).toHaveText('FROM');
  const colour = (locator: typeof from) => locator.evaluate((element) => getComputedStyle(element).color);
  const lineColour = await build
    .line('FROM busybox')
    .first()
    .evaluate((element) => getComputedStyle(element).color);
  expect(await colour(from)).not.toBe(lineColour);
  await expect(build.contextSends).toHaveText(/^Sends \d files? \(.+\) to the Docker server$/);
  await expect(build.command).toHaveText(/^\$ DOCKER_BUILDKIT=0 docker build -t static-site \/.+static-site$/);
  await screenshots(page, 'example-open', 'en');

  await build.tag.fill(exampleTag);
  await build.submit.click();
  expect(await job.ended()).toBe('done');
  await expect(job.result).toContainText(exampleTag);
  expect(imageExists(exampleTag)).toBe(true);
  const total = await job.steps.count();
  expect(total).toBeGreaterThanOrEqual(4);

  // Again: nothing changed, so every step comes from the build cache.
  const first = (await job.root.getAttribute('data-job-id')) ?? '';
  await build.submit.click();
  // A build that is all cache may be done before it is seen running: the new job is told by its id.
  await expect(job.root).not.toHaveAttribute('data-job-id', first);
  expect(await job.ended()).toBe('done');
  await expect(build.steps('cached')).toHaveCount(total);
  await screenshots(page, 'example-done', 'en');

  untagged.push(docker('image', 'inspect', '--format', '{{.Id}}', exampleTag));
  // A line of the user's own after FROM: that step and every one after it run again; FROM stays cached.
  await build.insertLineAfter('FROM busybox', `LABEL berth.e2e="${run}"`);
  await expect(build.dirty).toBeVisible();
  await page.keyboard.press('ControlOrMeta+s');
  await expect(build.saved).toBeVisible();
  const dockerfile = path.join((await build.currentFolder.textContent()) ?? '', 'Dockerfile');
  expect(fs.readFileSync(dockerfile, 'utf8')).toContain(`LABEL berth.e2e="${run}"`);
  await build.submit.click();
  await expect(job.steps).toHaveCount(total + 1);
  expect(await job.ended()).toBe('done');
  await expect(job.step(1)).toHaveAttribute('data-state', 'cached');
  for (let index = 2; index <= total + 1; index += 1)
    await expect(job.step(index)).toHaveAttribute('data-state', 'ran');
  // A step's line shows in the editor, marked.
  await build.showLineOf(2).click();
  await expect(build.markedLine).toContainText('LABEL berth.e2e');

  await page.goto(pageUrl(harness(), 'build', 'ko'));
  await build.example('static-site').click();
  await expect(job.root).toHaveAttribute('data-state', 'done');
  await job.root.scrollIntoViewIfNeeded();
  await screenshots(page, 'example-done', 'ko');
});

test('the multi-stage example builds only up to the stage chosen as the target', async ({ page }) => {
  const build = new BuildPage(page);
  const job = new BuildJobView(page);
  await page.goto(pageUrl(harness(), 'build'));
  await build.example('multi-stage').click();
  await expect(build.target.locator('option[value=build]')).toHaveText(/^build \(line \d+\)$/);
  await build.target.selectOption('build');
  await build.tag.fill(stageTag);
  await expect(build.command).toContainText(`-t ${stageTag} --target build `);
  await build.submit.click();
  expect(await job.ended()).toBe('done');
  // The first stage's two steps (FROM, RUN), and none of the final stage's.
  await expect(job.steps).toHaveCount(2);
  await expect(job.result).toContainText(stageTag);
  expect(docker('run', '--rm', stageTag, 'cat', '/out/message.txt')).toContain('multi-stage build');
});

test('a folder without a Dockerfile says so and offers to write one; a path with no folder is said inline', async ({
  page,
}) => {
  const build = new BuildPage(page);
  await page.goto(pageUrl(harness(), 'build'));
  await build.openFolder(path.join(os.tmpdir(), `berth-e2e-nothing-here-${run}`));
  await expect(build.folderProblem).toHaveText(
    'There is no folder at this path. Check the spelling, or choose the folder again.',
  );

  const folder = projectFolder({ 'index.html': '<p>hi</p>\n' });
  await build.openFolder(folder);
  await expect(build.noDockerfile).toContainText('No Dockerfile in this folder');
  await build.newDockerfile.click();
  await expect(build.line('FROM busybox')).toBeVisible();
  await expect(build.dirty).toBeVisible();
  await build.save.click();
  await expect(build.saved).toBeVisible();
  expect(fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8')).toContain('FROM busybox\n');
});

test('a Dockerfile changed on disk is not overwritten: the page says so and offers to reload it', async ({ page }) => {
  const folder = projectFolder({ Dockerfile: 'FROM busybox\nCMD ["true"]\n' });
  const build = new BuildPage(page);
  await page.goto(pageUrl(harness(), 'build'));
  await build.openFolder(folder);
  await build.insertLineAfter('FROM busybox', 'RUN echo mine');
  const theirs = 'FROM busybox\nCMD ["echo", "theirs"]\n';
  fs.writeFileSync(path.join(folder, 'Dockerfile'), theirs);

  await build.save.click();
  await expect(build.conflict).toContainText('Dockerfile changed on disk since you opened it');
  expect(fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8')).toBe(theirs);
  await expect(build.dirty).toBeVisible();
  await saveScreenshot(page, 'build-changed-on-disk-en');

  await build.reload.click();
  await expect(build.reloadDialog).toContainText('Your unsaved edits to Dockerfile are lost');
  await build.reloadConfirm.click();
  await expect(build.line('CMD ["echo", "theirs"]')).toBeVisible();
  await expect(build.line('RUN echo mine')).toHaveCount(0);
  await expect(build.dirty).toHaveCount(0);
  expect(fs.readFileSync(path.join(folder, 'Dockerfile'), 'utf8')).toBe(theirs);
});

test('an oversized build context names its folder, and one click leaves it out with .dockerignore', async ({
  page,
}) => {
  const folder = projectFolder({ Dockerfile: 'FROM busybox\nCOPY app.txt /app.txt\n', 'app.txt': 'hello\n' });
  fs.mkdirSync(path.join(folder, 'node_modules'));
  // 150 MB that take no disk: a sparse file.
  fs.closeSync(fs.openSync(path.join(folder, 'node_modules', 'big.bin'), 'w'));
  fs.truncateSync(path.join(folder, 'node_modules', 'big.bin'), 150 * 1024 * 1024);

  const build = new BuildPage(page);
  await page.goto(pageUrl(harness(), 'build'));
  await build.openFolder(folder);
  await expect(build.oversized).toContainText('node_modules');
  await expect(build.ignoreFolder).toHaveText('Add node_modules to .dockerignore');
  await saveScreenshot(page, 'build-oversized-en');
  await build.ignoreFolder.click();
  await expect(build.contextNotice).toHaveText('Added node_modules to .dockerignore.');
  await expect(build.oversized).toHaveCount(0);
  await expect(build.contextSends).toContainText(/Sends \d files? \(/);
  expect(fs.readFileSync(path.join(folder, '.dockerignore'), 'utf8')).toMatch(/^\/?node_modules\/?$/m);
});

test('Cancel during RUN sleep 30 stops the build: no tag, no container left', async ({ page }) => {
  test.setTimeout(120_000);
  const folder = projectFolder({ Dockerfile: `FROM busybox\nRUN sleep 30 # ${run}\n` });
  const build = new BuildPage(page);
  const job = new BuildJobView(page);
  await page.goto(pageUrl(harness(), 'build'));
  await build.openFolder(folder);
  await build.tag.fill(sleepTag);
  await build.submit.click();
  await expect(job.step(2)).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  await expect(build.cancel).toBeVisible();
  await screenshots(page, 'running', 'en');

  // The build goes on in the main process: in Korean, the folder opened again shows it still running.
  await page.goto(pageUrl(harness(), 'build', 'ko'));
  await build.openFolder(folder);
  await expect(job.step(2)).toHaveAttribute('data-state', 'running');
  await job.root.scrollIntoViewIfNeeded();
  await screenshots(page, 'running', 'ko');

  await build.cancel.click();
  expect(await job.ended()).toBe('cancelled');
  expect(imageExists(sleepTag)).toBe(false);
  await expect
    .poll(() => docker('ps', '-a', '--no-trunc', '--format', '{{.Command}}').includes(run), { timeout: 20_000 })
    .toBe(false);
});

test('a bad image name is said under its field, in English and in Korean', async ({ page }) => {
  const folder = projectFolder({ Dockerfile: 'FROM busybox\n' });
  const build = new BuildPage(page);
  for (const [lang, sentence] of [
    ['en', 'An image name has no spaces.'],
    ['ko', '이미지 이름에는 공백이 들어갈 수 없어요.'],
  ] as const) {
    await page.goto(pageUrl(harness(), 'build', lang));
    await build.openFolder(folder);
    await build.tag.fill('my site');
    await build.tag.blur();
    await expect(build.tag).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByRole('alert').filter({ hasText: sentence })).toBeVisible();
    await build.submit.click();
    await expect(build.tag).toBeFocused();
    await expect(new BuildJobView(page).root).toHaveCount(0);
  }
});
