import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { dockerVersionJson, engineFamily, PODMAN_SOCKET, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startSocketProxy } from '../fixtures/countingProxy';
import { InstallationPage } from './pages/InstallationPage';
import { ProblemNotice } from './pages/ProblemNotice';
import { StatusBar } from './pages/StatusBar';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

let harness: RunningHarness | null = null;
test.afterEach(async () => {
  await harness?.stop();
  harness = null;
});

test('shows the same figures as `docker version`, in English and Korean', async ({ page }) => {
  const expected = dockerVersionJson();
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'installation'));

  const onPodman = engineFamily() === 'podman';
  await expect(new InstallationPage(page).ready).toContainText('is installed and running');
  if (onPodman) await expect(new InstallationPage(page).ready).toContainText('Podman is installed and running');
  else await expect(new InstallationPage(page).ready).not.toContainText('Podman');
  await expect(new InstallationPage(page).fact('server-version')).toHaveText(expected.Server!.Version);
  await expect(new InstallationPage(page).fact('server-api-version')).toContainText(expected.Server!.ApiVersion);
  await expect(new InstallationPage(page).fact('server-os-arch')).toHaveText(
    `${expected.Server!.Os}/${expected.Server!.Arch}`,
  );
  await expect(new InstallationPage(page).fact('client-version')).toHaveText(expected.Client.Version);
  await expect(new InstallationPage(page).fact('client-api-version')).toContainText(expected.Client.ApiVersion);
  await expect(new StatusBar(page).engineState).toHaveText('Docker server running');
  await expect(new StatusBar(page).engineProduct).toContainText(expected.Server!.Version);
  if (!onPodman) await expect(new StatusBar(page).engineProduct).not.toContainText('Podman');
  await saveScreenshot(page, 'installation-connected-en-light');

  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'installation-connected-en-dark');

  await page.goto(pageUrl(harness, 'installation', 'ko'));
  await expect(new InstallationPage(page).ready).toContainText('설치되어 실행 중이에요');
  await expect(new StatusBar(page).engineState).toHaveText('도커 서버 실행 중');
  await expect(new InstallationPage(page).fact('server-version')).toHaveText(expected.Server!.Version);
  await saveScreenshot(page, 'installation-connected-ko-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await saveScreenshot(page, 'installation-connected-ko-light');
});

test('each row as `docker version` prints it: components whole, Experimental, Built as a date', async ({ page }) => {
  interface Component {
    Name: string;
    Version: string;
    Details?: Record<string, string>;
  }
  const json = JSON.parse(execFileSync('docker', ['version', '--format', '{{json .}}'], { encoding: 'utf8' })) as {
    Client: { GitCommit: string; GoVersion: string; Context: string; BuildTime: string };
    Server: { GitCommit: string; GoVersion: string; Components: Component[] };
  };
  const onPodman = engineFamily() === 'podman';
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'installation'));
  await expect(new InstallationPage(page).ready).toBeVisible();

  await expect(new InstallationPage(page).fact('client-git-commit')).toHaveText(json.Client.GitCommit);
  await expect(new InstallationPage(page).fact('client-go-version')).toHaveText(json.Client.GoVersion);
  await expect(new InstallationPage(page).fact('client-context')).toHaveText(json.Client.Context);
  await expect(new InstallationPage(page).fact('server-go-version')).toHaveText(json.Server.GoVersion);
  const engine = json.Server.Components.find((component) => component.Name === 'Engine');
  await expect(new InstallationPage(page).fact('server-experimental')).toHaveText(
    engine?.Details?.Experimental ?? 'false',
  );
  // Every other component with its version and commit, nothing cut (Debian's containerd commit is
  // "1.6.20~ds1-1+deb12u3", which the page used to cut to 12 characters).
  const others = json.Server.Components.filter((component) => !/^(podman )?engine$/i.test(component.Name));
  expect(others.length).toBeGreaterThan(0);
  for (const component of others) {
    const commit = component.Details?.GitCommit;
    await expect(new InstallationPage(page).component(component.Name)).toHaveText(
      commit ? `${component.Version} (${commit})` : component.Version,
    );
  }
  // Built: a date in the app's language (the client's year as docker prints it), never an ISO time.
  const year = json.Client.BuildTime.split(' ').at(-1)!;
  await expect(new InstallationPage(page).fact('client-built')).toContainText(year);
  for (const id of ['client-built', 'server-built'] as const) {
    await expect(new InstallationPage(page).fact(id)).not.toHaveText(/\d{4}-\d{2}-\d{2}T/);
  }
  if (onPodman) await expect(new InstallationPage(page).fact('server-built')).toHaveText('—');
  await new InstallationPage(page).serverCard.scrollIntoViewIfNeeded();
  await saveScreenshot(page, 'installation-components-en');
  await page.goto(pageUrl(harness, 'installation', 'ko'));
  await expect(new InstallationPage(page).serverCard).toContainText('실험 기능');
  await saveScreenshot(page, 'installation-components-ko');
});

test.describe('on Podman', () => {
  test.skip(!fs.existsSync(PODMAN_SOCKET), `No Podman service at ${PODMAN_SOCKET}: run \`npm run testbed\`.`);

  test('names Podman in the headline, the server column and the status bar, and says what differs', async ({
    page,
  }) => {
    const env = { ...process.env, DOCKER_HOST: `unix://${PODMAN_SOCKET}` };
    const expected = dockerVersionJson(env);
    harness = await startHarness({ DOCKER_HOST: `unix://${PODMAN_SOCKET}` });
    await page.goto(pageUrl(harness, 'installation'));

    await expect(new InstallationPage(page).ready).toContainText('Podman is installed and running');
    await expect(new InstallationPage(page).ready).not.toContainText('Docker is installed');
    await expect(new InstallationPage(page).podmanNote).toContainText("Podman speaks Docker's Engine API");
    await expect(new InstallationPage(page).fact('server-product')).toHaveText(`Podman ${expected.Server!.Version}`);
    await expect(new InstallationPage(page).fact('server-version')).toHaveText(expected.Server!.Version);
    await expect(new InstallationPage(page).serverCard).toContainText('Podman service (Docker-compatible API)');
    // Podman reports its build time as 1970-01-01: unknown, so not shown.
    await expect(new InstallationPage(page).fact('server-built')).toHaveText('—');
    await expect(new StatusBar(page).engineProduct).toHaveText(`Podman ${expected.Server!.Version}`);
    await expect(new StatusBar(page).root).not.toContainText('Docker 4');
    await expect(new InstallationPage(page).fact('client-version')).toHaveText(expected.Client.Version);
    await saveScreenshot(page, 'installation-podman-en-light');

    await page.goto(pageUrl(harness, 'installation', 'ko'));
    await expect(new InstallationPage(page).ready).toContainText('Podman: 설치되어 실행 중이에요');
    await expect(new InstallationPage(page).podmanNote).toContainText('도커 서버');
    await expect(new StatusBar(page).engineProduct).toHaveText(`Podman ${expected.Server!.Version}`);
    await expect(new InstallationPage(page).fact('client-version')).toHaveText(expected.Client.Version);
    await saveScreenshot(page, 'installation-podman-ko-light');
  });
});

test('follows `docker context use` in a terminal and says so in the status bar', async ({ page }) => {
  test.skip(!fs.existsSync(PODMAN_SOCKET), `No Podman service at ${PODMAN_SOCKET}: run \`npm run testbed\`.`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-context-'));
  const env = { ...process.env, DOCKER_CONFIG: dir, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };
  const cli = (...args: string[]) => execFileSync('docker', args, { env, stdio: 'pipe' });
  try {
    cli('context', 'create', 'berth-dockerd', '--docker', 'host=unix:///var/run/docker.sock');
    cli('context', 'create', 'berth-podman', '--docker', `host=unix://${PODMAN_SOCKET}`);
    cli('context', 'use', 'berth-dockerd');
    harness = await startHarness({ DOCKER_CONFIG: dir, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined });
    await page.goto(pageUrl(harness, 'installation'));
    await expect(new StatusBar(page).engineProduct).not.toContainText('Podman');
    await expect(new StatusBar(page).followedContext).toHaveCount(0);

    cli('context', 'use', 'berth-podman');
    await expect(new StatusBar(page).followedContext).toHaveText('Followed docker context use: berth-podman');
    await expect(new StatusBar(page).engineProduct).toContainText('Podman');
    await expect(new InstallationPage(page).ready).toContainText('Podman is installed and running');
    await expect(new StatusBar(page).root).toContainText(`unix://${PODMAN_SOCKET}`);
    await expect(new InstallationPage(page).fact('client-version')).toBeVisible();
    await saveScreenshot(page, 'status-followed-context-en');

    await page.goto(pageUrl(harness, 'installation', 'ko'));
    await expect(new StatusBar(page).followedContext).toHaveText(
      '터미널의 docker context use를 따라 바꿨어요: berth-podman',
    );
    await expect(new InstallationPage(page).fact('client-version')).toBeVisible();
    await saveScreenshot(page, 'status-followed-context-ko');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('copies a `docker version` style report', async ({ page, context }) => {
  const expected = dockerVersionJson();
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  harness = await startHarness();
  await page.goto(pageUrl(harness, 'installation'));
  await expect(new InstallationPage(page).fact('server-version')).toHaveText(expected.Server!.Version);
  await new InstallationPage(page).copyReport.click();
  await expect(new InstallationPage(page).copyReport).toHaveText('Copied');
  const text = await page.evaluate(() => navigator.clipboard.readText());
  expect(text).toMatch(/^Client:/m);
  expect(text).toMatch(new RegExp(`^ Version:\\s+${expected.Client.Version.replace(/[.+]/g, '\\$&')}$`, 'm'));
  expect(text).toMatch(/^Server:/m);
  expect(text).toMatch(new RegExp(`^  Version:\\s+${expected.Server!.Version.replace(/[.+]/g, '\\$&')}$`, 'm'));
  // Every component `docker version` lists (containerd, runc… on dockerd; Conmon… on Podman).
  const components = JSON.parse(
    execFileSync('docker', ['version', '--format', '{{json .Server.Components}}'], { encoding: 'utf8' }),
  ) as Array<{ Name: string }>;
  const names = components.map((component) => component.Name).filter((name) => !/^(podman )?engine$/i.test(name));
  expect(names.length).toBeGreaterThan(0);
  for (const name of names) expect(text).toContain(`\n ${name}:\n`);
  expect(text).toMatch(new RegExp(`^Product: +${engineFamily() === 'podman' ? 'Podman ' : '(?!Podman)'}`, 'm'));
});

test('where nothing listens it says the engine is not running, then turns connected by itself', async ({ page }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-'));
  const socketPath = path.join(dir, 'docker.sock');
  harness = await startHarness({ DOCKER_HOST: `unix://${socketPath}` });
  await page.goto(pageUrl(harness, 'installation'));

  const problem = new ProblemNotice(page).root.first();
  await expect(problem).toHaveAttribute('data-problem', 'engine-not-running');
  await expect(problem).toContainText('The Docker server (daemon) is not running');
  await expect(problem).toContainText('Start Docker Desktop');
  await expect(new StatusBar(page).engineState).toHaveText('Docker server stopped');
  await expect(new StatusBar(page).root).toContainText(`unix://${socketPath}`);
  await expect(new InstallationPage(page).waiting).toContainText('Berth checks again by itself');
  await saveScreenshot(page, 'installation-not-running-en-light');

  await page.goto(pageUrl(harness, 'installation', 'ko'));
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(new ProblemNotice(page).root.first()).toContainText('도커 서버(데몬)가 실행되고 있지 않아요');
  await saveScreenshot(page, 'installation-not-running-ko-dark');

  // Marks this page load: if the page reloaded, the mark would be gone.
  await page.evaluate(() => Object.assign(window, { berthTestMark: 'same-page' }));
  const proxy = await startSocketProxy(socketPath);
  try {
    await expect(new InstallationPage(page).ready).toBeVisible({ timeout: 30_000 });
    await expect(new StatusBar(page).engineState).toHaveText('도커 서버 실행 중');
    await expect(new InstallationPage(page).fact('server-version')).toHaveText(dockerVersionJson().Server!.Version);
    expect(await page.evaluate(() => (window as unknown as { berthTestMark?: string }).berthTestMark)).toBe(
      'same-page',
    );
  } finally {
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  await expect(new StatusBar(page).engineState).toHaveText('도커 서버 중지됨');
});
