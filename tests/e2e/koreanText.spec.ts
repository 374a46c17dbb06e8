import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { fakeHubCatalogue, fakeHubTags, startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';

/**
 * Every main screen in Korean shows Korean words: English is left only for product and program
 * names, commands and values (names, references, versions, paths, numbers). The check reads the
 * visible text of each screen and lists the ASCII words that are none of these.
 */

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e.ko=${process.pid}`;
const name = `berth-e2e-ko-${Date.now()}`;
const volume = `${name}-data`;
let hub: FakeHub;
let harness: RunningHarness;
test.beforeAll(async () => {
  docker('pull', 'busybox');
  docker('pull', 'hello-world');
  hub = await startFakeHub();
  harness = await startHarness({ BERTH_HUB_URL: hub.url });
});
test.afterAll(async () => {
  await harness?.stop();
  await hub?.close();
  const leftovers = docker('ps', '-aq', '--filter', `label=${label}`);
  if (leftovers) docker('rm', '-f', ...leftovers.split('\n'));
  docker('volume', 'rm', '-f', volume);
});

/** Product and program names, commands, keys and acronyms: the same in every language. */
const allowedPhrases = [
  'Docker Desktop',
  'Docker Engine',
  'Rancher Desktop',
  'Engine API',
  'OS/Arch',
  '(pull)',
  '(dangling)',
  '<none>',
];
const allowedWords = new Set([
  'Berth',
  'Podman',
  'Colima',
  'OrbStack',
  'Homebrew',
  'Linux',
  'macOS',
  'Mac',
  'Windows',
  'WSL',
  'PowerShell',
  'Apple',
  'Intel',
  'Conmon',
  'OCI',
  'containerd',
  'runc',
  'tmpfs',
  'CLI',
  'API',
  'OS',
  'Go',
  'Git',
  'TTY',
  'JSON',
  'CPU',
  'ID',
  'SSH',
  'HTTP',
  'HTTPS',
  'TCP',
  'UDP',
  'URL',
  'Dock',
  'Ctrl',
  'Cmd',
  'Esc',
  'Enter',
  'English', // the language picker names each language in itself
  'sudo',
  'systemctl',
  'sh',
]);

/**
 * A `docker …` command line in running text; the words of a value such as "3.2 MB" or "3s" after a
 * number; anything in quotes (a query, a name the user typed).
 */
const commandOrUnit = /\bdocker(?:\s+(?:--?[a-z][\w-]*|[a-z][\w-]*|…))*|\d[\d.,]*\s?(?:[KMGT]i?B|kB|B|ms|s)\b|"[^"]*"/g;

/** A token that is a value, not a word: a version, path, URL, id, reference, number, flag or variable. */
const valueToken = /[\d/:.@_=+$~<>]|^-/;

/**
 * The visible text of the page, one string for each element's own text (React splits "KEY=value"
 * into three text nodes), without code, commands and the values Berth marks as such.
 */
async function visibleTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const skipped = 'code, kbd, pre, samp, [data-value], .xterm, [data-testid=log-line]';
    const byElement = new Map<Element, string>();
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const element = node.parentElement;
      if (!element || element.closest(skipped)) continue;
      const shown = element instanceof HTMLOptionElement ? element.closest('select') : element;
      if (!shown?.checkVisibility({ visibilityProperty: true })) continue;
      byElement.set(element, (byElement.get(element) ?? '') + (node.textContent ?? ''));
    }
    const texts = [...byElement.values()].map((text) => text.trim()).filter(Boolean);
    for (const field of document.querySelectorAll<HTMLInputElement>('input[placeholder], textarea[placeholder]')) {
      if (field.checkVisibility() && !field.value) texts.push(field.placeholder);
    }
    return texts;
  });
}

/** Values of this run that the engine and the Hub gave: container and image names, Hub texts. */
function knownValues(): string[] {
  const containers = docker('ps', '-a', '--format', '{{.Names}}\t{{.Image}}').split(/\s+/);
  const images = docker('images', '--format', '{{.Repository}}\t{{.Tag}}').split(/\s+/);
  const fromHub = fakeHubCatalogue.flatMap((repository) => [
    repository.repo_name,
    repository.short_description,
    repository.repo_owner,
  ]);
  const tags = ['redis', 'busybox', 'hello-world'].flatMap((repository) =>
    (fakeHubTags(`library/${repository}`) ?? []).map((tag) => tag.name),
  );
  // The components' names and versions, word by word: the installation check may show a part of
  // a long version such as Podman's "conmon version 2.1.6, commit: unknown".
  const components = (
    JSON.parse(docker('version', '--format', '{{json .Server.Components}}')) as Array<{ Name: string; Version: string }>
  )
    .filter((component) => !/^(podman )?engine$/i.test(component.Name))
    .flatMap((component) => [component.Name, ...component.Version.split(/[\s,]+/)]);
  const context = docker('context', 'show');
  return [...containers, ...images, ...fromHub, ...tags, ...components, context, name, volume]
    .filter((value) => value.length > 1)
    .sort((a, b) => b.length - a.length);
}

/** The ASCII words on the page that are not product names, commands or values, and unchosen particles. */
async function englishWords(page: Page): Promise<string[]> {
  const values = knownValues();
  const words = new Set<string>();
  for (let text of await visibleTexts(page)) {
    // A particle left for the reader to choose, "코드 0(으)로", is chosen in code instead.
    for (const particle of text.match(/\S*\((?:으|이|을|은|와|과)\)\S*/g) ?? []) words.add(particle);
    text = text.replace(commandOrUnit, ' ');
    for (const phrase of allowedPhrases) text = text.split(phrase).join(' ');
    for (const value of values) text = text.split(value).join(' ');
    for (const token of text.split(/\s+/)) {
      if (valueToken.test(token.replace(/^[("'“‘[]+|[)"'”’\],;!?…]+$/g, ''))) continue;
      for (const word of token.match(/[A-Za-z]{2,}/g) ?? []) if (!allowedWords.has(word)) words.add(word);
    }
  }
  return [...words].sort();
}

/** An image's row; Podman lists Docker Hub's images under their full name (docker.io/library/...). */
const imageRow = (page: Page, reference: string) =>
  page.locator(
    `[data-testid=image-row][data-image="${reference}"], [data-testid=image-row][data-image="docker.io/library/${reference}"]`,
  );

/** Opens a screen, waits until it has what it shows, and collects its English words under its name. */
async function check(found: Record<string, string[]>, screen: string, page: Page, ready: () => Promise<void>) {
  await ready();
  const words = await englishWords(page);
  if (words.length > 0) found[screen] = words;
}

test('every main screen in Korean shows no English words but names, commands and values', async ({ page }) => {
  test.setTimeout(180_000);
  docker(
    'run',
    '-d',
    '--init',
    '--label',
    label,
    '--name',
    name,
    '-e',
    'GREETING=hello',
    '-v',
    `${volume}:/data`,
    '-p',
    '127.0.0.1::8080',
    '--health-cmd',
    'true',
    '--health-interval',
    '2s',
    'busybox',
    'sh',
    '-c',
    'echo ready; sleep 600',
  );
  const found: Record<string, string[]> = {};
  const open = (section: string) => page.goto(pageUrl(harness, section, 'ko'));

  await open('installation');
  await check(found, 'installation', page, () => expect(page.getByTestId('server-card')).toBeVisible());

  await open('containers');
  await page.getByTestId('containers-filter').fill(name);
  const row = page.locator(`[data-testid=container-row][data-name="${name}"]`);
  await check(found, 'containers', page, () => expect(row).toHaveAttribute('data-state', 'running'));
  await saveScreenshot(page, 'ko-text-containers');

  await row.getByRole('button', { name, exact: true }).click();
  await check(found, 'details: logs', page, async () => {
    await page.getByTestId('logs-timestamps').check();
    await expect(page.getByTestId('log-line').first()).toContainText('ready');
  });
  await page.getByTestId('tab-stats').click();
  await check(found, 'details: resource usage', page, () => expect(page.getByTestId('stats-view')).toBeVisible());
  await page.getByTestId('tab-inspect').click();
  await check(found, 'details: inspect', page, () => expect(page.getByTestId('inspect-env')).toBeVisible());
  await saveScreenshot(page, 'ko-text-inspect');
  await page.getByTestId('tab-terminal').click();
  await check(found, 'details: terminal', page, () =>
    expect(page.getByTestId('terminal-view')).toHaveAttribute('data-connected', 'true'),
  );

  await open('images');
  await check(found, 'images', page, () => expect(imageRow(page, 'busybox:latest')).toBeVisible());

  await open('hub');
  await page.getByTestId('hub-search').fill('redis');
  await check(found, 'hub search', page, () =>
    expect(page.locator('[data-testid=hub-result][data-repo=redis]')).toBeVisible(),
  );
  await page.getByTestId('hub-search').fill('busybox');
  const busybox = page.locator('[data-testid=hub-result][data-repo=busybox]');
  await busybox.getByTestId('hub-pull').click();
  await busybox.getByRole('button', { name: 'busybox', exact: true }).click();
  await check(found, 'hub tags', page, () => expect(page.getByTestId('hub-tag').first()).toBeVisible());

  // Starting a pull opens the panel; the status bar's button opens it otherwise.
  if (!(await page.getByTestId('pulls-panel').isVisible())) await page.getByTestId('pulls-button').click();
  // Its words, whatever the pull's end (on Podman it may end in an error, which is in words too).
  await check(found, 'pulls panel', page, () =>
    expect(page.locator('[data-testid=pull-job]:not([data-state=pulling])').first()).toBeVisible(),
  );
  await page.getByTestId('pulls-button').click();

  await page.getByTestId('sidebar-pull-by-name').click();
  await check(found, 'pull by name', page, () => expect(page.getByTestId('pull-by-name-dialog')).toBeVisible());
  await page.keyboard.press('Escape');

  await open('images');
  await imageRow(page, 'hello-world:latest').getByTestId('image-run').click();
  await check(found, 'run dialog', page, () => expect(page.getByTestId('run-dialog')).toBeVisible());
  await page.getByTestId('run-submit').click();
  const flow = page.getByTestId('run-flow');
  await check(found, 'run flow (cache hit)', page, async () => {
    await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
    await expect(flow).toHaveAttribute('data-cache-hit', 'true');
  });
  await saveScreenshot(page, 'ko-text-run-flow-cache-hit');

  await open('settings');
  await check(found, 'settings', page, () => expect(page.getByTestId('settings-page')).toBeVisible());

  expect(found, 'English words on Korean screens').toEqual({});
});
