import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { docker, removeContainersOf, removeImage, requireEngine } from '../fixtures/dockerCli';
import { startHarness, type RunningHarness } from '../fixtures/harness';
import { saveScreenshot } from '../fixtures/screenshots';
import { startSocketProxy } from '../fixtures/countingProxy';
import { ContainersPage } from './pages/ContainersPage';
import { InstallationPage } from './pages/InstallationPage';
import { OnboardingPage } from './pages/OnboardingPage';
import { RunFlowPage } from './pages/RunFlowPage';
import { StatusBar } from './pages/StatusBar';

/**
 * The engine's first Docker Hub mirror as `docker info` lists it, without its trailing slash; null
 * without one. dockerd lists it in RegistryConfig.Mirrors, Podman only under IndexConfigs["docker.io"].
 */
function hubMirror(): string | null {
  const config = JSON.parse(docker('info', '--format', '{{json .RegistryConfig}}')) as {
    Mirrors?: string[] | null;
    IndexConfigs?: Record<string, { Mirrors?: string[] | null }> | null;
  } | null;
  const mirrors = config?.Mirrors?.length ? config.Mirrors : config?.IndexConfigs?.['docker.io']?.Mirrors;
  return mirrors?.[0]?.replace(/\/+$/, '') ?? null;
}

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

let harness: RunningHarness | null = null;
test.afterEach(async () => {
  await harness?.stop();
  harness = null;
});
// The guide's runs name no container (a learner's first `docker run hello-world` does not either):
// remove them here, not at the next run's start.
test.afterAll(() => removeContainersOf('hello-world'));

/** Counts the user's clicks on the page, as a person would make them. */
async function countClicks(page: Page): Promise<() => Promise<number>> {
  await page.evaluate(() => {
    const counter = { clicks: 0 };
    Object.assign(window, { berthClicks: counter });
    window.addEventListener('click', () => (counter.clicks += 1), true);
  });
  return () => page.evaluate(() => (window as unknown as { berthClicks: { clicks: number } }).berthClicks.clicks);
}

for (const lang of ['en', 'ko'] as const) {
  test(`first launch with a running engine: the guide reaches the hello-world greeting in 3 clicks (${lang})`, async ({
    page,
  }) => {
    removeImage('hello-world');
    harness = await startHarness();
    // No screen in the URL: a first launch.
    await page.goto(`${harness.origin}/?token=${harness.token}&lang=${lang}`);
    const onboarding = new OnboardingPage(page);
    const wizard = onboarding.root;
    await expect(wizard).toHaveAttribute('data-step', 'welcome');
    const clicks = await countClicks(page);
    await saveScreenshot(page, `onboarding-welcome-${lang}`);

    await onboarding.next.click();
    // The checklist finds the engine and moves on by itself.
    await expect(wizard).toHaveAttribute('data-step', 'verify', { timeout: 20_000 });
    await expect(onboarding.detected('endpoint')).toHaveCount(0);
    await expect(new InstallationPage(page).ready).toBeVisible();
    await saveScreenshot(page, `onboarding-verify-${lang}`);
    await onboarding.next.click();
    await expect(wizard).toHaveAttribute('data-step', 'first-container');
    await onboarding.runHello.click();
    await expect(new RunFlowPage(page).output).toContainText('Hello from Docker!', { timeout: 60_000 });
    expect(await clicks()).toBe(3);
    fs.mkdirSync('test-results', { recursive: true });
    fs.writeFileSync(`test-results/onboarding-clicks-${lang}.json`, JSON.stringify({ clicks: await clicks(), lang }));

    const explain = onboarding.explain;
    await expect(explain.locator('li')).toHaveCount(4);
    // Where the image really came from: the testbed's engine pulls Docker Hub's images through its mirror.
    const mirror = hubMirror();
    await expect(explain).toContainText(
      lang === 'en'
        ? mirror
          ? `pulled "hello-world:latest" through the Docker Hub mirror ${mirror}`
          : 'pulled "hello-world" from Docker Hub'
        : mirror
          ? `도커 허브 미러 ${mirror}에서 "hello-world:latest" 이미지를 받았어요`
          : '도커 허브에서 "hello-world" 이미지를 받았어요',
    );
    await saveScreenshot(page, `onboarding-first-container-${lang}`);

    await new RunFlowPage(page).again.click();
    await expect(new RunFlowPage(page).root).toHaveAttribute('data-cache-hit', 'true', { timeout: 30_000 });
    await expect(new RunFlowPage(page).flow('hub')).toHaveAttribute('data-state', 'skipped');

    await onboarding.next.click();
    await expect(onboarding.conceptCards).toHaveCount(4);
    await saveScreenshot(page, `onboarding-concepts-${lang}`);
    await onboarding.next.click();
    await expect(wizard).toHaveAttribute('data-step', 'done');
    await saveScreenshot(page, `onboarding-done-${lang}`);
    await onboarding.dashboard.click();
    await expect(page.locator('main')).toHaveAttribute('data-section', 'containers');
    // The hello-world container has stopped; the list shows it anyway, marked, though stopped ones are hidden.
    await expect(new ContainersPage(page).showAll).not.toBeChecked();
    const ran = new ContainersPage(page).highlightedRow;
    await expect(ran).toHaveAttribute('data-state', 'exited');
    await expect(ran).toContainText('hello-world');

    // Finished: a new window opens on the dashboard, not the guide.
    await page.goto(`${harness.origin}/?token=${harness.token}&lang=${lang}`);
    await expect(new StatusBar(page).root).toBeVisible();
    await expect(onboarding.root).toHaveCount(0);
  });
}

test('with no engine yet, the guide says how to start one, and moves on by itself when it appears', async ({
  page,
}) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-onboarding-'));
  const home = path.join(dir, 'home');
  fs.mkdirSync(home);
  const socketPath = path.join(dir, 'docker.sock');
  harness = await startHarness({ HOME: home, DOCKER_HOST: `unix://${socketPath}` });
  try {
    await page.goto(`${harness.origin}/?token=${harness.token}&lang=ko`);
    const onboarding = new OnboardingPage(page);
    const wizard = onboarding.root;
    await onboarding.next.click();
    // This machine has the docker CLI but no engine at that address: on Linux, "start" it.
    await expect(wizard).toHaveAttribute('data-step', 'start', { timeout: 20_000 });
    await expect(onboarding.detected('endpoint')).toHaveAttribute('data-found', 'false');
    await expect(onboarding.detected('cli')).toHaveAttribute('data-found', 'true');
    await expect(onboarding.commands.first()).toContainText('sudo systemctl start docker');
    await saveScreenshot(page, 'onboarding-start-ko');

    // Progress is saved: a reload resumes at the same step.
    await page.reload();
    await expect(onboarding.root).toHaveAttribute('data-step', 'start', { timeout: 20_000 });

    const proxy = await startSocketProxy(socketPath);
    try {
      await expect(onboarding.root).toHaveAttribute('data-step', 'verify', { timeout: 30_000 });
      await onboarding.next.click();
      removeImage('hello-world');
      await onboarding.runHello.click();
      await expect(new RunFlowPage(page).output).toContainText('Hello from Docker!', { timeout: 60_000 });
      await expect(onboarding.explain).toContainText('방금 일어난 일');
    } finally {
      await proxy.close();
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

for (const lang of ['en', 'ko'] as const) {
  test(`on a Mac with Apple silicon and nothing installed, the guide shows how to install, then moves on (${lang})`, async ({
    page,
  }) => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-e2e-mac-'));
    const home = path.join(dir, 'home');
    fs.mkdirSync(home);
    const socketPath = path.join(dir, 'docker.sock');
    harness = await startHarness({
      HOME: home,
      DOCKER_HOST: `unix://${socketPath}`,
      BERTH_HARNESS_PRETEND: 'darwin/arm64',
    });
    try {
      await page.goto(`${harness.origin}/?token=${harness.token}&lang=${lang}`);
      const onboarding = new OnboardingPage(page);
      await onboarding.next.click();
      const wizard = onboarding.root;
      await expect(wizard).toHaveAttribute('data-step', 'install', { timeout: 20_000 });
      const guide = onboarding.installGuide;
      await expect(guide).toHaveAttribute('data-platform', 'darwin');
      await expect(guide).toHaveAttribute('data-arch', 'arm64');
      await expect(guide.getByRole('link')).toHaveAttribute(
        'href',
        'https://desktop.docker.com/mac/main/arm64/Docker.dmg',
      );
      await expect(guide).toContainText('brew install --cask docker');
      await expect(onboarding.detected('desktop')).toHaveAttribute('data-found', 'false');
      await expect(onboarding.waiting).toBeVisible();
      await saveScreenshot(page, `onboarding-install-mac-${lang}`);

      // Docker arrives (a socket that forwards to the testbed engine): the guide moves on by itself.
      const proxy = await startSocketProxy(socketPath);
      try {
        await expect(wizard).toHaveAttribute('data-step', 'verify', { timeout: 30_000 });
        await expect(new InstallationPage(page).ready).toBeVisible();
      } finally {
        await proxy.close();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}

test('the guide can be skipped at any step and opened again from the installation check', async ({ page }) => {
  harness = await startHarness({ DOCKER_HOST: 'unix:///nonexistent/berth/docker.sock' });
  await page.goto(`${harness.origin}/?token=${harness.token}&lang=en`);
  const onboarding = new OnboardingPage(page);
  await onboarding.skip.click();
  await expect(page.locator('main')).toHaveAttribute('data-section', 'containers');
  await page.goto(`${harness.origin}/?token=${harness.token}&lang=en#/installation`);
  await new InstallationPage(page).openOnboarding.click();
  await expect(onboarding.root).toBeVisible();
});
