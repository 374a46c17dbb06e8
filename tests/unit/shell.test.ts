import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IpcMain, Session, WebContents } from 'electron';
import { shell } from 'electron';
import type { ContractServer, OpenStreamResult } from '../../src/main/contractServer';
import { bindContractToIpc } from '../../src/main/shell/ipcBridge';
import { isTrustedRendererUrl } from '../../src/main/shell/trustedSender';
import { denyAllPermissions, lockDownContents, secureWebPreferences } from '../../src/main/shell/windowSecurity';
import { ipcChannels } from '../../src/shared/ipcChannels';
import type { WireResult } from '../../src/shared/transport';
import type { WireError } from '../../src/shared/errors';
import { connectedStatus } from '../fixtures/builders/engineStatus';

// The real 'electron' package resolves to a binary it would download: never load it in unit tests.
vi.mock('electron', () => ({ shell: { openExternal: vi.fn(async () => undefined) } }));

afterEach(() => {
  vi.mocked(shell.openExternal).mockClear();
});

const fileRenderer = 'file:///opt/Berth/resources/app.asar/out/renderer/index.html';
const devRenderer = 'http://localhost:5173/';

describe('isTrustedRendererUrl', () => {
  it('trusts the renderer file itself, with or without a hash or query', () => {
    expect(isTrustedRendererUrl(fileRenderer, fileRenderer)).toBe(true);
    expect(isTrustedRendererUrl(`${fileRenderer}#/installation`, fileRenderer)).toBe(true);
    expect(isTrustedRendererUrl(`${fileRenderer}?lang=ko`, fileRenderer)).toBe(true);
  });

  it('refuses another file', () => {
    expect(isTrustedRendererUrl('file:///opt/Berth/resources/other.html', fileRenderer)).toBe(false);
    expect(isTrustedRendererUrl('file:///tmp/index.html', fileRenderer)).toBe(false);
    expect(
      isTrustedRendererUrl('https://example.com/opt/Berth/resources/app.asar/out/renderer/index.html', fileRenderer),
    ).toBe(false);
  });

  it("trusts any page of the dev server's origin", () => {
    expect(isTrustedRendererUrl('http://localhost:5173/', devRenderer)).toBe(true);
    expect(isTrustedRendererUrl('http://localhost:5173/src/main.tsx?t=1', devRenderer)).toBe(true);
  });

  it('refuses other origins', () => {
    expect(isTrustedRendererUrl('http://localhost:5174/', devRenderer)).toBe(false);
    expect(isTrustedRendererUrl('https://localhost:5173/', devRenderer)).toBe(false);
    expect(isTrustedRendererUrl('http://127.0.0.1:5173/', devRenderer)).toBe(false);
    expect(isTrustedRendererUrl('https://evil.example/', devRenderer)).toBe(false);
    expect(isTrustedRendererUrl(fileRenderer, devRenderer)).toBe(false);
  });

  it('refuses a missing or unparsable URL', () => {
    expect(isTrustedRendererUrl(undefined, fileRenderer)).toBe(false);
    expect(isTrustedRendererUrl('', fileRenderer)).toBe(false);
    expect(isTrustedRendererUrl('not a url', fileRenderer)).toBe(false);
    expect(isTrustedRendererUrl('http://localhost:5173/', 'also not a url')).toBe(false);
  });
});

describe('secureWebPreferences', () => {
  it('isolates and sandboxes the renderer', () => {
    const preferences = secureWebPreferences('/app/out/preload/index.js');
    expect(preferences).toMatchObject({
      preload: '/app/out/preload/index.js',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
  });
});

class FakeContents extends EventEmitter {
  windowOpenHandler: ((details: { url: string }) => { action: string }) | undefined;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
}

function navigationEvent() {
  return { preventDefault: vi.fn() };
}

describe('lockDownContents', () => {
  function lockedDown() {
    const contents = new FakeContents();
    lockDownContents(contents as unknown as WebContents, shell);
    return contents;
  }

  it.each(['https://docs.docker.com/get-started/', 'http://localhost:8080/', 'http://127.0.0.1:18092/'])(
    'keeps the window and opens %s in the browser',
    (url) => {
      const contents = lockedDown();
      const event = navigationEvent();
      contents.emit('will-navigate', event, url);
      expect(event.preventDefault).toHaveBeenCalled();
      expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith(url);
    },
  );

  it.each([
    'file:///etc/passwd',
    'javascript:alert(1)',
    'mailto:me@example.com',
    'not a url',
    // Plain http only reaches this computer's published ports, never another machine.
    'http://example.com/',
    'http://localhost.example.com:8080/',
  ])('refuses to navigate to %s and does not open it', (url) => {
    const contents = lockedDown();
    const event = navigationEvent();
    contents.emit('will-navigate', event, url);
    expect(event.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('refuses redirects and webviews', () => {
    const contents = lockedDown();
    const redirect = navigationEvent();
    const webview = navigationEvent();
    contents.emit('will-redirect', redirect, 'https://elsewhere.example/');
    contents.emit('will-attach-webview', webview, {}, {});
    expect(redirect.preventDefault).toHaveBeenCalled();
    expect(webview.preventDefault).toHaveBeenCalled();
    expect(shell.openExternal).not.toHaveBeenCalled();
  });

  it('denies every new window and opens only web links externally', () => {
    const contents = lockedDown();
    const open = contents.windowOpenHandler;
    if (!open) throw new Error('no window open handler was set');
    expect(open({ url: 'https://hub.docker.com/_/nginx' })).toEqual({ action: 'deny' });
    expect(open({ url: 'file:///etc/hosts' })).toEqual({ action: 'deny' });
    expect(open({ url: 'javascript:alert(1)' })).toEqual({ action: 'deny' });
    expect(open({ url: 'about:blank' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledExactlyOnceWith('https://hub.docker.com/_/nginx');
  });
});

describe('denyAllPermissions', () => {
  it('answers every permission request and check with false', () => {
    let requestHandler: ((contents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null =
      null;
    let checkHandler: ((...args: unknown[]) => boolean) | null = null;
    const session = {
      setPermissionRequestHandler: vi.fn((handler) => {
        requestHandler = handler;
      }),
      setPermissionCheckHandler: vi.fn((handler) => {
        checkHandler = handler;
      }),
    };
    denyAllPermissions(session as unknown as Session);
    for (const permission of ['media', 'notifications', 'geolocation', 'clipboard-read']) {
      const callback = vi.fn();
      requestHandler!({}, permission, callback);
      expect(callback).toHaveBeenCalledExactlyOnceWith(false);
      expect(checkHandler!({}, permission, 'file://', {})).toBe(false);
    }
  });
});

describe('bindContractToIpc', () => {
  type Listener = (event: unknown, ...args: unknown[]) => unknown;

  class FakeWebContents extends EventEmitter {
    readonly mainFrame: { url: string };
    readonly send = vi.fn();
    destroyed = false;
    constructor(url: string) {
      super();
      this.mainFrame = { url };
    }
    isDestroyed() {
      return this.destroyed;
    }
  }

  function setup(rendererUrl = fileRenderer) {
    const handlers = new Map<string, Listener>();
    const listeners = new Map<string, Listener>();
    const ipcMain = {
      handle: vi.fn((channel: string, listener: Listener) => handlers.set(channel, listener)),
      on: vi.fn((channel: string, listener: Listener) => listeners.set(channel, listener)),
      removeHandler: vi.fn((channel: string) => handlers.delete(channel)),
      removeAllListeners: vi.fn((channel: string) => listeners.delete(channel)),
    };
    const closes: Array<ReturnType<typeof vi.fn>> = [];
    let emitters: Array<(event: unknown) => void> = [];
    const server = {
      handleRequest: vi.fn(async (): Promise<WireResult> => ({ ok: true, value: connectedStatus() })),
      openStream: vi.fn(
        (
          _name: unknown,
          _input: unknown,
          emit: (event: unknown) => void,
          _fail?: (error: WireError) => void,
        ): OpenStreamResult => {
          emit(connectedStatus());
          emitters = [...emitters, emit];
          const close = vi.fn();
          closes.push(close);
          return { ok: true, close };
        },
      ),
    } satisfies ContractServer;
    const dispose = bindContractToIpc(ipcMain as unknown as IpcMain, server, rendererUrl);

    const request = (event: unknown, name: unknown, input: unknown) =>
      handlers.get(ipcChannels.request)!(event, name, input) as Promise<WireResult> | WireResult;
    const subscribe = (event: unknown, id: unknown, name: unknown, input: unknown) =>
      listeners.get(ipcChannels.subscribe)!(event, id, name, input);
    const unsubscribe = (event: unknown, id: unknown) => listeners.get(ipcChannels.unsubscribe)!(event, id);
    return { ipcMain, server, dispose, request, subscribe, unsubscribe, closes, emitters: () => emitters };
  }

  /** An IPC event from the top frame of a window showing `url`. */
  function topFrameEvent(url = fileRenderer) {
    const sender = new FakeWebContents(url);
    return { sender, senderFrame: sender.mainFrame };
  }

  it('registers exactly the contract channels', () => {
    const { ipcMain } = setup();
    expect(ipcMain.handle).toHaveBeenCalledExactlyOnceWith(ipcChannels.request, expect.any(Function));
    expect(ipcMain.on.mock.calls.map(([channel]) => channel).sort()).toEqual(
      [ipcChannels.subscribe, ipcChannels.unsubscribe].sort(),
    );
  });

  it("passes a request from Berth's own page to the server", async () => {
    const { request, server } = setup();
    const result = await request(topFrameEvent(), 'engine.getStatus', {});
    expect(server.handleRequest).toHaveBeenCalledExactlyOnceWith('engine.getStatus', {});
    expect(result).toEqual({ ok: true, value: connectedStatus() });
  });

  it('trusts the dev server origin when that is the renderer URL', async () => {
    const { request, server } = setup(devRenderer);
    await request(topFrameEvent('http://localhost:5173/'), 'engine.getStatus', {});
    expect(server.handleRequest).toHaveBeenCalledTimes(1);
  });

  it('refuses a request from a sub-frame, even one at the renderer URL', async () => {
    const { request, server } = setup();
    const { sender } = topFrameEvent();
    const result = await request({ sender, senderFrame: { url: fileRenderer } }, 'engine.getStatus', {});
    expect(result).toEqual({ ok: false, error: { code: 'forbidden', message: expect.any(String) } });
    expect(server.handleRequest).not.toHaveBeenCalled();
  });

  it('refuses a request from a foreign page or a frame that is gone', async () => {
    const { request, server } = setup();
    const foreign = await request(topFrameEvent('https://evil.example/'), 'installation.check', {});
    expect(foreign).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    const { sender } = topFrameEvent();
    const gone = await request({ sender, senderFrame: null }, 'installation.check', {});
    expect(gone).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    expect(server.handleRequest).not.toHaveBeenCalled();
  });

  it("sends a trusted subscriber's events on berth:stream with its id", () => {
    const { subscribe, server, emitters } = setup();
    const event = topFrameEvent();
    subscribe(event, 7, 'engine.status', {});
    expect(server.openStream).toHaveBeenCalledExactlyOnceWith(
      'engine.status',
      {},
      expect.any(Function),
      expect.any(Function),
    );
    expect(event.sender.send).toHaveBeenCalledExactlyOnceWith(ipcChannels.stream, 7, {
      kind: 'event',
      event: connectedStatus(),
    });

    emitters()[0]?.({ later: true });
    expect(event.sender.send).toHaveBeenLastCalledWith(ipcChannels.stream, 7, {
      kind: 'event',
      event: { later: true },
    });

    // A stream that fails later reaches the renderer as a stream error with the same id.
    const fail = vi.mocked(server.openStream).mock.calls[0]?.[3];
    fail?.({ code: 'not-found', message: 'gone' });
    expect(event.sender.send).toHaveBeenLastCalledWith(ipcChannels.stream, 7, {
      kind: 'error',
      error: { code: 'not-found', message: 'gone' },
    });
  });

  it('answers an untrusted subscriber with a forbidden stream error and opens nothing', () => {
    const { subscribe, server } = setup();
    const event = topFrameEvent('https://evil.example/');
    subscribe(event, 1, 'engine.status', {});
    expect(server.openStream).not.toHaveBeenCalled();
    expect(event.sender.send).toHaveBeenCalledExactlyOnceWith(ipcChannels.stream, 1, {
      kind: 'error',
      error: { code: 'forbidden', message: expect.any(String) },
    });
  });

  it('passes a stream the server refuses back as a stream error', () => {
    const { subscribe, server } = setup();
    server.openStream.mockReturnValueOnce({
      ok: false,
      error: { code: 'unknown-request', message: 'Unknown stream: nope' },
    });
    const event = topFrameEvent();
    subscribe(event, 2, 'nope', {});
    expect(event.sender.send).toHaveBeenCalledExactlyOnceWith(ipcChannels.stream, 2, {
      kind: 'error',
      error: { code: 'unknown-request', message: 'Unknown stream: nope' },
    });
  });

  it('ignores a subscribe without a safe integer id', () => {
    const { subscribe, server } = setup();
    const event = topFrameEvent();
    for (const id of ['1', 1.5, Number.NaN, 2 ** 60, null]) subscribe(event, id, 'engine.status', {});
    expect(server.openStream).not.toHaveBeenCalled();
    expect(event.sender.send).not.toHaveBeenCalled();
  });

  it('closes a stream on unsubscribe, once', () => {
    const { subscribe, unsubscribe, closes } = setup();
    const event = topFrameEvent();
    subscribe(event, 1, 'engine.status', {});
    subscribe(event, 2, 'engine.status', {});
    unsubscribe(event, 1);
    unsubscribe(event, 1);
    expect(closes[0]).toHaveBeenCalledTimes(1);
    expect(closes[1]).not.toHaveBeenCalled();
  });

  it("does not let one window close another window's stream", () => {
    const { subscribe, unsubscribe, closes } = setup();
    subscribe(topFrameEvent(), 1, 'engine.status', {});
    unsubscribe(topFrameEvent(), 1);
    expect(closes[0]).not.toHaveBeenCalled();
  });

  it('closes the previous stream when an id is subscribed again', () => {
    const { subscribe, closes } = setup();
    const event = topFrameEvent();
    subscribe(event, 1, 'engine.status', {});
    subscribe(event, 1, 'engine.status', {});
    expect(closes[0]).toHaveBeenCalledTimes(1);
    expect(closes[1]).not.toHaveBeenCalled();
  });

  it("closes all of a window's streams when it is destroyed, and sends nothing to it", () => {
    const { subscribe, closes, emitters } = setup();
    const event = topFrameEvent();
    subscribe(event, 1, 'engine.status', {});
    subscribe(event, 2, 'engine.status', {});
    event.sender.send.mockClear();
    event.sender.destroyed = true;
    emitters()[0]?.({ late: true });
    expect(event.sender.send).not.toHaveBeenCalled();
    event.sender.emit('destroyed');
    expect(closes.map((close) => close.mock.calls.length)).toEqual([1, 1]);
  });

  it('closes the streams when the main frame navigates to a new document', () => {
    const { subscribe, closes } = setup();
    const event = topFrameEvent();
    subscribe(event, 1, 'engine.status', {});
    event.sender.emit('did-start-navigation', { isMainFrame: true, isSameDocument: true });
    event.sender.emit('did-start-navigation', { isMainFrame: false, isSameDocument: false });
    expect(closes[0]).not.toHaveBeenCalled();
    event.sender.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    expect(closes[0]).toHaveBeenCalledTimes(1);
  });

  it('watches a window once, however often it reloads and subscribes again', () => {
    const { subscribe, closes } = setup();
    const event = topFrameEvent();
    for (let reload = 0; reload < 12; reload++) {
      subscribe(event, 1, 'engine.status', {});
      event.sender.emit('did-start-navigation', { isMainFrame: true, isSameDocument: false });
    }
    subscribe(event, 1, 'engine.status', {});
    expect(event.sender.listenerCount('did-start-navigation')).toBe(1);
    expect(event.sender.listenerCount('destroyed')).toBe(1);
    expect(closes.slice(0, 12).every((close) => close.mock.calls.length === 1)).toBe(true);
    expect(closes[12]).not.toHaveBeenCalled();
    event.sender.emit('destroyed');
    expect(closes[12]).toHaveBeenCalledTimes(1);
  });

  it('unbinds its channels and closes every stream when disposed', () => {
    const { subscribe, dispose, ipcMain, closes } = setup();
    subscribe(topFrameEvent(), 1, 'engine.status', {});
    subscribe(topFrameEvent(), 1, 'engine.status', {});
    dispose();
    expect(ipcMain.removeHandler).toHaveBeenCalledWith(ipcChannels.request);
    expect(ipcMain.removeAllListeners).toHaveBeenCalledWith(ipcChannels.subscribe);
    expect(ipcMain.removeAllListeners).toHaveBeenCalledWith(ipcChannels.unsubscribe);
    expect(closes.map((close) => close.mock.calls.length)).toEqual([1, 1]);
  });
});
