import { expect, test, type Locator, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { saveScreenshot } from '../fixtures/screenshots';
import { ImagesPage } from './pages/ImagesPage';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';
import { StatusBar } from './pages/StatusBar';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

// The status bar and the run page's flow diagram in narrow windows, in both languages: one line of
// status (no number broken over two lines), one row of boxes (no arrow left dangling at a line's end).
const name = `berth-e2e-narrow-${Date.now()}`;

const harness = harnessForSpec({ pull: ['busybox'] });
test.afterAll(() => {
  docker('rm', '-f', name);
});

async function runOnce(page: Page): Promise<string> {
  await page.goto(pageUrl(harness(), 'images'));
  await new ImagesPage(page).runButton('busybox:latest').click();
  const dialog = new RunDialog(page);
  await dialog.name.fill(name);
  await dialog.command.fill('echo narrow');
  await dialog.submit.click();
  await expect(new RunFlowPage(page).root).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
  return page.evaluate(() => location.hash.replace(/^#\//, ''));
}

/** How many lines the status bar's tallest part takes (a wrapped text takes two or more). */
async function statusBarLines(page: Page): Promise<number> {
  const lines = await new StatusBar(page).root.locator('> *').evaluateAll((parts) =>
    parts.map((part) => {
      const line = parseFloat(getComputedStyle(part).lineHeight) || 16;
      return Math.round(part.getBoundingClientRect().height / line);
    }),
  );
  return Math.max(...lines);
}

/** The top of each element, rounded: equal tops mean one row. */
async function tops(elements: Locator): Promise<number[]> {
  return elements.evaluateAll((elements) => elements.map((element) => Math.round(element.getBoundingClientRect().top)));
}

test('the status bar stays on one line and the flow diagram in one row, 800 to 1280 wide, in English and Korean', async ({
  page,
}) => {
  const run = await runOnce(page);
  for (const size of [
    { width: 1280, height: 800 },
    { width: 900, height: 600 },
    { width: 800, height: 560 },
  ]) {
    await page.setViewportSize(size);
    for (const lang of ['en', 'ko'] as const) {
      await page.goto(pageUrl(harness(), run, lang));
      const flow = new RunFlowPage(page);
      await expect(flow.root).toHaveAttribute('data-state', 'exited');
      await expect(new StatusBar(page).root).toHaveAttribute('data-state', 'connected');

      const boxes = await tops(flow.diagramBoxes);
      expect(boxes, `flow diagram rows at ${size.width} (${lang})`).toHaveLength(5);
      expect(new Set(boxes).size, `flow diagram rows at ${size.width} (${lang})`).toBe(1);

      expect(await statusBarLines(page), `status bar lines at ${size.width} (${lang})`).toBeLessThanOrEqual(1);
      await saveScreenshot(page, `narrow-run-${size.width}-${lang}`);
    }
  }
});

test('the status bar stays on one line while the Docker server is unreachable, counting down to the next check', async ({
  page,
}) => {
  const down = await startHarness({ DOCKER_HOST: `unix:///tmp/berth-e2e-narrow-${process.pid}/docker.sock` });
  try {
    for (const size of [
      { width: 900, height: 600 },
      { width: 800, height: 560 },
    ]) {
      await page.setViewportSize(size);
      for (const lang of ['en', 'ko'] as const) {
        await page.goto(pageUrl(down, 'containers', lang));
        await expect(new StatusBar(page).root).toHaveAttribute('data-state', 'disconnected', { timeout: 30_000 });
        expect(await statusBarLines(page), `status bar lines at ${size.width} (${lang})`).toBeLessThanOrEqual(1);
        await saveScreenshot(page, `narrow-down-${size.width}-${lang}`);
      }
    }
  } finally {
    await down.stop();
  }
});
