import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { docker, dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { saveScreenshotsInEveryLook } from '../fixtures/screenshots';
import { startVolumelessEngine } from '../fixtures/volumelessEngine';
import { VolumesPage } from './pages/VolumesPage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e.volumes=${process.pid}`;
const harness = harnessForSpec({ pull: ['busybox'] });
const prefix = `berth-vol-${process.pid}`;
let counter = 0;
const unique = (what: string) => `${prefix}-${what}-${(counter += 1)}`;
const made: string[] = [];

function makeVolume(name: string): string {
  made.push(name);
  docker('volume', 'create', name);
  return name;
}

function volumeExists(name: string): boolean {
  return dockerQuiet('volume', 'inspect', '--format', '{{.Name}}', name) === name;
}

test.afterAll(() => {
  const containers = docker('ps', '-aq', '--filter', `label=${label}`).split('\n').filter(Boolean);
  if (containers.length > 0) docker('rm', '-f', '-v', ...containers);
  for (const name of made) dockerQuiet('volume', 'rm', name);
});

/** The screen at 1280×800 and 900×600, light and dark: volumes-<name>-<lang>-<scheme>-<size>.png. */
const screenshots = (page: Page, name: string, lang: 'en' | 'ko') =>
  saveScreenshotsInEveryLook(page, `volumes-${name}-${lang}`);

test('a volume made with the CLI appears without a click, with the container using it as a link', async ({ page }) => {
  const volumes = new VolumesPage(page);
  await page.goto(pageUrl(harness(), 'volumes'));
  await expect(volumes.root).toBeVisible();

  // Whether the page shows the list or (on an engine without volumes) the empty state, it comes by itself.
  const data = makeVolume(unique('data'));
  await expect(volumes.row(data)).toBeVisible();
  await volumes.filter.fill(prefix);
  await expect(volumes.kind(data)).toHaveText('Named');
  const user = unique('user');
  const id = docker(
    'run',
    '-d',
    '--label',
    label,
    '--name',
    user,
    '-v',
    `${data}:/data`,
    '-v',
    '/cache',
    'busybox',
    'sleep',
    '300',
  );
  await expect(volumes.users(data)).toHaveText(user);
  await expect(volumes.users(data)).toHaveAttribute('href', `#/containers/${id}`);
  // `-v /cache` made an anonymous volume: a random name, marked so.
  const anonymous = docker(
    'inspect',
    '--format',
    '{{range .Mounts}}{{if eq .Destination "/cache"}}{{.Name}}{{end}}{{end}}',
    id,
  );
  await volumes.filter.fill('');
  await expect(volumes.kind(anonymous)).toHaveText('Anonymous');
  await volumes.filter.fill(prefix);

  // A second, unused one, so the screenshots show both kinds of "used by".
  makeVolume(unique('logs'));
  // Sizes only when asked, saying beforehand that it can take a while.
  await expect(volumes.sizesHint).toContainText('can take a while');
  await expect(volumes.size(data)).toHaveCount(0);
  await volumes.showSizes.click();
  await expect(volumes.size(data)).toHaveText(/\d/);
  await expect(volumes.sizesHint).toContainText('Sizes measured');
  await screenshots(page, 'list', 'en');

  await page.goto(pageUrl(harness(), 'volumes', 'ko'));
  await volumes.filter.fill(prefix);
  await expect(volumes.kind(data)).toHaveText('이름 있음');
  await screenshots(page, 'list', 'ko');

  await volumes.users(data).click();
  await expect(page).toHaveURL(new RegExp(`#/containers/${id}$`));
});

test('removing a volume in use is refused, naming the container; an unused one is removed after naming it', async ({
  page,
}) => {
  const volumes = new VolumesPage(page);
  const used = makeVolume(unique('used'));
  const user = unique('holder');
  docker('create', '--label', label, '--name', user, '-v', `${used}:/data`, 'busybox', 'true');
  const spare = makeVolume(unique('spare'));
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness(), 'volumes', lang));
    await volumes.filter.fill(prefix);
    await volumes.remove(used);
    await expect(volumes.removeDialog.inUseContainers).toHaveText(new RegExp(user));
    await expect(volumes.removeDialog.confirm).toBeDisabled();
    await screenshots(page, 'remove-in-use', lang);
    await page.keyboard.press('Escape');
    await expect(volumes.removeDialog.root).toHaveCount(0);
  }
  expect(volumeExists(used)).toBe(true);

  await page.goto(pageUrl(harness(), 'volumes'));
  await volumes.filter.fill(prefix);
  await volumes.remove(spare);
  await expect(volumes.removeDialog.root).toContainText(`Remove the volume ${spare}?`);
  await expect(volumes.removeDialog.root).toContainText('gone for good');
  await expect(volumes.removeDialog.inUse).toHaveCount(0);
  await screenshots(page, 'remove', 'en');
  await volumes.removeDialog.confirm.click();
  await expect(volumes.notice).toHaveText(`Removed the volume ${spare}.`);
  await expect(volumes.row(spare)).toHaveCount(0);
  expect(volumeExists(spare)).toBe(false);
});

test('prune lists every unused volume first and removes exactly those', async ({ page }) => {
  const volumes = new VolumesPage(page);
  const group = `${prefix}-prune`;
  const first = makeVolume(`${group}-a`);
  const second = makeVolume(`${group}-b`);
  const used = makeVolume(`${group}-used`);
  docker('create', '--label', label, '--name', unique('prune-user'), '-v', `${used}:/data`, 'busybox', 'true');
  // Unused too, but not shown under the filter: never listed, so never removed.
  const elsewhere = makeVolume(unique('elsewhere'));

  await page.goto(pageUrl(harness(), 'volumes', 'ko'));
  await volumes.filter.fill(group);
  await expect(volumes.rows()).toHaveCount(3);
  await volumes.prune.click();
  await expect(volumes.pruneDialog.items).toHaveText([first, second]);
  await screenshots(page, 'prune', 'ko');
  // Made while the dialog is open: it was not listed, so it stays.
  const late = makeVolume(`${group}-late`);
  await expect(volumes.row(late)).toHaveCount(1);
  await expect(volumes.pruneDialog.items).toHaveText([first, second]);
  await volumes.pruneDialog.confirm.click();
  await expect(volumes.pruneResult).toContainText('볼륨 2개를 삭제하고');
  await expect(volumes.rows()).toHaveCount(2);

  expect(volumeExists(first)).toBe(false);
  expect(volumeExists(second)).toBe(false);
  expect(volumeExists(used)).toBe(true);
  expect(volumeExists(late)).toBe(true);
  expect(volumeExists(elsewhere)).toBe(true);

  await page.goto(pageUrl(harness(), 'volumes'));
  await volumes.filter.fill(group);
  await volumes.prune.click();
  await expect(volumes.pruneDialog.items).toHaveText([late]);
  await screenshots(page, 'prune', 'en');
  await page.keyboard.press('Escape');
  expect(volumeExists(late)).toBe(true);
});

test('New volume: the rules inline in the user’s language, a taken name said on the field, then created', async ({
  page,
}) => {
  const volumes = new VolumesPage(page);
  const taken = makeVolume(unique('taken'));
  const fresh = unique('fresh');
  made.push(fresh);
  for (const lang of ['en', 'ko'] as const) {
    await page.goto(pageUrl(harness(), 'volumes', lang));
    await volumes.create.click();
    const dialog = volumes.createDialog;
    await dialog.name.fill('my data!');
    await dialog.addLabel.click();
    await dialog.labelKeys.first().fill('has space');
    await dialog.submit.click();
    await expect(dialog.root.getByRole('alert')).toHaveText(
      lang === 'en'
        ? [/letters, digits, _ \. and - only/, /cannot be empty or contain spaces/]
        : [/영문자, 숫자, _ \. - 만/, /공백이나 "="/],
    );
    await expect(dialog.name).toHaveAttribute('aria-invalid', 'true');
    await screenshots(page, 'create-error', lang);
    await page.keyboard.press('Escape');
  }

  await page.goto(pageUrl(harness(), 'volumes'));
  await volumes.create.click();
  const dialog = volumes.createDialog;
  await dialog.name.fill(taken);
  await dialog.submit.click();
  await expect(dialog.nameError).toHaveText(
    `A volume named ${taken} already exists. Pick another name, or use that volume.`,
  );
  await dialog.name.fill(fresh);
  await dialog.addLabel.click();
  await dialog.labelKeys.first().fill('berth.e2e');
  await dialog.submit.click();
  await expect(volumes.notice).toHaveText(`Created the volume ${fresh}.`);
  await expect(volumes.row(fresh)).toBeVisible();
  expect(docker('volume', 'inspect', '--format', '{{json .Labels}}', fresh)).toContain('"berth.e2e":""');
});

test('with no volumes, a beginner learns what a volume is and where the lesson is', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-volumes-'));
  const engine = await startVolumelessEngine(path.join(dir, 'docker.sock'));
  const empty = await startHarness({ DOCKER_HOST: `unix://${path.join(dir, 'docker.sock')}` });
  try {
    const volumes = new VolumesPage(page);
    await page.goto(pageUrl(empty, 'volumes'));
    await expect(volumes.emptyState).toContainText('data that outlives a container');
    await screenshots(page, 'empty', 'en');
    await page.goto(pageUrl(empty, 'volumes', 'ko'));
    await expect(volumes.emptyState).toContainText('컨테이너가 없어져도 남는 데이터');
    await screenshots(page, 'empty', 'ko');
    await volumes.emptyState.getByRole('button', { name: '직접 해 보기: 레슨 6, 포트와 볼륨' }).click();
    await expect(page).toHaveURL(/#\/lessons\/portsAndVolumes$/);
  } finally {
    await empty.stop();
    await engine.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('the page and its dialogs work from the keyboard and pass axe-core', async ({ page }) => {
  const volumes = new VolumesPage(page);
  const used = makeVolume(unique('a11y-used'));
  docker('create', '--label', label, '--name', unique('a11y-user'), '-v', `${used}:/data`, 'busybox', 'true');
  makeVolume(unique('a11y-spare'));
  const axe = async (what: string) => {
    const { violations } = await new AxeBuilder({ page })
      .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
      // README's "Accessibility": Chromium makes a scroller without focusable content reachable by Tab itself.
      .disableRules(['scrollable-region-focusable'])
      .analyze();
    expect(
      violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target).join(' ')}`),
      what,
    ).toEqual([]);
  };
  for (const [lang, colorScheme] of [
    ['en', 'light'],
    ['ko', 'dark'],
  ] as const) {
    await page.emulateMedia({ colorScheme });
    await page.goto(pageUrl(harness(), 'volumes', lang));
    await volumes.filter.fill(`${prefix}-a11y`);
    await expect(volumes.rows()).toHaveCount(2);
    await axe(`list ${lang} ${colorScheme}`);

    // Remove from the keyboard: the dialog starts on Cancel, and Escape gives focus back to the row's button.
    const remove = volumes.row(used).getByTestId('volume-remove');
    await remove.focus();
    await page.keyboard.press('Enter');
    await expect(volumes.removeDialog.root).toBeVisible();
    await expect(volumes.removeDialog.cancel).toBeFocused();
    await axe(`remove dialog ${lang} ${colorScheme}`);
    await page.keyboard.press('Escape');
    await expect(remove).toBeFocused();

    await volumes.prune.focus();
    await page.keyboard.press('Enter');
    await expect(volumes.pruneDialog.items).toHaveCount(1);
    await axe(`prune dialog ${lang} ${colorScheme}`);
    await page.keyboard.press('Escape');

    await volumes.create.focus();
    await page.keyboard.press('Enter');
    await expect(volumes.createDialog.name).toBeFocused();
    await page.keyboard.type('bad name');
    await page.keyboard.press('Enter');
    await expect(volumes.createDialog.name).toHaveAttribute('aria-invalid', 'true');
    await axe(`create dialog ${lang} ${colorScheme}`);
    await page.keyboard.press('Escape');
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('the list leads to lesson 6, ports and volumes', async ({ page }) => {
  makeVolume(unique('lesson-link'));
  await page.goto(pageUrl(harness(), 'volumes'));
  await page.getByTestId('volumes-lesson-link').click();
  await expect(page).toHaveURL(/#\/lessons\/portsAndVolumes$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
