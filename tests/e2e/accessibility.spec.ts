import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { DiskUsagePage } from './pages/DiskUsagePage';
import { BuildPage } from './pages/BuildPage';
import { ComposeEditor } from './pages/ComposeEditor';
import { ComposePage, ComposeProjectPage } from './pages/ComposePage';
import { ContainerDetailsPage } from './pages/ContainerDetailsPage';
import { ContainersPage } from './pages/ContainersPage';
import { EngineSwitcher } from './pages/EngineSwitcher';
import { HubSearchPage } from './pages/HubSearchPage';
import { ImageLayersPage } from './pages/ImageLayersPage';
import { ImagesPage } from './pages/ImagesPage';
import { InstallationPage } from './pages/InstallationPage';
import { OnboardingPage } from './pages/OnboardingPage';
import { ProblemNotice } from './pages/ProblemNotice';
import { RepositoryTagsPage } from './pages/RepositoryTagsPage';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';
import { SettingsPage } from './pages/SettingsPage';
import { StatusBar } from './pages/StatusBar';
import { TrayPreview } from './pages/TrayPreview';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

/**
 * axe-core on every screen, in both themes and both languages: WCAG 2.1 A and AA and axe's best
 * practices. Whatever remains is listed, with why, under "Accessibility" in README.md, and here.
 */
const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'];
/**
 * The one rule README.md's "Accessibility" section keeps, with why: axe wants a scrolling region with
 * nothing focusable inside to be focusable itself. Chromium (since 130; Electron 45 is 142) makes
 * such a scroller reachable by Tab on its own, which axe's rule predates: a node of this rule
 * counts only when Tab really does not reach it.
 */
const scrollerRule = 'scrollable-region-focusable';

/**
 * Whether pressing Tab from the top of the page (or modal dialog) lands on `selector`. A region
 * that no longer scrolls (live content, such as the tray menu, got shorter meanwhile) is no
 * scrolling region any more, so it passes.
 */
async function reachableByTab(page: Page, selector: string): Promise<boolean> {
  const scrolls = await page.evaluate((target) => {
    const element = document.querySelector(target);
    return (
      element !== null && (element.scrollHeight > element.clientHeight || element.scrollWidth > element.clientWidth)
    );
  }, selector);
  if (!scrolls) return true;
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  for (let press = 0; press < 40; press += 1) {
    await page.keyboard.press('Tab');
    if (await page.evaluate((target) => document.activeElement === document.querySelector(target), selector)) {
      return true;
    }
  }
  return false;
}

// Its own label and name: other suites on this shared engine clean up by berth.e2e and berth-e2e-*,
// and this container must live through all four runs.
const label = `berth.a11y=${process.pid}`;
const containerName = `berth-a11y-${Date.now()}`;
let hub: FakeHub;
let harness: RunningHarness;
let downHarness: RunningHarness;
let downDir: string;
/** The run flow page's route, made once by running busybox through the run dialog. */
let runRoute: string | null = null;

test.beforeAll(async () => {
  docker('pull', 'busybox');
  docker('run', '-d', '--init', '--label', label, '--name', containerName, 'busybox', 'sleep', '3600');
  hub = await startFakeHub();
  harness = await startHarness({ BERTH_HUB_URL: hub.url });
  downDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-a11y-'));
  downHarness = await startHarness({
    DOCKER_HOST: `unix://${path.join(downDir, 'docker.sock')}`,
    BERTH_HUB_URL: hub.url,
  });
});
test.afterAll(async () => {
  await harness.stop();
  await downHarness.stop();
  await hub.close();
  fs.rmSync(downDir, { recursive: true, force: true });
  const leftovers = docker('ps', '-aq', '--filter', `label=${label}`);
  if (leftovers) docker('rm', '-f', ...leftovers.split('\n'));
  const runs = docker('ps', '-aq', '--filter', `name=^/?${containerName}-run$`);
  if (runs) docker('rm', '-f', runs);
});

type Lang = 'en' | 'ko';
interface Screen {
  name: string;
  /** Opens the screen and waits until it shows what it is for. */
  open(page: Page, lang: Lang): Promise<void>;
}

const image = (page: Page) => new ImagesPage(page).row('busybox:latest');

const screens: Screen[] = [
  {
    name: 'installation check',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'installation', lang));
      await expect(new InstallationPage(page).fact('server-version')).toBeVisible();
    },
  },
  {
    name: 'onboarding',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'onboarding', lang));
      await expect(new OnboardingPage(page).root).toBeVisible();
    },
  },
  {
    name: 'hub search',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'hub', lang));
      await new HubSearchPage(page).search.fill('redis');
      await expect(new HubSearchPage(page).results.first()).toBeVisible();
    },
  },
  {
    name: 'hub tags',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'hub/library/busybox', lang));
      await expect(new RepositoryTagsPage(page).tags.first()).toBeVisible();
    },
  },
  {
    name: 'images',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'images', lang));
      await expect(image(page)).toBeVisible();
    },
  },
  {
    name: 'image layers',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'images', lang));
      await image(page).getByTestId('image-layers').click();
      await expect(new ImageLayersPage(page).summary).toBeVisible();
    },
  },
  {
    name: 'images remove dialog',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'images', lang));
      await new ImagesPage(page).removeButton('busybox:latest').click();
      await expect(new ImagesPage(page).removeDialog.root).toBeVisible();
    },
  },
  {
    name: 'containers',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'containers', lang));
      // The engine is shared: other rows may push this one out of the virtualized list's window.
      await new ContainersPage(page).filter.fill(containerName);
      await expect(new ContainersPage(page).row(containerName)).toBeVisible();
    },
  },
  ...(['logs', 'stats', 'inspect', 'terminal'] as const).map<Screen>((tab) => ({
    name: `container details, ${tab}`,
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, `containers/${containerName}`, lang));
      await new ContainerDetailsPage(page).openTab(tab);
      await expect(new ContainerDetailsPage(page).tab(tab)).toHaveAttribute('aria-selected', 'true');
      if (tab === 'stats') await expect(new ContainerDetailsPage(page).statsView).toBeVisible();
      if (tab === 'terminal')
        await expect(new ContainerDetailsPage(page).terminalView).toHaveAttribute('data-connected', 'true');
    },
  })),
  {
    name: 'run dialog',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'images', lang));
      await new ImagesPage(page).runButton('busybox:latest').click();
      await expect(new RunDialog(page).root).toBeVisible();
    },
  },
  {
    name: 'run flow',
    open: async (page, lang) => {
      if (!runRoute) {
        await page.goto(pageUrl(harness, 'images', lang));
        await new ImagesPage(page).runButton('busybox:latest').click();
        await new RunDialog(page).name.fill(`${containerName}-run`);
        await new RunDialog(page).command.fill('echo hello from berth');
        await new RunDialog(page).submit.click();
        await expect(new RunFlowPage(page).root).toHaveAttribute('data-state', 'exited', { timeout: 30_000 });
        runRoute = (await page.evaluate(() => location.hash)).replace(/^#\//, '');
      }
      await page.goto(pageUrl(harness, runRoute, lang));
      await expect(new RunFlowPage(page).root).toHaveAttribute('data-state', 'exited');
    },
  },
  {
    name: 'settings',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'settings', lang));
      await expect(new SettingsPage(page).engineOptions.first()).toBeVisible();
    },
  },
  {
    name: 'engine switcher open',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'installation', lang));
      await new EngineSwitcher(page).button.click();
      await expect(new EngineSwitcher(page).options.first()).toBeVisible();
    },
  },
  {
    name: 'tray preview',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'tray', lang));
      await expect(new TrayPreview(page).root).toBeVisible();
    },
  },
  {
    name: 'disk usage, items open',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'disk', lang));
      const disk = new DiskUsagePage(page);
      await expect(disk.category('containers')).toBeVisible();
      await disk.showItems('containers');
    },
  },
  {
    name: 'disk clean-up dialog',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'disk', lang));
      const disk = new DiskUsagePage(page);
      await disk.cleanUp.click();
      await expect(disk.dialog.kind('stoppedContainers')).toBeVisible();
    },
  },
  {
    name: 'build',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'build', lang));
      await expect(new BuildPage(page).example('static-site')).toBeVisible();
    },
  },
  {
    name: 'build: an example open',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'build', lang));
      await new BuildPage(page).example('static-site').click();
      await expect(new BuildPage(page).contextSends).toBeVisible();
    },
  },
  {
    name: 'compose',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'compose', lang));
      await expect(new ComposePage(page).example).toBeEnabled();
    },
  },
  {
    name: 'compose: the example open',
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'compose', lang));
      await new ComposePage(page).example.click();
      await expect(new ComposeProjectPage(page).service('web')).toBeVisible();
    },
  },
  {
    name: "compose: the example's file, with a problem",
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'compose', lang));
      await new ComposePage(page).example.click();
      const editor = new ComposeEditor(page);
      await editor.fileTab.click();
      await editor.toEnd();
      await page.keyboard.type('portz: 1');
      await expect(editor.problem).toBeVisible();
    },
  },
  {
    name: "compose: the example's logs",
    open: async (page, lang) => {
      await page.goto(pageUrl(harness, 'compose', lang));
      await new ComposePage(page).example.click();
      await new ComposeEditor(page).logsTab.click();
      await expect(page.getByTestId('logs-view')).toBeVisible();
    },
  },
  ...(['installation', 'images', 'containers', 'hub/library/busybox'] as const).map<Screen>((route) => ({
    name: `Docker server down: ${route}`,
    open: async (page, lang) => {
      await page.goto(pageUrl(downHarness, route, lang));
      await expect(new StatusBar(page).root).toHaveAttribute('data-state', 'disconnected', { timeout: 30_000 });
      await expect(new ProblemNotice(page).root.first()).toBeVisible();
    },
  })),
];

/** One line per rule and place, short enough to read in a failure. */
async function violationsOn(page: Page, where: string): Promise<string[]> {
  // Hover and focus styles out of the way: axe measures the resting colours.
  await page.mouse.move(0, 0);
  const results = await new AxeBuilder({ page }).withTags(tags).analyze();
  const found: string[] = [];
  for (const violation of results.violations) {
    for (const node of violation.nodes) {
      const target = node.target.join(' ');
      if (violation.id === scrollerRule && (await reachableByTab(page, target))) continue;
      const why = node.failureSummary?.split('\n').slice(1).join(' ').trim() || violation.help;
      found.push(`${where}: ${violation.id} (${violation.impact ?? 'n/a'}) at ${target}: ${why}`);
    }
  }
  return found;
}

for (const lang of ['en', 'ko'] as const) {
  for (const colorScheme of ['light', 'dark'] as const) {
    test(`every screen passes axe-core, ${lang}, ${colorScheme}`, async ({ page }) => {
      test.setTimeout(240_000);
      await page.emulateMedia({ colorScheme });
      const found: string[] = [];
      fs.rmSync(`test-results/axe-${lang}-${colorScheme}.json`, { force: true });
      for (const screen of screens) {
        // A fresh load each time: the same URL again would keep the last screen's dialog open.
        await page.goto('about:blank');
        await screen.open(page, lang);
        found.push(...(await violationsOn(page, `${screen.name} (${lang}, ${colorScheme})`)));
      }
      fs.mkdirSync('test-results', { recursive: true });
      fs.writeFileSync(`test-results/axe-${lang}-${colorScheme}.json`, JSON.stringify(found, null, 2));
      expect(found).toEqual([]);
    });
  }
}
