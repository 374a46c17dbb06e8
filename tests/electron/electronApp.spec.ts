import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { _electron as electron, expect, test, type ElectronApplication } from '@playwright/test';
import { saveScreenshot } from '../fixtures/screenshots';

// The real Electron app. It runs where an Electron binary exists (a developer's Mac, the macOS and
// Linux GitHub Actions jobs); machines that install with ELECTRON_SKIP_BINARY_DOWNLOAD=1 skip it.
// Read the binary's location ourselves: require('electron') would try to download a missing one.
function electronBinary(): string | null {
  try {
    const packageDir = path.dirname(createRequire(__filename).resolve('electron/package.json'));
    const relative = fs.readFileSync(path.join(packageDir, 'path.txt'), 'utf8').trim();
    const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist'), relative);
    return fs.existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

const binary = electronBinary();
test.skip(
  binary === null,
  'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); this suite runs where Electron can be downloaded.',
);

const projectRoot = path.resolve(__dirname, '../..');
let app: ElectronApplication;

test.beforeAll(async () => {
  app = await electron.launch({
    executablePath: binary!,
    args: [path.join(projectRoot, 'out/main/index.js')],
    env: { ...process.env, ELECTRON_ENABLE_LOGGING: '1' },
  });
});
test.afterAll(async () => {
  await app?.close();
});

test('opens one window with every security switch on', async () => {
  const page = await app.firstWindow();
  await expect(page).toHaveTitle('Berth');
  const preferences = await app.evaluate(({ BrowserWindow }) => {
    const contents = BrowserWindow.getAllWindows()[0]!.webContents;
    const prefs = (contents as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
    return {
      contextIsolation: prefs.contextIsolation,
      sandbox: prefs.sandbox,
      nodeIntegration: prefs.nodeIntegration,
      webSecurity: prefs.webSecurity,
    };
  });
  expect(preferences).toEqual({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true });
  const exposed = await page.evaluate(() => ({
    transport: typeof (window as unknown as { berthTransport?: unknown }).berthTransport,
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
  }));
  expect(exposed).toEqual({ transport: 'object', require: 'undefined', process: 'undefined' });
});

test('shows the installation check over IPC', async () => {
  const page = await app.firstWindow();
  await page.evaluate(() => {
    window.location.hash = '/installation';
  });
  await expect(page.getByTestId('installation-page')).toBeVisible();
  await expect(page.getByTestId('status-bar')).toBeVisible();
  await saveScreenshot(page, 'electron-installation');
});

test('refuses navigation away from the app and new windows', async () => {
  const page = await app.firstWindow();
  const before = page.url();
  await page.evaluate(() => {
    window.location.href = 'https://example.com/';
  });
  await page.evaluate(() => window.open('file:///etc/passwd'));
  // Still Berth's page, still one window, and the page still answers.
  await expect(page.getByTestId('status-bar')).toBeVisible();
  expect(page.url()).toBe(before);
  expect(app.windows()).toHaveLength(1);
});
