import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startSocketProxy } from '../fixtures/countingProxy';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e=${process.pid}`;
let harness: RunningHarness;
test.beforeAll(async () => {
  docker('pull', 'busybox');
  harness = await startHarness();
});
test.afterAll(async () => {
  await harness.stop();
  const leftovers = docker('ps', '-aq', '--filter', `label=${label}`);
  if (leftovers) docker('rm', '-f', ...leftovers.split('\n'));
});

const unique = (name: string) => `berth-e2e-${name}-${Date.now()}`;
const stateOf = (name: string) => docker('inspect', '--format', '{{.State.Status}}', name);

test('a container started with the CLI appears; Stop in Berth stops it; Remove asks first', async ({ page }) => {
  const name = unique('cli');
  await page.goto(pageUrl(harness, 'containers'));
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  const row = page.locator(`[data-testid=container-row][data-name="${name}"]`);
  await expect(row).toHaveAttribute('data-state', 'running');
  await saveScreenshot(page, 'containers-en');

  await row.getByTestId('container-stop').click();
  await expect.poll(() => stateOf(name)).toBe('exited');
  await expect(row).toHaveCount(0); // running only, by default
  await page.getByTestId('containers-show-all').check();
  await expect(row).toHaveAttribute('data-state', 'exited');

  await row.getByTestId('container-remove').click();
  const dialog = page.getByTestId('remove-container-dialog');
  await expect(dialog).toContainText(`Remove ${name}?`);
  await dialog.getByTestId('confirm-remove-container').click();
  await expect(row).toHaveCount(0);
  expect(docker('ps', '-aq', '--filter', `name=^/?${name}$`)).toBe('');
});

test('removing a running container needs the second confirmation', async ({ page }) => {
  const name = unique('running');
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  await page.goto(pageUrl(harness, 'containers', 'ko'));
  const row = page.locator(`[data-testid=container-row][data-name="${name}"]`);
  await row.getByTestId('container-remove').click();
  const dialog = page.getByTestId('remove-container-dialog');
  await expect(dialog.getByTestId('remove-running-warning')).toContainText(`${name} 컨테이너가 실행 중이에요`);
  await expect(dialog.getByTestId('confirm-remove-container')).toBeDisabled();
  await dialog.getByTestId('force-remove-container').check();
  await dialog.getByTestId('confirm-remove-container').click();
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
  await page.goto(pageUrl(harness, `containers/${name}`));
  const scroll = page.getByTestId('logs-scroll');
  await expect(scroll).toHaveAttribute('data-line-count', '1000');
  await page.getByRole('combobox').selectOption('all');
  await expect(scroll).toHaveAttribute('data-line-count', '3001');

  // stdout and stderr are copied apart by the engine, so the error line's place varies: search for it.
  const search = page.getByTestId('logs-search');
  await search.fill('something failed');
  await expect(page.getByTestId('logs-match-count')).toHaveText('1 of 1');
  await expect(
    page.locator('[data-testid=log-line][data-stream=stderr]').filter({ hasText: 'something failed' }),
  ).toBeVisible();
  await search.fill('');

  await page.getByTestId('logs-search').press('Control+f');
  await page.keyboard.type('line 1234');
  await expect(page.getByTestId('logs-match-count')).toHaveText('1 of 1');
  await expect(page.locator('[data-testid=log-line] mark').first()).toHaveText('line 1234');
  await saveScreenshot(page, 'container-logs-en');
});

test('CPU and memory move for a busy container', async ({ page }) => {
  const name = unique('busy');
  docker('run', '-d', '--label', label, '--name', name, 'busybox', 'sh', '-c', 'while :; do :; done');
  await page.goto(pageUrl(harness, 'containers'));
  const row = page.locator(`[data-testid=container-row][data-name="${name}"]`);
  await expect
    .poll(async () => Number.parseFloat((await row.getByTestId('container-cpu').textContent()) ?? '0'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(20);
  await expect(row.getByTestId('container-memory')).toContainText(/^\d+(\.\d+)?(B|KiB|MiB|GiB)$/); // as docker stats writes it
  await row.getByRole('button', { name, exact: true }).click();
  await page.getByTestId('tab-stats').click();
  await expect
    .poll(async () => Number.parseFloat((await page.getByTestId('stats-cpu-value').textContent()) ?? '0'), {
      timeout: 20_000,
    })
    .toBeGreaterThan(20);
  docker('rm', '-f', name);
});

test('a terminal in the container runs `echo hi`', async ({ page }) => {
  const name = unique('shell');
  docker('run', '-d', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  await page.goto(pageUrl(harness, `containers/${name}`));
  await page.getByTestId('tab-terminal').click();
  await expect(page.getByTestId('terminal-view')).toHaveAttribute('data-connected', 'true');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('echo hi-$((6*7))\n');
  await expect(page.locator('.xterm-rows')).toContainText('hi-42');
  await saveScreenshot(page, 'container-terminal-en');
  await page.keyboard.type('exit\n');
  await expect(page.getByTestId('terminal-exited')).toContainText('exit code 0');
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
    await page.getByTestId('containers-show-all').check();
    await expect(page.getByTestId('containers-page')).toBeVisible();
    await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));

    await proxy.close();
    // The one engine-unavailable banner says it (the list is kept, greyed); not a second stale note.
    await expect(page.getByTestId('engine-unavailable')).toBeVisible();
    await expect(page.getByTestId('containers-stale')).toHaveCount(0);
    await expect(page.getByTestId('engine-state')).toHaveText('Docker server stopped');
    docker('create', '--label', label, '--name', made, 'busybox', 'true');

    proxy = await startSocketProxy(socketPath);
    await expect(page.getByTestId('engine-state')).toHaveText('Docker server running', { timeout: 30_000 });
    await expect(page.getByTestId('containers-stale')).toHaveCount(0);
    await expect(page.locator(`[data-testid=container-row][data-name="${made}"]`)).toBeVisible();
    const expected = docker('ps', '-a', '--format', '{{.Names}}').split('\n').filter(Boolean).length;
    await expect(page.getByTestId('containers-counts')).toContainText(`${expected} in all`);
    expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe(
      'same-page',
    );
  } finally {
    await restartable.stop();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
