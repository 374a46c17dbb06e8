import { expect, test, type Page } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { fakeHubCatalogue, fakeHubTags, startFakeHub, type FakeHub } from '../fixtures/fakeHub';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { BuildPage } from './pages/BuildPage';
import { ComposeEditor } from './pages/ComposeEditor';
import { ComposePage, ComposeProjectPage } from './pages/ComposePage';
import { ContainerDetailsPage } from './pages/ContainerDetailsPage';
import { ContainersPage } from './pages/ContainersPage';
import { DiskUsagePage } from './pages/DiskUsagePage';
import { HubSearchPage } from './pages/HubSearchPage';
import { ImageLayersPage } from './pages/ImageLayersPage';
import { ImagesPage } from './pages/ImagesPage';
import { InstallationPage } from './pages/InstallationPage';
import { LessonPage, LessonsListPage } from './pages/LessonPages';
import { PullByNameDialog } from './pages/PullByNameDialog';
import { PullsPanel } from './pages/PullsPanel';
import { RepositoryTagsPage } from './pages/RepositoryTagsPage';
import { RunDialog } from './pages/RunDialog';
import { RunFlowPage } from './pages/RunFlowPage';
import { SettingsPage } from './pages/SettingsPage';
import { Sidebar } from './pages/Sidebar';
import { VolumeDetailsPage } from './pages/VolumeDetailsPage';
import { VolumeLessonPage } from './pages/VolumeLessonPage';
import { NetworksPage } from './pages/NetworksPage';
import { VolumesPage } from './pages/VolumesPage';

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
  // compose's verbs beside their Korean words, as (pull) is: 올리기 (up), 내리기 (down).
  '(up)',
  '(down)',
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
  'Dockerfile',
  'Containerfile',
  'BuildKit',
  'Buildah',
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
  'Backspace',
  'English', // the language picker names each language in itself
  'sudo',
  'systemctl',
  'sh',
  'Dockerfile', // the glossary keeps it Latin: Dockerfile / 빌드
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
  return page.evaluate((logLine) => {
    const skipped = `code, kbd, pre, samp, [data-value], .xterm, ${logLine}`;
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
  }, ContainerDetailsPage.logLineSelector);
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
    // A `backticked` command in a catalog text is shown as code (InlineCode), never with its backticks.
    if (text.includes('`')) words.add(`a backtick shown as is: ${text.slice(0, 60)}`);
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
const imageRow = (page: Page, reference: string) => new ImagesPage(page).rowAnyRegistry(reference);

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
  await check(found, 'installation', page, () => expect(new InstallationPage(page).serverCard).toBeVisible());

  await open('containers');
  await new ContainersPage(page).filter.fill(name);
  const row = new ContainersPage(page).row(name);
  await check(found, 'containers', page, () => expect(row).toHaveAttribute('data-state', 'running'));
  await saveScreenshot(page, 'ko-text-containers');

  await row.getByRole('button', { name, exact: true }).click();
  await check(found, 'details: logs', page, async () => {
    await new ContainerDetailsPage(page).logsTimestamps.check();
    await expect(new ContainerDetailsPage(page).logLines.first()).toContainText('ready');
  });
  const details = new ContainerDetailsPage(page);
  await details.openTab('stats');
  await check(found, 'details: resource usage', page, () => expect(details.statsView).toBeVisible());
  await details.openTab('inspect');
  await check(found, 'details: inspect', page, () => expect(details.inspectEnv).toBeVisible());
  await saveScreenshot(page, 'ko-text-inspect');
  await details.openTab('terminal');
  await check(found, 'details: terminal', page, () =>
    expect(details.terminalView).toHaveAttribute('data-connected', 'true'),
  );

  await open('images');
  await check(found, 'images', page, () => expect(imageRow(page, 'busybox:latest')).toBeVisible());
  await imageRow(page, 'busybox:latest').getByTestId('image-layers').click();
  await check(found, 'image layers', page, () => expect(new ImageLayersPage(page).summary).toBeVisible());

  await open('hub');
  await new HubSearchPage(page).search.fill('redis');
  await check(found, 'hub search', page, () => expect(new HubSearchPage(page).result('redis').root).toBeVisible());
  await new HubSearchPage(page).search.fill('busybox');
  const busybox = new HubSearchPage(page).result('busybox');
  await busybox.pull.click();
  await busybox.root.getByRole('button', { name: 'busybox', exact: true }).click();
  await check(found, 'hub tags', page, () => expect(new RepositoryTagsPage(page).tags.first()).toBeVisible());

  // Starting a pull opens the panel; the status bar's button opens it otherwise.
  if (!(await new PullsPanel(page).root.isVisible())) await new PullsPanel(page).button.click();
  // Its words, whatever the pull's end (on Podman it may end in an error, which is in words too).
  await check(found, 'pulls panel', page, () => expect(new PullsPanel(page).endedJobs.first()).toBeVisible());
  await new PullsPanel(page).button.click();

  await new Sidebar(page).pullByName.click();
  await check(found, 'pull by name', page, () => expect(new PullByNameDialog(page).root).toBeVisible());
  await page.keyboard.press('Escape');

  await open('images');
  await new ImagesPage(page).runButtonAnyRegistry('hello-world:latest').click();
  await check(found, 'run dialog', page, () => expect(new RunDialog(page).root).toBeVisible());
  await new RunDialog(page).submit.click();
  const flow = new RunFlowPage(page).root;
  await check(found, 'run flow (cache hit)', page, async () => {
    await expect(flow).toHaveAttribute('data-state', 'exited', { timeout: 60_000 });
    await expect(flow).toHaveAttribute('data-cache-hit', 'true');
  });
  await saveScreenshot(page, 'ko-text-run-flow-cache-hit');

  await open('settings');
  await check(found, 'settings', page, () => expect(new SettingsPage(page).root).toBeVisible());

  await open('lessons');
  await check(found, 'lessons', page, () => expect(new LessonsListPage(page).rows).toHaveCount(8));
  await open('lessons/whyDocker');
  await check(found, 'lesson 1', page, () => expect(new LessonPage(page).checkAgain).toBeVisible());

  await open('disk');
  const disk = new DiskUsagePage(page);
  await check(found, 'disk usage', page, async () => {
    await expect(disk.category('containers')).toBeVisible();
    await disk.showItems('containers');
  });
  await disk.cleanUp.click();
  await check(found, 'disk clean-up', page, () => expect(disk.dialog.kind('stoppedContainers')).toBeVisible());
  await page.keyboard.press('Escape');

  await open('build');
  const build = new BuildPage(page);
  await check(found, 'build', page, () => expect(build.example('static-site')).toBeVisible());
  await build.example('static-site').click();
  await check(found, 'build: example', page, () => expect(build.contextSends).toBeVisible());

  await open('compose');
  const compose = new ComposePage(page);
  await check(found, 'compose', page, () => expect(compose.example).toBeEnabled());
  await compose.example.click();
  await check(found, 'compose: example', page, () => expect(new ComposeProjectPage(page).service('web')).toBeVisible());
  const composeEditor = new ComposeEditor(page);
  await composeEditor.fileTab.click();
  await composeEditor.toEnd();
  await page.keyboard.type('portz: 1');
  await check(found, 'compose: example file', page, () => expect(composeEditor.problem).toBeVisible());
  await composeEditor.logsTab.click();
  await check(found, 'compose: example logs', page, () => expect(page.getByTestId('logs-view')).toBeVisible());

  await open('lessons/volumes');
  await check(found, 'volume lesson', page, () => expect(new VolumeLessonPage(page).step('run')).toBeVisible());

  await open('volumes');
  const volumes = new VolumesPage(page);
  await volumes.filter.fill(volume);
  await check(found, 'volumes', page, () => expect(volumes.row(volume)).toBeVisible());
  await open(`volumes/${volume}`);
  await check(found, "a volume's files", page, () => expect(new VolumeDetailsPage(page).readOnlyNote).toBeVisible());

  await open('networks');
  await check(found, 'networks', page, () =>
    expect(new NetworksPage(page).box('bridge').or(new NetworksPage(page).box('podman'))).toBeVisible(),
  );

  expect(found, 'English words on Korean screens').toEqual({});
});
