import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { volumeContents } from '../fixtures/volumeContents';
import { docker, dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { pageUrl } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { VolumeDetailsPage } from './pages/VolumeDetailsPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });
const volume = `berth-e2e-vf-${process.pid}`;
const restored = `berth-e2e-vf-restored-${process.pid}`;
let dir = '';

test.beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-volume-files-'));
  docker('volume', 'create', volume);
  docker(
    'run',
    '--rm',
    '-v',
    `${volume}:/d`,
    'busybox',
    'sh',
    '-c',
    [
      'mkdir -p /d/notes "/d/my folder"',
      'printf "Hello from a container\\nThis line was written by busybox.\\n" > /d/notes/hello.txt',
      'printf "안녕하세요, 볼륨!\\n" > "/d/my folder/인사.txt"',
      'yes "a log line" | head -c 90000 > /d/big.log',
      'printf "\\001\\002\\000\\003" > /d/data.bin',
    ].join(' && '),
  );
});

test.afterAll(() => {
  for (const name of [volume, restored]) {
    const helpers = dockerQuiet('ps', '-aq', '--filter', `label=berth.volume=${name}`);
    if (helpers) dockerQuiet('rm', '-f', ...helpers.split('\n'));
    dockerQuiet('volume', 'rm', '-f', name);
  }
  if (dir) fs.rmSync(dir, { recursive: true, force: true });
});

/** axe-core's findings (WCAG 2.1 A and AA, best practices) on the page as it is, light and dark. */
async function axeViolations(page: Page): Promise<string[]> {
  await page.mouse.move(0, 0);
  const found: string[] = [];
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      .analyze();
    for (const violation of results.violations) {
      found.push(
        `${colorScheme}: ${violation.id} at ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
      );
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

/** Light and dark, at 1280×800 and 900×600: volume-files-<name>-<lang>-<scheme>-<size>.png. */
async function screenshots(page: Page, name: string, lang: 'en' | 'ko') {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const [width, height] of [
      [1280, 800],
      [900, 600],
    ] as const) {
      await page.setViewportSize({ width, height });
      await saveScreenshot(page, `volume-files-${name}-${lang}-${colorScheme}-${width}x${height}`);
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('browses into a folder with the keyboard and shows a file’s text; big and binary files are offered for download', async ({
  page,
}) => {
  await page.goto(pageUrl(harness(), `volumes/${volume}`));
  const details = new VolumeDetailsPage(page);
  await expect(details.heading).toHaveText(volume);
  await expect(details.readOnlyNote).toContainText('read-only');
  // Folders first, then files.
  await expect(details.entries).toHaveCount(4);
  await expect(details.entries.first()).toHaveAttribute('data-name', 'my folder');
  await expect(details.entries.nth(1)).toHaveAttribute('data-name', 'notes');

  // Keyboard: down to "notes", Enter opens it, Enter on its file shows the text.
  await details.entries.first().focus();
  await page.keyboard.press('ArrowDown');
  await expect(details.entry('notes')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(details.breadcrumb).toContainText('notes');
  // The new folder's first row ("up") takes the focus: one more step down to the file.
  await expect(details.up).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(details.entry('hello.txt')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(details.previewText).toHaveText('Hello from a container\nThis line was written by busybox.\n');
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'text', 'en');

  // Download: the harness has no OS dialog, so a path field.
  const destination = path.join(dir, 'hello copy.txt');
  await details.download.button.click();
  await details.download.path.fill('relative/path.txt');
  await details.download.save.click();
  await expect(details.download.pathError).toContainText('full path');
  await details.download.path.fill(destination);
  await details.download.save.click();
  await expect(details.download.saved).toContainText(destination);
  expect(fs.readFileSync(destination, 'utf8')).toBe('Hello from a container\nThis line was written by busybox.\n');

  // Backspace goes up; the breadcrumb's volume name goes to the root too.
  await details.entry('hello.txt').focus();
  await page.keyboard.press('Backspace');
  await expect(details.entries.first()).toBeFocused();
  await expect(details.entry('big.log')).toBeVisible();
  await details.entry('big.log').click();
  await expect(details.preview).toHaveAttribute('data-reason', 'too-large');
  await expect(details.previewNotShown).toContainText('too big');
  await screenshots(page, 'too-large', 'en');
  await details.entry('data.bin').click();
  await expect(details.preview).toHaveAttribute('data-reason', 'binary');
  await expect(details.previewNotShown).toContainText('not text');
});

test('backs the volume up, restores it into a new volume and browses the copy', async ({ page }) => {
  await page.goto(pageUrl(harness(), `volumes/${volume}`));
  const details = new VolumeDetailsPage(page);
  const backup = path.join(dir, `${volume}.tar`);
  await details.backup.button.click();
  await details.backup.path.fill(backup);
  await details.backup.save.click();
  await expect(details.backup.saved).toContainText(backup);
  expect(fs.statSync(backup).size).toBeGreaterThan(90_000);

  await details.restore.open.click();
  await expect(details.restore.dialog).toBeVisible();
  // Inline checks: a name taken and a bad name are said under the field.
  await details.restore.source.fill(backup);
  await details.restore.name.fill('-bad name');
  await expect(details.restore.alerts).toContainText('letters, digits');
  await details.restore.name.fill(volume);
  await details.restore.submit.click();
  await expect(details.restore.alerts).toContainText('already exists');
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'restore-taken', 'en');
  await details.restore.name.fill(restored);
  await details.restore.submit.click();
  await expect(details.restore.done).toContainText(restored);
  await details.restore.openVolume.click();

  await expect(details.heading).toHaveText(restored);
  await expect(details.entries).toHaveCount(4);
  await details.entry('my folder').click();
  await details.entry('인사.txt').click();
  await expect(details.previewText).toHaveText('안녕하세요, 볼륨!\n');
  expect(volumeContents(restored)).toBe(volumeContents(volume));
});

/** Latin words in the page's visible text, outside values (names, paths) and code: none but names and keys. */
async function englishWords(page: Page): Promise<string[]> {
  const allowed = new Set(['Berth', 'Docker', 'Engine', 'Enter', 'Backspace', 'Windows', 'tar', 'B', 'kB', 'KB']);
  const texts = await page.evaluate(() => {
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest('code, pre, [data-value], [data-testid=status-bar]')) continue;
      if (element.checkVisibility()) found.push(node.textContent ?? '');
    }
    return found;
  });
  return texts
    .flatMap((text) => text.split(/\s+/))
    .filter((token) => /^[A-Za-z]+$/.test(token.replace(/[(),.:…]/g, '')) && !/[/.:@]\w/.test(token))
    .map((token) => token.replace(/[(),.:…]/g, ''))
    .filter((word) => !allowed.has(word));
}

test('in Korean: the read-only note, a folder and a file’s text', async ({ page }) => {
  await page.goto(pageUrl(harness(), `volumes/${volume}`, 'ko'));
  const details = new VolumeDetailsPage(page);
  await expect(details.readOnlyNote).toContainText('읽기 전용');
  await details.entry('my folder').click();
  await details.entry('인사.txt').click();
  await expect(details.previewText).toHaveText('안녕하세요, 볼륨!\n');
  expect(await englishWords(page)).toEqual([]);
  expect(await axeViolations(page)).toEqual([]);
  await screenshots(page, 'text', 'ko');
  await details.restore.open.click();
  await details.restore.name.fill('한글 이름');
  await expect(details.restore.alerts).toContainText('영문자');
  await screenshots(page, 'restore', 'ko');
});
