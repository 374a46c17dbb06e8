import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { PullJob } from '../../src/shared/pulls';
import { createDockerClient } from '../../src/main/engine/dockerConnection';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { PullManager } from '../../src/main/images/pullManager';
import { docker, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';
import { startSocketProxy } from '../fixtures/countingProxy';
import { startThrottledProxy, type ThrottledProxy } from '../fixtures/throttledProxy';
import { waitForValue } from '../fixtures/waitFor';

const REGISTRY = '127.0.0.1:5000';

/**
 * Removes the image a reference names with every tag it has, so its layers must really be
 * downloaded. Containers made from it go first: a container keeps the image's layers in the
 * engine, and the next pull would say "Already exists" instead of downloading.
 */
function removeImage(reference: string): void {
  if (!imageExists(reference)) return;
  const id = docker('image', 'inspect', reference, '--format', '{{.Id}}');
  const users = docker('ps', '-aq', '--filter', `ancestor=${id}`).split('\n').filter(Boolean);
  if (users.length > 0) docker('rm', '-f', ...users);
  try {
    docker('rmi', '-f', id);
  } catch {
    docker('rmi', '-f', reference);
  }
}

/** Every update the manager sends, by job. */
function record(manager: PullManager) {
  const updates = new Map<string, PullJob[]>();
  const stop = manager.onUpdate((job) => {
    const list = updates.get(job.id) ?? [];
    list.push(job);
    updates.set(job.id, list);
  });
  return { updates: (id: string) => updates.get(id) ?? [], stop };
}

function waitForJob(manager: PullManager, id: string, predicate: (job: PullJob) => boolean, timeoutMs = 30_000) {
  const watched = {
    current: () => manager.get(id),
    subscribe: (listener: (job: PullJob) => void) =>
      manager.onUpdate((job) => {
        if (job.id === id) listener(job);
      }),
  };
  return waitForValue('job', watched, predicate, { timeoutMs, hopelessWhen: (job) => job.state !== 'pulling' });
}

const isDownloading = (job: PullJob) =>
  job.layers.some((layer) => layer.state === 'downloading' && layer.downloaded > 0);

describe.skipIf(!requireEngine.available)('pulls against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  let manager: PullManager;
  const cleanups: Array<() => unknown> = [];

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
  });
  afterAll(() => monitor.stop());
  afterEach(async () => {
    manager?.dispose();
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
  });
  const newManager = () => (manager = new PullManager({ getClient: () => monitor.requireClient() }));

  it('pulls redis: every layer complete, 100 %, all bytes, the digest docker reports, updates coalesced', async () => {
    removeImage('redis:latest');
    newManager();
    const recorder = record(manager);
    cleanups.push(recorder.stop);

    const started = manager.start('redis');
    expect(started).toMatchObject({ reference: 'redis:latest', state: 'pulling', percent: 0 });
    const job = await manager.settled(started.id);

    expect(job.state).toBe('done');
    expect(job.error).toBeNull();
    expect(job.outcome).toBe('downloaded-newer');
    expect(job.layers.length).toBeGreaterThanOrEqual(3);
    expect(job.layers.every((layer) => layer.state === 'pull-complete')).toBe(true);
    expect(job.percent).toBe(100);
    if (engineFamily() === 'podman') {
      // Podman's stream has no byte counts: the progress was honest about it.
      expect(job.bytesKnown).toBe(false);
      expect(recorder.updates(job.id).every((update) => !update.bytesKnown)).toBe(true);
    } else {
      expect(job.bytesKnown).toBe(true);
      expect(job.bytesTotal).toBeGreaterThan(0);
    }
    expect(job.bytesDone).toBe(job.bytesTotal);
    const repoDigests = JSON.parse(
      docker('image', 'inspect', 'redis', '--format', '{{json .RepoDigests}}'),
    ) as string[];
    expect(job.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
    expect(repoDigests.map((digest) => digest.slice(digest.indexOf('@') + 1))).toContain(job.digest);

    // The final update keeps the 100 ms spacing, so it may follow settled() by up to that.
    await vi.waitFor(() => expect(recorder.updates(job.id).at(-1)).toEqual(job));
    const updates = recorder.updates(job.id);
    const duration = job.finishedAt! - job.startedAt;
    // At most one update per 100 ms window, plus the final one.
    expect(updates.length).toBeLessThanOrEqual(duration / 100 + 2);
    expect(updates.length).toBeGreaterThanOrEqual(2);
    expect(updates.at(-1)).toEqual(job);
    expect(updates.filter((update) => update.state !== 'pulling')).toHaveLength(1);
    const percents = updates.map((update) => update.percent);
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
  });

  it('says up-to-date when the image is already there', async () => {
    if (!imageExists('redis:latest')) docker('pull', '-q', 'redis');
    newManager();
    const job = await manager.settled(manager.start('redis:latest').id);
    expect(job).toMatchObject({ state: 'done', outcome: 'up-to-date', percent: 100 });
    // dockerd lists no layers for an image it has; Podman lists each as already there.
    expect(job.layers.every((layer) => layer.state === 'already-exists')).toBe(true);
    if (engineFamily() === 'docker') expect(job.layers).toEqual([]);
    expect(job.digest).toMatch(/^sha256:/);
  });

  it('joins a pull of the same image that is already running', async () => {
    removeImage('hello-world:latest');
    newManager();
    const first = manager.start('hello-world');
    expect(manager.start('hello-world:latest').id).toBe(first.id);
    expect(manager.start('docker.io/library/hello-world').id).toBe(first.id);
    expect(manager.list()).toHaveLength(1);
    expect((await manager.settled(first.id)).state).toBe('done');
  });

  it('refuses an invalid reference with a reason, before asking the engine', () => {
    newManager();
    expect(() => manager.start('Redis')).toThrowError(expect.objectContaining({ code: 'invalid-input' }));
    expect(() => manager.start('redis:bad tag')).toThrowError(/spaces/);
    expect(() => manager.start('')).toThrowError(expect.objectContaining({ code: 'invalid-input' }));
    expect(manager.list()).toEqual([]);
  });

  it('fails a missing image with image-not-found, and pulls busybox fine afterwards', async () => {
    newManager();
    const missing = await manager.settled(manager.start('does-not-exist-berth:latest').id);
    expect(missing.state).toBe('failed');
    expect(missing.error?.code).toBe('image-not-found');
    expect(missing.error?.message).toContain('does-not-exist-berth');

    const missingTag = await manager.settled(manager.start(`${REGISTRY}/library/redis:no-such-tag`).id);
    expect(missingTag.error?.code).toBe('image-not-found');

    const unreachable = await manager.settled(manager.start('127.0.0.1:1/nothing:latest').id);
    expect(unreachable.error?.code).toBe('network-unreachable');

    removeImage('busybox:latest');
    const busybox = await manager.settled(manager.start('busybox').id);
    expect(busybox).toMatchObject({ state: 'done', outcome: 'downloaded-newer', percent: 100 });
    expect(imageExists('busybox:latest')).toBe(true);
  });

  it('runs two pulls at once', async () => {
    removeImage('busybox:latest');
    removeImage('hello-world:latest');
    newManager();
    const a = manager.start('busybox');
    const b = manager.start('hello-world');
    expect(a.id).not.toBe(b.id);
    expect(manager.list().map((job) => job.id)).toEqual([b.id, a.id]);
    const [doneA, doneB] = await Promise.all([manager.settled(a.id), manager.settled(b.id)]);
    expect(doneA).toMatchObject({ state: 'done', outcome: 'downloaded-newer' });
    expect(doneB).toMatchObject({ state: 'done', outcome: 'downloaded-newer' });
    expect(imageExists('busybox:latest') && imageExists('hello-world:latest')).toBe(true);

    // Finished jobs: cancel changes nothing, dismiss forgets them.
    expect(manager.cancel(a.id)).toBe(doneA);
    expect(manager.dismiss(a.id)).toBe(true);
    expect(manager.dismiss(a.id)).toBe(false);
    expect(manager.list().map((job) => job.id)).toEqual([b.id]);
    await expect(manager.settled('nope')).rejects.toMatchObject({ code: 'not-found' });
  });

  it('cancelled as the pull completes: the image it just tagged is removed again', async () => {
    removeImage('hello-world:latest');
    // Every change as it happens, so the cancel lands between the engine's last lines.
    manager = new PullManager({ getClient: () => monitor.requireClient(), updateIntervalMs: 0 });
    let id = '';
    let cancelledAt: PullJob | null = null;
    const stop = manager.onUpdate((job) => {
      // dockerd's last lines say "Pull complete"; Podman's stop at "Download complete".
      const complete =
        job.layers.length > 0 &&
        job.layers.every((layer) =>
          ['pull-complete', 'already-exists', engineFamily() === 'podman' ? 'download-complete' : ''].includes(
            layer.state,
          ),
        );
      if (job.id === id && job.state === 'pulling' && complete && !cancelledAt) cancelledAt = manager.cancel(id);
    });
    cleanups.push(stop);
    id = manager.start('hello-world').id;
    const job = await manager.settled(id);
    expect(cancelledAt).not.toBeNull();
    expect(job.state).toBe('cancelled');
    expect(imageExists('hello-world:latest')).toBe(false);
  });

  it('never removes an image that was there before the cancelled pull', async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    const before = docker('image', 'inspect', 'busybox', '--format', '{{.Id}}');
    manager = new PullManager({ getClient: () => monitor.requireClient(), updateIntervalMs: 0 });
    let id = '';
    // As late as the engine allows: dockerd's digest line; Podman sends none, only its layer lines.
    const podman = engineFamily() === 'podman';
    const stop = manager.onUpdate((job) => {
      const late = podman ? job.layers.length > 0 : job.digest !== null;
      if (job.id === id && job.state === 'pulling' && late) manager.cancel(id);
    });
    cleanups.push(stop);
    id = manager.start('busybox').id;
    const job = await manager.settled(id);
    expect(job.state).toBe('cancelled');
    if (!podman) expect(job.digest).toMatch(/^sha256:/);
    expect(docker('image', 'inspect', 'busybox', '--format', '{{.Id}}')).toBe(before);
  });

  describe('through a slow registry', () => {
    let proxy: ThrottledProxy;
    beforeAll(async () => {
      proxy = await startThrottledProxy({ target: REGISTRY, bytesPerSecond: 256 * 1024 });
    });
    afterAll(() => proxy.close());

    it('cancels mid-way: state cancelled and no image left behind', async () => {
      const reference = `${proxy.address}/library/redis:latest`;
      removeImage('redis:latest');
      removeImage(reference);
      newManager();
      const started = manager.start(reference);
      expect(started.reference).toBe(reference);
      const downloading = await waitForJob(manager, started.id, isDownloading);
      expect(downloading.state).toBe('pulling');
      expect(downloading.speed).toBeGreaterThan(0);
      expect(manager.dismiss(started.id)).toBe(false);

      const cancelled = manager.cancel(started.id);
      expect(cancelled.state).toBe('cancelled');
      expect(cancelled.error?.code).toBe('cancelled');
      expect(await manager.settled(started.id)).toEqual(cancelled);
      expect(manager.get(started.id)).toEqual(cancelled);
      expect(imageExists(reference)).toBe(false);
    });

    it('fails with engine-stopped when the connection to the engine drops mid-pull, and keeps working', async () => {
      const reference = `${proxy.address}/library/redis:latest`;
      removeImage('redis:latest');
      removeImage(reference);
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-pulls-'));
      const socket = await startSocketProxy(path.join(dir, 'docker.sock'));
      cleanups.push(
        () => fs.rmSync(dir, { recursive: true, force: true }),
        () => socket.close(),
      );
      const client = createDockerClient({ kind: 'unix', socketPath: socket.path });
      manager = new PullManager({ getClient: () => client });

      const started = manager.start(reference);
      await waitForJob(manager, started.id, isDownloading);
      socket.cutConnections();
      const failed = await manager.settled(started.id);
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toBe('engine-stopped');

      const after = await manager.settled(manager.start('hello-world').id);
      expect(after.state).toBe('done');
    });
  });
});
