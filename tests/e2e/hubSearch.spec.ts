import { expect, test } from '@playwright/test';
import { removeImage, requireEngine } from '../fixtures/dockerCli';
import { fakeHubSearch, fakeHubV4Extras, startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { HubSearchPage } from './pages/HubSearchPage';
import { ProblemNotice } from './pages/ProblemNotice';
import { PullsPanel } from './pages/PullsPanel';
import { RepositoryTagsPage } from './pages/RepositoryTagsPage';

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
  const hubSearch = new HubSearchPage(page);
  await hubSearch.search.fill('redis');
  const first = hubSearch.firstResult;
  await expect(first.root).toHaveAttribute('data-repo', 'redis');
  await expect(first.official).toHaveText('Official image');
  await expect(first.pullCount).toContainText(/\d(\.\d)?[KMB] pulls/);
  await saveScreenshot(page, 'hub-search-en');

  await first.root.getByRole('button', { name: 'redis', exact: true }).click();
  const latest = new RepositoryTagsPage(page).tag('latest');
  await expect(latest.root).toContainText('MB');
  await saveScreenshot(page, 'hub-tags-en');

  await latest.pull.click();
  const job = new PullsPanel(page).job('redis:latest');
  await expect(job.root).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(job.percent).toHaveText('100%');
  const layers = job.layers;
  expect(await layers.count()).toBeGreaterThanOrEqual(3);
  for (const layer of await layers.all()) await expect(layer).toHaveAttribute('data-layer-state', 'pull-complete');
  await expect(job.outcome).toContainText('Downloaded newer image');
});

test('Ctrl+K focuses the search from any screen, and more results load on scroll', async ({ page }) => {
  await page.goto(pageUrl(harness, 'installation'));
  // A person presses keys on a screen they see: wait for it (the language's texts load first).
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
  await page.keyboard.press('Control+K');
  const hubSearch = new HubSearchPage(page);
  await expect(hubSearch.search).toBeFocused();
  await page.keyboard.type('a');
  await expect(hubSearch.results.first()).toBeVisible();
  const firstPage = await hubSearch.results.count();
  expect(firstPage).toBe(25);
  await hubSearch.results.last().scrollIntoViewIfNeeded();
  await expect(async () => expect(await hubSearch.results.count()).toBeGreaterThan(firstPage)).toPass();
});

test('the Hub saying 429 tells when search works again; 500 and offline have their own words', async ({ page }) => {
  await page.goto(pageUrl(harness, 'hub'));
  const hubSearch = new HubSearchPage(page);
  hub.setMode('rate-limited');
  await hubSearch.search.fill('nginx');
  const problem = new ProblemNotice(page).root;
  await expect(problem).toHaveAttribute('data-problem', 'hub-rate-limited');
  await expect(problem).toContainText('Docker Hub asks us to slow down');
  await expect(hubSearch.retryCountdown).toContainText(/Search works again in \d+ s/);
  await saveScreenshot(page, 'hub-rate-limited-en');

  // A 500 falls back to the engine's own search. Offline (as here) the engine cannot search either,
  // and the Hub's error is shown; where the engine reaches the internet, its results are.
  hub.setMode('server-error');
  await hubSearch.search.fill('node');
  const outcome = new ProblemNotice(page).root.or(hubSearch.engineFallback);
  await expect(outcome).toBeVisible();
  if ((await outcome.getAttribute('data-testid')) === 'problem') {
    await expect(outcome).toHaveAttribute('data-problem', 'hub-error');
    await expect(outcome).toContainText('Docker Hub had a problem');
  } else {
    await expect(outcome).toContainText('come from the Docker server');
  }

  hub.setMode('normal');
  await page.getByRole('button', { name: 'Search again' }).click();
  await expect(hubSearch.results.first()).toHaveAttribute('data-repo', 'node');
});

test('with the Hub unreachable the search says so, in Korean too', async ({ page }) => {
  const offline = await startHarness({ BERTH_HUB_URL: 'http://127.0.0.1:9' });
  try {
    await page.goto(pageUrl(offline, 'hub', 'ko'));
    const hubSearch = new HubSearchPage(page);
    await hubSearch.search.fill('redis');
    await expect(new ProblemNotice(page).root).toHaveAttribute('data-problem', 'hub-unreachable');
    await expect(new ProblemNotice(page).root).toContainText('도커 허브에 연결할 수 없어요');
    await saveScreenshot(page, 'hub-offline-ko');
  } finally {
    await offline.stop();
  }
});

test('one odd row does not cost the page: it is mended or left out, and the user is told', async ({ page }) => {
  hub.setMode('odd-rows');
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness, 'hub', lang));
    const hubSearch = new HubSearchPage(page);
    await hubSearch.search.fill('redis');
    const results = hubSearch.results;
    await expect(results.first()).toHaveAttribute('data-repo', 'redis');
    await expect(results).toHaveCount(fakeHubSearch('redis').length);
    // "1B+" in a v2 row is read as at least a billion.
    await expect(hubSearch.firstResult.pullCount).toHaveText(lang === 'en' ? '↓ 1B+ pulls' : '↓ 10억회 이상 받음');
    await expect(hubSearch.skipped).toHaveText(
      lang === 'en'
        ? '1 result from Docker Hub could not be read and is not shown.'
        : '도커 허브 결과 1개는 읽을 수 없어서 보여 드리지 않았어요.',
    );
    await expect(new ProblemNotice(page).root).toHaveCount(0);
    await hubSearch.skipped.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `hub-odd-rows-${lang}`);
  }
});

test('rows the Hub repeats across pages are shown once', async ({ page }) => {
  hub.setMode('repeats');
  const expected = Math.min(50, fakeHubSearch('a').length);
  expect(expected).toBeGreaterThan(25);
  await page.goto(pageUrl(harness, 'hub'));
  const hubSearch = new HubSearchPage(page);
  await hubSearch.search.fill('a');
  const results = hubSearch.results;
  await expect(results).toHaveCount(25);
  await results.last().scrollIntoViewIfNeeded();
  await expect(page.getByText('Loading more…')).toHaveCount(0);
  await expect(results).toHaveCount(expected);
  const names = await results.evaluateAll((rows) => rows.map((row) => row.getAttribute('data-repo')));
  expect(new Set(names).size).toBe(names.length);
});

test('when both Hub searches are gone, it says "Docker Hub’s search has changed", in Korean too', async ({ page }) => {
  for (const [mode, lang] of [
    ['search-gone', 'en'],
    ['search-empty', 'ko'],
  ] as const) {
    hub.setMode(mode);
    await page.goto(pageUrl(harness, 'hub', lang));
    const hubSearch = new HubSearchPage(page);
    await hubSearch.search.fill('nginx');
    // Offline (as here) the engine cannot search either, and the Hub's problem is shown; where the
    // engine reaches the internet, its results are, with the same news.
    const outcome = new ProblemNotice(page).root.or(hubSearch.engineFallback);
    await expect(outcome).toBeVisible();
    if ((await outcome.getAttribute('data-testid')) === 'problem') {
      await expect(outcome).toHaveAttribute('data-problem', 'hub-search-changed');
      await expect(outcome.locator('h2')).toHaveText(
        lang === 'en' ? 'Docker Hub’s search has changed' : '도커 허브의 검색 방식이 바뀌었어요',
      );
    } else {
      await expect(outcome).toContainText(lang === 'en' ? 'Docker Hub’s search has changed' : '검색 방식이 바뀌어서');
    }
    await saveScreenshot(page, `hub-search-changed-${lang}`);
  }
});

test('when v2 search is gone the v4 search answers, with verified-publisher and archived badges', async ({ page }) => {
  hub.setMode('v2-gone');
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness, 'hub', lang));
    const hubSearch = new HubSearchPage(page);
    await hubSearch.search.fill('redis');
    const redis = hubSearch.result('redis');
    await expect(redis.official).toBeVisible();
    await expect(redis.pullCount).toHaveText(lang === 'en' ? '↓ 1B+ pulls' : '↓ 10억회 이상 받음');
    const bitnami = hubSearch.result('bitnami/redis');
    await expect(bitnami.verified).toHaveText(lang === 'en' ? 'Verified publisher' : '인증된 게시자');
    const archived = hubSearch.result('redislabs/rejson');
    await expect(archived.archived).toHaveText(lang === 'en' ? 'Archived' : '보관됨');
    await expect(hubSearch.verifiedBadges).toHaveCount(
      fakeHubSearch('redis').filter((repo) => fakeHubV4Extras[repo.repo_name]?.badge === 'verified_publisher').length,
    );
    await saveScreenshot(page, `hub-search-v4-${lang}`);
    await archived.root.scrollIntoViewIfNeeded();
    await saveScreenshot(page, `hub-search-v4-archived-${lang}`);
  }
});

test('one star is "1 star"; Korean counts read right without plural forms', async ({ page }) => {
  for (const [lang, one, many] of [
    ['en', /★ 1 star(?!s)/, /★ 3\.4K stars/],
    ['ko', /★ 별 1개/, /★ 별 3\.4천개/],
  ] as const) {
    await page.goto(pageUrl(harness, 'hub', lang));
    const hubSearch = new HubSearchPage(page);
    await hubSearch.search.fill('jitesoft');
    await expect(hubSearch.result('jitesoft/node').root).toContainText(one);
    await hubSearch.search.fill('busybox');
    await expect(hubSearch.result('busybox').root).toContainText(many);
  }
});

test('tags: one label per platform, inactive tags marked, and a tag with no image for this engine', async ({
  page,
}) => {
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness, 'hub/library/busybox', lang));
    const tags = new RepositoryTagsPage(page);
    const old = tags.tag('1.31');
    // 1.31 lists arm64 without a variant, the others arm64/v8: the same platform, one label.
    await expect(old.root.locator('td').nth(3)).toHaveText('linux/amd64, linux/arm64/v8');
    await expect(old.inactive).toHaveText(lang === 'en' ? 'Inactive' : '비활성');
    await expect(tags.tag('latest').inactive).toHaveCount(0);
    for (const cell of await tags.platforms.all()) {
      for (const label of (await cell.innerText()).split(', ')) {
        expect(label).toMatch(/^(linux|windows)\/(amd64|arm64\/v8|arm\/v\d)$/);
      }
    }
    await saveScreenshot(page, `hub-tags-inactive-${lang}`);

    await page.goto(pageUrl(harness, 'hub/library/hello-world', lang));
    const windowsOnly = tags.tag('nanoserver-ltsc2022');
    await expect(windowsOnly.notHere).toHaveText(
      lang === 'en'
        ? 'No image for linux/amd64: it will not run on this Docker server.'
        : 'linux/amd64용 이미지가 없어요. 이 도커 서버에서는 실행되지 않아요.',
    );
    await expect(windowsOnly.run).toBeDisabled();
    await expect(windowsOnly.pull).toHaveAttribute(
      'title',
      lang === 'en' ? /will not run on this Docker server/ : /이 도커 서버에서는 실행되지 않아요/,
    );
    const latest = tags.tag('latest');
    await expect(latest.run).toBeEnabled();
    await expect(latest.notHere).toHaveCount(0);
    await saveScreenshot(page, `hub-tags-not-here-${lang}`);
  }
});
