import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { ContainerDetailsPage } from './pages/ContainerDetailsPage';
import { BuildPage } from './pages/BuildPage';
import { ComposePage, ComposeProjectPage } from './pages/ComposePage';
import { ContainersPage } from './pages/ContainersPage';
import { ImageLayersPage } from './pages/ImageLayersPage';
import { HubSearchPage } from './pages/HubSearchPage';
import { ImagesPage } from './pages/ImagesPage';
import { InstallationPage } from './pages/InstallationPage';
import { OnboardingPage } from './pages/OnboardingPage';
import { RepositoryTagsPage } from './pages/RepositoryTagsPage';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';
import { SettingsPage } from './pages/SettingsPage';
import { Sidebar } from './pages/Sidebar';
import { TrayPreview } from './pages/TrayPreview';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

// Every screen at the smallest windows Berth supports: nothing may need a sideways scroll, and the
// containers' CPU, memory and actions stay in the window.
const label = `berth.e2e=small-${process.pid}`;
const prefix = `berth-e2e-small-${Date.now()}`;
const names = {
  ports: `${prefix}-web`,
  one: `${prefix}-cache`,
  failed: `${prefix}-failed`,
  created: `${prefix}-created`,
};
let hub: FakeHub;
let harness: RunningHarness;
let runHash: string | null = null;

test.beforeAll(async () => {
  docker('pull', 'busybox');
  hub = await startFakeHub();
  harness = await startHarness({ BERTH_HUB_URL: hub.url });
  const ports = [80, 443, 6379, 8080].flatMap((port) => ['-p', `127.0.0.1::${port}`]);
  docker('run', '-d', '--init', '--label', label, '--name', names.ports, ...ports, 'busybox', 'sleep', '600');
  docker(
    'run',
    '-d',
    '--init',
    '--label',
    label,
    '--name',
    names.one,
    '-p',
    '127.0.0.1::6379',
    'busybox',
    'sleep',
    '600',
  );
  docker('create', '--label', label, '--name', names.failed, 'busybox', 'sh', '-c', 'exit 3');
  docker('start', names.failed);
  docker('create', '--label', label, '--name', names.created, 'busybox', 'true');
});
test.afterAll(async () => {
  await harness.stop();
  await hub.close();
  const leftovers = docker('ps', '-aq', '--filter', `label=${label}`);
  if (leftovers) docker('rm', '-f', ...leftovers.split('\n'));
  docker('rm', '-f', `${prefix}-run`);
});

/** Nothing in the page needs a sideways scroll; the message names what sticks out. */
async function expectNoHorizontalOverflow(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const main = document.querySelector('main');
    const root = document.documentElement;
    if (!main) return { main: null, root: [root.scrollWidth, root.clientWidth], offenders: [] as string[] };
    const limit = main.getBoundingClientRect().right + 1;
    const offenders = [...main.querySelectorAll<HTMLElement>('*')]
      .filter((element) => element.getBoundingClientRect().right > limit && element.getClientRects().length > 0)
      .filter((element) => !element.closest('pre'))
      .slice(0, 5)
      .map((element) => `${element.tagName.toLowerCase()}.${element.className.toString().slice(0, 60)}`);
    return { main: [main.scrollWidth, main.clientWidth], root: [root.scrollWidth, root.clientWidth], offenders };
  });
  expect(found.root[0], `${where}: the window scrolls sideways`).toBeLessThanOrEqual(found.root[1] ?? 0);
  if (found.main) {
    expect(found.main[0], `${where}: main scrolls sideways (${found.offenders.join(', ')})`).toBeLessThanOrEqual(
      found.main[1] ?? 0,
    );
  }
}

/** The cells a person needs (CPU, memory, actions) are inside the window on every container row. */
async function expectRowCellsInView(page: Page) {
  // Measured in one go: other tests on the shared engine may add or remove rows meanwhile.
  const problems = await new ContainersPage(page).rows.evaluateAll((elements, cells) => {
    const width = document.documentElement.clientWidth;
    const rows = elements as HTMLElement[];
    const found: string[] = rows.length === 0 ? ['no rows'] : [];
    for (const row of rows) {
      for (const [cell, selector] of Object.entries(cells)) {
        const box = row.querySelector(selector)?.getBoundingClientRect();
        if (!box || box.width === 0) found.push(`${row.dataset.name}: no ${cell}`);
        else if (box.left < 0 || box.right > width)
          found.push(`${row.dataset.name}: ${cell} at ${box.left}-${box.right}`);
      }
    }
    return found;
  }, ContainersPage.essentialCellSelectors);
  expect(problems).toEqual([]);
}

/** This spec's containers are all in the list (the filter and "show stopped" are on). */
async function expectListed(page: Page) {
  for (const name of Object.values(names)) {
    await expect(new ContainersPage(page).row(name)).toBeVisible();
  }
}

async function runOnce(page: Page): Promise<string> {
  if (runHash) return runHash;
  await page.goto(pageUrl(harness, 'images'));
  await new ImagesPage(page).run('busybox:latest');
  const dialog = new RunDialog(page);
  await dialog.name.fill(`${prefix}-run`);
  await dialog.command.fill('echo hello from a small window');
  await dialog.submit.click();
  await expect(new RunFlowPage(page).root).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  runHash = await page.evaluate(() => location.hash.replace(/^#\//, ''));
  return runHash;
}

/** small-<screen>-<lang>.png at 900×600; smallest-… at 800×560, the main window's minimum. */
const windows = [
  { width: 900, height: 600, prefix: 'small' },
  { width: 800, height: 560, prefix: 'smallest' },
] as const;

for (const size of windows) {
  for (const lang of ['en', 'ko'] as const) {
    test(`every screen fits a ${size.width}×${size.height} window (${lang})`, async ({ page }) => {
      test.setTimeout(180_000);
      await everyScreen(page, size, lang);
    });
  }
}

async function everyScreen(page: Page, size: (typeof windows)[number], lang: 'en' | 'ko') {
  const run = await runOnce(page);
  await page.setViewportSize({ width: size.width, height: size.height });
  const open = (section: string) => page.goto(pageUrl(harness, section, lang));
  const shoot = async (screen: string, language: string, { dark = false } = {}) => {
    await expectNoHorizontalOverflow(page, screen);
    await saveScreenshot(page, `${size.prefix}-${screen}-${language}`);
    if (!dark) return;
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, `${size.prefix}-${screen}-${language}-dark`);
    await page.emulateMedia({ colorScheme: 'light' });
  };

  await open('installation');
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  // A narrow window: the sidebar shows icons, each still named.
  await expect(new Sidebar(page).root).toHaveAttribute('data-collapsed', 'true');
  await expect(new InstallationPage(page).ready).toBeVisible();
  await shoot('installation', lang);

  await open('onboarding');
  await expect(new OnboardingPage(page).root).toBeVisible();
  await shoot('onboarding', lang);

  await open('hub');
  await new HubSearchPage(page).search.fill('redis');
  const first = new HubSearchPage(page).results.first();
  await expect(first).toHaveAttribute('data-repo', 'redis');
  await shoot('hub-search', lang);
  await first.getByRole('button', { name: 'redis', exact: true }).click();
  await expect(new RepositoryTagsPage(page).tags.first()).toBeVisible();
  await shoot('hub-tags', lang);

  await open('images');
  await expect(new ImagesPage(page).row('busybox:latest')).toBeVisible();
  await shoot('images', lang, { dark: true });
  // Sizes and times stay on one line ("18M|B" and "26분|전" were split).
  const lines = await new ImagesPage(page).sizeAndCreatedCells.evaluateAll((cells) =>
    cells.map((cell) => {
      const range = document.createRange();
      range.selectNodeContents(cell);
      return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
    }),
  );
  expect(lines.length).toBeGreaterThan(0);
  expect(lines.every((count) => count === 1)).toBe(true);

  // The layers of busybox, from its row.
  await page
    .getByRole('button', { name: lang === 'en' ? 'Layers of busybox:latest' : 'busybox:latest의 레이어' })
    .click();
  await expect(new ImageLayersPage(page).rows.first()).toBeVisible();
  await shoot('image-layers', lang);

  // The Build page: what to do first, then an example open with its Dockerfile and build context.
  await open('build');
  const build = new BuildPage(page);
  await expect(build.example('static-site')).toBeVisible();
  await shoot('build', lang);
  await build.example('static-site').click();
  await expect(build.line('FROM busybox')).toBeVisible();
  await expect(build.contextSends).toBeVisible();
  await shoot('build-example', lang, { dark: true });

  // The Compose page, then the example open: its services and their actions' menus.
  await open('compose');
  await expect(new ComposePage(page).example).toBeEnabled();
  await shoot('compose', lang);
  await new ComposePage(page).example.click();
  await expect(new ComposeProjectPage(page).service('web')).toBeVisible();
  await shoot('compose-example', lang, { dark: true });

  await open('containers');
  await new ContainersPage(page).showAll.check();
  await expectNoHorizontalOverflow(page, 'containers, all');
  await expectRowCellsInView(page);
  await new ContainersPage(page).filter.fill(prefix);
  await expectListed(page);
  await expectRowCellsInView(page);
  await shoot('containers', lang, { dark: true });

  await open(`containers/${names.ports}`);
  for (const tab of ['logs', 'stats', 'inspect', 'terminal'] as const) {
    const details = new ContainerDetailsPage(page);
    await details.openTab(tab);
    await expect(details.tab(tab)).toHaveAttribute('aria-selected', 'true');
    if (tab === 'terminal') await expect(details.terminalView).toHaveAttribute('data-connected', 'true');
    await shoot(`details-${tab}`, lang);
  }

  await open(run);
  await expect(new RunFlowPage(page).output).toContainText('hello from a small window');
  await shoot('run-flow', lang, { dark: true });

  await open('settings');
  await expect(new SettingsPage(page).root).toBeVisible();
  await shoot('settings', lang);

  await open('tray');
  await expect(new TrayPreview(page).root).toBeVisible();
  await shoot('tray', lang);
}

for (const size of [
  { width: 800, height: 560 },
  { width: 1280, height: 800 },
  { width: 1600, height: 900 },
]) {
  test(`the lists fit ${size.width}×${size.height}, in English and Korean`, async ({ page }) => {
    await page.setViewportSize(size);
    for (const lang of ['en', 'ko'] as const) {
      await page.goto(pageUrl(harness, 'containers', lang));
      await new ContainersPage(page).showAll.check();
      await new ContainersPage(page).filter.fill(prefix);
      await expectListed(page);
      await expectNoHorizontalOverflow(page, `containers ${size.width}`);
      await expectRowCellsInView(page);
      await saveScreenshot(page, `size-${size.width}-containers-${lang}`);

      await page.goto(pageUrl(harness, 'images', lang));
      await expect(new ImagesPage(page).row('busybox:latest')).toBeVisible();
      await expectNoHorizontalOverflow(page, `images ${size.width}`);
      await saveScreenshot(page, `size-${size.width}-images-${lang}`);
    }
  });
}

test('the sidebar collapses and expands by keyboard, and keeps its names', async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pageUrl(harness, 'images'));
  const sidebar = new Sidebar(page).root;
  await expect(sidebar).toHaveAttribute('data-collapsed', 'false');
  const toggle = new Sidebar(page).toggle;
  await toggle.focus();
  await expect(toggle).toHaveAccessibleName('Collapse the sidebar');
  await page.keyboard.press('Enter');
  await expect(sidebar).toHaveAttribute('data-collapsed', 'true');
  await expect(toggle).toHaveAccessibleName('Expand the sidebar');
  const containers = page.getByRole('navigation').getByRole('link', { name: 'Containers', exact: true });
  await expect(containers).toHaveAttribute('title', 'Containers');
  expect((await sidebar.boundingBox())?.width).toBeLessThan(64);
  await saveScreenshot(page, 'sidebar-collapsed-en');
  await containers.focus();
  await page.keyboard.press('Enter');
  await expect(page.locator('main')).toHaveAttribute('data-section', 'containers');

  // A narrow window collapses it by itself; the toggle still opens it.
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto(pageUrl(harness, 'images', 'ko'));
  await expect(sidebar).toHaveAttribute('data-collapsed', 'true');
  await toggle.click();
  await expect(sidebar).toHaveAttribute('data-collapsed', 'false');
  await expect(toggle).toHaveAccessibleName('사이드바 접기');
  // Over the page, not beside it: the page keeps its width.
  expect((await page.locator('main').boundingBox())?.x).toBeLessThan(64);
  await expectNoHorizontalOverflow(page, 'images with the sidebar open');
  await saveScreenshot(page, 'small-sidebar-open-ko');
  await page.keyboard.press('Escape');
  await expect(sidebar).toHaveAttribute('data-collapsed', 'true');
  await expect(toggle).toBeFocused();
});
