import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, installAppMenu } from '../../src/main/shell/appMenu';
import { createNotificationShell } from '../../src/main/shell/notifications';
import {
  createTrayActionHandler,
  createTrayShell,
  trayIconFileName,
  trayMenuTemplate,
} from '../../src/main/shell/tray';
import { buildTrayModel } from '../../src/main/tray/trayModel';
import { BerthError } from '../../src/shared/errors';
import { createTranslator } from '../../src/shared/i18n/translator';
import type { TrayAction, TrayMenuItem, TrayModel } from '../../src/shared/tray';
import type { WireResult } from '../../src/shared/transport';
import { connectedStatus, disconnectedStatus } from '../fixtures/builders/engineStatus';
import { container, image, pullJob } from '../fixtures/builders/sharedModels';

// The real 'electron' package resolves to a binary it would download: never load it in unit tests.
const fakes = vi.hoisted(() => {
  class FakeImage {
    readonly path: string;
    template = false;
    readonly setTemplateImage = (value: boolean) => {
      this.template = value;
    };
    constructor(path: string) {
      this.path = path;
    }
    isTemplateImage() {
      return this.template;
    }
    isEmpty() {
      return this.path.includes('missing');
    }
  }
  const trays: unknown[] = [];
  const notifications: unknown[] = [];
  return { FakeImage, trays, notifications, supported: { value: true } };
});

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  class Tray extends Emitter {
    image: unknown;
    tooltip = '';
    title = '';
    menu: { template: MenuItemConstructorOptions[] } | null = null;
    destroyed = false;
    readonly setImage = vi.fn((image: unknown) => {
      this.image = image;
    });
    readonly setToolTip = vi.fn((tooltip: string) => {
      this.tooltip = tooltip;
    });
    readonly setContextMenu = vi.fn((menu: { template: MenuItemConstructorOptions[] }) => {
      this.menu = menu;
    });
    readonly setTitle = vi.fn((title: string) => {
      this.title = title;
    });
    constructor(image: unknown) {
      super();
      this.image = image;
      fakes.trays.push(this);
    }
    isDestroyed() {
      return this.destroyed;
    }
    destroy() {
      this.destroyed = true;
    }
  }
  class Notification extends Emitter {
    static isSupported = () => fakes.supported.value;
    readonly options: { title: string; body: string };
    readonly show = vi.fn();
    constructor(options: { title: string; body: string }) {
      super();
      this.options = options;
      fakes.notifications.push(this);
    }
  }
  return {
    Tray,
    Notification,
    Menu: {
      buildFromTemplate: vi.fn((template: MenuItemConstructorOptions[]) => ({ template })),
      setApplicationMenu: vi.fn(),
    },
    nativeImage: { createFromPath: vi.fn((path: string) => new fakes.FakeImage(path)) },
  };
});

type FakeTray = EventEmitter & {
  image: InstanceType<typeof fakes.FakeImage>;
  tooltip: string;
  title: string;
  menu: { template: MenuItemConstructorOptions[] } | null;
  destroyed: boolean;
  setImage: ReturnType<typeof vi.fn>;
  setToolTip: ReturnType<typeof vi.fn>;
  setContextMenu: ReturnType<typeof vi.fn>;
};
type FakeNotification = EventEmitter & { options: { title: string; body: string }; show: ReturnType<typeof vi.fn> };

afterEach(() => {
  fakes.trays.length = 0;
  fakes.notifications.length = 0;
  fakes.supported.value = true;
  vi.clearAllMocks();
});

const en = createTranslator('en');

function richModel(): TrayModel {
  return buildTrayModel(
    {
      engine: connectedStatus(),
      containers: [
        container({
          id: 'a1',
          name: 'web',
          ports: [{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' }],
        }),
        container({ id: 'b2', name: 'db' }),
      ],
      images: [image(['redis:latest'], 1)],
      recentImages: [],
      pulls: [pullJob({ id: 'p1', reference: 'nginx:latest', percent: 40 })],
      webPorts: new Set(['0.0.0.0|8080|tcp']),
    },
    en,
  );
}

/** The template's shape with the click handlers left out, to compare with the model's items. */
function shape(template: MenuItemConstructorOptions[]): unknown[] {
  return template.map((entry) => ({
    id: entry.id,
    label: entry.label,
    type: entry.type,
    enabled: entry.enabled,
    submenu: Array.isArray(entry.submenu) ? shape(entry.submenu) : undefined,
  }));
}

function modelShape(items: TrayMenuItem[]): unknown[] {
  return items.map((entry) => ({
    id: entry.id,
    label: entry.label,
    type: entry.type ?? (entry.submenu ? 'submenu' : 'normal'),
    enabled: entry.type === 'separator' ? undefined : (entry.enabled ?? true),
    submenu: entry.submenu ? modelShape(entry.submenu) : undefined,
  }));
}

function find(template: MenuItemConstructorOptions[], id: string): MenuItemConstructorOptions {
  for (const entry of template) {
    if (entry.id === id) return entry;
    if (Array.isArray(entry.submenu)) {
      try {
        return find(entry.submenu, id);
      } catch {
        // not in this submenu
      }
    }
  }
  throw new Error(`no menu item ${id}`);
}

function click(entry: MenuItemConstructorOptions) {
  (entry.click as unknown as () => void)();
}

describe('trayMenuTemplate', () => {
  it('has the labels, ids, structure and enabled states of the model', () => {
    const model = richModel();
    const template = trayMenuTemplate(model.items, () => undefined);
    expect(shape(template)).toEqual(modelShape(model.items));
  });

  it('calls onAction with the item action on click', () => {
    const actions: TrayAction[] = [];
    const template = trayMenuTemplate(richModel().items, (action) => actions.push(action));
    click(find(template, 'open'));
    click(find(template, 'container:a1:logs'));
    click(find(template, 'container:a1:port:0.0.0.0|8080|tcp'));
    click(find(template, 'container:b2:stop'));
    click(find(template, 'run:redis:latest'));
    click(find(template, 'settings'));
    click(find(template, 'quit'));
    expect(actions).toEqual([
      { kind: 'open-window' },
      { kind: 'open-logs', containerId: 'a1' },
      { kind: 'open-url', url: 'http://localhost:8080' },
      { kind: 'container-action', containerId: 'b2', action: 'stop' },
      { kind: 'run-image', image: 'redis:latest' },
      { kind: 'open-section', section: 'settings', param: null },
      { kind: 'quit' },
    ]);
    // Information lines have nothing to click.
    expect(find(template, 'engine').click).toBeUndefined();
    expect(find(template, 'pull:p1').click).toBeUndefined();
  });
});

describe('trayIconFileName', () => {
  it('uses template images on macOS and colour ones elsewhere', () => {
    expect(trayIconFileName('running', false, 'darwin')).toBe('trayTemplate.png');
    expect(trayIconFileName('running', true, 'darwin')).toBe('trayPullingTemplate.png');
    expect(trayIconFileName('starting', false, 'darwin')).toBe('trayStartingTemplate.png');
    expect(trayIconFileName('stopped', true, 'darwin')).toBe('trayStoppedTemplate.png');
    expect(trayIconFileName('error', false, 'darwin')).toBe('trayErrorTemplate.png');
    expect(trayIconFileName('running', false, 'linux')).toBe('tray.png');
    expect(trayIconFileName('error', false, 'win32')).toBe('trayError.png');
  });
});

describe('createTrayShell', () => {
  const stoppedModel = () =>
    buildTrayModel({ engine: disconnectedStatus(), containers: [], images: [], recentImages: [], pulls: [] }, en);

  function lastTray(): FakeTray {
    return fakes.trays.at(-1) as FakeTray;
  }

  it('sets a template image, the tooltip and the menu on macOS', () => {
    createTrayShell({ model: richModel(), resourcesDir: '/app/resources', platform: 'darwin', onAction: vi.fn() });
    const tray = lastTray();
    expect(tray.image.path).toBe('/app/resources/trayPullingTemplate.png');
    expect(tray.image.isTemplateImage()).toBe(true);
    expect(tray.tooltip).toBe('Berth: Docker server running: Docker Engine 28.2.2 · 1 pulling');
    expect(shape(tray.menu!.template)).toEqual(modelShape(richModel().items));
  });

  it('uses colour images, not templates, on Linux and Windows', () => {
    createTrayShell({ model: stoppedModel(), resourcesDir: '/app/resources', platform: 'linux', onAction: vi.fn() });
    expect(lastTray().image.path).toBe('/app/resources/trayStopped.png');
    expect(lastTray().image.isTemplateImage()).toBe(false);
  });

  it('changes the icon, tooltip and menu only where the model changed', () => {
    const shell = createTrayShell({
      model: stoppedModel(),
      resourcesDir: '/r',
      platform: 'darwin',
      onAction: vi.fn(),
    });
    const tray = lastTray();
    shell.update(stoppedModel());
    expect(tray.setImage).not.toHaveBeenCalled();
    expect(tray.setToolTip).toHaveBeenCalledTimes(1);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(1);

    shell.update(richModel());
    expect(tray.setImage).toHaveBeenCalledTimes(1);
    expect(tray.image.path).toBe('/r/trayPullingTemplate.png');
    expect(tray.image.isTemplateImage()).toBe(true);
    expect(tray.tooltip).toBe(richModel().tooltip);
    expect(tray.setContextMenu).toHaveBeenCalledTimes(2);
    expect(find(tray.menu!.template, 'container:a1').label).toBe('web');
  });

  it('passes menu clicks to onAction', () => {
    const onAction = vi.fn();
    createTrayShell({ model: richModel(), resourcesDir: '/r', platform: 'darwin', onAction });
    click(find(lastTray().menu!.template, 'installation'));
    expect(onAction).toHaveBeenCalledExactlyOnceWith({ kind: 'open-section', section: 'installation', param: null });
  });

  it('opens the window on a left click on Windows', () => {
    const onAction = vi.fn();
    createTrayShell({ model: richModel(), resourcesDir: 'C:\\Berth\\resources', platform: 'win32', onAction });
    lastTray().emit('click');
    expect(onAction).toHaveBeenCalledExactlyOnceWith({ kind: 'open-window' });
  });

  it("shows Berth's name in the menu bar when the icon file is missing", () => {
    createTrayShell({ model: richModel(), resourcesDir: '/missing', platform: 'darwin', onAction: vi.fn() });
    expect(lastTray().title).toBe('Berth');
  });

  it('removes the icon when destroyed, once', () => {
    const shell = createTrayShell({ model: richModel(), resourcesDir: '/r', platform: 'darwin', onAction: vi.fn() });
    shell.destroy();
    shell.destroy();
    shell.update(stoppedModel());
    expect(lastTray().destroyed).toBe(true);
    expect(lastTray().setContextMenu).toHaveBeenCalledTimes(1);
  });
});

describe('createTrayActionHandler', () => {
  function setup(answer: WireResult = { ok: true, value: { runId: 'run-1' } }) {
    // The service's answer: its value, or the BerthError it throws.
    const settle = async () => {
      if (!answer.ok) throw BerthError.fromWire(answer.error);
      return answer.value;
    };
    const targets = {
      showWindow: vi.fn(),
      openExternal: vi.fn(async () => undefined),
      actOnContainer: vi.fn(settle),
      runImage: vi.fn(async () => (await settle()) as { runId: string }),
      quit: vi.fn(),
      log: vi.fn(),
    };
    return { targets, handle: createTrayActionHandler(targets) };
  }

  it('opens the window, its sections and a container’s logs', async () => {
    const { targets, handle } = setup();
    await handle({ kind: 'open-window' });
    await handle({ kind: 'open-section', section: 'installation', param: null });
    await handle({ kind: 'open-section', section: 'hub', param: 'library/redis' });
    await handle({ kind: 'open-logs', containerId: 'a1b2' });
    expect(targets.showWindow.mock.calls).toEqual([
      [null],
      ['installation'],
      ['hub/library/redis'],
      ['containers/a1b2'],
    ]);
  });

  it('opens web addresses in the browser, and nothing else', async () => {
    const { targets, handle } = setup();
    await handle({ kind: 'open-url', url: 'http://localhost:8080' });
    await handle({ kind: 'open-url', url: 'file:///etc/passwd' });
    await handle({ kind: 'open-url', url: 'javascript:alert(1)' });
    expect(targets.openExternal).toHaveBeenCalledExactlyOnceWith('http://localhost:8080');
  });

  it('asks the container actions to restart or stop a container', async () => {
    const { targets, handle } = setup({ ok: true, value: { ok: true } });
    await handle({ kind: 'container-action', containerId: 'a1', action: 'restart' });
    expect(targets.actOnContainer).toHaveBeenCalledExactlyOnceWith({ id: 'a1', action: 'restart' });
    expect(targets.showWindow).not.toHaveBeenCalled();
  });

  it('opens the container when the engine refuses the action', async () => {
    const { targets, handle } = setup({ ok: false, error: { code: 'not-found', message: 'gone' } });
    await handle({ kind: 'container-action', containerId: 'a1', action: 'stop' });
    expect(targets.showWindow).toHaveBeenCalledExactlyOnceWith('containers/a1');
  });

  it('starts a run and opens its flow', async () => {
    const { targets, handle } = setup();
    await handle({ kind: 'run-image', image: 'hello-world' });
    expect(targets.runImage).toHaveBeenCalledExactlyOnceWith('hello-world');
    expect(targets.showWindow).toHaveBeenCalledExactlyOnceWith('run/run-1');
  });

  it('opens the installation check when a run fails for the engine, the images otherwise', async () => {
    const engineDown = setup({ ok: false, error: { code: 'engine-not-running', message: 'down' } });
    await engineDown.handle({ kind: 'run-image', image: 'hello-world' });
    expect(engineDown.targets.showWindow).toHaveBeenCalledExactlyOnceWith('installation');
    const other = setup({ ok: false, error: { code: 'name-in-use', message: 'taken' } });
    await other.handle({ kind: 'run-image', image: 'hello-world' });
    expect(other.targets.showWindow).toHaveBeenCalledExactlyOnceWith('images');
  });

  it('quits', async () => {
    const { targets, handle } = setup();
    await handle({ kind: 'quit' });
    expect(targets.quit).toHaveBeenCalledOnce();
  });
});

describe('appMenuTemplate', () => {
  const roles = (template: MenuItemConstructorOptions[]) => template.map((entry) => entry.role);

  it('has the standard macOS menus with Settings… on ⌘,', () => {
    const onAction = vi.fn();
    const template = appMenuTemplate({ platform: 'darwin', t: en, onAction, isPackaged: true });
    expect(roles(template)).toEqual(['appMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    const appSubmenu = template[0]!.submenu as MenuItemConstructorOptions[];
    expect(appSubmenu.map((entry) => entry.role ?? entry.id ?? entry.type)).toEqual([
      'about',
      'separator',
      'settings',
      'separator',
      'services',
      'separator',
      'hide',
      'hideOthers',
      'unhide',
      'separator',
      'quit',
    ]);
    const settings = find(template, 'settings');
    expect(settings).toMatchObject({ label: 'Settings…', accelerator: 'CmdOrCtrl+,' });
    click(settings);
    expect(onAction).toHaveBeenCalledExactlyOnceWith({ kind: 'open-section', section: 'settings', param: null });
    // Developer tools only in development.
    const view = (template[2]!.submenu as MenuItemConstructorOptions[]).map((entry) => entry.role);
    expect(view).not.toContain('toggleDevTools');
    const devView = appMenuTemplate({ platform: 'darwin', t: en, onAction, isPackaged: false })[2]!
      .submenu as MenuItemConstructorOptions[];
    expect(devView.map((entry) => entry.role)).toContain('toggleDevTools');
  });

  it('has a File menu instead of the app menu on Linux and Windows, in the user’s language', () => {
    const template = appMenuTemplate({
      platform: 'linux',
      t: createTranslator('ko'),
      onAction: vi.fn(),
      isPackaged: true,
    });
    expect(roles(template)).toEqual(['fileMenu', 'editMenu', 'viewMenu', 'windowMenu', 'help']);
    expect(find(template, 'settings').label).toBe('설정…');
    expect(find(template, 'help:installation').label).toBe('설치 확인…');
  });

  it('installs the menu', async () => {
    const { Menu } = await import('electron');
    installAppMenu({ platform: 'darwin', t: en, onAction: vi.fn(), isPackaged: true });
    expect(Menu.setApplicationMenu).toHaveBeenCalledOnce();
  });
});

describe('createNotificationShell', () => {
  const notification = {
    kind: 'containerFailed' as const,
    title: 'web stopped with code 1',
    body: 'Open its logs to see why.',
    action: { kind: 'open-logs' as const, containerId: 'a1' },
  };

  it('shows a system notification whose click does its action', () => {
    const onAction = vi.fn();
    createNotificationShell(onAction)(notification);
    const shown = fakes.notifications[0] as FakeNotification;
    expect(shown.options).toEqual({ title: 'web stopped with code 1', body: 'Open its logs to see why.' });
    expect(shown.show).toHaveBeenCalledOnce();
    shown.emit('click');
    expect(onAction).toHaveBeenCalledExactlyOnceWith({ kind: 'open-logs', containerId: 'a1' });
  });

  it('shows nothing where notifications are not supported', () => {
    fakes.supported.value = false;
    createNotificationShell(vi.fn())(notification);
    expect(fakes.notifications).toHaveLength(0);
  });
});
