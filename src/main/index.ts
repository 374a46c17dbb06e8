import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, nativeTheme, session, shell } from 'electron';
import type { Settings } from '../shared/settings';
import type { TrayAction } from '../shared/tray';
import { createBackend, type Backend } from './backend';
import { realHostSystem } from './host/hostSystem';
import { createNotifier } from './notifications/notifier';
import { installAppMenu } from './shell/appMenu';
import { bindContractToIpc } from './shell/ipcBridge';
import { createOpenTarPicker, createSaveFilePicker } from './shell/fileDialog';
import { createFolderPicker } from './shell/folderDialog';
import { createNotificationShell } from './shell/notifications';
import { createTrayActionHandler, createTrayShell, type TrayShell } from './shell/tray';
import { denyAllPermissions, lockDownContents, secureWebPreferences } from './shell/windowSecurity';

// The thin Electron shell: windows, tray, menus, notifications, security and IPC. Everything that
// talks to Docker is in the backend, which the browser harness runs the same way under plain Node.

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererFile = path.join(__dirname, '../renderer/index.html');
const rendererUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();
/**
 * tray*.png and examples/: copied next to the app by electron-builder (extraResources), the
 * repository's resources/ in development.
 */
const resourcesDir = app.isPackaged
  ? path.join(process.resourcesPath, 'resources')
  : path.join(__dirname, '../../resources');
/** Windows has no "opened at login" flag: the login item starts Berth with this argument. */
const loginItemArgs = ['--opened-at-login'];

let mainWindow: BrowserWindow | null = null;

function createMainWindow(route: string | null): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 760,
    // The smallest window every screen is checked at (tests/e2e/smallWindow.spec.ts).
    minWidth: 800,
    minHeight: 560,
    show: false,
    title: 'Berth',
    backgroundColor: nativeTheme.shouldUseDarkColors ? '#0b1220' : '#f8fafc',
    webPreferences: secureWebPreferences(path.join(__dirname, '../preload/index.js')),
  });
  if (app.isPackaged) window.webContents.on('devtools-opened', () => window.webContents.closeDevTools());
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => {
    mainWindow = null;
  });
  if (devServerUrl) void window.loadURL(route ? `${devServerUrl}#/${route}` : devServerUrl);
  else void window.loadFile(rendererFile, route ? { hash: `/${route}` } : undefined);
  return window;
}

/** Shows the window, at a route of the renderer (its URL hash, e.g. "containers/<id>") when given. */
function showMainWindow(route: string | null = null): void {
  if (!mainWindow) mainWindow = createMainWindow(route);
  // Same page, new hash: a same-document navigation the renderer's router follows (no reload).
  else if (route) void mainWindow.webContents.loadURL(`${rendererUrl}#/${route}`);
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  // From the menu bar (no Dock icon, another app in front) the window must come forward too.
  if (process.platform === 'darwin') app.focus({ steal: true });
  mainWindow.focus();
}

function openedAtLogin(): boolean {
  if (process.platform === 'darwin') return app.getLoginItemSettings().wasOpenedAtLogin;
  return loginItemArgs.every((arg) => process.argv.includes(arg));
}

function applyLoginItem(startAtLogin: boolean): void {
  // In development the login item would start the bare Electron binary; Linux has no login items here.
  if (!app.isPackaged || (process.platform !== 'darwin' && process.platform !== 'win32')) return;
  const options = process.platform === 'win32' ? { args: loginItemArgs } : {};
  if (app.getLoginItemSettings(options).openAtLogin !== startAtLogin) {
    app.setLoginItemSettings({ openAtLogin: startAtLogin, ...options });
  }
}

/** Tray, menus and notifications, following the settings. Returns what to undo at quit. */
function startDesktopShell(backend: Backend): () => void {
  const settings = (): Settings => backend.settings.state().settings;
  const translate = () => backend.translate();

  const handleAction = createTrayActionHandler({
    showWindow: showMainWindow,
    openExternal: (url) => shell.openExternal(url),
    actOnContainer: (input) => backend.actions.act(input),
    runImage: (image) => backend.runs.runImage(image),
    quit: () => app.quit(),
    log: (message) => console.warn(`[berth] ${message}`),
  });
  const onAction = (action: TrayAction) => void handleAction(action);

  // The backend's feed follows the services only while someone (this tray, a preview) listens.
  const feed = backend.tray;
  const notifier = createNotifier({
    pulls: backend.pulls,
    runs: backend.runs,
    monitor: backend.monitor,
    enabled: () => settings().notifications,
    translate,
    notify: createNotificationShell(onAction),
  });

  let trayShell: TrayShell | null = null;
  let offFeed: () => void = () => undefined;
  const applyTray = (show: boolean) => {
    if (show && !trayShell) {
      // The current model comes at once (and makes the tray), then each change.
      offFeed = feed.subscribe((model) => {
        if (trayShell) trayShell.update(model);
        else trayShell = createTrayShell({ model, resourcesDir, platform: process.platform, onAction });
      });
    } else if (!show && trayShell) {
      offFeed();
      trayShell.destroy();
      trayShell = null;
      // Without a tray icon and without a window Berth could not be reached.
      if (BrowserWindow.getAllWindows().length === 0) showMainWindow();
    }
  };

  const applyDock = (menuBarOnly: boolean) => {
    if (process.platform !== 'darwin' || !app.dock) return;
    // Menu bar only needs the menu bar icon: without it the Dock icon stays, or Berth could not be reached.
    const hide = menuBarOnly && trayShell !== null;
    if (hide && app.dock.isVisible()) app.dock.hide();
    else if (!hide && !app.dock.isVisible()) void app.dock.show();
  };

  const apply = (next: Settings) => {
    installAppMenu({ platform: process.platform, t: translate(), onAction, isPackaged: app.isPackaged });
    applyTray(next.showTrayIcon);
    applyDock(next.menuBarOnly);
    applyLoginItem(next.startAtLogin);
  };
  apply(settings());
  const offSettings = backend.settings.onChange((state) => apply(state.settings));

  // Started at login with the tray icon shown: stay in the menu bar until the user opens the window.
  if (!(openedAtLogin() && trayShell)) showMainWindow();

  app.on('window-all-closed', () => {
    // Closing the window keeps Berth running in the menu bar (notification area); quit from the tray.
    if (trayShell) return;
    if (process.platform !== 'darwin') app.quit();
  });

  return () => {
    offSettings();
    notifier.dispose();
    offFeed();
    feed.dispose();
    trayShell?.destroy();
    trayShell = null;
  };
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => showMainWindow());
  app.enableSandbox();

  app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    const backend = createBackend({
      system: realHostSystem(),
      settingsPath: path.join(app.getPath('userData'), 'settings.json'),
      lessonsPath: path.join(app.getPath('userData'), 'lessons.json'),
      systemLanguages: () => app.getPreferredSystemLanguages(),
      workDir: path.join(app.getPath('userData'), 'examples'),
      examplesDir: path.join(resourcesDir, 'examples'),
      pickFolder: createFolderPicker(
        () => mainWindow,
        () => backend.translate()('buildFiles.pickFolderTitle'),
      ),
      pickSaveFile: createSaveFilePicker(
        () => mainWindow,
        () => ({
          title: backend.translate()('volumeFiles.dialog.saveTitle'),
          tarFilter: backend.translate()('volumeFiles.dialog.tarFilter'),
        }),
        () => app.getPath('downloads'),
      ),
      pickOpenFile: createOpenTarPicker(
        () => mainWindow,
        () => ({
          title: backend.translate()('volumeFiles.dialog.openTitle'),
          tarFilter: backend.translate()('volumeFiles.dialog.tarFilter'),
        }),
      ),
    });
    bindContractToIpc(ipcMain, backend.server, rendererUrl);
    void backend.start();
    const stopShell = startDesktopShell(backend);
    app.on('before-quit', () => {
      // The shell first: the engine connection closing at quit is not "the engine stopped".
      stopShell();
      backend.stop();
    });
    app.on('activate', () => showMainWindow());
  });

  // Every web contents, the main window's included, is locked down as it is created.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, shell));
}
