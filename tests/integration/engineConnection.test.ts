import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EngineStatus } from '../../src/shared/engine';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { docker, dockerVersionJson, engineFamily, requireEngine } from '../fixtures/dockerCli';
import { startOldEngine } from '../fixtures/fakeOldEngine';
import { engineSocketPath, startSilentSocket, startSocketProxy } from '../fixtures/countingProxy';
import { waitForStatus } from '../fixtures/waitForStatus';

describe.skipIf(!requireEngine.available)('engine connection against the real engine', () => {
  let dir: string;
  const backends: Backend[] = [];
  const start = (env: NodeJS.ProcessEnv, requestTimeoutMs?: number) => {
    const backend = createBackend({ system: realHostSystem(env), requestTimeoutMs });
    backends.push(backend);
    void backend.start();
    return backend;
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-engine-'));
  });
  afterEach(() => {
    for (const backend of backends.splice(0)) backend.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reports the same client and server versions as `docker version`', async () => {
    const expected = dockerVersionJson();
    const backend = start(process.env);
    const result = await backend.server.handleRequest('installation.check', {});
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const report = result.value as { client: { found: boolean; client?: { version: string } }; engine: EngineStatus };
    expect(report.engine.state).toBe('connected');
    expect(report.engine.server?.version).toBe(expected.Server?.Version);
    expect(report.engine.server?.apiVersion).toBe(expected.Server?.ApiVersion);
    expect(report.engine.server?.minApiVersion).toBe(expected.Server?.MinAPIVersion);
    expect(report.client.found).toBe(true);
    expect(report.client.client?.version).toBe(expected.Client.Version);
    // Every component `docker version` lists besides the server's own section (Engine, Podman Engine).
    const components = JSON.parse(docker('version', '--format', '{{json .Server.Components}}')) as Array<{
      Name: string;
    }>;
    expect(report.engine.server?.components.map((component) => component.name)).toEqual(
      components.map((component) => component.Name).filter((name) => !/^(podman )?engine$/i.test(name)),
    );
  });

  it('names the product that runs the engine: Podman on Podman, and not on dockerd', async () => {
    const backend = start(process.env);
    const result = await backend.server.handleRequest('installation.check', {});
    if (!result.ok) throw new Error(result.error.message);
    const { engine } = result.value as { engine: EngineStatus };
    const version = dockerVersionJson().Server!.Version;
    if (engineFamily() === 'podman') {
      expect(engine.server?.family).toBe('podman');
      expect(engine.server?.product).toEqual({ id: 'podman', version });
    } else {
      expect(engine.server?.family).toBe('docker');
      expect(engine.server?.product.id).not.toBe('podman');
      // The testbed's dockerd (Debian's docker.io) is plain Docker Engine; on a developer's Mac the
      // engine is Docker Desktop, Colima or OrbStack, which the unit fixtures cover.
      const host = docker('info', '--format', '{{.OperatingSystem}} {{.Name}}');
      if (!/docker desktop|orbstack|rancher|colima/i.test(host)) {
        expect(engine.server?.product).toEqual({ id: 'dockerd', version });
      }
    }
  });

  it('says which source the endpoint came from', async () => {
    const backend = start({ ...process.env, DOCKER_HOST: 'unix:///var/run/docker.sock' });
    const status = await waitForStatus(backend, (s) => s.state === 'connected');
    expect(status.endpoint).toMatchObject({ kind: 'unix', url: 'unix:///var/run/docker.sock', source: 'DOCKER_HOST' });
  });

  it('shows "not running" where nothing listens, then connects by itself when an engine appears', async () => {
    const socketPath = path.join(dir, 'docker.sock');
    const backend = start({ ...process.env, DOCKER_HOST: `unix://${socketPath}` });
    const down = await waitForStatus(backend, (s) => s.state === 'disconnected');
    expect(down.problem?.code).toBe('engine-not-running');
    expect(down.retry?.delayMs).toBeGreaterThanOrEqual(1000);

    const proxy = await startSocketProxy(socketPath);
    try {
      // No retry call: the backoff finds the engine on its own.
      const up = await waitForStatus(backend, (s) => s.state === 'connected');
      expect(up.server?.version).toBe(dockerVersionJson().Server?.Version);
      expect(up.problem).toBeNull();
    } finally {
      await proxy.close();
    }
  });

  it('notices a lost engine through the events stream and reconnects when it is back', async () => {
    const socketPath = path.join(dir, 'docker.sock');
    const proxy = await startSocketProxy(socketPath);
    const backend = start({ ...process.env, DOCKER_HOST: `unix://${socketPath}` });
    await waitForStatus(backend, (s) => s.state === 'connected');
    const connectionsWhileIdle = proxy.connections();

    await proxy.close();
    const lost = await waitForStatus(backend, (s) => s.state === 'disconnected');
    expect(lost.problem?.code).toBe('engine-not-running');

    const back = await startSocketProxy(socketPath);
    try {
      await waitForStatus(backend, (s) => s.state === 'connected');
      // Connected and idle, Berth holds the events stream and asks nothing else.
      expect(connectionsWhileIdle).toBeLessThanOrEqual(2);
    } finally {
      await back.close();
    }
  });

  it('reports a timeout when the engine accepts but never answers', async () => {
    const socketPath = path.join(dir, 'hung.sock');
    const silent = await startSilentSocket(socketPath);
    try {
      const backend = start({ ...process.env, DOCKER_HOST: `unix://${socketPath}` }, 500);
      const status = await waitForStatus(backend, (s) => s.state === 'disconnected');
      expect(status.problem?.code).toBe('engine-timeout');
    } finally {
      await silent.close();
    }
  });

  it('refuses an invalid endpoint with a clear problem', async () => {
    const backend = start({ ...process.env, DOCKER_HOST: 'ftp://example.invalid' });
    const status = await waitForStatus(backend, (s) => s.state === 'disconnected');
    expect(status.problem?.code).toBe('endpoint-invalid');
    expect(status.problem?.message).toContain('ftp');
  });

  it('says the engine is too old when its API is older than 1.41', async () => {
    const socketPath = path.join(dir, 'old.sock');
    const old = await startOldEngine(socketPath);
    try {
      const backend = start({ ...process.env, DOCKER_HOST: `unix://${socketPath}` });
      const status = await waitForStatus(backend, (s) => s.state === 'disconnected');
      expect(status.problem?.code).toBe('engine-too-old');
      expect(status.problem?.message).toContain('1.24');
    } finally {
      await old.close();
    }
  });

  // The docker group's socket refuses other users: run the backend as `nobody` to meet that for real.
  it.skipIf(process.getuid?.() !== 0 || !fs.existsSync('/usr/sbin/runuser'))(
    'says permission is denied when the user may not open the socket',
    () => {
      const projectRoot = path.resolve(__dirname, '../..');
      const stdout = execFileSync(
        'runuser',
        ['-u', 'nobody', '--', process.execPath, 'node_modules/tsx/dist/cli.mjs', 'tests/fixtures/probeEngine.ts'],
        {
          cwd: projectRoot,
          encoding: 'utf8',
          env: {
            PATH: process.env.PATH,
            HOME: dir,
            // The engine under test: dockerd's socket is for the docker group, Podman's for root only.
            DOCKER_HOST: `unix://${engineSocketPath()}`,
            TSX_DISABLE_CACHE: '1',
          },
        },
      );
      const status = JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as EngineStatus;
      expect(status.state).toBe('disconnected');
      expect(status.problem?.code).toBe('engine-permission-denied');
    },
  );
});
