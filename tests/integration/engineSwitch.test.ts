import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { EndpointInfo, EngineStatus } from '../../src/shared/engine';
import type { WireResult } from '../../src/shared/transport';
import type { EngineOption, SettingsState } from '../../src/shared/settings';
import { defaultSettings } from '../../src/shared/settings';
import { dockerVersionJson, requireEngine } from '../fixtures/dockerCli';
import { startFakeHub } from '../fixtures/fakeHub';
import { startSocketProxy, type SocketProxy } from '../fixtures/countingProxy';
import { waitForStatus } from '../fixtures/waitForStatus';

function value<T>(result: WireResult): T {
  if (!result.ok) throw new Error(`request failed: ${JSON.stringify(result.error)}`);
  return result.value as T;
}

/** A Docker context as `docker context create NAME --docker host=HOST` writes it. */
function writeContext(configDir: string, name: string, host: string): void {
  const dir = path.join(configDir, 'contexts', 'meta', createHash('sha256').update(name).digest('hex'));
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(
    path.join(dir, 'meta.json'),
    JSON.stringify({ Name: name, Metadata: {}, Endpoints: { docker: { Host: host, SkipTLSVerify: false } } }),
  );
}

/** Connected, to an endpoint with these fields. */
const connectedTo =
  (expected: Partial<EndpointInfo>) =>
  (status: EngineStatus): boolean =>
    status.state === 'connected' &&
    Object.entries(expected).every(([key, field]) => status.endpoint?.[key as keyof EndpointInfo] === field);

describe.skipIf(!requireEngine.available)('switching engines from the settings, against the real engine', () => {
  let dir: string;
  let configDir: string;
  let settingsPath: string;
  let proxy: SocketProxy;
  const backends: Backend[] = [];

  /** A backend as the app runs it: its settings file, the user's Docker config, no DOCKER_HOST. */
  const start = (options: { started?: boolean } = {}) => {
    const env = { ...process.env, DOCKER_CONFIG: configDir, DOCKER_HOST: undefined, DOCKER_CONTEXT: undefined };
    const backend = createBackend({ system: realHostSystem(env), settingsPath, requestTimeoutMs: 3000 });
    backends.push(backend);
    if (options.started !== false) void backend.start();
    return backend;
  };
  const update = async (backend: Backend, patch: unknown) =>
    value<SettingsState>(await backend.server.handleRequest('settings.update', patch));

  beforeEach(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-switch-'));
    configDir = path.join(dir, 'docker-config');
    settingsPath = path.join(dir, 'settings', 'settings.json');
    proxy = await startSocketProxy(path.join(dir, 'proxy.sock'));
    writeContext(configDir, 'proxy', `unix://${proxy.path}`);
    writeContext(configDir, 'dead', `unix://${path.join(dir, 'nothing-listens.sock')}`);
  });
  afterEach(async () => {
    for (const backend of backends.splice(0)) backend.stop();
    await proxy.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists automatic, the default context and every context in $DOCKER_CONFIG', async () => {
    const backend = start();
    const options = value<EngineOption[]>(await backend.server.handleRequest('engines.list', {}));
    expect(options.map((option) => [option.choice, option.active])).toEqual([
      [{ kind: 'automatic' }, true],
      [{ kind: 'context', name: 'default' }, false],
      [{ kind: 'context', name: 'dead' }, false],
      [{ kind: 'context', name: 'proxy' }, false],
    ]);
    expect(options[0]).toMatchObject({ url: 'unix:///var/run/docker.sock', description: 'context default' });
    expect(options.find((option) => option.label === 'proxy')?.url).toBe(`unix://${proxy.path}`);
  });

  it('switches to a context and back to automatic, saving the choice', async () => {
    const backend = start();
    const first = await waitForStatus(backend, connectedTo({ source: 'platform-default' }));
    expect(first.endpoint?.url).toBe('unix:///var/run/docker.sock');
    expect(proxy.connections()).toBe(0);

    const state = await update(backend, { engine: { kind: 'context', name: 'proxy' } });
    expect(state.settings.engine).toEqual({ kind: 'context', name: 'proxy' });
    const viaProxy = await waitForStatus(backend, connectedTo({ source: 'setting', contextName: 'proxy' }));
    expect(viaProxy.endpoint).toMatchObject({ kind: 'unix', url: `unix://${proxy.path}` });
    expect(viaProxy.server?.version).toBe(dockerVersionJson().Server?.Version);
    expect(proxy.connections()).toBeGreaterThan(0);
    // Requests go through the proxy now, and the choice is on disk.
    expect((await backend.server.handleRequest('images.list', {})).ok).toBe(true);
    expect(JSON.parse(fs.readFileSync(settingsPath, 'utf8'))).toMatchObject({
      engine: { kind: 'context', name: 'proxy' },
    });
    const options = value<EngineOption[]>(await backend.server.handleRequest('engines.list', {}));
    expect(options.filter((option) => option.active).map((option) => option.label)).toEqual(['proxy']);

    // Another setting changed through the contract leaves the engine choice as it is.
    const themed = await update(backend, { theme: 'dark' });
    expect(themed.settings).toMatchObject({ theme: 'dark', engine: { kind: 'context', name: 'proxy' } });
    expect(backend.monitor.getStatus().endpoint?.contextName).toBe('proxy');

    await update(backend, { engine: { kind: 'automatic' } });
    const back = await waitForStatus(backend, connectedTo({ source: 'platform-default' }));
    expect(back.endpoint?.url).toBe('unix:///var/run/docker.sock');
  });

  it('starts with the engine the settings file names', async () => {
    fs.mkdirSync(path.dirname(settingsPath), { recursive: true });
    fs.writeFileSync(settingsPath, JSON.stringify({ engine: { kind: 'context', name: 'proxy' } }));
    const backend = start();
    await waitForStatus(backend, connectedTo({ source: 'setting', contextName: 'proxy' }));
    expect(proxy.connections()).toBeGreaterThan(0);
  });

  it('shows a context where nothing listens as not running, with the next retry, and keeps working after', async () => {
    const backend = start();
    await waitForStatus(backend, connectedTo({ source: 'platform-default' }));

    await update(backend, { engine: { kind: 'context', name: 'dead' } });
    const down = await waitForStatus(backend, (status) => status.state === 'disconnected');
    expect(down.endpoint).toMatchObject({ source: 'setting', contextName: 'dead' });
    expect(down.problem?.code).toBe('engine-not-running');
    expect(down.problem?.message).toContain('nothing-listens.sock');
    expect(down.retry?.delayMs).toBeGreaterThanOrEqual(1000);
    expect((await backend.server.handleRequest('images.list', {})).ok).toBe(false);

    await update(backend, { engine: { kind: 'automatic' } });
    await waitForStatus(backend, connectedTo({ source: 'platform-default' }));
    expect((await backend.server.handleRequest('images.list', {})).ok).toBe(true);
    const report = value<{ engine: EngineStatus }>(await backend.server.handleRequest('installation.check', {}));
    expect(report.engine.state).toBe('connected');
  });

  it('ends on the last choice when the user switches quickly several times', async () => {
    const backend = start();
    await waitForStatus(backend, connectedTo({ source: 'platform-default' }));
    await Promise.all([
      update(backend, { engine: { kind: 'context', name: 'dead' } }),
      update(backend, { engine: { kind: 'context', name: 'proxy' } }),
      update(backend, { engine: { kind: 'custom', url: `unix://${proxy.path}` } }),
    ]);
    const last = await waitForStatus(backend, connectedTo({ source: 'setting', contextName: null }));
    expect(last.endpoint?.url).toBe(`unix://${proxy.path}`);
    // Settled: a moment later it is still there.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(backend.monitor.getStatus()).toMatchObject({
      state: 'connected',
      endpoint: { url: `unix://${proxy.path}` },
    });
  });

  it('refuses an invalid engine choice and keeps the engine it had', async () => {
    const backend = start();
    await waitForStatus(backend, connectedTo({ source: 'platform-default' }));
    const result = await backend.server.handleRequest('settings.update', {
      engine: { kind: 'custom', url: 'ftp://nope' },
    });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('invalid-input');
    expect(backend.settings.state().settings.engine).toEqual({ kind: 'automatic' });
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  it('starts from the defaults when the settings file is corrupt, keeping it aside, and says so', async () => {
    fs.mkdirSync(path.dirname(settingsPath), { recursive: true });
    fs.writeFileSync(settingsPath, '{"language": "ko", "engine": ');
    const backend = start();
    const state = value<SettingsState>(await backend.server.handleRequest('settings.get', {}));
    expect(state.settings).toEqual(defaultSettings);
    expect(state.path).toBe(settingsPath);
    expect(state.recovered?.reason).toContain('not valid JSON');
    expect(fs.readFileSync(state.recovered?.backupPath ?? '', 'utf8')).toBe('{"language": "ko", "engine": ');
    expect(JSON.parse(fs.readFileSync(settingsPath, 'utf8'))).toEqual(defaultSettings);
    await waitForStatus(backend, connectedTo({ source: 'platform-default' }));
  });

  it('streams the settings: the current ones first, then every change', async () => {
    const backend = start({ started: false });
    const seen: SettingsState[] = [];
    const opened = backend.server.openStream('settings.changes', {}, (event) => seen.push(event as SettingsState));
    expect(opened.ok).toBe(true);
    await update(backend, { language: 'ko' });
    await update(backend, { notifications: { pullFinished: false } });
    if (opened.ok) opened.close();
    await update(backend, { language: 'en' });
    expect(seen.map((state) => [state.settings.language, state.settings.notifications.pullFinished])).toEqual([
      ['system', true],
      ['ko', true],
      ['ko', false],
    ]);
  });

  it('uses the Hub address from the settings at once, and BERTH_HUB_URL again when it is cleared', async () => {
    const fromSettings = await startFakeHub();
    const fromEnv = await startFakeHub();
    try {
      const env = { ...process.env, BERTH_HUB_URL: fromEnv.url };
      const backend = createBackend({ system: realHostSystem(env), settingsPath });
      backends.push(backend);
      expect((await backend.server.handleRequest('hub.search', { query: 'redis' })).ok).toBe(true);
      expect(fromEnv.requests).toHaveLength(1);

      await update(backend, { hubUrl: fromSettings.url });
      expect((await backend.server.handleRequest('hub.search', { query: 'redis' })).ok).toBe(true);
      expect(fromSettings.requests.map((request) => request.query.query)).toEqual(['redis']);
      expect(fromEnv.requests).toHaveLength(1);

      await update(backend, { hubUrl: '' });
      expect((await backend.server.handleRequest('hub.search', { query: 'nginx' })).ok).toBe(true);
      expect(fromEnv.requests).toHaveLength(2);
    } finally {
      await fromSettings.close();
      await fromEnv.close();
    }
  });
});
