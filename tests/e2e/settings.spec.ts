import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, removeImage, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { sshServerAvailable, startSshServer } from '../fixtures/sshServer';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

let harness: RunningHarness | null = null;
test.afterEach(async () => {
  await harness?.stop();
  harness = null;
});

test('switching the language to Korean changes the whole app at once, without a reload', async ({ page }) => {
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'settings'));
  await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));
  await page.getByTestId('setting-language-ko').click();
  await expect(page.getByTestId('setting-language-ko')).toBeChecked();

  const sidebar = page.getByRole('navigation');
  await expect(sidebar).toContainText('컨테이너');
  await expect(sidebar).toContainText('설치 확인');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('설정');
  await saveScreenshot(page, 'settings-ko');

  await sidebar.getByRole('link', { name: '설치 확인' }).click();
  await expect(page.getByTestId('ready')).toContainText('설치되어 실행 중이에요');
  expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe('same-page');

  removeImage('hello-world');
  await sidebar.getByRole('link', { name: '도커 허브 검색' }).click();
  await page.getByTestId('hub-search').fill('hello-world');
  // The fake Hub is not running here: the search fails in Korean, and Run still works from the dialog.
  await expect(page.getByTestId('problem')).toContainText('도커 허브');
  await page.goto(pageUrl(harness, 'images'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('이미지');
  docker('pull', 'busybox');
  await page.locator('[data-testid=image-row][data-image="busybox:latest"]').getByTestId('image-run').click();
  await page.getByTestId('run-image').fill('hello-world');
  await page.getByTestId('run-submit').click();
  await expect(page.getByTestId('run-flow')).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  await expect(page.getByTestId('step-cache')).toContainText('로컬에서 hello-world:latest 이미지를 찾을 수 없어요');
  await expect(page.getByTestId('run-next-step')).toContainText('다시 실행');
  await saveScreenshot(page, 'run-flow-first-ko');

  await page.goto(pageUrl(harness, 'settings'));
  await page.getByTestId('setting-language-en').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
});

test('the theme setting switches light and dark', async ({ page }) => {
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'settings'));
  await page.getByTestId('setting-theme-dark').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await saveScreenshot(page, 'settings-dark-en');
  await page.getByTestId('setting-theme-light').click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
});

test('a corrupt settings file is kept aside, and Berth starts from the defaults with a notice', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-settings-'));
  fs.writeFileSync(path.join(dir, 'settings.json'), '{"language": "ko", "theme": ');
  try {
    harness = await startHarness({ BERTH_SETTINGS_DIR: dir });
    await page.goto(pageUrl(harness, 'settings'));
    const notice = page.getByTestId('settings-recovered');
    await expect(notice).toContainText('could not be read');
    const backups = fs.readdirSync(dir).filter((name) => name.includes('corrupt'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, backups[0]!), 'utf8')).toBe('{"language": "ko", "theme": ');
    await expect(notice).toContainText(backups[0]!);
    await expect(page.getByTestId('setting-language-system')).toBeChecked();
    await saveScreenshot(page, 'settings-recovered-en');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('switches the engine to a remote one over SSH and back', async ({ page }) => {
  test.skip(!sshServerAvailable(), 'openssh-server is not installed (scripts/testbed.sh installs it).');
  const ssh = await startSshServer();
  const name = `berth-e2e-ssh-${Date.now()}`;
  docker('create', '--name', name, 'busybox', 'true');
  try {
    harness = await startHarness({ HOME: ssh.home, SSH_AUTH_SOCK: '' });
    await page.goto(pageUrl(harness, 'containers'));
    await expect(page.getByTestId('engine-state')).toHaveText('Docker server running');
    await page.getByTestId('engine-switcher').click();
    const panel = page.getByTestId('engine-switcher-panel');
    await panel.getByTestId('engine-custom-url').fill('ftp://nope');
    await panel.getByTestId('engine-custom-apply').click();
    await expect(panel).toContainText('Use unix:///…, tcp://host:port or ssh://user@host.');

    const url = `ssh://${ssh.user}@127.0.0.1:${ssh.port}`;
    await panel.getByTestId('engine-custom-url').fill(url);
    await panel.getByTestId('engine-custom-apply').click();
    await expect(page.getByTestId('status-bar')).toContainText(url, { timeout: 30_000 });
    await expect(page.getByTestId('engine-state')).toHaveText('Docker server running', { timeout: 30_000 });
    await page.getByTestId('containers-show-all').check();
    await expect(page.locator(`[data-testid=container-row][data-name="${name}"]`)).toBeVisible({ timeout: 30_000 });
    await saveScreenshot(page, 'engine-ssh-en');

    await page.getByTestId('engine-switcher').click();
    await page.getByTestId('engine-switcher-panel').getByTestId('engine-option').first().locator('input').click();
    await expect(page.getByTestId('status-bar')).toContainText('unix:///var/run/docker.sock', { timeout: 30_000 });
    await expect(page.getByTestId('engine-state')).toHaveText('Docker server running');
  } finally {
    docker('rm', '-f', name);
    await ssh.close();
  }
});

test('the menu bar menu, drawn as a page, lists what runs', async ({ page }) => {
  const name = `berth-e2e-tray-${Date.now()}`;
  docker('run', '-d', '--name', name, '-p', '127.0.0.1::6379', 'redis');
  try {
    harness = await startHarness();
    await page.goto(pageUrl(harness, 'tray'));
    const preview = page.getByTestId('tray-preview');
    await expect(preview).toHaveAttribute('data-icon', 'running');
    await expect(preview).toContainText('Open Berth');
    await expect(preview).toContainText(name);
    // Redis does not answer HTTP: its port is listed with the command that reaches it, not as a web link.
    await expect(preview).toContainText(/127\.0\.0\.1:\d+→6379\/tcp: redis-cli -p \d+ ping/);
    await expect(preview).not.toContainText('Open http://localhost');
    await expect(preview).toContainText('Quit Berth');
    await saveScreenshot(page, 'tray-menu-en');
    await page.goto(pageUrl(harness, 'settings'));
    await page.getByTestId('setting-language-ko').click();
    await expect(page.getByTestId('setting-language-ko')).toBeChecked();
    await page.goto(pageUrl(harness, 'tray'));
    await expect(page.getByTestId('tray-preview')).toContainText('Berth 열기');
    await saveScreenshot(page, 'tray-menu-ko');
  } finally {
    docker('rm', '-f', name);
  }
});
