import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { requireEngine } from '../fixtures/dockerCli';
import { pageUrl } from '../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { ComposeEditor } from './pages/ComposeEditor';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });

// Everything this spec makes is named with its run, and removed after it.
const project = `berthtest${process.pid}x`;
const folders: string[] = [];
let logsFolder: string | null = null;

function compose(folder: string, ...args: string[]): string {
  return execFileSync('docker-compose', ['-p', project, ...args], { cwd: folder, encoding: 'utf8', stdio: 'pipe' });
}

test.afterAll(() => {
  if (logsFolder) {
    try {
      compose(logsFolder, 'down', '--volumes', '--timeout', '1');
    } catch {
      // Nothing was upped.
    }
  }
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

/** A folder of this run's own holding one compose.yaml. */
function projectFolder(content: string): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-compose-'));
  folders.push(folder);
  fs.writeFileSync(path.join(folder, 'compose.yaml'), content);
  return folder;
}

const webOnly = 'services:\n  web:\n    image: busybox\n    command: ["sleep", "3600"]\n';

/** The screen at 1280×800 and 900×600, light and dark: compose-<name>-<lang>-<scheme>-<size>.png. */
async function screenshots(page: Page, name: string, lang: 'en' | 'ko') {
  await saveScreenshotsInEveryLook(page, `compose-${name}-${lang}`);
}

async function openFileTab(page: Page, folder: string, lang: 'en' | 'ko') {
  const editor = new ComposeEditor(page);
  await page.goto(pageUrl(harness(), 'compose', lang));
  await editor.openFolder(folder);
  await editor.fileTab.click();
  await expect(editor.editorText).toContainText('image: busybox');
  return editor;
}

test('the compose file: an unknown key marked on its line and said, the fix clean, Save writes the file', async ({
  page,
}) => {
  const folder = projectFolder(webOnly);
  const file = path.join(folder, 'compose.yaml');
  const editor = await openFileTab(page, folder, 'en');
  await expect(editor.noProblems).toBeVisible();

  // Line 5 is the empty line after the file's last newline.
  await editor.toEnd();
  await page.keyboard.type('    portz: 1');
  await expect(editor.problem).toHaveCount(1);
  await expect(editor.problem).toHaveAttribute('data-line', '5');
  await expect(editor.problem).toHaveText(
    'Line 5: Compose has no key “portz” here. Check its spelling and its indentation.',
  );
  await expect(editor.markedLine(5)).toHaveAttribute(
    'title',
    'Compose has no key “portz” here. Check its spelling and its indentation.',
  );
  await screenshots(page, 'file-problem', 'en');

  // Clicking the problem puts the cursor on its line; the fix clears it (Home stops after the indentation).
  await editor.problem.click();
  await page.keyboard.press('End');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.type('init: true');
  await expect(editor.noProblems).toBeVisible();
  await expect(editor.markedLine(5)).toHaveCount(0);
  expect(fs.readFileSync(file, 'utf8')).toBe(webOnly);

  await editor.save.click();
  await expect(editor.saved).toBeVisible();
  expect(fs.readFileSync(file, 'utf8')).toBe(`${webOnly}    init: true`);
});

test('the compose file in Korean: the problem said in Korean', async ({ page }) => {
  const folder = projectFolder(webOnly);
  const editor = await openFileTab(page, folder, 'ko');
  await editor.toEnd();
  await page.keyboard.type('    portz: 1');
  await expect(editor.problem).toHaveText(
    '5번째 줄: 컴포즈에는 이 위치에 “portz” 키가 없어요. 철자와 들여쓰기를 확인하세요.',
  );
  await screenshots(page, 'file-problem', 'ko');
});

test('a file changed on disk meanwhile: the conflict shows and nothing is overwritten', async ({ page }) => {
  const folder = projectFolder(webOnly);
  const file = path.join(folder, 'compose.yaml');
  for (const lang of ['en', 'ko'] as const) {
    fs.writeFileSync(file, webOnly);
    const editor = await openFileTab(page, folder, lang);
    await editor.toEnd();
    await page.keyboard.type('    init: true');
    const elsewhere = `${webOnly}    restart: always\n`;
    fs.writeFileSync(file, elsewhere);
    await editor.save.click();
    await expect(editor.conflict).toBeVisible();
    expect(fs.readFileSync(file, 'utf8')).toBe(elsewhere);
    await screenshots(page, 'file-conflict', lang);
  }
});

test('merged logs of a project upped with docker-compose: both services prefixed, the filter hides one', async ({
  page,
}) => {
  test.setTimeout(120_000);
  logsFolder = projectFolder(
    [
      'services:',
      '  alpha:',
      '    image: busybox',
      '    init: true',
      '    command: ["sh", "-c", "echo alpha says hello; echo alpha is ready; sleep 3600"]',
      '  beta:',
      '    image: busybox',
      '    init: true',
      '    command: ["sh", "-c", "echo beta says hello >&2; sleep 3600"]',
      '',
    ].join('\n'),
  );
  compose(logsFolder, 'up', '-d');
  const editor = new ComposeEditor(page);
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness(), `compose/${project}`, lang));
    await editor.logsTab.click();
    await expect(editor.logLines.filter({ hasText: 'alpha says hello' })).toHaveCount(1);
    await expect(editor.logLines.filter({ hasText: 'beta says hello' })).toHaveCount(1);
    await expect(editor.logLines.filter({ hasText: 'alpha says hello' }).getByTestId('log-source')).toHaveText('alpha');
    await expect(editor.logLines.filter({ hasText: 'beta says hello' }).getByTestId('log-source')).toHaveText('beta');
    await screenshots(page, 'logs', lang);

    await editor.source('beta').click();
    await expect(editor.source('beta')).toHaveAttribute('aria-pressed', 'false');
    await expect(editor.logLines.filter({ hasText: 'beta says hello' })).toHaveCount(0);
    await expect(editor.logLines.filter({ hasText: 'alpha says hello' })).toHaveCount(1);
    await screenshots(page, 'logs-filtered', lang);
  }
});
