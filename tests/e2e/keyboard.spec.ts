import { expect, test } from '@playwright/test';
import { docker, requireEngine } from '../fixtures/dockerCli';
import { pageUrl, startHarness, type RunningHarness } from '../fixtures/harness';

test.skip(!requireEngine.available, 'No Docker engine answers: run `npm run testbed` or start Docker.');

const label = `berth.e2e=${process.pid}`;
let harness: RunningHarness;
test.beforeAll(async () => {
  docker('pull', 'busybox');
  harness = await startHarness();
});
test.afterAll(async () => {
  await harness.stop();
  const leftovers = docker('ps', '-aq', '--filter', `label=${label}`);
  if (leftovers) docker('rm', '-f', ...leftovers.split('\n'));
});

test('Esc closes the Docker server switcher and puts focus back on its button; its close button has a name', async ({
  page,
}) => {
  await page.goto(pageUrl(harness, 'installation'));
  const opener = page.getByTestId('engine-switcher');
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
  await page.goto(pageUrl(harness, 'installation', 'ko'));
  await page.getByTestId('engine-switcher').click();
  await page.getByRole('button', { name: '도커 서버 바꾸기 닫기' }).click();
  await expect(page.getByTestId('engine-switcher-panel')).toHaveCount(0);
  await expect(page.getByTestId('engine-switcher')).toBeFocused();
});

test('a remove dialog starts on Cancel, and closing any dialog returns focus to the control that opened it', async ({
  page,
}) => {
  const name = `berth-e2e-keys-${Date.now()}`;
  docker('create', '--label', label, '--name', name, 'busybox', 'true');
  await page.goto(pageUrl(harness, 'containers'));
  await page.getByTestId('containers-show-all').check();
  // Only this container: the engine is shared, and other rows may come and go meanwhile.
  await page.getByTestId('containers-filter').fill(name);
  const row = page.locator(`[data-testid=container-row][data-name="${name}"]`);
  const remove = row.getByTestId('container-remove');

  // Keyboard only: focus the row's Remove, open with Enter, close with Esc.
  await remove.focus();
  await page.keyboard.press('Enter');
  const dialog = page.getByTestId('remove-container-dialog');
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
  await page.goto(pageUrl(harness, 'images'));
  const image = page.locator('[data-testid=image-row][data-image="busybox:latest"]');
  await image.getByTestId('image-remove').focus();
  await page.keyboard.press('Enter');
  const removeImage = page.getByTestId('remove-image-dialog');
  await expect(removeImage.getByRole('button', { name: 'Cancel' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(removeImage).toHaveCount(0);
  await expect(image.getByTestId('image-remove')).toBeFocused();

  await image.getByTestId('image-run').focus();
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('run-dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('run-dialog')).toHaveCount(0);
  await expect(image.getByTestId('image-run')).toBeFocused();
});

test('Enter in Settings’ "another address" applies it, as the button does', async ({ page }) => {
  const settingsHarness = await startHarness();
  try {
    await page.goto(pageUrl(settingsHarness, 'settings'));
    const address = page.getByTestId('engine-custom-url');
    await address.fill('ftp://nope');
    await address.press('Enter');
    await expect(
      page.getByRole('alert').filter({ hasText: 'Use unix:///…, tcp://host:port or ssh://user@host.' }),
    ).toBeVisible();

    const elsewhere = 'unix:///tmp/berth-e2e-keys-nowhere.sock';
    await address.fill(elsewhere);
    await address.press('Enter');
    await expect(page.getByTestId('status-bar')).toContainText(elsewhere, { timeout: 30_000 });
    await expect(page.getByTestId('status-bar')).toHaveAttribute('data-state', 'disconnected', { timeout: 30_000 });
  } finally {
    await settingsHarness.stop();
  }
});

test('the guide’s language buttons say which one is chosen', async ({ page }) => {
  await page.goto(pageUrl(harness, 'onboarding'));
  const group = page.getByRole('group', { name: 'Language' }).or(page.getByRole('group', { name: '언어' }));
  await expect(page.getByTestId('onboarding-language-en')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('onboarding-language-ko')).toHaveAttribute('aria-pressed', 'false');
  await page.getByTestId('onboarding-language-ko').click();
  await expect(page.getByTestId('onboarding-language-ko')).toHaveAttribute('aria-pressed', 'true');
  await expect(page.getByTestId('onboarding-language-en')).toHaveAttribute('aria-pressed', 'false');
  await expect(group).toBeVisible();
});
