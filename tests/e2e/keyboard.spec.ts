import { expect, test } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness } from '../fixtures/harness';
import { harnessForSpec } from '../fixtures/specHarness';
import { ContainersPage } from './pages/ContainersPage';
import { EngineSwitcher } from './pages/EngineSwitcher';
import { ImagesPage } from './pages/ImagesPage';
import { OnboardingPage } from './pages/OnboardingPage';
import { RunDialog } from './pages/RunDialog';
import { SettingsPage } from './pages/SettingsPage';
import { StatusBar } from './pages/StatusBar';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e=${process.pid}`;
const harness = harnessForSpec({ pull: ['busybox'], label });

test('Esc closes the Docker server switcher and puts focus back on its button; its close button has a name', async ({
  page,
}) => {
  await page.goto(pageUrl(harness(), 'installation'));
  const opener = new EngineSwitcher(page).button;
  await opener.focus();
  await page.keyboard.press('Enter');
  const panel = page.getByRole('dialog', { name: 'Switch the Docker server' });
  await expect(panel).toBeVisible();
  await expect(opener).toHaveAttribute('aria-expanded', 'true');
  await expect(panel.getByRole('button', { name: 'Close the Docker server switcher' })).toBeVisible();
  await expect(panel.getByRole('button', { name: '✕' })).toHaveCount(0);

  await page.keyboard.press('Escape');
  await expect(panel).toHaveCount(0);
  await expect(opener).toBeFocused();
  await expect(opener).toHaveAttribute('aria-expanded', 'false');

  // The close button does the same, in Korean too.
  await page.goto(pageUrl(harness(), 'installation', 'ko'));
  const switcher = new EngineSwitcher(page);
  await switcher.open();
  await page.getByRole('button', { name: '도커 서버 바꾸기 닫기' }).click();
  await expect(switcher.panel).toHaveCount(0);
  await expect(switcher.button).toBeFocused();
});

test('a remove dialog starts on Cancel, and closing any dialog returns focus to the control that opened it', async ({
  page,
}) => {
  const name = `berth-e2e-keys-${Date.now()}`;
  docker('create', '--label', label, '--name', name, 'busybox', 'true');
  await page.goto(pageUrl(harness(), 'containers'));
  const containers = new ContainersPage(page);
  await containers.showStopped();
  // Only this container: the engine is shared, and other rows may come and go meanwhile.
  await containers.filter.fill(name);
  const remove = containers.removeButton(name);

  // Keyboard only: focus the row's Remove, open with Enter, close with Esc.
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = containers.removeDialog.root;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();

  // Cancel returns it too.
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(dialog).toHaveCount(0);
  await expect(remove).toBeFocused();

  // The image remove dialog and the run dialog, through the same Dialog.
  await page.goto(pageUrl(harness(), 'images'));
  const images = new ImagesPage(page);
  const imageRemove = images.removeButton('busybox:latest');
  const imageRun = images.runButton('busybox:latest');
  await imageRemove.focus();
  await page.keyboard.press('Enter');
  const removeImage = images.removeDialog.root;
  await expect(removeImage.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(removeImage).toHaveCount(0);
  await expect(imageRemove).toBeFocused();

  await imageRun.focus();
  await page.keyboard.press('Enter');
  const runDialog = new RunDialog(page);
  await expect(runDialog.root).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(runDialog.root).toHaveCount(0);
  await expect(imageRun).toBeFocused();
});

test('Enter in Settings’ "another address" applies it, as the button does', async ({ page }) => {
  const settingsHarness = await startHarness();
  try {
    await page.goto(pageUrl(settingsHarness, 'settings'));
    const address = new SettingsPage(page).engineCustomUrl;
    await address.fill('ftp://nope');
    await address.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Use unix:///…, tcp://host:port or ssh://user@host.' }),
    ).toBeVisible();

    const elsewhere = 'unix:///tmp/berth-e2e-keys-nowhere.sock';
    await address.fill(elsewhere);
    await address.press('Enter');
    const statusBar = new StatusBar(page);
    await expect(statusBar.root).toContainText(elsewhere, { timeout: 30_000 });
    await expect(statusBar.root).toHaveAttribute('data-state', 'disconnected', { timeout: 30_000 });
  } finally {
    await settingsHarness.stop();
  }
});

test('the guide’s language buttons say which one is chosen', async ({ page }) => {
  await page.goto(pageUrl(harness(), 'onboarding'));
  const group = page.getByRole('group', { name: 'Language' }).or(page.getByRole('group', { name: '언어' }));
  const onboarding = new OnboardingPage(page);
  await expect(onboarding.language('en')).toHaveAttribute('aria-pressed', 'true');
  await expect(onboarding.language('ko')).toHaveAttribute('aria-pressed', 'false');
  await onboarding.language('ko').click();
  await expect(onboarding.language('ko')).toHaveAttribute('aria-pressed', 'true');
  await expect(onboarding.language('en')).toHaveAttribute('aria-pressed', 'false');
  await expect(group).toBeVisible();
});
