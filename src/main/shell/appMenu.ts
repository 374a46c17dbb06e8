import { Menu, type MenuItemConstructorOptions } from 'electron';
import type { TFunction } from 'i18next';
import type { TrayAction } from '../../shared/tray';

export interface AppMenuOptions {
  platform: NodeJS.Platform;
  t: TFunction;
  onAction: (action: TrayAction) => void;
  /** Developer tools are offered only in development. */
  isPackaged: boolean;
}

/**
 * The application menu: on macOS the standard app, Edit, View, Window and Help menus with their
 * roles (so ⌘C, ⌘V, ⌘A, ⌘Q, ⌘H, ⌘W, ⌘M and full screen work as everywhere), plus Settings… on ⌘,
 * as Mac apps put it. Linux and Windows get a File menu instead of the app menu.
 */
export function appMenuTemplate(options: AppMenuOptions): MenuItemConstructorOptions[] {
  const { platform, t, onAction, isPackaged } = options;
  const open = (action: TrayAction) => () => onAction(action);
  const settings: MenuItemConstructorOptions = {
    id: 'settings',
    label: t('tray.settings'),
    accelerator: 'CmdOrCtrl+,',
    click: open({ kind: 'open-section', section: 'settings', param: null }),
  };

  const first: MenuItemConstructorOptions =
    platform === 'darwin'
      ? {
          role: 'appMenu',
          submenu: [
            { role: 'about' },
            { type: 'separator' },
            settings,
            { type: 'separator' },
            { role: 'services' },
            { type: 'separator' },
            { role: 'hide' },
            { role: 'hideOthers' },
            { role: 'unhide' },
            { type: 'separator' },
            { role: 'quit' },
          ],
        }
      : { role: 'fileMenu', submenu: [settings, { type: 'separator' }, { role: 'quit' }] };

  const view: MenuItemConstructorOptions = {
    role: 'viewMenu',
    submenu: [
      { role: 'reload' },
      ...(isPackaged ? [] : ([{ role: 'forceReload' }, { role: 'toggleDevTools' }] as MenuItemConstructorOptions[])),
      { type: 'separator' },
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
    ],
  };

  const help: MenuItemConstructorOptions = {
    role: 'help',
    submenu: [
      {
        id: 'help:installation',
        label: t('tray.checkInstallation'),
        click: open({ kind: 'open-section', section: 'installation', param: null }),
      },
      {
        id: 'help:hub',
        label: t('nav.hub'),
        accelerator: 'CmdOrCtrl+K',
        registerAccelerator: false,
        click: open({ kind: 'open-section', section: 'hub', param: null }),
      },
    ],
  };

  return [first, { role: 'editMenu' }, view, { role: 'windowMenu' }, help];
}

/** Sets the application menu (again after a language change). */
export function installAppMenu(options: AppMenuOptions): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(options)));
}
