import { expect, test } from '@playwright/test';
import { removeImage, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

let hub: FakeHub;
let harness: RunningHarness;
test.beforeAll(async () => {
  hub = await startFakeHub();
  harness = await startHarness({ BERTH_HUB_URL: hub.url });
});
test.afterAll(async () => {
  await harness.stop();
  await hub.close();
});
test.beforeEach(() => hub.setMode('normal'));

test('search "redis", open its tags, pull latest and watch every layer complete', async ({ page }) => {
  removeImage('redis');
  await page.goto(pageUrl(harness, 'hub'));
  await page.getByTestId('hub-search').fill('redis');
  const first = page.getByTestId('hub-result').first();
  await expect(first).toHaveAttribute('data-repo', 'redis');
  await expect(first.getByTestId('badge-official')).toHaveText('Official image');
  await expect(first.getByTestId('pull-count')).toContainText(/\d(\.\d)?[KMB] pulls/);
  await saveScreenshot(page, 'hub-search-en');

  await first.getByRole('button', { name: 'redis', exact: true }).click();
  const latest = page.locator('[data-testid=hub-tag][data-tag=latest]');
  await expect(latest).toContainText('MB');
  await saveScreenshot(page, 'hub-tags-en');

  await latest.getByTestId('tag-pull').click();
  const job = page.locator('[data-testid=pull-job][data-reference="redis:latest"]');
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(job.getByTestId('pull-percent')).toHaveText('100%');
  const layers = job.getByTestId('pull-layer');
  expect(await layers.count()).toBeGreaterThanOrEqual(3);
  for (const layer of await layers.all()) await expect(layer).toHaveAttribute('data-layer-state', 'pull-complete');
  await expect(job.getByTestId('pull-outcome')).toContainText('Downloaded newer image');
});

test('Ctrl+K focuses the search from any screen, and more results load on scroll', async ({ page }) => {
  await page.goto(pageUrl(harness, 'installation'));
  await page.keyboard.press('Control+K');
  await expect(page.getByTestId('hub-search')).toBeFocused();
  await page.keyboard.type('a');
  await expect(page.getByTestId('hub-result').first()).toBeVisible();
  const firstPage = await page.getByTestId('hub-result').count();
  expect(firstPage).toBe(25);
  await page.getByTestId('hub-result').last().scrollIntoViewIfNeeded();
  await expect(async () => expect(await page.getByTestId('hub-result').count()).toBeGreaterThan(firstPage)).toPass();
});

test('the Hub saying 429 tells when search works again; 500 and offline have their own words', async ({ page }) => {
  await page.goto(pageUrl(harness, 'hub'));
  hub.setMode('rate-limited');
  await page.getByTestId('hub-search').fill('nginx');
  const problem = page.getByTestId('problem');
  await expect(problem).toHaveAttribute('data-problem', 'hub-rate-limited');
  await expect(problem).toContainText('Docker Hub asks us to slow down');
  await expect(page.getByTestId('retry-countdown')).toContainText(/Search works again in \d+ s/);
  await saveScreenshot(page, 'hub-rate-limited-en');

  // A 500 falls back to the engine's own search. Offline (as here) the engine cannot search either,
  // and the Hub's error is shown; where the engine reaches the internet, its results are.
  hub.setMode('server-error');
  await page.getByTestId('hub-search').fill('node');
  const outcome = page.getByTestId('problem').or(page.getByTestId('engine-fallback'));
  await expect(outcome).toBeVisible();
  if ((await outcome.getAttribute('data-testid')) === 'problem') {
    await expect(outcome).toHaveAttribute('data-problem', 'hub-error');
    await expect(outcome).toContainText('Docker Hub had a problem');
  } else {
    await expect(outcome).toContainText('come from the Docker server');
  }

  hub.setMode('normal');
  await page.getByRole('button', { name: 'Search again' }).click();
  await expect(page.getByTestId('hub-result').first()).toHaveAttribute('data-repo', 'node');
});

test('with the Hub unreachable the search says so, in Korean too', async ({ page }) => {
  const offline = await startHarness({ BERTH_HUB_URL: 'http://127.0.0.1:9' });
  try {
    await page.goto(pageUrl(offline, 'hub', 'ko'));
    await page.getByTestId('hub-search').fill('redis');
    await expect(page.getByTestId('problem')).toHaveAttribute('data-problem', 'hub-unreachable');
    await expect(page.getByTestId('problem')).toContainText('도커 허브에 연결할 수 없어요');
    await saveScreenshot(page, 'hub-offline-ko');
  } finally {
    await offline.stop();
  }
});
