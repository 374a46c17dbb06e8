import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Backend } from '../../src/main/backend';
import type { ContainerChange } from '../../src/shared/containers';
import type { EngineStatus } from '../../src/shared/engine';
import type { CountingProxy } from '../fixtures/countingProxy';
import {
  applyContainerChanges,
  docker,
  dockerAsync,
  explainsItself,
  imageExists,
  injectFault,
  openRecordedStream,
  waitForListToMatchEngine,
} from '../fixtures/faultTools';
import { sleep } from '../fixtures/waitFor';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// The engine's connection is cut (every socket dropped) and refused for a while, as when the
// engine crashes at a socket path that stays; meanwhile containers change through the CLI. The
// renderer's list is marked out of date, the status says disconnected, and after the reconnect
// the list equals `docker ps -a` without anyone clicking.

const label = `berth.fault=eventsCut-${process.pid}`;
let counter = 0;
const unique = () => `berth-cut-${process.pid}-${(counter += 1)}`;

describe('events stream cut, through backend.server', () => {
  let dir: string;
  let proxy: CountingProxy;
  let backend: Backend;

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    ({ dir, proxy, backend } = await startProxiedBackend('berth-cut-'));
    expect(backend.monitor.getStatus().state).toBe('connected');
  });
  afterAll(async () => {
    backend?.stop();
    await proxy?.close();
    fs.rmSync(dir, { recursive: true, force: true });
    const left = docker('ps', '-aq', '--filter', `label=${label}`);
    if (left) docker('rm', '-f', ...left.split('\n'));
  });

  it('cut and refused while containers change: stale, disconnected, then resynced to docker ps -a by itself', async () => {
    await injectFault('engine connection cut while containers change', async () => {
      // Some containers before the cut: one to stop, one to remove, one to rename meanwhile.
      const [toStop, toRemove, toRename] = [unique(), unique(), unique()];
      for (const name of [toStop, toRemove, toRename]) {
        docker('run', '-d', '--stop-timeout', '1', '--label', label, '--name', name, 'busybox', 'sleep', '300');
      }
      const changes = openRecordedStream<ContainerChange>(backend.server, 'containers.changes', {});
      const status = openRecordedStream<EngineStatus>(backend.server, 'engine.status', {});
      await changes.waitFor(
        'a fresh snapshot with the three',
        (c) =>
          c.type === 'snapshot' &&
          !c.stale &&
          [toStop, toRemove, toRename].every((n) => c.containers.some((x) => x.name === n)),
      );

      const cutAt = changes.events.length;
      proxy.setRefusing(true);
      proxy.cutConnections();
      const lost = await status.waitFor('disconnected', (s) => s.state === 'disconnected', 10_000);
      expect(explainsItself(lost.problem)).toEqual([]);
      await changes.waitFor(
        'the list marked stale',
        (c) => (c.type === 'stale' && c.stale) || (c.type === 'snapshot' && c.stale),
        10_000,
        cutAt,
      );

      // Changes the model cannot see while the engine is away.
      const created = [unique(), unique()];
      await Promise.all([
        dockerAsync('run', '-d', '--label', label, '--name', created[0]!, 'busybox', 'sleep', '300'),
        dockerAsync('create', '--label', label, '--name', created[1]!, 'busybox', 'true'),
        dockerAsync('stop', toStop),
        dockerAsync('rm', '-f', toRemove),
        dockerAsync('rename', toRename, `${toRename}-renamed`),
      ]);
      await sleep(1500);
      proxy.setRefusing(false);

      await status.waitFor('connected again, by itself', (s) => s.state === 'connected', 30_000, 0);
      const rest = await waitForListToMatchEngine(changes.events, 20_000);
      const last = [...changes.events].reverse().find((c) => c.type === 'snapshot' || c.type === 'stale');
      expect(last && 'stale' in last ? last.stale : true).toBe(false);
      const names = [...applyContainerChanges(changes.events).values()].map((c) => c.name);
      expect(names).toEqual(expect.arrayContaining([...created, `${toRename}-renamed`, toStop]));
      expect(names).not.toContain(toRemove);
      changes.close();
      status.close();
      return {
        dataLost: rest.length,
        notes: `reconnected after ${status.events.filter((s) => s.state === 'disconnected').length} disconnected updates`,
      };
    });
  });
});
