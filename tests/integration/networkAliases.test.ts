import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { Network } from '../../src/shared/networks';
import type { CountingProxy } from '../fixtures/countingProxy';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';
import { requestOk } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// dockerd's container list has no aliases, so the network list inspects containers on user-defined
// networks for them. An endpoint's aliases are fixed when it connects: each container is inspected
// once, not at every list (every engine event), and a reconnect with new aliases is seen.

const network = `berth-net-alias-${process.pid}`;
const container = `berth-net-alias-c-${process.pid}`;

describe.skipIf(!requireEngine.available)('network aliases, read once per endpoint', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;
  let id = '';

  const inspects = (from: number) =>
    proxy
      .requests()
      .slice(from)
      .filter((r) => r.method === 'GET' && r.path.includes(`/containers/${id}/json`)).length;
  const aliasesNow = async () => {
    const networks = await requestOk<Network[]>(backend.server, 'networks.list', {});
    return networks.find((n) => n.name === network)?.containers.find((c) => c.id === id)?.aliases;
  };

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    docker('network', 'create', network);
    id = docker(
      'run',
      '-d',
      '--name',
      container,
      '--network',
      network,
      '--network-alias',
      'cache',
      'busybox',
      'sleep',
      '300',
    );
    ({ dir, proxy, backend } = await startProxiedBackend('berth-net-alias-'));
  });

  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dockerQuiet('rm', '-f', container);
    dockerQuiet('network', 'rm', network);
  });

  it('inspects a container once for its aliases, and again only after it reconnects', async () => {
    const from = proxy.requests().length;
    expect(await aliasesNow()).toEqual(['cache']);
    expect(await aliasesNow()).toEqual(['cache']);
    expect(await aliasesNow()).toEqual(['cache']);
    // Podman's list carries the aliases: it needs no inspect at all.
    expect(inspects(from)).toBeLessThanOrEqual(1);

    docker('network', 'disconnect', network, container);
    docker('network', 'connect', '--alias', 'store', network, container);
    expect(await aliasesNow()).toEqual(['store']);
  });
});
