import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { docker, dockerQuiet, engineFamily, requireEngine } from '../fixtures/dockerCli';
import { pageUrl } from '../fixtures/harness';
import { saveScreenshot, saveScreenshotsInEveryLook } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { NetworksPage } from './pages/NetworksPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const harness = harnessForSpec({ pull: ['busybox'] });

// Everything this spec makes is named with its process, and removed after it: containers first.
const prefix = `berth-e2e-net-${process.pid}`;
const containers: string[] = [];
const networks: string[] = [];

test.afterAll(() => {
  for (const name of containers) dockerQuiet('rm', '-f', name);
  for (const name of networks) dockerQuiet('network', 'rm', name);
});

function network(name: string): string {
  docker('network', 'create', name);
  networks.push(name);
  return name;
}

function sleeper(name: string, ...args: string[]): string {
  docker('run', '-d', '--name', name, ...args, 'busybox', 'sleep', '300');
  containers.push(name);
  return name;
}

/**
 * Opens the Networks page and waits until it is styled. In the harness, a second page.goto in one
 * test (another language) once left Chromium with the stylesheet request cancelled and never
 * applied (the trace shows it): that page is loaded again.
 */
async function openNetworks(page: Page, lang: 'en' | 'ko' = 'en'): Promise<NetworksPage> {
  await page.goto(pageUrl(harness(), 'networks', lang));
  const heading = page.getByTestId('networks-page').locator('h1');
  await expect(async () => {
    const weight = await heading.evaluate((element) => getComputedStyle(element).fontWeight).catch(() => '');
    if (weight !== '600') await page.reload();
    await expect(heading).toHaveCSS('font-weight', '600', { timeout: 5_000 });
  }).toPass({ timeout: 40_000 });
  return new NetworksPage(page);
}

/** The screen at 1280×800 and 900×600, light and dark: networks-<name>-<lang>-<scheme>-<size>.png. */
async function screenshots(page: Page, name: string, lang: 'en' | 'ko') {
  // Once the stylesheet applies (a screenshot right after a navigation once caught the page unstyled).
  await expect(page.getByTestId('networks-page').locator('h1')).toHaveCSS('font-weight', '600');
  await saveScreenshotsInEveryLook(page, `networks-${name}-${lang}`);
}

test('a new network is made from the dialog, after the subnet is checked inline, and shows in the list', async ({
  page,
}) => {
  const name = `${prefix}-made`;
  networks.push(name);
  const view = await openNetworks(page);
  await expect(view.row('bridge')).toBeVisible();
  await expect(view.row('bridge').getByTestId('network-remove')).toHaveCount(0);
  await expect(view.row('bridge').getByTestId('built-in-why')).toBeVisible();

  await view.newNetwork.click();
  const dialog = view.createDialog;
  await dialog.name.fill(name);
  await dialog.gateway.fill('10.232.1.1');
  await dialog.submit.click();
  await expect(dialog.root).toContainText('A gateway needs a subnet');
  await dialog.subnet.fill('10.300.0.0/16');
  await expect(dialog.root).toContainText('four numbers from 0 to 255 and a size from /8 to /30');
  await saveScreenshot(page, 'networks-create-invalid-en');
  await dialog.subnet.fill('10.232.0.0/24');
  await expect(dialog.root).toContainText('The gateway must be an address inside the subnet 10.232.0.0/24.');
  await dialog.subnet.fill('10.232.0.0/16');
  await dialog.gateway.fill('10.232.0.1');
  await dialog.submit.click();

  await expect(view.notice).toHaveText(`The network ${name} was made.`);
  const row = view.row(name);
  await expect(row.getByTestId('row-subnet')).toHaveText('10.232.0.0/16');
  await expect(row.getByTestId('row-gateway')).toHaveText('10.232.0.1');
  expect(docker('network', 'inspect', name, '--format', '{{(index .IPAM.Config 0).Subnet}}')).toBe('10.232.0.0/16');
});

test('the reach check proves names on a user network, explains the default bridge, and draws who reaches whom', async ({
  page,
}) => {
  const net = network(`${prefix}-talk`);
  const a = sleeper(`${prefix}-a`, '--network', net);
  const b = sleeper(`${prefix}-b`, '--network', net);
  const c = sleeper(`${prefix}-c`);
  const d = sleeper(`${prefix}-d`);
  // On both: the same container in two boxes.
  docker('network', 'connect', net, c);
  const dns = engineFamily() === 'docker';

  const view = await openNetworks(page);
  await expect(view.box(net).locator(`[data-container="${c}"]`)).toBeVisible();
  await expect(view.box('bridge').locator(`[data-container="${c}"]`)).toBeVisible();

  await view.reach.check(a, b);
  await expect(view.reach.command).toHaveText(`docker exec ${a} ping -c1 -W2 ${b}`);
  if (dns) {
    await expect(view.reach.result).toHaveAttribute('data-outcome', 'resolved');
    await expect(view.reach.outcome).toContainText(`${a} reached ${b} by name`);
    await expect(view.reach.output).toContainText(`PING ${b}`);
  } else {
    // Podman with CNI has no DNS on any network: Berth says so instead of pretending.
    await expect(view.reach.result).toHaveAttribute('data-outcome', 'no-name');
    await expect(view.reach.why).toContainText('no DNS');
    const address = docker('inspect', b, '--format', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`);
    await expect(view.reach.why).toContainText(`Use the address instead: ${address}.`);
  }
  await view.reach.root.scrollIntoViewIfNeeded();
  await screenshots(page, 'reach-user', 'en');

  await view.reach.check(d, a);
  await expect(view.reach.result).toHaveAttribute('data-outcome', 'no-name');
  await expect(view.reach.why).toContainText('They share no network');
  await view.reach.check(c, d);
  await expect(view.reach.result).toHaveAttribute('data-outcome', 'no-name');
  await expect(view.reach.outcome).toContainText(`${c} cannot find anything named ${d}`);
  await expect(view.reach.why).toContainText('only the default bridge');
  if (dns) {
    await expect(view.reach.fix).toHaveText(`Create the network ${c}-${d} and connect both`);
  } else {
    // A network of their own would not give them names either: the address is the advice, no fix offered.
    await expect(view.reach.why).toContainText('the networks you made have no DNS either');
    await expect(view.reach.fix).toHaveCount(0);
  }
  await view.reach.root.scrollIntoViewIfNeeded();
  await screenshots(page, 'reach-bridge', 'en');
  await view.diagram.getByText('The diagram as text').click();
  await expect(view.diagram.getByTestId('diagram-text')).toContainText(`${net}: `);

  if (dns) {
    // The next step, one click: a network of their own, both on it, checked again.
    networks.push(`${c}-${d}`);
    await view.reach.fix.click();
    await expect(page.getByTestId('reach-fixed')).toContainText(`${c}-${d}`);
    await expect(view.reach.result).toHaveAttribute('data-outcome', 'resolved');
    expect(docker('network', 'inspect', `${c}-${d}`, '--format', '{{len .Containers}}')).toBe('2');
  }

  await openNetworks(page, 'ko');
  await expect(view.box(net)).toBeVisible();
  await screenshots(page, 'diagram', 'ko');
  await openNetworks(page, 'en');
  await expect(view.box(net)).toBeVisible();
  await screenshots(page, 'diagram', 'en');
});

test('removing a network in use is refused naming its container; an unused one goes after the confirmation', async ({
  page,
}) => {
  const busy = network(`${prefix}-busy`);
  const user = sleeper(`${prefix}-user`, '--network', busy);
  const idle = network(`${prefix}-idle`);
  const view = await openNetworks(page, 'ko');
  await view.remove(busy);
  await expect(view.removeDialog.users).toHaveText(user);
  await expect(view.removeDialog.confirm).toBeDisabled();
  await screenshots(page, 'remove-in-use', 'ko');
  await page.keyboard.press('Escape');
  expect(docker('network', 'inspect', busy, '--format', '{{.Name}}')).toBe(busy);

  await openNetworks(page);
  await view.remove(idle);
  await expect(view.removeDialog.root).toContainText(`Remove the network ${idle}?`);
  await view.removeDialog.confirm.click();
  await expect(view.notice).toHaveText(`The network ${idle} was removed.`);
  await expect(view.row(idle)).toHaveCount(0);
  expect(dockerQuiet('network', 'inspect', idle)).toBe('');
});

test('a network made with the docker CLI appears without a click', async ({ page }) => {
  const view = await openNetworks(page);
  await expect(view.row('bridge')).toBeVisible();
  const name = network(`${prefix}-cli`);
  await expect(view.row(name)).toBeVisible();
  await screenshots(page, 'list', 'en');
});

test('the Networks page, with a reach result and a dialog open, passes axe-core in both languages and themes', async ({
  page,
}) => {
  const net = network(`${prefix}-axe`);
  const a = sleeper(`${prefix}-axe-a`, '--network', net);
  const b = sleeper(`${prefix}-axe-b`, '--network', net);
  const found: string[] = [];
  for (const lang of ['en', 'ko'] as const) {
    const view = await openNetworks(page, lang);
    await view.reach.check(a, b);
    await expect(view.reach.result).toBeVisible();
    // Away from Check: the page as it rests, not a hovered button.
    await page.mouse.move(0, 0);
    await view.reach.root.scrollIntoViewIfNeeded();
    await screenshots(page, 'reach-result', lang);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      // As tests/e2e/accessibility.spec.ts: the scroller rule is the one README.md keeps (Chromium tabs into scrollers).
      const result = await new AxeBuilder({ page })
        .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
        .disableRules(['scrollable-region-focusable'])
        .analyze();
      found.push(
        ...result.violations.map(
          (v) =>
            `${lang} ${colorScheme}: ${v.id} ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(', ')}`,
        ),
      );
    }
    await page.emulateMedia({ colorScheme: 'light' });
    await view.newNetwork.click();
    await expect(view.createDialog.root).toBeVisible();
    const dialog = await new AxeBuilder({ page })
      .include('[data-testid=create-network-dialog]')
      .withTags(['wcag2a', 'wcag2aa'])
      .analyze();
    found.push(...dialog.violations.map((v) => `${lang} dialog: ${v.id}`));
  }
  expect(found).toEqual([]);
});
