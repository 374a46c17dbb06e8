import { expect, test, type Page } from '@playwright/test';
import { commitContainer, docker, dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { pageUrl } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { saveScreenshot } from '../fixtures/screenshots';
import { DiskUsagePage } from './pages/DiskUsagePage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e.disk=${process.pid}`;
const harness = harnessForSpec({ pull: ['busybox'], label });
const prefix = `berth-e2e-disk-${process.pid}`;
let counter = 0;
const unique = (what: string) => `${prefix}-${what}-${(counter += 1)}`;
const madeImages: string[] = [];
const madeVolumes: string[] = [];

test.afterAll(() => {
  for (const id of madeImages) dockerQuiet('rmi', '-f', id);
  for (const name of madeVolumes) dockerQuiet('volume', 'rm', name);
});

/** A stopped container that wrote about 1 MB, and a dangling image committed from another. */
function makeClutter(): { container: string; image: string } {
  const container = docker(
    'run',
    '-d',
    '--label',
    label,
    '--name',
    unique('stopped'),
    'busybox',
    'sh',
    '-c',
    'dd if=/dev/zero of=/filler bs=1024 count=1024 2>/dev/null',
  );
  docker('wait', container);
  const source = docker('create', '--label', label, 'busybox', 'true');
  const image = commitContainer(source);
  madeImages.push(image);
  docker('rm', source);
  return { container, image };
}

function volume(): string {
  const name = unique('vol');
  docker('volume', 'create', name);
  madeVolumes.push(name);
  return name;
}

const exists = (kind: 'container' | 'image' | 'volume', id: string) => dockerQuiet(kind, 'inspect', id) !== '';

async function shoot(page: Page, name: string, size: 'large' | 'small', scheme: 'light' | 'dark') {
  await page.setViewportSize(size === 'large' ? { width: 1280, height: 800 } : { width: 900, height: 600 });
  await page.emulateMedia({ colorScheme: scheme });
  await saveScreenshot(page, `${name}-${size === 'large' ? '1280' : '900'}-${scheme}`);
}

for (const lang of ['en', 'ko'] as const) {
  test(`the overview shows the four categories with their items (${lang})`, async ({ page }) => {
    const { container } = makeClutter();
    await page.goto(pageUrl(harness(), 'disk', lang));
    const disk = new DiskUsagePage(page);
    for (const name of ['images', 'containers', 'volumes', 'buildCache'] as const) {
      await expect(disk.category(name)).toBeVisible();
    }
    await expect(disk.category('containers').getByTestId('disk-count')).toHaveText(/^\d+$/);
    await expect(disk.total).toBeVisible();
    await shoot(page, `disk-overview-${lang}`, 'large', 'light');
    await shoot(page, `disk-overview-${lang}`, 'small', 'dark');
    await disk.showItems('containers');
    const row = disk.category('containers').locator(`[data-testid=disk-item][data-id="${container}"]`);
    await expect(row).toContainText(lang === 'en' ? 'Stopped' : '중지됨');
    await shoot(page, `disk-items-${lang}`, 'large', 'dark');
    await shoot(page, `disk-items-${lang}`, 'small', 'light');

    // By keyboard: the clean-up opens with Enter, starts on Cancel, and Escape gives the focus back.
    await disk.cleanUp.focus();
    await page.keyboard.press('Enter');
    await expect(disk.dialog.kind('stoppedContainers')).toBeVisible();
    await expect(page.getByRole('button', { name: lang === 'en' ? 'Cancel' : '취소' })).toBeFocused();
    await page.keyboard.press('Tab');
    await expect(disk.dialog.root.locator(':focus')).toHaveCount(1);
    await page.keyboard.press('Escape');
    await expect(disk.dialog.root).toHaveCount(0);
    await expect(disk.cleanUp).toBeFocused();
  });
}

test('a clean-up lists the stopped container and the dangling image, frees them, and shows the difference', async ({
  page,
}) => {
  const { container, image } = makeClutter();
  await page.goto(pageUrl(harness(), 'disk'));
  const disk = new DiskUsagePage(page);
  await disk.cleanUp.click();
  const dialog = disk.dialog;
  await expect(dialog.item('stoppedContainers', container)).toBeVisible();
  await expect(dialog.item('danglingImages', image)).toBeVisible();
  await dialog.setKind('buildCache', false);
  await dialog.keepOnly('stoppedContainers', [container]);
  await dialog.keepOnly('danglingImages', [image]);
  await expect(dialog.confirm).toHaveText('Remove 2 items');
  await expect(dialog.frees).toContainText(/Frees .*B/);
  await shoot(page, 'disk-cleanup-en', 'large', 'light');
  await shoot(page, 'disk-cleanup-en', 'small', 'dark');
  await dialog.confirm.click();

  await expect(dialog.result).toBeVisible();
  await expect(dialog.freed).toContainText('Freed');
  await expect(dialog.difference('containers')).toBeVisible();
  await expect(dialog.failed).toHaveCount(0);
  // The Remove button is gone with the list: the keyboard is on Close.
  await expect(dialog.close).toBeFocused();
  expect(exists('container', container)).toBe(false);
  expect(exists('image', image)).toBe(false);
  await shoot(page, 'disk-cleanup-result-en', 'large', 'light');
  await shoot(page, 'disk-cleanup-result-en', 'small', 'dark');
  await dialog.close.click();
  await expect(dialog.root).toHaveCount(0);
});

test('volumes stay unless ticked and confirmed by name (ko)', async ({ page }) => {
  const { container } = makeClutter();
  const mine = volume();
  const other = volume();
  await page.goto(pageUrl(harness(), 'disk', 'ko'));
  const disk = new DiskUsagePage(page);
  await disk.cleanUp.click();
  const dialog = disk.dialog;
  // Unused volumes start unticked: a clean-up of the container alone leaves every volume.
  await expect(dialog.kind('unusedVolumes').getByTestId('cleanup-kind-toggle')).not.toBeChecked();
  await expect(dialog.kind('unusedVolumes').getByTestId('cleanup-item')).toHaveCount(0);
  await dialog.setKind('buildCache', false);
  await dialog.setKind('danglingImages', false);
  await dialog.keepOnly('stoppedContainers', [container]);
  await dialog.confirm.click();
  await expect(dialog.result).toBeVisible();
  expect(exists('container', container)).toBe(false);
  expect(exists('volume', mine)).toBe(true);
  expect(exists('volume', other)).toBe(true);
  await dialog.close.click();

  // Ticked, it needs the second confirmation naming the volume.
  await disk.cleanUp.click();
  await dialog.setKind('stoppedContainers', false);
  await dialog.setKind('danglingImages', false);
  await dialog.setKind('buildCache', false);
  await dialog.setKind('unusedVolumes', true);
  await dialog.keepOnly('unusedVolumes', [mine]);
  await expect(dialog.volumesWarning).toContainText(mine);
  await expect(dialog.volumesWarning).not.toContainText(other);
  await expect(dialog.confirm).toBeDisabled();
  await shoot(page, 'disk-cleanup-volumes-ko', 'large', 'dark');
  await shoot(page, 'disk-cleanup-volumes-ko', 'small', 'light');
  await dialog.volumesConfirm.check();
  await expect(dialog.confirm).toBeEnabled();
  await dialog.confirm.click();
  await expect(dialog.result).toBeVisible();
  await shoot(page, 'disk-cleanup-result-ko', 'large', 'dark');
  expect(exists('volume', mine)).toBe(false);
  expect(exists('volume', other)).toBe(true);
});

test('the threshold in Settings brings the status bar hint, which opens Disk usage', async ({ page }) => {
  makeClutter();
  await page.goto(pageUrl(harness(), 'settings'));
  const field = page.getByTestId('setting-reclaimable-gb');
  await field.fill('lots');
  await page.getByTestId('setting-reclaimable-apply').click();
  await expect(page.getByTestId('setting-reclaimable-invalid')).toBeVisible();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await saveScreenshot(page, 'disk-settings-invalid-en');
  // 1 kB: the stopped container alone passes it.
  await field.fill('0.000001');
  await page.getByTestId('setting-reclaimable-apply').click();
  await expect(page.getByTestId('setting-reclaimable-invalid')).toHaveCount(0);
  const hint = page.getByTestId('reclaimable-hint');
  await expect(hint).toContainText('can be freed', { timeout: 15_000 });
  await saveScreenshot(page, 'disk-status-hint-en');
  // The menu bar says so too, with the same figure.
  const size = (await hint.textContent())!.replace(' can be freed', '');
  await page.goto(pageUrl(harness(), 'tray'));
  await expect(page.locator('[data-testid=tray-item][data-id=disk]')).toHaveText(`${size} can be freed — Clean up…`);
  await saveScreenshot(page, 'disk-tray-en');
  await page.getByTestId('reclaimable-hint').click();
  await expect(new DiskUsagePage(page).root).toBeVisible();
  // 0 turns it off, without measuring again.
  await page.goto(pageUrl(harness(), 'settings'));
  await page.getByTestId('setting-reclaimable-gb').fill('0');
  await page.getByTestId('setting-reclaimable-apply').click();
  await expect(page.getByTestId('reclaimable-hint')).toHaveCount(0);
});
