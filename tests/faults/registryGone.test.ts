import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { PullJob } from '../../src/shared/pulls';
import {
  bringUpTestbed,
  docker,
  explainsItself,
  imageExists,
  injectFault,
  openRecordedStream,
  REGISTRY,
  registryAnswers,
  requestOk,
  terminate,
} from '../fixtures/faultTools';
import { waitFor } from '../fixtures/waitFor';

// The registry (Docker Hub's stand-in, and the engine's mirror) goes away. A pull says, in words a
// beginner can act on, that the network or registry cannot be reached; nothing is left half
// tagged; an image that was there stays; and once the registry is back, the same pull works.

const direct = `${REGISTRY}/library/busybox:latest`;

describe('registry gone during pulls, through backend.server', () => {
  let backend: Backend;
  let hadDirect = false;

  beforeAll(async () => {
    if (!(await registryAnswers())) await bringUpTestbed();
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    hadDirect = imageExists(direct);
    backend = createBackend({ system: realHostSystem(process.env) });
    await backend.start();
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(async () => {
    backend?.stop();
    // Always leave the registry running, as the testbed had it.
    if (!(await registryAnswers())) await bringUpTestbed();
    if (!hadDirect && imageExists(direct)) docker('rmi', direct);
  });

  async function pull(reference: string): Promise<PullJob> {
    const jobs = openRecordedStream<PullJob>(backend.server, 'pulls.jobs', {});
    try {
      const started = await requestOk<PullJob>(backend.server, 'pulls.start', { reference });
      return await jobs.waitFor(
        `the pull of ${reference} to end`,
        (job) => job.id === started.id && job.state !== 'pulling',
        90_000,
      );
    } finally {
      jobs.close();
    }
  }

  it('the registry stopped: a network sentence, no image left half tagged, the old image kept, and the retry works once it is back', async () => {
    await injectFault('registry gone during pulls', async () => {
      if (imageExists(direct)) docker('rmi', direct);
      const busyboxId = docker('image', 'inspect', '-f', '{{.Id}}', 'busybox:latest');
      const killed = await terminate('docker-registry');
      expect(killed.length).toBeGreaterThan(0);
      await waitFor('the registry to refuse', async () => !(await registryAnswers()), 10_000);

      // Straight from the registry: connection refused at 127.0.0.1:5000.
      const failed = await pull(direct);
      expect(failed.state).toBe('failed');
      expect(failed.error?.code).toBe('network-unreachable');
      expect(explainsItself(failed.error)).toEqual([]);
      expect(imageExists(direct)).toBe(false);

      // Through the mirror, as `docker pull busybox` would: the mirror is gone and Docker Hub is out of
      // reach from here. The image already in the cache must not be touched.
      const viaMirror = await pull('busybox');
      expect(viaMirror.state).toBe('failed');
      expect(viaMirror.error?.code).toBe('network-unreachable');
      expect(explainsItself(viaMirror.error)).toEqual([]);
      const kept =
        imageExists('busybox:latest') && docker('image', 'inspect', '-f', '{{.Id}}', 'busybox:latest') === busyboxId;
      expect(kept).toBe(true);

      // The registry back the way the testbed runs it; the same pulls now work.
      await bringUpTestbed();
      expect(await registryAnswers()).toBe(true);
      const retried = await pull(direct);
      expect(retried.state).toBe('done');
      expect(retried.error).toBeNull();
      expect(imageExists(direct)).toBe(true);
      expect((await pull('busybox')).state).toBe('done');
      return {
        dataLost: kept ? 0 : 1,
        notes: `user saw: ${failed.error?.code}: ${failed.error?.message}`.slice(0, 200),
      };
    });
  });
});
