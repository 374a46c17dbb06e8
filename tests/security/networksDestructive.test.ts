import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { CountingProxy } from '../fixtures/countingProxy';
import { requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, requestError, requestOk } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// networks.remove and networks.disconnect at the contract, whatever a page sends: nothing goes
// without a confirmation naming it, built-ins and networks in use never. Each refusal is checked
// with the docker CLI, and at the proxy: no DELETE /networks and no disconnect reached the engine.

const suffix = `${process.pid}`;
const busyNetwork = `berth-sec-net-busy-${suffix}`;
const idleNetwork = `berth-sec-net-idle-${suffix}`;
const member = `berth-sec-net-member-${suffix}`;

const networkExists = (name: string) => {
  try {
    docker('network', 'inspect', name);
    return true;
  } catch {
    return false;
  }
};
const networksOf = (container: string) =>
  Object.keys(JSON.parse(docker('inspect', '-f', '{{json .NetworkSettings.Networks}}', container)) as object);

describe.skipIf(!requireEngine.available)('network removal and disconnection at the contract', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;

  const destructiveCalls = (from: number) =>
    proxy
      .requests()
      .slice(from)
      .filter(
        (r) => (r.method === 'DELETE' && r.path.includes('/networks/')) || /\/networks\/[^/]+\/disconnect/.test(r.path),
      )
      .map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    docker('network', 'create', busyNetwork);
    docker('network', 'create', idleNetwork);
    docker('run', '-d', '--name', member, '--network', busyNetwork, 'busybox', 'sleep', '300');
    ({ dir, proxy, backend } = await startProxiedBackend('berth-net-destructive-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    for (const args of [
      ['rm', '-f', member],
      ['network', 'rm', busyNetwork],
      ['network', 'rm', idleNetwork],
    ]) {
      try {
        docker(...args);
      } catch {
        // Already gone.
      }
    }
  });

  it('networks.remove: refused without a naming confirmation, for built-ins and for a network in use', async () => {
    const start = proxy.requests().length;
    expect((await requestError(backend.server, 'networks.remove', { id: idleNetwork })).code).toBe('invalid-input');
    for (const confirm of ['yes', idleNetwork.toUpperCase(), busyNetwork, ' ']) {
      const error = await requestError(backend.server, 'networks.remove', { id: idleNetwork, confirm });
      expect(['confirmation-required', 'invalid-input']).toContain(error.code);
    }
    for (const builtIn of ['bridge', 'host', 'none']) {
      if (!networkExists(builtIn)) continue;
      expect((await requestError(backend.server, 'networks.remove', { id: builtIn, confirm: builtIn })).code).toBe(
        'in-use',
      );
    }
    const inUse = await requestError(backend.server, 'networks.remove', { id: busyNetwork, confirm: busyNetwork });
    expect(inUse.code).toBe('in-use');
    expect(inUse.message).toContain(member);
    expect(networkExists(idleNetwork)).toBe(true);
    expect(networkExists(busyNetwork)).toBe(true);
    expect(networkExists('bridge')).toBe(true);
    expect(destructiveCalls(start)).toEqual([]);
  });

  it('networks.disconnect: refused unless the confirmation names the container', async () => {
    const start = proxy.requests().length;
    for (const confirm of ['yes', busyNetwork, `${member}x`]) {
      const error = await requestError(backend.server, 'networks.disconnect', {
        network: busyNetwork,
        container: member,
        confirm,
      });
      expect(error.code).toBe('confirmation-required');
    }
    expect(networksOf(member)).toContain(busyNetwork);
    expect(destructiveCalls(start)).toEqual([]);
  });

  it('with the confirmations the dialogs give, the same actions go through (the refusals were not blanket)', async () => {
    await requestOk(backend.server, 'networks.disconnect', {
      network: busyNetwork,
      container: member,
      confirm: member,
    });
    expect(networksOf(member)).not.toContain(busyNetwork);
    expect(await requestOk(backend.server, 'networks.remove', { id: idleNetwork, confirm: idleNetwork })).toEqual({
      removed: idleNetwork,
    });
    expect(networkExists(idleNetwork)).toBe(false);
  });
});
