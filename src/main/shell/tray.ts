import path from 'node:path';
import { Menu, nativeImage, Tray, type MenuItemConstructorOptions, type NativeImage } from 'electron';
import type { TrayAction, TrayIconState, TrayMenuItem, TrayModel } from '../../shared/tray';
import { toWireError } from '../../shared/errors';
import type { ContainerActionInput } from '../containers/containerActions';
import { isExternalLink } from './windowSecurity';

// The tray icon and its menu, drawn from the pure TrayModel (src/main/tray/trayModel.ts).

const variantNames: Record<TrayIconState, string> = {
  running: '',
  starting: 'Starting',
  stopped: 'Stopped',
  error: 'Error',
};

/**
 * The icon file for a model. macOS gets template images (black and alpha, tinted by the menu bar;
 * the @2x file is picked up by itself); Linux and Windows get coloured ones.
 */
export function trayIconFileName(icon: TrayIconState, pulling: boolean, platform: NodeJS.Platform): string {
  const variant = icon === 'running' && pulling ? 'Pulling' : variantNames[icon];
  return platform === 'darwin' ? `tray${variant}Template.png` : `tray${variant}.png`;
}

/** The Electron menu template for the model's items: the same labels, structure and ids; clicks call onAction. */
export function trayMenuTemplate(
  items: readonly TrayMenuItem[],
  onAction: (action: TrayAction) => void,
): MenuItemConstructorOptions[] {
  return items.map((item): MenuItemConstructorOptions => {
    if (item.type === 'separator') return { type: 'separator', id: item.id };
    if (item.submenu) {
      return {
        id: item.id,
        label: item.label,
        type: 'submenu',
        enabled: item.enabled ?? true,
        submenu: trayMenuTemplate(item.submenu, onAction),
      };
    }
    const action = item.action;
    return {
      id: item.id,
      label: item.label,
      type: 'normal',
      enabled: item.enabled ?? true,
      ...(action ? { click: () => onAction(action) } : {}),
    };
  });
}

export interface TrayShellOptions {
  model: TrayModel;
  /** The folder holding tray*.png (resources/ in development, <app>/Contents/Resources/resources packaged). */
  resourcesDir: string;
  platform: NodeJS.Platform;
  onAction: (action: TrayAction) => void;
}

export interface TrayShell {
  /** Shows a new model: the icon, the tooltip and the menu change only where the model did. */
  update(model: TrayModel): void;
  destroy(): void;
}

/** Puts Berth in the menu bar (macOS) or the notification area (Linux, Windows). */
export function createTrayShell(options: TrayShellOptions): TrayShell {
  const { platform, resourcesDir, onAction } = options;
  const images = new Map<string, NativeImage>();
  const imageFor = (model: TrayModel): NativeImage => {
    const file = trayIconFileName(model.icon, model.pulling, platform);
    let image = images.get(file);
    if (!image) {
      image = nativeImage.createFromPath(path.join(resourcesDir, file));
      if (platform === 'darwin') image.setTemplateImage(true);
      images.set(file, image);
    }
    return image;
  };

  let current = options.model;
  let currentImage = imageFor(current);
  const tray = new Tray(currentImage);
  // Without its icon file the status item would be invisible on macOS: show the name instead.
  if (platform === 'darwin' && currentImage.isEmpty()) tray.setTitle('Berth');
  tray.setToolTip(current.tooltip);
  let menuJson = JSON.stringify(current.items);
  tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(current.items, onAction)));
  // On Windows a left click opens the window (the right click shows the menu), as tray apps do there.
  if (platform === 'win32') tray.on('click', () => onAction({ kind: 'open-window' }));

  return {
    update(model) {
      if (tray.isDestroyed()) return;
      const image = imageFor(model);
      if (image !== currentImage) {
        tray.setImage(image);
        currentImage = image;
      }
      if (model.tooltip !== current.tooltip) tray.setToolTip(model.tooltip);
      const json = JSON.stringify(model.items);
      // Linux needs the menu set again for any change to show; rebuilding only on change keeps it cheap.
      if (json !== menuJson) {
        tray.setContextMenu(Menu.buildFromTemplate(trayMenuTemplate(model.items, onAction)));
        menuJson = json;
      }
      current = model;
    },
    destroy() {
      if (!tray.isDestroyed()) tray.destroy();
    },
  };
}

/** What the tray's (and the notifications') actions need from the app. */
export interface TrayActionTargets {
  /** Shows the main window at a route of the renderer (the URL hash without "#/"), or as it is for null. */
  showWindow(route: string | null): void;
  openExternal(url: string): Promise<void> | void;
  /** The services themselves (ContainerActions.act, RunService.runImage): the tray is in the same process. */
  actOnContainer(input: ContainerActionInput): Promise<unknown>;
  runImage(image: string): Promise<{ runId: string }>;
  quit(): void;
  /** Where a failure is written (the user sees the window the failure opens). */
  log?: (message: string) => void;
}

function route(section: string, param: string | null): string {
  return param ? `${section}/${param.split('/').map(encodeURIComponent).join('/')}` : section;
}

/** The work behind each tray action. The returned promise settles when it is done (for tests). */
export function createTrayActionHandler(targets: TrayActionTargets): (action: TrayAction) => Promise<void> {
  const log = targets.log ?? (() => undefined);
  return async (action) => {
    switch (action.kind) {
      case 'open-window':
        return targets.showWindow(null);
      case 'open-section':
        return targets.showWindow(route(action.section, action.param));
      case 'open-logs':
        return targets.showWindow(route('containers', action.containerId));
      case 'open-url':
        // Web pages only, like every link leaving Berth.
        if (isExternalLink(action.url)) await targets.openExternal(action.url);
        else log(`Refused to open ${action.url}: not a web address.`);
        return;
      case 'container-action':
        try {
          await targets.actOnContainer({ id: action.containerId, action: action.action });
        } catch (error) {
          // The window says why (the engine's refusal in words) and lets the user try again.
          log(`${action.action} ${action.containerId} failed: ${toWireError(error).message}`);
          targets.showWindow(route('containers', action.containerId));
        }
        return;
      case 'run-image': {
        let runId: string;
        try {
          ({ runId } = await targets.runImage(action.image));
        } catch (error) {
          const failure = toWireError(error);
          log(`Running ${action.image} failed: ${failure.message}`);
          // An engine problem is explained on the installation check; anything else next to the images.
          return targets.showWindow(failure.code.startsWith('engine-') ? 'installation' : 'images');
        }
        return targets.showWindow(route('run', runId));
      }
      case 'quit':
        return targets.quit();
    }
  };
}
