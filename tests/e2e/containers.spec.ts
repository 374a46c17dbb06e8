import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { saveScreenshot, saveScreenshotsInEveryLook } from '../fixtures/screenshots';
import { startSocketProxy } from '../fixtures/countingProxy';
import { ContainerDetailsPage } from './pages/ContainerDetailsPage';
import { ContainersPage } from './pages/ContainersPage';
import { EngineUnavailable } from './pages/EngineUnavailable';
import { StatusBar } from './pages/StatusBar';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e=${process.pid}`;
const harness = harnessForSpec({ pull: ['busybox'], label });

const unique = (name: string) => `berth-e2e-${name}-${Date.now()}`;
const stateOf = (name: string) => docker('inspect', '--format', '{{.State.Status}}', name);

test('a container started with the CLI appears; Stop in Berth stops it; Remove asks first', async ({ page }) => {
  const name = unique('cli');
  await page.goto(pageUrl(harness(), 'containers'));
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  const containers = new ContainersPage(page);
  const row = containers.row(name);
  await expect(row).toHaveAttribute('data-state', 'running');
  await saveScreenshot(page, 'containers-en');

  await containers.stop(name);
  await expect.poll(() => stateOf(name)).toBe('exited');
  await expect(row).toHaveCount(0); // running only, by default
  await containers.showStopped();
  await expect(row).toHaveAttribute('data-state', 'exited');

  await containers.remove(name);
  const dialog = containers.removeDialog;
  await expect(dialog.root).toContainText(`Remove ${name}?`);
  await dialog.confirm.click();
  await expect(row).toHaveCount(0);
  expect(docker('ps', '-aq', '--filter', `name=^/?${name}$`)).toBe('');
});

test('removing a running container needs the second confirmation', async ({ page }) => {
  const name = unique('running');
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  await page.goto(pageUrl(harness(), 'containers', 'ko'));
  const containers = new ContainersPage(page);
  const row = containers.row(name);
  await containers.remove(name);
  const dialog = containers.removeDialog;
  await expect(dialog.runningWarning).toContainText(`${name} 컨테이너가 실행 중이에요`);
  await expect(dialog.confirm).toBeDisabled();
  await dialog.force.check();
  await dialog.confirm.click();
  await expect(row).toHaveCount(0);
  expect(docker('ps', '-aq', '--filter', `name=^/?${name}$`)).toBe('');
});

test('logs follow a container, stderr apart, and search finds line 1234', async ({ page }) => {
  const name = unique('logs');
  docker(
    'run',
    '-d',
    '--label',
    label,
    '--name',
    name,
    'busybox',
    'sh',
    '-c',
    'for i in $(seq 1 3000); do echo "line $i"; done; echo "something failed" 1>&2; sleep 300',
  );
  // Wait until the container has written everything, so "the last 1,000 lines" is a fixed set.
  await expect.poll(() => docker('logs', name).split('\n').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(3000);
  await page.goto(pageUrl(harness(), `containers/${name}`));
  const details = new ContainerDetailsPage(page);
  const scroll = details.logsScroll;
  await expect(scroll).toHaveAttribute('data-line-count', '1000');
  await page.getByRole('combobox').selectOption('all');
  await expect(scroll).toHaveAttribute('data-line-count', '3001');

  // stdout and stderr are copied apart by the engine, so the error line's place varies: search for it.
  const search = details.logsSearch;
  await search.fill('something failed');
  await expect(details.logsMatchCount).toHaveText('1 of 1');
  await expect(details.stderrLines.filter({ hasText: 'something failed' })).toBeVisible();
  await search.fill('');

  await details.logsSearch.press('Control+f');
  await page.keyboard.type('line 1234');
  await expect(details.logsMatchCount).toHaveText('1 of 1');
  await expect(details.logMarks.first()).toHaveText('line 1234');
  await saveScreenshot(page, 'container-logs-en');
});

test('CPU and memory move for a busy container', async ({ page }) => {
  const name = unique('busy');
  docker('run', '-d', '--label', label, '--name', name, 'busybox', 'sh', '-c', 'while :; do :; done');
  await page.goto(pageUrl(harness(), 'containers'));
  const containers = new ContainersPage(page);
  const row = containers.row(name);
  await expect
    .poll(async () => Number.parseFloat((await containers.cpu(name).textContent()) ?? '0'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(20);
  await expect(containers.memory(name)).toContainText(/^\d+(\.\d+)?(B|KiB|MiB|GiB)$/); // as docker stats writes it
  await row.getByRole('button', { name, exact: true }).click();
  const details = new ContainerDetailsPage(page);
  await details.openTab('stats');
  await expect
    .poll(async () => Number.parseFloat((await details.cpuValue.textContent()) ?? '0'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(20);
  docker('rm', '-f', name);
});

test('a terminal in the container runs `echo hi`', async ({ page }) => {
  const name = unique('shell');
  docker('run', '-d', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  await page.goto(pageUrl(harness(), `containers/${name}`));
  const details = new ContainerDetailsPage(page);
  await details.openTab('terminal');
  await expect(details.terminalView).toHaveAttribute('data-connected', 'true');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('echo hi-$((6*7))\n');
  await expect(page.locator('.xterm-rows')).toContainText('hi-42');
  await saveScreenshot(page, 'container-terminal-en');
  await page.keyboard.type('exit\n');
  await expect(details.terminalExited).toContainText('exit code 0');
});

test('when the engine goes away the list says so, and after it returns it matches docker ps -a', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-engine-'));
  const socketPath = path.join(dir, 'docker.sock');
  let proxy = await startSocketProxy(socketPath);
  const restartable = await startHarness({ DOCKER_HOST: `unix://${socketPath}` });
  const made = unique('while-away');
  // One container at least, so the page is the list and not its "no containers yet" screen.
  docker('create', '--label', label, '--name', unique('present'), 'busybox', 'true');
  try {
    await page.goto(pageUrl(restartable, 'containers'));
    const containers = new ContainersPage(page);
    const statusBar = new StatusBar(page);
    await containers.showStopped();
    await expect(containers.root).toBeVisible();
    await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));

    await proxy.close();
    // The one engine-unavailable banner says it (the list is kept, greyed); not a second stale note.
    await expect(new EngineUnavailable(page).banner).toBeVisible();
    await expect(containers.stale).toHaveCount(0);
    await expect(statusBar.engineState).toHaveText('Docker server stopped');
    docker('create', '--label', label, '--name', made, 'busybox', 'true');

    proxy = await startSocketProxy(socketPath);
    await expect(statusBar.engineState).toHaveText('Docker server running', { timeout: 30_000 });
    await expect(containers.stale).toHaveCount(0);
    await expect(containers.row(made)).toBeVisible();
    const expected = docker('ps', '-a', '--format', '{{.Names}}').split('\n').filter(Boolean).length;
    await expect(containers.counts).toContainText(`${expected} in all`);
    expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe(
      'same-page',
    );
  } finally {
    await restartable.stop();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('a compose project started in a terminal is one group whose header opens the project, by keyboard', async ({
  page,
}) => {
  const project = `berthe2e${process.pid}x`;
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-compose-'));
  fs.writeFileSync(
    path.join(folder, 'compose.yaml'),
    'services:\n  web:\n    image: busybox\n    command: sh -c \'trap "exit 0" TERM; sleep 300 & wait\'\n  worker:\n    image: busybox\n    command: sh -c \'trap "exit 0" TERM; sleep 300 & wait\'\n',
  );
  const compose = (...args: string[]) =>
    execFileSync('docker-compose', ['-p', project, '-f', path.join(folder, 'compose.yaml'), ...args], {
      cwd: folder,
      stdio: 'ignore',
    });
  try {
    compose('up', '-d');
    for (const lang of ['en', 'ko'] as const) {
      await page.goto(pageUrl(harness(), 'containers', lang));
      const containers = new ContainersPage(page);
      // Only this project's rows: containers other specs left may push its group out of the virtual list's view.
      await containers.filter.fill(project);
      await expect(containers.row(`${project}_web_1`)).toHaveAttribute('data-state', 'running');
      const link = containers.composeGroupLink(project);
      await expect(link).toHaveAttribute('href', `#/compose/${project}`);
      await expect(link).toHaveAccessibleName(
        lang === 'en' ? `${project} (Compose): open the project` : `${project} (컴포즈): 프로젝트 열기`,
      );
      await saveScreenshotsInEveryLook(page, `containers-compose-group-${lang}`);
    }
    const link = new ContainersPage(page).composeGroupLink(project);
    await link.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(new RegExp(`#/compose/${project}$`));
  } finally {
    try {
      compose('down', '-t', '1');
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  }
});
