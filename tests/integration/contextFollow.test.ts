import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { EngineStatus } from '../../src/shared/engine';
import { PODMAN_SOCKET, requireEngine } from '../fixtures/dockerCli';
import { waitForStatus } from '../fixtures/waitForStatus';

const DOCKERD_SOCKET = '/var/run/docker.sock';
const bothEngines = fs.existsSync(DOCKERD_SOCKET) && fs.existsSync(PODMAN_SOCKET);
if (!bothEngines && process.env.CI) {
  throw new Error(`CI=true but ${DOCKERD_SOCKET} and ${PODMAN_SOCKET} do not both exist: run \`npm run testbed\`.`);
}
if (!bothEngines) console.warn(`Following docker context use needs dockerd and Podman (${PODMAN_SOCKET}): skipped.`);

const connectedTo =
  (family: 'docker' | 'podman', contextName: string | null) =>
  (status: EngineStatus): boolean =>
    status.state === 'connected' && status.server?.family === family && status.endpoint?.contextName === contextName;

describe.skipIf(!requireEngine.available || !bothEngines)(
  'following `docker context use` in a terminal, between dockerd and Podman',
  () => {
    let dir: string;
    let env: NodeJS.ProcessEnv;
    const backends: Backend[] = [];

    /** The docker CLI with this test's DOCKER_CONFIG, as a user's terminal would run it. */
    const cli = (...args: string[]) => execFileSync('docker', args, { env, encoding: 'utf8', stdio: 'pipe' });

    const start = (settingsEnv: NodeJS.ProcessEnv = env) => {
      const backend = createBackend({ system: realHostSystem(settingsEnv), requestTimeoutMs: 3000 });
      backends.push(backend);
      void backend.start();
      return backend;
    };

    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-follow-'));
      env = {
        ...process.env,
        DOCKER_CONFIG: path.join(dir, 'docker'),
        DOCKER_HOST: undefined,
        DOCKER_CONTEXT: undefined,
      };
      cli('context', 'create', 'berth-dockerd', '--docker', `host=unix://${DOCKERD_SOCKET}`);
      cli('context', 'create', 'berth-podman', '--docker', `host=unix://${PODMAN_SOCKET}`);
      cli('context', 'use', 'berth-dockerd');
    });

    afterEach(() => {
      for (const backend of backends.splice(0)) backend.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    });

    it('moves to the context the CLI moved to, says so, and stops following once stopped', async () => {
      const backend = start();
      const first = await waitForStatus(backend, connectedTo('docker', 'berth-dockerd'));
      expect(first.endpoint?.source).toBe('config-context');
      expect(first.followedContext).toBeNull();

      cli('context', 'use', 'berth-podman');
      const onPodman = await waitForStatus(backend, connectedTo('podman', 'berth-podman'));
      expect(onPodman.endpoint).toMatchObject({ url: `unix://${PODMAN_SOCKET}`, source: 'config-context' });
      expect(onPodman.followedContext).toBe('berth-podman');
      expect(onPodman.server?.product.id).toBe('podman');

      // Rewritten by hand (not by the CLI) works too.
      const configPath = path.join(env.DOCKER_CONFIG!, 'config.json');
      const config = JSON.parse(fs.readFileSync(configPath, 'utf8')) as Record<string, unknown>;
      fs.writeFileSync(configPath, JSON.stringify({ ...config, currentContext: 'berth-dockerd' }));
      const back = await waitForStatus(backend, connectedTo('docker', 'berth-dockerd'));
      expect(back.followedContext).toBe('berth-dockerd');

      // `docker context use default`: the platform's socket, here dockerd's.
      cli('context', 'use', 'default');
      const onDefault = await waitForStatus(backend, connectedTo('docker', null));
      expect(onDefault.followedContext).toBe('default');
      expect(onDefault.endpoint?.source).toBe('platform-default');

      backend.stop();
      const stopped = backend.monitor.getStatus();
      // A running backend is the witness that the next change was seen; the stopped one moves no more.
      const witness = start();
      await waitForStatus(witness, connectedTo('docker', null));
      cli('context', 'use', 'berth-podman');
      await waitForStatus(witness, connectedTo('podman', 'berth-podman'));
      expect(backend.monitor.getStatus()).toBe(stopped);
    });

    it('stays where DOCKER_HOST or a chosen engine says', async () => {
      const pinned = start({ ...env, DOCKER_HOST: `unix://${DOCKERD_SOCKET}` });
      await waitForStatus(
        pinned,
        (status) => status.state === 'connected' && status.endpoint?.source === 'DOCKER_HOST',
      );
      const chosen = start();
      await waitForStatus(chosen, connectedTo('docker', 'berth-dockerd'));
      const updated = await chosen.server.handleRequest('settings.update', {
        engine: { kind: 'context', name: 'berth-dockerd' },
      });
      expect(updated.ok).toBe(true);
      await waitForStatus(chosen, (status) => status.state === 'connected' && status.endpoint?.source === 'setting');

      cli('context', 'use', 'berth-podman');
      // A third backend, automatic, is the witness that the change was seen and followed.
      const witness = start();
      await waitForStatus(witness, connectedTo('podman', 'berth-podman'));
      cli('context', 'use', 'berth-dockerd');
      await waitForStatus(
        witness,
        (status) => status.followedContext === 'berth-dockerd' && status.state === 'connected',
      );

      for (const backend of [pinned, chosen]) {
        expect(backend.monitor.getStatus().server?.family).toBe('docker');
        expect(backend.monitor.getStatus().followedContext).toBeNull();
      }
    });
  },
);
