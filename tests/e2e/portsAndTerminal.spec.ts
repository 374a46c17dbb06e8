import AxeBuilder from '@axe-core/playwright';
import { expect, test } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { ContainerDetailsPage } from './pages/ContainerDetailsPage';
import { ContainersPage } from './pages/ContainersPage';
import { PortHint } from './pages/PortHint';
import { TrayPreview } from './pages/TrayPreview';
import { buildShelllessImage } from '../fixtures/shelllessImage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e.ports=${process.pid}`;
const suffix = `${process.pid}-${Date.now()}`;
const web = `berth-e2e-ports-web-${suffix}`;
const redis = `berth-e2e-ports-redis-${suffix}`;
const bare = `berth-e2e-no-shell-${suffix}`;
let harness: RunningHarness;
let image: ReturnType<typeof buildShelllessImage>;

/** `docker ps`'s PORTS for a container, with Berth's arrow and without the IPv6 twin of an IPv4 binding. */
function dockerPsPorts(name: string): string[] {
  const entries = docker('ps', '--filter', `name=^${name}$`, '--format', '{{.Ports}}')
    .split(', ')
    .filter(Boolean)
    .map((entry) => entry.replace('->', '→'));
  return entries.filter((entry) => {
    const twin = /^(?::::|\[::\]:)(.*)$/.exec(entry);
    return !twin || !entries.includes(`0.0.0.0:${twin[1]}`);
  });
}

test.beforeAll(async () => {
  docker('pull', 'busybox');
  docker('pull', 'redis');
  image = buildShelllessImage();
  docker(
    'run', '-d', '--label', label, '--name', web,
    '-p', '127.0.0.1:18093:53/udp', '-p', '18094:80',
    'busybox', 'httpd', '-f', '-p', '80', '-h', '/',
  ); // prettier-ignore
  docker('run', '-d', '--label', label, '--name', redis, '-p', '127.0.0.1::6379', 'redis');
  docker('run', '-d', '--label', label, '--name', bare, image.tag);
  harness = await startHarness();
});

test.afterAll(async () => {
  await harness?.stop();
  const leftovers = docker('ps', '-aq', '--filter', `label=${label}`);
  if (leftovers) docker('rm', '-f', ...leftovers.split('\n'));
  image?.remove();
});

test('ports read as docker ps writes them; a web port is a link, Redis and UDP say how to reach them', async ({
  page,
}) => {
  const redisPort = (docker('port', redis, '6379/tcp').split('\n')[0] ?? '').split(':').at(-1);
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto(pageUrl(harness, 'containers'));
  // Only this spec's rows: containers other specs left must not push them out of the (virtual) list.
  await new ContainersPage(page).filter.fill(suffix);

  const webPorts = new ContainersPage(page).ports(web);
  await expect(webPorts).toHaveText(dockerPsPorts(web));
  await expect(webPorts).toHaveText(['127.0.0.1:18093→53/udp', '0.0.0.0:18094→80/tcp']);
  const http = webPorts.filter({ hasText: '18094' });
  await expect(http).toHaveAttribute('data-kind', 'web');
  await expect(http).toHaveAttribute('href', 'http://localhost:18094');
  const udp = webPorts.filter({ hasText: '53/udp' });
  await expect(udp).toHaveAttribute('data-kind', 'hint');
  expect(await udp.evaluate((element) => element.tagName)).toBe('BUTTON');

  const redisPortButton = new ContainersPage(page).ports(redis);
  await expect(redisPortButton).toHaveText(`127.0.0.1:${redisPort}→6379/tcp`);
  await expect(redisPortButton).toHaveAttribute('data-kind', 'hint');
  await redisPortButton.click();
  const card = new PortHint(page).card;
  await expect(card).toContainText('Only this computer can reach it.');
  await expect(card).toContainText('does not answer web requests (HTTP)');
  await expect(new PortHint(page).command).toHaveText(`redis-cli -p ${redisPort} ping`);
  await saveScreenshot(page, 'ports-redis-hint-en');
  const axe = await new AxeBuilder({ page }).include(PortHint.openSelector).analyze();
  expect(
    axe.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} ${node.failureSummary}`),
    ),
  ).toEqual([]);
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'ports-redis-hint-en-dark');
  await page.keyboard.press('Escape');
  await expect(card).toHaveCount(0);

  // The UDP port: nothing to click through to, only how it is reached.
  await udp.click();
  await expect(new PortHint(page).card).toContainText('A UDP port');
  await saveScreenshot(page, 'ports-udp-hint-en-dark');
  await page.keyboard.press('Escape');

  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 900, height: 600 });
  await page.goto(pageUrl(harness, 'containers', 'ko'));
  await new ContainersPage(page).filter.fill(suffix);
  // Until the check answers, the port is plain text: click it once it became the card's button.
  await expect(new ContainersPage(page).ports(redis)).toHaveAttribute('data-kind', 'hint');
  await new ContainersPage(page).ports(redis).click();
  await expect(new PortHint(page).card).toContainText('이 컴퓨터에서만 접속할 수 있어요.');
  await saveScreenshot(page, 'ports-redis-hint-ko-900');
});

test('the menu bar menu opens only the web port in the browser', async ({ page }) => {
  const redisPort = (docker('port', redis, '6379/tcp').split('\n')[0] ?? '').split(':').at(-1);
  await page.goto(pageUrl(harness, 'tray'));
  const portItem = (key: string) => new TrayPreview(page).portItem(key);
  await expect(portItem('|18094|tcp')).toContainText('Open http://localhost:18094 (0.0.0.0:18094→80/tcp)');
  await expect(portItem('127.0.0.1|18093|udp')).toContainText('127.0.0.1:18093→53/udp');
  await expect(portItem('127.0.0.1|18093|udp')).not.toContainText('Open');
  await expect(portItem(`127.0.0.1|${redisPort}|tcp`)).toContainText(
    `127.0.0.1:${redisPort}→6379/tcp: redis-cli -p ${redisPort} ping`,
  );
  await saveScreenshot(page, 'tray-ports-en');
});

test('the inspect tab lists the same ports, each once', async ({ page }) => {
  await page.goto(pageUrl(harness, `containers/${web}`));
  const details = new ContainerDetailsPage(page);
  await details.openTab('inspect');
  await expect(details.inspectPortItems).toHaveText(dockerPsPorts(web));
  await expect(details.inspectPorts.locator('[data-kind=web]')).toHaveText('0.0.0.0:18094→80/tcp');
  await saveScreenshot(page, 'inspect-ports-en');
});

test('stats show memory in binary units and network totals with the rate beside, as docker stats', async ({ page }) => {
  await page.goto(pageUrl(harness, `containers/${web}`));
  const details = new ContainerDetailsPage(page);
  await details.openTab('stats');
  await expect(details.memoryValue).toHaveText(
    /^\d+(\.\d+)?(B|KiB|MiB|GiB) \/ \d+(\.\d+)?(MiB|GiB|TiB) \(\d+\.\d\d%\)$/,
  );
  await expect(details.networkValue).toHaveText(/^\d+(\.\d+)?(B|kB|MB|GB) \/ \d+(\.\d+)?(B|kB|MB|GB)$/);
  await expect(details.networkRate).toContainText('/s');
  const cliLimit = docker('stats', '--no-stream', '--format', '{{.MemUsage}}', web).split(' / ')[1];
  await expect(details.memoryValue).toContainText(` / ${cliLimit} (`);
  await saveScreenshot(page, 'container-stats-en');
  await page.goto(pageUrl(harness, `containers/${web}`, 'ko'));
  await details.openTab('stats');
  await expect(details.networkRate).toContainText('초당');
  await saveScreenshot(page, 'container-stats-ko');
});

test('a container without a shell says so, offers a command, and the command opens', async ({ page }) => {
  await page.goto(pageUrl(harness, `containers/${bare}`));
  const details = new ContainerDetailsPage(page);
  await details.openTab('terminal');
  await expect(details.terminalNoShell).toHaveText('This image has no shell: no sh, bash or ash.');
  await expect(details.terminalShells).toHaveCount(0);
  await expect(page.getByText('OCI runtime')).toHaveCount(0);
  await saveScreenshot(page, 'terminal-no-shell-en');
  // The shared primary Button (white on sky-600, 4.0:1) is below AA contrast everywhere: left to its own fix.
  const axe = await new AxeBuilder({ page })
    .include(ContainerDetailsPage.terminalChoicesSelector)
    .exclude(ContainerDetailsPage.terminalCustomRunSelector)
    .analyze();
  expect(
    axe.violations.flatMap((violation) =>
      violation.nodes.map((node) => `${violation.id}: ${node.target.join(' ')} ${node.failureSummary}`),
    ),
  ).toEqual([]);

  // A program that is not there either: said in words, not the runtime's error.
  await details.terminalCustom.fill('bash');
  await details.terminalCustomRun.click();
  await expect(details.terminalNoShell).toHaveText('This container has no program named bash.');

  await details.terminalCustom.fill('/busybox sh');
  await details.terminalCustomRun.click();
  await expect(details.terminalView).toHaveAttribute('data-connected', 'true');
  await page.locator('.xterm-helper-textarea').focus();
  await page.keyboard.type('/busybox echo hi-$((6*7))\n');
  await expect(page.locator('.xterm-rows')).toContainText('hi-42');

  await page.goto(pageUrl(harness, `containers/${bare}`, 'ko'));
  await details.openTab('terminal');
  await expect(details.terminalNoShell).toContainText('이 이미지에는 셸이 없어요.');
  await saveScreenshot(page, 'terminal-no-shell-ko');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'terminal-no-shell-ko-dark');
});
