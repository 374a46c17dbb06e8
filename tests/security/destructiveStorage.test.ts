import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { CountingProxy } from '../fixtures/countingProxy';
import { requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, requestError, requestOk } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// Volumes, networks and the disk clean-up at the contract, whatever a (compromised) page sends:
// nothing is removed or disconnected without a confirmation naming it, nothing in use is removed,
// and a clean-up removes only what it was given and what still qualifies. Each refusal is checked
// with the docker CLI, and the engine's side is counted at a proxy: no removal may reach it.

const suffix = `${process.pid}`;
const usedVolume = `berth-secv-used-${suffix}`;
const unusedVolume = `berth-secv-unused-${suffix}`;
const bystanderVolume = `berth-secv-bystander-${suffix}`;
const network = `berth-secn-${suffix}`;
const runner = `berth-secv-runner-${suffix}`;

const volumeExists = (name: string) => docker('volume', 'ls', '-q', '--filter', `name=^${name}$`) === name;
const networkExists = (name: string) => docker('network', 'ls', '-q', '--filter', `name=^${name}$`) !== '';
const running = (name: string) => docker('inspect', '-f', '{{.State.Running}}', name) === 'true';
const onNetwork = (container: string, name: string) =>
  docker('inspect', '-f', `{{if index .NetworkSettings.Networks "${name}"}}yes{{end}}`, container) === 'yes';

describe.skipIf(!requireEngine.available)('destructive volume, network and clean-up requests at the contract', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;

  /** Engine requests since index `from` that remove, prune or disconnect something. */
  const destructiveCalls = (from: number) =>
    proxy
      .requests()
      .slice(from)
      .filter((r) => r.method === 'DELETE' || /\/prune|\/disconnect/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    for (const name of [usedVolume, unusedVolume, bystanderVolume]) docker('volume', 'create', name);
    docker('network', 'create', network);
    docker('run', '-d', '--name', runner, '--network', network, '-v', `${usedVolume}:/data`, 'busybox', 'sleep', '300');
    ({ dir, proxy, backend } = await startProxiedBackend('berth-destructive-storage-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    for (const args of [
      ['rm', '-f', runner],
      ['volume', 'rm', '-f', usedVolume, unusedVolume, bystanderVolume],
      ['network', 'rm', network],
    ]) {
      try {
        docker(...args);
      } catch {
        // Already gone.
      }
    }
  });

  it('volumes.remove: refused without a confirmation naming the volume, and while a container uses it', async () => {
    const from = proxy.requests().length;
    expect((await requestError(backend.server, 'volumes.remove', { name: unusedVolume })).code).toBe('invalid-input');
    for (const confirm of ['yes', usedVolume, unusedVolume.toUpperCase(), `${unusedVolume}x`, '*', ' ']) {
      const error = await requestError(backend.server, 'volumes.remove', { name: unusedVolume, confirm });
      expect(['confirmation-required', 'invalid-input'], confirm).toContain(error.code);
    }
    const inUse = await requestError(backend.server, 'volumes.remove', { name: usedVolume, confirm: usedVolume });
    expect(inUse.code).toBe('in-use');
    expect(inUse.message).toContain(runner);
    expect(volumeExists(unusedVolume)).toBe(true);
    expect(volumeExists(usedVolume)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('volumes.prune removes only the listed volumes that are unused now: never one in use, never one not listed', async () => {
    const from = proxy.requests().length;
    const result = await requestOk<{ removed: string[]; failed: Array<{ name: string }> }>(
      backend.server,
      'volumes.prune',
      { names: [usedVolume] },
    );
    expect(result.removed).toEqual([]);
    expect(result.failed.map((f) => f.name)).toEqual([usedVolume]);
    expect(volumeExists(usedVolume)).toBe(true);
    expect(volumeExists(unusedVolume)).toBe(true);
    expect(volumeExists(bystanderVolume)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
    // No broad prune ever reaches the engine, whatever was asked.
    expect(proxy.requests().some((r) => /\/volumes\/prune/.test(r.path))).toBe(false);
  });

  it('volumes.restore never writes into an existing volume', async () => {
    const from = proxy.requests().length;
    const error = await requestError(backend.server, 'volumes.restore', { source: '/etc/hostname', name: usedVolume });
    expect(error.code).toBe('name-in-use');
    expect(
      proxy
        .requests()
        .slice(from)
        .filter((r) => /\/archive|\/containers\/create/.test(r.path)),
    ).toEqual([]);
  });

  it('networks.remove: refused without a confirmation naming it, for built-in networks, and while containers use it', async () => {
    const from = proxy.requests().length;
    for (const confirm of ['yes', 'bridge', `${network}x`, '*']) {
      const error = await requestError(backend.server, 'networks.remove', { id: network, confirm });
      expect(error.code, confirm).toBe('confirmation-required');
    }
    for (const builtIn of ['bridge', 'host', 'none']) {
      const error = await requestError(backend.server, 'networks.remove', { id: builtIn, confirm: builtIn });
      expect(['in-use', 'forbidden', 'confirmation-required'], builtIn).toContain(error.code);
    }
    const inUse = await requestError(backend.server, 'networks.remove', { id: network, confirm: network });
    expect(inUse.code).toBe('in-use');
    expect(inUse.message).toContain(runner);
    expect(networkExists(network)).toBe(true);
    for (const builtIn of ['bridge', 'host', 'none']) expect(networkExists(builtIn)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('networks.disconnect: refused without a confirmation naming the container', async () => {
    const from = proxy.requests().length;
    for (const confirm of ['yes', network, `${runner}x`, '  ']) {
      const error = await requestError(backend.server, 'networks.disconnect', { network, container: runner, confirm });
      expect(['confirmation-required', 'invalid-input'], confirm).toContain(error.code);
    }
    expect(onNetwork(runner, network)).toBe(true);
    expect(running(runner)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('disk.cleanUp: volumes need their own confirmation, and running containers and used images stay', async () => {
    const from = proxy.requests().length;
    const unconfirmed = await requestError(backend.server, 'disk.cleanUp', { volumes: [unusedVolume] });
    expect(unconfirmed.code).toBe('confirmation-required');
    const wrong = await requestError(backend.server, 'disk.cleanUp', {
      volumes: [unusedVolume],
      confirmVolumes: [bystanderVolume],
    });
    expect(wrong.code).toBe('confirmation-required');
    expect(volumeExists(unusedVolume)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);

    const runnerId = docker('inspect', '-f', '{{.Id}}', runner);
    const busyboxId = docker('image', 'inspect', '-f', '{{.Id}}', 'busybox:latest');
    const result = await requestOk<{ removed: unknown[]; failed: Array<{ id: string }> }>(
      backend.server,
      'disk.cleanUp',
      {
        containers: [runnerId],
        images: [busyboxId],
        volumes: [usedVolume],
        confirmVolumes: [usedVolume],
      },
    );
    expect(result.removed).toEqual([]);
    expect(result.failed.map((f) => f.id).sort()).toEqual([busyboxId, runnerId, usedVolume].sort());
    expect(running(runner)).toBe(true);
    expect(imageExists('busybox:latest')).toBe(true);
    expect(volumeExists(usedVolume)).toBe(true);
    expect(volumeExists(bystanderVolume)).toBe(true);
    expect(destructiveCalls(from)).toEqual([]);
  });

  it('volumeLesson.reset: refused without a confirmation naming the lesson volume', async () => {
    const from = proxy.requests().length;
    for (const confirm of ['yes', unusedVolume, 'berth-lesson-redis']) {
      const error = await requestError(backend.server, 'volumeLesson.reset', { confirm });
      expect(error.code, confirm).toBe('confirmation-required');
    }
    expect(destructiveCalls(from)).toEqual([]);
  });
});
