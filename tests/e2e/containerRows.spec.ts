import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e=rows-${process.pid}`;
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
const rowOf = (page: Page, name: string) => page.locator(`[data-testid=container-row][data-name="${name}"]`);

test('"Show stopped ones too" is remembered across a reload', async ({ page }) => {
  const stopped = unique('stopped');
  docker('create', '--label', label, '--name', stopped, 'busybox', 'true');
  await page.goto(pageUrl(harness, 'containers'));
  const toggle = page.getByTestId('containers-show-all');
  await expect(toggle).not.toBeChecked();
  await expect(rowOf(page, stopped)).toHaveCount(0);

  await toggle.check();
  await expect(rowOf(page, stopped)).toBeVisible();
  await page.reload();
  await expect(page.getByTestId('containers-show-all')).toBeChecked();
  await expect(rowOf(page, stopped)).toBeVisible();
  // Leaving and coming back through the sidebar keeps it too.
  await page.getByRole('navigation').getByRole('link', { name: 'Images', exact: true }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Containers', exact: true }).click();
  await expect(rowOf(page, stopped)).toBeVisible();

  await page.getByTestId('containers-show-all').uncheck();
  await expect(rowOf(page, stopped)).toHaveCount(0);
  await page.reload();
  await expect(page.getByTestId('containers-show-all')).not.toBeChecked();
});

test('after a run, "See it in Containers" shows the stopped container although stopped ones are hidden', async ({
  page,
}) => {
  const name = unique('ran');
  await page.goto(pageUrl(harness, 'images'));
  await page.locator('[data-testid=image-row][data-image="busybox:latest"]').getByTestId('image-run').click();
  await page.getByTestId('run-name').fill(name);
  await page.getByTestId('run-submit').click();
  try {
    await expect(page.getByTestId('run-flow')).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
    await page.getByTestId('run-show-container').click();

    await expect(page.getByTestId('containers-show-all')).not.toBeChecked();
    const row = rowOf(page, name);
    await expect(row).toHaveAttribute('data-state', 'exited');
    await expect(row).toHaveAttribute('data-highlighted', 'true');
    await expect(page.getByTestId('containers-shown-stopped')).toContainText(name);
    await saveScreenshot(page, 'containers-just-ran-en');
    // Only that one: other stopped containers stay hidden.
    expect(await page.locator('[data-testid=container-row][data-state=exited]').count()).toBe(1);
  } finally {
    docker('rm', '-f', name);
  }
});

test('a container that exits with code 3 is marked as a warning, with a link to its logs', async ({ page }) => {
  const failed = unique('exit3');
  const fine = unique('exit0');
  docker(
    'create',
    '--label',
    label,
    '--name',
    failed,
    'busybox',
    'sh',
    '-c',
    'echo "something went wrong" >&2; exit 3',
  );
  docker('create', '--label', label, '--name', fine, 'busybox', 'true');
  docker('start', failed, fine);
  await expect
    .poll(() => docker('inspect', '--format', '{{.State.Status}} {{.State.ExitCode}}', failed))
    .toBe('exited 3');
  await page.goto(pageUrl(harness, 'containers'));
  await page.getByTestId('containers-show-all').check();

  const bad = rowOf(page, failed);
  await expect(bad.getByTestId('container-state-badge')).toHaveText('Exited (3)');
  await expect(bad.getByTestId('container-state-badge')).toHaveAttribute('data-tone', 'amber');
  const good = rowOf(page, fine);
  await expect(good.getByTestId('container-state-badge')).toHaveText('Exited (0)');
  await expect(good.getByTestId('container-state-badge')).toHaveAttribute('data-tone', 'slate');
  await expect(good.getByTestId('container-see-logs')).toHaveCount(0);
  await saveScreenshot(page, 'containers-exit-code-en');

  const link = bad.getByTestId('container-see-logs');
  await expect(link).toHaveAccessibleName(`See the logs of ${failed}: it ended with exit code 3`);
  await link.click();
  await expect(page.getByTestId('container-details')).toBeVisible();
  await expect(page.getByTestId('tab-logs')).toHaveAttribute('aria-selected', 'true');
  await expect(page.locator('[data-testid=log-line][data-stream=stderr]')).toContainText('something went wrong');

  await page.goto(pageUrl(harness, 'containers', 'ko'));
  await expect(rowOf(page, failed).getByTestId('container-see-logs')).toHaveText('로그 보기');
  await expect(rowOf(page, failed).getByTestId('container-see-logs')).toHaveAccessibleName(
    `${failed} 로그 보기: 종료 코드 3으로 끝났어요`,
  );
  await saveScreenshot(page, 'containers-exit-code-ko');
});

test('a container publishing 4 ports shows one and "+3 more", without overlapping the next row', async ({ page }) => {
  const many = unique('ports');
  const next = unique('after-ports');
  const ports = [80, 443, 6379, 8080];
  docker(
    'run',
    '-d',
    '--label',
    label,
    '--name',
    many,
    ...ports.flatMap((port) => ['-p', `127.0.0.1::${port}`]),
    'busybox',
    'sleep',
    '300',
  );
  docker('run', '-d', '--label', label, '--name', next, '-p', '127.0.0.1::80', 'busybox', 'sleep', '300');
  await page.goto(pageUrl(harness, 'containers'));
  await page.getByTestId('containers-filter').fill('berth-e2e-');
  const row = rowOf(page, many);
  await expect(row.getByTestId('container-port')).toHaveCount(1);
  const more = row.getByTestId('container-ports-more');
  await expect(more).toHaveText('+3 more');

  // Every row's content stays inside the row: nothing reaches into the row below.
  for (const candidate of await page.getByTestId('container-row').all()) {
    const box = await candidate.boundingBox();
    for (const cell of await candidate.locator(':scope > *').all()) {
      const inner = await cell.boundingBox();
      if (!box || !inner) continue;
      expect(inner.y).toBeGreaterThanOrEqual(box.y - 0.5);
      expect(inner.y + inner.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
    }
  }

  await more.click();
  const all = row.getByTestId('container-ports-all');
  await expect(all).toBeVisible();
  await expect(all.getByTestId('container-port')).toHaveCount(4);
  for (const port of ports) await expect(all).toContainText(`→${port}`);
  await saveScreenshot(page, 'containers-ports-more-en');
  await page.keyboard.press('Escape');
  await expect(all).toBeHidden();
  await expect(more).toBeFocused();
});

test('the "more actions" menu works with the keyboard and returns focus', async ({ page }) => {
  const name = unique('menu');
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  await page.goto(pageUrl(harness, 'containers'));
  // Only this row: containers other tests make on the shared engine must not move it meanwhile.
  await page.getByTestId('containers-filter').fill(name);
  const row = rowOf(page, name);
  const trigger = row.getByTestId('container-more');
  await expect(trigger).toHaveAccessibleName(`More actions for ${name}`);
  await trigger.focus();
  await page.keyboard.press('Enter');
  const menu = page.getByRole('menu', { name: `More actions for ${name}` });
  await expect(menu).toBeVisible();
  await expect(trigger).toHaveAttribute('aria-expanded', 'true');
  const items = menu.getByRole('menuitem');
  await expect(items).toHaveText(['Logs and details', 'Restart', 'Pause', 'Kill', 'Remove']);
  await expect(items.first()).toBeFocused();
  await saveScreenshot(page, 'containers-menu-open-en');
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowUp');
  await expect(items.last()).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).toBeHidden();
  await expect(trigger).toBeFocused();
  await expect(trigger).toHaveAttribute('aria-expanded', 'false');

  // ArrowUp opens it on the last item; Enter on "Pause" pauses the container.
  await page.keyboard.press('ArrowDown');
  await expect(items.first()).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowDown');
  await expect(items.nth(2)).toHaveText('Pause');
  await expect(items.nth(2)).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(row).toHaveAttribute('data-state', 'paused');
  await expect(trigger).toBeFocused();
  await saveScreenshot(page, 'containers-menu-en');
});

test('the list is a table to assistive technology, with its menus and port lists open too', async ({ page }) => {
  const name = unique('axe');
  const ports = [80, 81, 82].flatMap((port) => ['-p', `127.0.0.1::${port}`]);
  docker('run', '-d', '--init', '--label', label, '--name', name, ...ports, 'busybox', 'sleep', '300');
  const violations = async () =>
    (await new AxeBuilder({ page }).include('[data-testid=containers-page]').analyze()).violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  for (const size of [
    { width: 900, height: 600 },
    { width: 1600, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(pageUrl(harness, 'containers', 'ko'));
    const row = rowOf(page, name);
    await expect(row).toBeVisible();
    expect(await violations()).toEqual([]);
    await row.getByTestId('container-more').click();
    await expect(page.getByRole('menu')).toBeVisible();
    expect(await violations()).toEqual([]);
    await page.keyboard.press('Escape');
    await row.getByTestId('container-ports-more').click();
    await expect(row.getByTestId('container-ports-all')).toBeVisible();
    expect(await violations()).toEqual([]);
  }
});
