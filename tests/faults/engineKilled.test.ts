import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { ContainerChange } from '../../src/shared/containers';
import type { EngineStatus } from '../../src/shared/engine';
import type { PullJob } from '../../src/shared/pulls';
import {
  applyContainerChanges,
  bringUpTestbed,
  docker,
  engineAnswers,
  explainsItself,
  imageExists,
  injectFault,
  livePids,
  openRecordedStream,
  REGISTRY,
  requestOk,
  socketAccepts,
  type StreamRecorder,
  terminate,
  waitForListToMatchEngine,
} from '../fixtures/faultTools';
import { waitFor } from '../fixtures/waitFor';
import { startThrottledProxy, type ThrottledProxy } from '../fixtures/throttledProxy';

// The engine itself dies in the middle of a pull (dockerd gets SIGTERM, as on a shutdown or a
// crash-restart). The user sees the pull fail with a sentence they can act on and the status turn
// to disconnected; when the engine is started again Berth reconnects by itself, the containers list
// equals `docker ps -a`, no half-pulled image is left tagged, and the same pull then works.
// This test stops the machine's engine: afterAll always brings it back.

const label = `berth.fault=engineKilled-${process.pid}`;
const containerName = `berth-killed-${process.pid}`;

describe('the engine killed during a pull, through backend.server', () => {
  let proxy: ThrottledProxy;
  let backend: Backend;
  let reference: string;
  let hadRedis = false;
  const streams: Array<StreamRecorder<unknown>> = [];

  beforeAll(async () => {
    if (!engineAnswers()) await bringUpTestbed();
    hadRedis = imageExists('redis:latest');
    // A slow registry, so the pull is still downloading when the engine goes.
    proxy = await startThrottledProxy({ target: REGISTRY, bytesPerSecond: 1024 * 1024 });
    reference = `${proxy.address}/library/redis:latest`;
    if (hadRedis) docker('rmi', '-f', 'redis');
    if (imageExists(reference)) docker('rmi', '-f', reference);
    docker('rm', '-f', containerName);
    docker('run', '-d', '--stop-timeout', '1', '--label', label, '--name', containerName, 'busybox', 'sleep', '300');
    backend = createBackend({ system: realHostSystem({ ...process.env, DOCKER_HOST: 'unix:///var/run/docker.sock' }) });
    await backend.start();
    expect(backend.monitor.getStatus().state).toBe('connected');
  }, 240_000);

  afterAll(async () => {
    for (const stream of streams) stream.close();
    backend?.stop();
    await proxy?.close();
    // Whatever happened above, the engine runs again afterwards.
    if (!engineAnswers()) await bringUpTestbed();
    for (const name of [containerName]) {
      try {
        docker('rm', '-f', name);
      } catch {
        // Gone already.
      }
    }
    if (reference && imageExists(reference)) docker('rmi', reference);
    if (hadRedis && !imageExists('redis:latest')) docker('pull', '-q', 'redis');
  }, 240_000);

  it('the pull fails in words, the status disconnects, and after a restart everything comes back by itself', async () => {
    await injectFault('engine killed during a pull', async () => {
      const open = <T>(name: string) => {
        const stream = openRecordedStream<T>(backend.server, name, {});
        streams.push(stream as StreamRecorder<unknown>);
        return stream;
      };
      const status = open<EngineStatus>('engine.status');
      const jobs = open<PullJob>('pulls.jobs');
      const changes = open<ContainerChange>('containers.changes');
      await changes.waitFor('the first snapshot', (c) => c.type === 'snapshot' && !c.stale);

      const started = await requestOk<PullJob>(backend.server, 'pulls.start', { reference });
      const downloading = await jobs.waitFor(
        'the pull to be downloading',
        (job) => job.id === started.id && (job.state !== 'pulling' || job.layers.some((l) => l.downloaded > 0)),
        60_000,
      );
      expect(downloading.state, 'the pull must still be running when the engine is stopped').toBe('pulling');
      expect(downloading.percent).toBeLessThan(100);

      // SIGTERM to dockerd, as testbed.sh started it; then the socket refuses.
      const dockerds = livePids('dockerd');
      expect(dockerds.length).toBeGreaterThan(0);
      const stopping = terminate('dockerd', 120_000);
      const failed = await jobs.waitFor(
        'the pull to end',
        (job) => job.id === started.id && job.state !== 'pulling',
        60_000,
      );
      await stopping;
      await waitFor('the engine socket to refuse', async () => !(await socketAccepts()), 30_000);

      // What the user sees: a failed pull with a sentence to act on, and the engine stopped.
      expect(failed.state).toBe('failed');
      expect(['engine-stopped', 'network-unreachable', 'engine-not-running']).toContain(failed.error?.code);
      expect(explainsItself(failed.error)).toEqual([]);
      const down = await status.waitFor('the status to say disconnected', (s) => s.state === 'disconnected', 30_000);
      expect(explainsItself(down.problem)).toEqual([]);
      await changes.waitFor(
        'the list marked stale',
        (c) => (c.type === 'stale' && c.stale) || (c.type === 'snapshot' && c.stale),
        30_000,
      );
      const pullRefused = await backend.server.handleRequest('images.list', {});
      expect(pullRefused.ok).toBe(false);
      if (!pullRefused.ok) expect(explainsItself(pullRefused.error)).toEqual([]);

      // The engine comes back the way the testbed starts it; Berth notices by itself.
      const restartedAt = Date.now();
      await bringUpTestbed();
      const downAt = status.events.findIndex((s) => s.state === 'disconnected');
      await status.waitFor('reconnected by itself', (s) => s.state === 'connected', 60_000, downAt);
      const reconnectSeconds = (Date.now() - restartedAt) / 1000;

      // No half-pulled image left tagged, none dangling under the proxy's name.
      const halfTagged =
        imageExists(reference) || docker('images', '--format', '{{.Repository}}').includes(proxy.address);
      expect(halfTagged).toBe(false);

      // The list resyncs to what the engine says now (running containers stopped with it).
      const rest = await waitForListToMatchEngine(changes.events, 30_000);
      const mine = [...applyContainerChanges(changes.events).values()].find((c) => c.name === containerName);
      expect(mine?.state).toBe('exited');

      // And the same pull now works.
      const again = await requestOk<PullJob>(backend.server, 'pulls.start', { reference });
      const done = await jobs.waitFor(
        'the second pull',
        (job) => job.id === again.id && job.state !== 'pulling',
        120_000,
      );
      expect(done.state).toBe('done');
      expect(imageExists(reference)).toBe(true);
      return {
        dataLost: rest.length + (halfTagged ? 1 : 0),
        notes:
          `user saw ${failed.error?.code}: ${failed.error?.message}; reconnected ${reconnectSeconds.toFixed(1)} s after the restart began`.slice(
            0,
            300,
          ),
      };
    });
  });
});
