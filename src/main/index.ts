import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { app, BrowserWindow, ipcMain, nativeTheme, session, shell } from 'electron';
import { createBackend } from './backend';
import { realHostSystem } from './host/hostSystem';
import { bindContractToIpc } from './shell/ipcBridge';
import { denyAllPermissions, lockDownContents, secureWebPreferences } from './shell/windowSecurity';

// The thin Electron shell: windows, security and IPC. Everything that talks to Docker is in the
// backend, which the browser harness runs the same way under plain Node.

const devServerUrl = !app.isPackaged ? process.env.ELECTRON_RENDERER_URL : undefined;
const rendererFile = path.join(__dirname, '../renderer/index.html');
const rendererUrl = devServerUrl ?? pathToFileURL(rendererFile).toString();

let mainWindow: BrowserWindow | null = null;

function createMainWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1180,
    height: 760,
    minWidth: 820,
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
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(rendererFile);
  return window;
}

function showMainWindow(): void {
  if (!mainWindow) mainWindow = createMainWindow();
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', showMainWindow);
  app.enableSandbox();

  app.whenReady().then(() => {
    denyAllPermissions(session.defaultSession);
    const backend = createBackend({ system: realHostSystem() });
    bindContractToIpc(ipcMain, backend.server, rendererUrl);
    void backend.start();
    app.on('before-quit', () => backend.stop());
    showMainWindow();
    app.on('activate', showMainWindow);
  });

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  // Every web contents, the main window's included, is locked down as it is created.
  app.on('web-contents-created', (_event, contents) => lockDownContents(contents, shell));
}
