import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness } from '../fixtures/harness';
import { saveScreenshotsInEveryLook } from '../fixtures/screenshots';
import { harnessForSpec } from '../fixtures/specHarness';
import { ComposePage, ComposeProjectPage } from './pages/ComposePage';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

// The example's own project name (the example is Berth's, unchanged); the others are this run's.
const EXAMPLE = 'visit-counter';
const terminalProject = `berthtest${process.pid}x`;
const brokenProject = `berthtest${process.pid}broken`;
const harness = harnessForSpec({ pull: ['busybox', 'redis'] });
const folders: string[] = [];

/** A folder holding one compose.yaml, named for the project compose will make of it. */
function composeFolder(project: string, content: string): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-e2e-'));
  folders.push(parent);
  const folder = path.join(parent, project);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, 'compose.yaml'), content);
  return folder;
}

/** The user's compose in a terminal: the testbed has Debian's docker-compose. */
function composeCli(folder: string, ...args: string[]): string {
  return execFileSync('docker-compose', args, { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The volumes compose made for a project (by its label). */
function projectVolumes(project: string): string[] {
  return docker('volume', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`)
    .split('\n')
    .filter(Boolean);
}

/** The host port the project's web service publishes (docker port: "80/tcp -> 0.0.0.0:8080"). */
function webPort(project: string): number {
  const id = docker(
    'ps',
    '-q',
    '--filter',
    `label=com.docker.compose.project=${project}`,
    '--filter',
    'label=com.docker.compose.service=web',
  ).split('\n')[0];
  const published = /:(\d+)\s*$/m.exec(docker('port', id ?? ''));
  if (!published?.[1]) throw new Error(`web publishes no port: ${docker('port', id ?? '')}`);
  return Number(published[1]);
}

/** The count the counter page says ("Visits: N"). */
async function visit(port: number): Promise<number> {
  const response = await fetch(`http://127.0.0.1:${port}/`);
  const body = await response.text();
  const count = /Visits: (\d+)/.exec(body);
  if (!count) throw new Error(`no count in: ${body.slice(0, 200)}`);
  return Number(count[1]);
}

function takeDown(project: string) {
  const containers = docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${project}`)
    .split('\n')
    .filter(Boolean);
  if (containers.length) docker('rm', '-f', '-v', ...containers);
  for (const network of docker('network', 'ls', '-q', '--filter', `label=com.docker.compose.project=${project}`)
    .split('\n')
    .filter(Boolean))
    dockerQuiet('network', 'rm', network);
  for (const volume of projectVolumes(project)) dockerQuiet('volume', 'rm', volume);
  // The images up built (compose v1 names them project_service, v2 project-service): down keeps them.
  for (const image of [`${project}_web`, `${project}-web`]) dockerQuiet('rmi', image);
}

test.afterAll(() => {
  for (const project of [EXAMPLE, terminalProject, brokenProject]) takeDown(project);
  for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
});

const shots = (page: Page, name: string, lang: 'en' | 'ko' = 'en') =>
  saveScreenshotsInEveryLook(page, `compose-${name}-${lang}`);

test.describe.configure({ mode: 'serial' });

test('the example: up, count visits, down keeps the volume, up continues the count, down with volumes removes it', async ({
  page,
}) => {
  test.setTimeout(600_000);
  // The example's project must not already run here (another run of this spec, a user's).
  expect(docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${EXAMPLE}`)).toBe('');
  const list = new ComposePage(page);
  const project = new ComposeProjectPage(page);
  await page.goto(pageUrl(harness(), 'compose'));
  await expect(list.root).toBeVisible();
  await expect(list.example).toBeEnabled();
  await shots(page, 'empty');

  await list.example.click();
  await expect(project.root).toBeVisible();
  await expect(project.service('web')).toBeVisible();
  await expect(project.service('redis')).toBeVisible();
  await expect(project.status).toHaveText('Not started');
  await shots(page, 'example-opened');

  await project.up.click();
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
  await expect(project.serviceState('web')).toHaveText('Running');
  await expect(project.serviceState('redis')).toHaveText('Running');
  await expect(project.status).toHaveText('Running');
  await shots(page, 'running');

  const port = webPort(EXAMPLE);
  const first = await visit(port);
  const second = await visit(port);
  expect(second).toBeGreaterThan(first);
  const volumes = projectVolumes(EXAMPLE);
  expect(volumes.length).toBeGreaterThan(0);

  // Down, volumes unticked: containers and networks go, the volume stays.
  await project.down.click();
  await expect(project.downDialog).toBeVisible();
  await expect(project.removeVolumes).not.toBeChecked();
  for (const volume of volumes) await expect(project.downVolumes).toContainText(volume);
  await shots(page, 'down-dialog');
  await project.downConfirm.click();
  await expect(project.job).toHaveAttribute('data-action', 'down');
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(project.jobSummary).toContainText('The volumes were kept');
  expect(docker('ps', '-aq', '--filter', `label=com.docker.compose.project=${EXAMPLE}`)).toBe('');
  expect(projectVolumes(EXAMPLE)).toEqual(volumes);

  // Up again: redis finds its data, the count goes on.
  await project.up.click();
  await expect(project.job).toHaveAttribute('data-action', 'up');
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 300_000 });
  await expect(project.serviceState('web')).toHaveText('Running');
  expect(await visit(webPort(EXAMPLE))).toBeGreaterThan(second);

  // Down with volumes, after ticking them: the volume is gone.
  await project.down.click();
  await project.removeVolumes.check();
  await project.downConfirm.click();
  await expect(project.job).toHaveAttribute('data-action', 'down');
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 120_000 });
  await expect(project.jobSummary).toContainText('these volumes too');
  expect(projectVolumes(EXAMPLE)).toEqual([]);
  for (const volume of volumes) expect(dockerQuiet('volume', 'inspect', '--format', '{{.Name}}', volume)).toBe('');
});

test('a project upped in a terminal appears without a click and can be stopped from Berth', async ({ page }) => {
  test.setTimeout(180_000);
  const folder = composeFolder(
    terminalProject,
    'services:\n  worker:\n    image: busybox\n    command: ["sleep", "600"]\n    init: true\n',
  );
  const list = new ComposePage(page);
  const project = new ComposeProjectPage(page);
  await page.goto(pageUrl(harness(), 'compose'));
  await expect(list.root).toBeVisible();
  composeCli(folder, '-p', terminalProject, 'up', '-d');
  await expect(list.project(terminalProject)).toHaveAttribute('data-status', 'running', { timeout: 30_000 });
  await list.project(terminalProject).getByRole('link').click();
  await expect(project.serviceState('worker')).toHaveText('Running');
  await project.stop.click();
  await expect(project.job).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(project.status).toHaveText('Stopped');
  expect(
    docker('ps', '-q', '--filter', `label=com.docker.compose.project=${terminalProject}`, '--filter', 'status=running'),
  ).toBe('');

  // In Korean, and the down dialog over a project Berth did not start.
  await page.goto(pageUrl(harness(), `compose/${terminalProject}`, 'ko'));
  await expect(project.serviceState('worker')).toBeVisible();
  await project.down.click();
  await expect(project.downDialog).toBeVisible();
  await shots(page, 'down-dialog', 'ko');
  await page.keyboard.press('Escape');
  await project.root.getByTestId('compose-start').click();
  await expect(project.status).toHaveText('실행 중', { timeout: 60_000 });
  await shots(page, 'running', 'ko');
});

test('a compose file with an error shows its line, and Up waits for it', async ({ page }) => {
  const folder = composeFolder(brokenProject, 'services:\n  web:\n    imgae: busybox\n');
  for (const lang of ['en', 'ko'] as const) {
    const list = new ComposePage(page);
    const project = new ComposeProjectPage(page);
    await page.goto(pageUrl(harness(), 'compose', lang));
    await list.path.fill(folder);
    await list.open.click();
    await expect(project.root).toBeVisible();
    await expect(project.problems).toContainText(lang === 'en' ? 'line 3' : '3번째 줄');
    await expect(project.up).toBeDisabled();
    await expect(project.upBlocked).toBeVisible();
    await shots(page, 'error', lang);
    if (lang === 'ko') continue;
    // The example opened and the list, in Korean too.
    await page.goto(pageUrl(harness(), 'compose', 'ko'));
    await expect(list.root).toBeVisible();
    await shots(page, 'empty', 'ko');
    await list.example.click();
    await expect(project.service('web')).toBeVisible();
    await shots(page, 'example-opened', 'ko');
  }
});

test('without compose on the PATH, the page says what to install and how to check', async ({ page }) => {
  // Only this harness: a PATH with no docker-compose (and no docker CLI plugins under a fresh HOME).
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-e2e-home-'));
  folders.push(home);
  const bare = await startHarness({ PATH: '/nonexistent-berth-path', HOME: home });
  try {
    const list = new ComposePage(page);
    for (const lang of ['en', 'ko'] as const) {
      await page.goto(pageUrl(bare, 'compose', lang));
      await expect(list.toolMissing).toBeVisible();
      await expect(list.toolMissing).toContainText('docker compose version');
      await shots(page, 'no-compose', lang);
    }
  } finally {
    await bare.stop();
  }
});
