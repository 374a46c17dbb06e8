import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, removeImage, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { sshServerAvailable, startSshServer } from '../fixtures/sshServer';
import { ContainersPage } from './pages/ContainersPage';
import { EngineSwitcher } from './pages/EngineSwitcher';
import { HubSearchPage } from './pages/HubSearchPage';
import { ImagesPage } from './pages/ImagesPage';
import { InstallationPage } from './pages/InstallationPage';
import { ProblemNotice } from './pages/ProblemNotice';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';
import { SettingsPage } from './pages/SettingsPage';
import { StatusBar } from './pages/StatusBar';
import { TrayPreview } from './pages/TrayPreview';

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
  const settings = new SettingsPage(page);
  await settings.language('ko').click();
  await expect(settings.language('ko')).toBeChecked();

  const sidebar = page.getByRole('navigation');
  await expect(sidebar).toContainText('컨테이너');
  await expect(sidebar).toContainText('설치 확인');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('설정');
  await saveScreenshot(page, 'settings-ko');

  await sidebar.getByRole('link', { name: '설치 확인' }).click();
  await expect(new InstallationPage(page).ready).toContainText('설치되어 실행 중이에요');
  expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe('same-page');

  removeImage('hello-world');
  await sidebar.getByRole('link', { name: '도커 허브 검색' }).click();
  await new HubSearchPage(page).search.fill('hello-world');
  // The fake Hub is not running here: the search fails in Korean, and Run still works from the dialog.
  await expect(new ProblemNotice(page).root).toContainText('도커 허브');
  await page.goto(pageUrl(harness, 'images'));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('이미지');
  docker('pull', 'busybox');
  await new ImagesPage(page).run('busybox:latest');
  const dialog = new RunDialog(page);
  await dialog.image.fill('hello-world');
  await dialog.submit.click();
  const flow = new RunFlowPage(page);
  await expect(flow.root).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  await expect(flow.step('cache')).toContainText('로컬에서 hello-world:latest 이미지를 찾을 수 없어요');
  await expect(flow.nextStep).toContainText('다시 실행');
  await saveScreenshot(page, 'run-flow-first-ko');

  await page.goto(pageUrl(harness, 'settings'));
  await settings.language('en').click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Settings');
});

test('the theme setting switches light and dark', async ({ page }) => {
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'settings'));
  const settings = new SettingsPage(page);
  await settings.theme('dark').click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await saveScreenshot(page, 'settings-dark-en');
  await settings.theme('light').click();
  await expect(page.locator('html')).not.toHaveClass(/dark/);
});

test('a corrupt settings file is kept aside, and Berth starts from the defaults with a notice', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-settings-'));
  fs.writeFileSync(path.join(dir, 'settings.json'), '{"language": "ko", "theme": ');
  try {
    harness = await startHarness({ BERTH_SETTINGS_DIR: dir });
    await page.goto(pageUrl(harness, 'settings'));
    const settings = new SettingsPage(page);
    const notice = settings.recovered;
    await expect(notice).toContainText('could not be read');
    const backups = fs.readdirSync(dir).filter((name) => name.includes('corrupt'));
    expect(backups).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, backups[0]!), 'utf8')).toBe('{"language": "ko", "theme": ');
    await expect(notice).toContainText(backups[0]!);
    await expect(settings.language('system')).toBeChecked();
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
    const statusBar = new StatusBar(page);
    const switcher = new EngineSwitcher(page);
    const containers = new ContainersPage(page);
    await expect(statusBar.engineState).toHaveText('Docker server running');
    await switcher.open();
    await switcher.useCustom('ftp://nope');
    await expect(switcher.panel).toContainText('Use unix:///…, tcp://host:port or ssh://user@host.');

    const url = `ssh://${ssh.user}@127.0.0.1:${ssh.port}`;
    await switcher.useCustom(url);
    await expect(statusBar.root).toContainText(url, { timeout: 30_000 });
    await expect(statusBar.engineState).toHaveText('Docker server running', { timeout: 30_000 });
    await containers.showStopped();
    await expect(containers.row(name)).toBeVisible({ timeout: 30_000 });
    await saveScreenshot(page, 'engine-ssh-en');

    await switcher.open();
    await switcher.options.first().locator('input').click();
    await expect(statusBar.root).toContainText('unix:///var/run/docker.sock', { timeout: 30_000 });
    await expect(statusBar.engineState).toHaveText('Docker server running');
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
    const preview = new TrayPreview(page).root;
    await expect(preview).toHaveAttribute('data-icon', 'running');
    await expect(preview).toContainText('Open Berth');
    await expect(preview).toContainText(name);
    // Redis does not answer HTTP: its port is listed with the command that reaches it, not as a web link.
    await expect(preview).toContainText(/127\.0\.0\.1:\d+→6379\/tcp: redis-cli -p \d+ ping/);
    await expect(preview).not.toContainText('Open http://localhost');
    await expect(preview).toContainText('Quit Berth');
    await saveScreenshot(page, 'tray-menu-en');
    await page.goto(pageUrl(harness, 'settings'));
    const settings = new SettingsPage(page);
    await settings.language('ko').click();
    await expect(settings.language('ko')).toBeChecked();
    await page.goto(pageUrl(harness, 'tray'));
    await expect(preview).toContainText('Berth 열기');
    await saveScreenshot(page, 'tray-menu-ko');
  } finally {
    docker('rm', '-f', name);
  }
});
