import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { saveScreenshot } from '../fixtures/screenshots';
import { ContainerDetailsPage } from './pages/ContainerDetailsPage';
import { ContainersPage } from './pages/ContainersPage';
import { PortHint } from './pages/PortHint';
import { ImagesPage } from './pages/ImagesPage';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e=rows-${process.pid}`;
const harness = harnessForSpec({ pull: ['busybox'], label });

const unique = (name: string) => `berth-e2e-${name}-${Date.now()}`;
const rowOf = (page: Page, name: string) => new ContainersPage(page).row(name);

test('"Show stopped ones too" is remembered across a reload', async ({ page }) => {
  const stopped = unique('stopped');
  docker('create', '--label', label, '--name', stopped, 'busybox', 'true');
  await page.goto(pageUrl(harness(), 'containers'));
  const toggle = new ContainersPage(page).showAll;
  await expect(toggle).not.toBeChecked();
  await expect(rowOf(page, stopped)).toHaveCount(0);

  await toggle.check();
  await expect(rowOf(page, stopped)).toBeVisible();
  await page.reload();
  await expect(new ContainersPage(page).showAll).toBeChecked();
  await expect(rowOf(page, stopped)).toBeVisible();
  // Leaving and coming back through the sidebar keeps it too.
  await page.getByRole('navigation').getByRole('link', { name: 'Images', exact: true }).click();
  await page.getByRole('navigation').getByRole('link', { name: 'Containers', exact: true }).click();
  await expect(rowOf(page, stopped)).toBeVisible();

  await new ContainersPage(page).showAll.uncheck();
  await expect(rowOf(page, stopped)).toHaveCount(0);
  await page.reload();
  await expect(new ContainersPage(page).showAll).not.toBeChecked();
});

test('after a run, "See it in Containers" shows the stopped container although stopped ones are hidden', async ({
  page,
}) => {
  const name = unique('ran');
  await page.goto(pageUrl(harness(), 'images'));
  await new ImagesPage(page).run('busybox:latest');
  const dialog = new RunDialog(page);
  await dialog.name.fill(name);
  await dialog.submit.click();
  try {
    const flow = new RunFlowPage(page);
    await expect(flow.root).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
    await flow.showContainer.click();

    await expect(new ContainersPage(page).showAll).not.toBeChecked();
    const row = rowOf(page, name);
    await expect(row).toHaveAttribute('data-state', 'exited');
    await expect(row).toHaveAttribute('data-highlighted', 'true');
    await expect(new ContainersPage(page).shownStopped).toContainText(name);
    await saveScreenshot(page, 'containers-just-ran-en');
    // Only that one: other stopped containers stay hidden.
    expect(await new ContainersPage(page).exitedRows.count()).toBe(1);
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
  await page.goto(pageUrl(harness(), 'containers'));
  await new ContainersPage(page).showAll.check();

  const containers = new ContainersPage(page);
  await expect(containers.stateBadge(failed)).toHaveText('Exited (3)');
  await expect(containers.stateBadge(failed)).toHaveAttribute('data-tone', 'amber');
  await expect(containers.stateBadge(fine)).toHaveText('Exited (0)');
  await expect(containers.stateBadge(fine)).toHaveAttribute('data-tone', 'slate');
  await expect(containers.seeLogs(fine)).toHaveCount(0);
  await saveScreenshot(page, 'containers-exit-code-en');

  const link = containers.seeLogs(failed);
  await expect(link).toHaveAccessibleName(`See the logs of ${failed}: it ended with exit code 3`);
  await link.click();
  const details = new ContainerDetailsPage(page);
  await expect(details.root).toBeVisible();
  await expect(details.tab('logs')).toHaveAttribute('aria-selected', 'true');
  await expect(details.stderrLines).toContainText('something went wrong');

  await page.goto(pageUrl(harness(), 'containers', 'ko'));
  await expect(containers.seeLogs(failed)).toHaveText('로그 보기');
  await expect(containers.seeLogs(failed)).toHaveAccessibleName(`${failed} 로그 보기: 종료 코드 3으로 끝났어요`);
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
  await page.goto(pageUrl(harness(), 'containers'));
  const containers = new ContainersPage(page);
  await containers.filter.fill('berth-e2e-');
  await expect(containers.ports(many)).toHaveCount(1);
  const more = containers.portsMore(many);
  await expect(more).toHaveText('+3 more');

  // Every row's content stays inside the row: nothing reaches into the row below.
  for (const candidate of await containers.rows.all()) {
    const box = await candidate.boundingBox();
    for (const cell of await candidate.locator(':scope > *').all()) {
      const inner = await cell.boundingBox();
      if (!box || !inner) continue;
      expect(inner.y).toBeGreaterThanOrEqual(box.y - 0.5);
      expect(inner.y + inner.height).toBeLessThanOrEqual(box.y + box.height + 0.5);
    }
  }

  await more.click();
  const all = containers.portsAll(many);
  await expect(all).toBeVisible();
  await expect(containers.allPorts(many)).toHaveCount(4);
  for (const port of ports) await expect(all).toContainText(`→${port}`);
  await saveScreenshot(page, 'containers-ports-more-en');
  // A port's card opened from that list: Escape closes the card first, then the list.
  const redisPort = containers.allPorts(many).filter({ hasText: '→6379' });
  await expect(redisPort).toHaveAttribute('data-kind', 'hint');
  await redisPort.click();
  const card = new PortHint(page).card;
  await expect(card).toContainText('redis-cli');
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);
  await expect(all).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(all).toBeHidden();
  await expect(more).toBeFocused();
});

test('the "more actions" menu works with the keyboard and returns focus', async ({ page }) => {
  const name = unique('menu');
  docker('run', '-d', '--init', '--label', label, '--name', name, 'busybox', 'sleep', '300');
  await page.goto(pageUrl(harness(), 'containers'));
  // Only this row: containers other tests make on the shared engine must not move it meanwhile.
  const containers = new ContainersPage(page);
  await containers.filter.fill(name);
  const row = containers.row(name);
  const trigger = containers.more(name);
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
    (await new AxeBuilder({ page }).include(ContainersPage.selector).analyze()).violations.map(
      (violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
    );
  for (const size of [
    { width: 900, height: 600 },
    { width: 1600, height: 900 },
  ]) {
    await page.setViewportSize(size);
    await page.goto(pageUrl(harness(), 'containers', 'ko'));
    const containers = new ContainersPage(page);
    await expect(containers.row(name)).toBeVisible();
    expect(await violations()).toEqual([]);
    await containers.more(name).click();
    await expect(page.getByRole('menu')).toBeVisible();
    expect(await violations()).toEqual([]);
    await page.keyboard.press('Escape');
    await containers.portsMore(name).click();
    await expect(containers.portsAll(name)).toBeVisible();
    expect(await violations()).toEqual([]);
  }
});
