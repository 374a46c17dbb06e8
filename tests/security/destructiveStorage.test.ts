import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { CountingProxy } from '../fixtures/countingProxy';
import { requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, requestError } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// Networks, the volume lesson's reset and a restore at the contract, whatever a (compromised) page
// sends: nothing is removed or disconnected without a confirmation naming it, nothing in use is
// removed, and a restore never writes into a volume that exists. Each refusal is checked with the
// docker CLI, and the engine's side is counted at a proxy: no removal may reach it.
// Volume removal and prune are checked in volumesDestructive.test.ts, the disk clean-up in
// diskCleanup.test.ts.

const suffix = `${process.pid}`;
const usedVolume = `berth-secv-used-${suffix}`;
const network = `berth-secn-${suffix}`;
const runner = `berth-secv-runner-${suffix}`;

const networkExists = (name: string) => docker('network', 'ls', '-q', '--filter', `name=^${name}$`) !== '';
const running = (name: string) => docker('inspect', '-f', '{{.State.Running}}', name) === 'true';
const onNetwork = (container: string, name: string) =>
  docker('inspect', '-f', `{{if index .NetworkSettings.Networks "${name}"}}yes{{end}}`, container) === 'yes';

describe.skipIf(!requireEngine.available)('destructive network, lesson and restore requests at the contract', () => {
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
    docker('volume', 'create', usedVolume);
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
      ['volume', 'rm', '-f', usedVolume],
      ['network', 'rm', network],
    ]) {
      try {
        docker(...args);
      } catch {
        // Already gone.
      }
    }
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
});
