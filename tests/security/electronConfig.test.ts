import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import path from 'node:path';
import type { IpcMain } from 'electron';
import { contextBridge, ipcRenderer } from 'electron';
import { describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../src/main/backend';
import { bindContractToIpc } from '../../src/main/shell/ipcBridge';
import { secureWebPreferences } from '../../src/main/shell/windowSecurity';
import { contentSecurityPolicy } from '../../src/shared/contentSecurityPolicy';
import { ipcChannels } from '../../src/shared/ipcChannels';
import type { WireResult } from '../../src/shared/transport';
import type { HostSystem } from '../../src/main/host/hostSystem';

// The Electron shell's settings, read as a reviewer would: the renderer is an untrusted web page
// with one typed API, a strict CSP, and nothing else. The real 'electron' package would try to
// download a binary: it is mocked, as in tests/unit/shell.test.ts.
vi.mock('electron', () => ({
  shell: { openExternal: vi.fn(async () => undefined) },
  contextBridge: { exposeInMainWorld: vi.fn() },
  ipcRenderer: { on: vi.fn(), invoke: vi.fn(async () => ({ ok: true, value: null })), send: vi.fn() },
}));

const root = path.resolve(__dirname, '../..');
const read = (file: string) => fs.readFileSync(path.join(root, file), 'utf8');

/** "name value value; name value" → name → values. */
function parseCsp(policy: string): Map<string, string[]> {
  return new Map(
    policy
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name = '', ...values]) => [name, values]),
  );
}

describe('window web preferences', () => {
  const preferences = secureWebPreferences('/app/out/preload/index.js')!;

  it('isolate and sandbox the renderer, without Node', () => {
    expect(preferences.contextIsolation).toBe(true);
    expect(preferences.sandbox).toBe(true);
    expect(preferences.nodeIntegration).toBe(false);
    expect(preferences.nodeIntegrationInWorker).toBe(false);
    expect(preferences.nodeIntegrationInSubFrames).toBe(false);
    expect(preferences.webSecurity).toBe(true);
    expect(preferences.allowRunningInsecureContent).toBe(false);
    expect(preferences.webviewTag).toBe(false);
  });

  it('turn on nothing that would weaken them', () => {
    const weakening = [
      'enableBlinkFeatures',
      'experimentalFeatures',
      'enableRemoteModule',
      'nodeIntegration',
      'additionalArguments',
      'disableBlinkFeatures',
      'safeDialogs',
      'navigateOnDragDrop',
      'plugins',
    ];
    for (const key of weakening) {
      const value = (preferences as Record<string, unknown>)[key];
      expect(value === undefined || value === false, key).toBe(true);
    }
  });

  it('are the only web preferences any window of the main process is created with', () => {
    const sources = [
      'src/main/index.ts',
      ...fs.readdirSync(path.join(root, 'src/main/shell')).map((f) => `src/main/shell/${f}`),
    ];
    let windows = 0;
    for (const file of sources) {
      const text = read(file);
      const created = text.match(/new BrowserWindow\(/g)?.length ?? 0;
      windows += created;
      const preferences = text.match(/webPreferences:\s*[^,\n]+/g) ?? [];
      expect(preferences.length, file).toBe(created);
      for (const line of preferences) expect(line, file).toMatch(/webPreferences:\s*secureWebPreferences\(/);
      expect(text, file).not.toMatch(/new BrowserView\(|new WebContentsView\(|<webview/);
    }
    expect(windows).toBeGreaterThanOrEqual(1);
    const main = read('src/main/index.ts');
    // Sandboxed everywhere, locked down as every web contents is created, no permission granted.
    expect(main).toMatch(/app\.enableSandbox\(\)/);
    expect(main).toMatch(/app\.on\('web-contents-created',[^)]*\)\s*=>\s*lockDownContents\(/);
    expect(main).toMatch(/denyAllPermissions\(session\.defaultSession\)/);
    expect(main).toMatch(/bindContractToIpc\(ipcMain,/);
  });
});

describe('the production Content-Security-Policy', () => {
  const csp = parseCsp(contentSecurityPolicy('production'));

  it("allows scripts from the app itself only: script-src 'self', no inline, no eval", () => {
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'none'"]);
  });

  it('names no remote origin anywhere, and nothing can send data out', () => {
    for (const [directive, values] of csp) {
      for (const value of values) {
        expect(value, directive).not.toMatch(/^(https?:|wss?:|\*|blob:|filesystem:)|\*|unsafe-eval|wasm-unsafe-eval/);
        if (value === 'data:') expect(directive).toBe('img-src');
      }
    }
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // The one relaxation: inline styles (xterm.js measures into <style>), which cannot run code.
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it('is the policy the built renderer carries, when it has been built', () => {
    const built = path.join(root, 'out/renderer/index.html');
    if (!fs.existsSync(built)) return;
    const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(fs.readFileSync(built, 'utf8'));
    expect(meta?.[1]).toBe(contentSecurityPolicy('production'));
    expect(read('src/renderer/index.html')).toContain('<!-- csp -->');
  });
});

describe('the preload', () => {
  it('exposes exactly one thing, berthTransport, and never ipcRenderer', () => {
    const source = read('src/preload/index.ts');
    const calls = source.match(/contextBridge\.exposeInMainWorld\(/g) ?? [];
    expect(calls).toHaveLength(1);
    expect(source).toMatch(/contextBridge\.exposeInMainWorld\('berthTransport', transport\);/);
    expect(source).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer/);
    expect(source).not.toMatch(/window\.\w+\s*=|globalThis\.\w+\s*=/);
  });

  it('hands the page two functions bound to the three fixed channels', async () => {
    await import('../../src/preload/index');
    const expose = vi.mocked(contextBridge.exposeInMainWorld);
    expect(expose).toHaveBeenCalledTimes(1);
    const [key, api] = expose.mock.calls[0]!;
    expect(key).toBe('berthTransport');
    expect(api).not.toBe(ipcRenderer);
    const transport = api as {
      request: (n: string, i: unknown) => unknown;
      subscribe: (...a: unknown[]) => () => void;
    };
    expect(Object.keys(transport).sort()).toEqual(['request', 'subscribe']);
    for (const value of Object.values(transport)) {
      expect(typeof value).toBe('function');
      expect(Object.values(ipcRenderer)).not.toContain(value);
    }
    // Whatever the page passes, the channel is Berth's own: a page cannot pick another one.
    await transport.request('berth:stream', { x: 1 });
    expect(vi.mocked(ipcRenderer.invoke)).toHaveBeenLastCalledWith(ipcChannels.request, 'berth:stream', { x: 1 });
    const stop = transport.subscribe('engine.status', {}, { onEvent: () => undefined });
    expect(vi.mocked(ipcRenderer.send)).toHaveBeenLastCalledWith(ipcChannels.subscribe, 1, 'engine.status', {});
    stop();
    expect(vi.mocked(ipcRenderer.send)).toHaveBeenLastCalledWith(ipcChannels.unsubscribe, 1);
  });
});

describe('the IPC bridge with hostile names from a trusted page', () => {
  it('answers a name String() cannot convert with unknown-request, for requests and streams', async () => {
    // The structured clone can carry {toString: "x"}: String() of it throws. The bridge must answer, not throw.
    const system: HostSystem = {
      platform: 'linux',
      arch: 'x64',
      env: { DOCKER_HOST: 'unix:///nonexistent/berth.sock' },
      homeDir: '/nonexistent',
      readTextFile: () => null,
      exists: () => false,
      isExecutableFile: () => false,
      execFile: async () => ({ stdout: '', stderr: '', exitCode: 1, timedOut: false }),
    };
    const backend = createBackend({ system });
    const handlers = new Map<string, (...args: unknown[]) => unknown>();
    const listeners = new Map<string, (...args: unknown[]) => unknown>();
    const ipcMain = {
      handle: (channel: string, listener: (...args: unknown[]) => unknown) => handlers.set(channel, listener),
      on: (channel: string, listener: (...args: unknown[]) => unknown) => listeners.set(channel, listener),
      removeHandler: (channel: string) => handlers.delete(channel),
      removeAllListeners: (channel: string) => listeners.delete(channel),
    };
    const renderer = 'file:///opt/Berth/out/renderer/index.html';
    const dispose = bindContractToIpc(ipcMain as unknown as IpcMain, backend.server, renderer);
    const sender = Object.assign(new EventEmitter(), {
      mainFrame: { url: renderer },
      send: vi.fn(),
      isDestroyed: () => false,
    });
    const event = { sender, senderFrame: sender.mainFrame };
    try {
      for (const name of [{ toString: 'engine.getStatus' }, { valueOf: 1, toString: {} }, ['x'], 1n]) {
        const result = (await handlers.get(ipcChannels.request)!(event, name, {})) as WireResult;
        expect(result).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
        expect(() => listeners.get(ipcChannels.subscribe)!(event, 7, name, {})).not.toThrow();
        expect(sender.send).toHaveBeenLastCalledWith(ipcChannels.stream, 7, {
          kind: 'error',
          error: expect.objectContaining({ code: 'unknown-request' }),
        });
      }
    } finally {
      dispose();
      backend.stop();
    }
  });
});

describe('Electronegativity findings (npm run security:electron)', () => {
  const report = path.join(root, 'test-results/electronegativity.csv');

  it.skipIf(!fs.existsSync(report))('lists only the findings reviewed in docs/security.md', () => {
    // A quoted field (the CSP sample) may hold a newline: join lines until the quotes balance.
    const rows: string[] = [];
    let pending = '';
    for (const line of fs.readFileSync(report, 'utf8').split('\n').slice(1)) {
      pending = pending ? `${pending}\n${line}` : line;
      if ((pending.match(/"/g) ?? []).length % 2 === 0) {
        if (pending.trim() !== '') rows.push(pending);
        pending = '';
      }
    }
    const windowChecks = ['NODE_INTEGRATION', 'CONTEXT_ISOLATION', 'SANDBOX', 'AUXCLICK', 'REMOTE_MODULE'];
    const unreviewed = rows.filter((row) => {
      const [check = '', severity = '', , file = ''] = row.split(',');
      if (check === 'CSP_GLOBAL_CHECK') {
        // Built: the policy, flagged for its inline styles. Source: no policy yet (it is written at build time).
        const builtPolicy = severity === '"LOW"' && row.includes("style-src 'self' 'unsafe-inline'");
        const sourceTree =
          row.includes('No CSP has been detected') && read('src/renderer/index.html').includes('<!-- csp -->');
        return !builtPolicy && !sourceTree;
      }
      // Run on src/: the window's options come from secureWebPreferences(), which the static check cannot follow.
      if (windowChecks.some((name) => check === `${name}_JS_CHECK`)) {
        return !(file.includes('main/index.ts') && row.includes('new BrowserWindow({'));
      }
      // Every openExternal is behind isExternalLink (http and https only) or hands the URL to the tray
      // handler, which checks it the same way.
      if (check === 'OPEN_EXTERNAL_JS_CHECK') return !/isExternalLink\(|openExternal: \(url\) =>/.test(row);
      return true;
    });
    expect(unreviewed).toEqual([]);
    const documented = read('docs/security.md');
    for (const check of new Set(rows.map((row) => row.split(',')[0]))) expect(documented).toContain(check);
  });
});
