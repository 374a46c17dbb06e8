import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { CleanupResult } from '../../src/shared/diskUsage';
import type { CountingProxy } from '../fixtures/countingProxy';
import { requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, requestError, requestOk } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// disk.cleanUp at the contract, as a (compromised) page could send it: volumes only when named in
// the confirmation too, running containers and used images never, and never an engine prune
// endpoint for containers, images or volumes. Checked with the docker CLI and at a counting proxy.

const suffix = `${process.pid}`;
const volume = `berth-sec-disk-vol-${suffix}`;
const usedVolume = `berth-sec-disk-used-vol-${suffix}`;
const bystanderVolume = `berth-sec-disk-bystander-${suffix}`;
const runningName = `berth-sec-disk-running-${suffix}`;
const userName = `berth-sec-disk-user-${suffix}`;
const tag = `berth-sec-disk-${suffix}:used`;

const exists = (what: 'container' | 'image' | 'volume', name: string) => {
  try {
    docker(what, 'inspect', name);
    return true;
  } catch {
    return false;
  }
};

describe.skipIf(!requireEngine.available)('disk.cleanUp at the contract, against the engine', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;
  let runningId = '';
  let imageId = '';

  const pruneCalls = () =>
    proxy
      .requests()
      .filter((r) => /\/(containers|images|volumes|networks)\/prune/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);
  /** Engine requests since index `from` that remove or prune anything. */
  const deletes = (from: number) =>
    proxy
      .requests()
      .slice(from)
      .filter((r) => r.method === 'DELETE' || /\/prune/.test(r.path))
      .map((r) => `${r.method} ${r.path}`);

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    for (const name of [volume, usedVolume, bystanderVolume]) docker('volume', 'create', name);
    runningId = docker('run', '-d', '--name', runningName, '-v', `${usedVolume}:/data`, 'busybox', 'sleep', '300');
    docker('create', '--name', `${userName}-src`, 'busybox', 'true');
    imageId = docker('commit', `${userName}-src`, tag);
    docker('rm', '-f', `${userName}-src`);
    docker('create', '--name', userName, tag, 'true');
    ({ dir, proxy, backend } = await startProxiedBackend('berth-disk-sec-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    for (const args of [
      ['rm', '-f', runningName, userName],
      ['rmi', '-f', imageId],
      ['volume', 'rm', volume, usedVolume, bystanderVolume],
    ]) {
      try {
        docker(...args);
      } catch {
        // Already gone.
      }
    }
  });

  it('refuses volumes the confirmation does not name, before removing anything', async () => {
    const from = proxy.requests().length;
    for (const input of [
      { volumes: [volume] },
      { volumes: [volume], confirmVolumes: [] },
      { volumes: [volume], confirmVolumes: [`${volume}-other`] },
      { containers: [runningId], volumes: [volume], confirmVolumes: [volume.toUpperCase()] },
    ]) {
      const error = await requestError(backend.server, 'disk.cleanUp', input);
      expect(error.code).toBe('confirmation-required');
    }
    expect(exists('volume', volume)).toBe(true);
    expect(deletes(from)).toEqual([]);
  });

  it('leaves a running container, an image a container uses and a volume in use (even confirmed), whatever ids it is given', async () => {
    const from = proxy.requests().length;
    const result = await requestOk<CleanupResult>(backend.server, 'disk.cleanUp', {
      containers: [runningId, runningName, 'no-such-container'],
      images: [imageId, tag, 'busybox:latest'],
      volumes: [usedVolume],
      confirmVolumes: [usedVolume],
    });
    expect(result.removed).toEqual([]);
    expect(result.failed.map((item) => item.code)).toEqual(expect.arrayContaining(['in-use', 'not-found']));
    expect(result.failed.map((item) => item.id)).toEqual(expect.arrayContaining([runningId, imageId, usedVolume]));
    expect(exists('container', runningName)).toBe(true);
    expect(exists('image', imageId)).toBe(true);
    expect(exists('image', 'busybox:latest')).toBe(true);
    expect(exists('volume', usedVolume)).toBe(true);
    expect(deletes(from)).toEqual([]);
  });

  it('removes exactly the confirmed volume, never one not listed, and never calls an engine prune endpoint', async () => {
    await requestOk(backend.server, 'disk.plan', {
      kinds: ['stoppedContainers', 'danglingImages', 'unusedImages', 'buildCache', 'unusedVolumes'],
    });
    await requestOk<CleanupResult>(backend.server, 'disk.cleanUp', { volumes: [volume], confirmVolumes: [volume] });
    expect(exists('volume', volume)).toBe(false);
    expect(exists('volume', usedVolume)).toBe(true);
    expect(exists('volume', bystanderVolume)).toBe(true);
    expect(pruneCalls()).toEqual([]);
  });
});
