import type { Readable } from 'node:stream';
import { performance } from 'node:perf_hooks';
import Docker from 'dockerode';
import { createNdjsonParser } from '../../src/main/engine/ndjson';
import type { EngineEvent } from '../../src/main/engine/engineMonitor';
import { docker, imageExists } from './docker';
import type { BenchContext } from './types';

/** Every container a benchmark makes carries this label; the suite removes them all by it at the end. */
export const BENCH_LABEL = 'berth.bench=1';
/** Concurrent `docker create` processes (2 cores here: more only queues in dockerd). */
const CREATE_CONCURRENCY = 8;
/** Containers per `docker rm -f`, and such removals at once. */
const REMOVE_BATCH = 50;
const REMOVE_CONCURRENCY = 4;

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Runs tasks with at most `limit` at once; results in task order. */
export async function inPool<T>(count: number, limit: number, task: (index: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array<T>(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const index = next;
      next += 1;
      results[index] = await task(index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, count) }, worker));
  return results;
}

let cleanupRegistered = false;

/**
 * Before a benchmark makes containers: busybox must be there, leftovers of an earlier run are
 * removed, and the suite's cleanup will remove every labelled container (also after a failure).
 */
export async function prepareBenchContainers(context: BenchContext): Promise<void> {
  if (!cleanupRegistered) {
    cleanupRegistered = true;
    context.defer(async () => {
      const removed = await removeBenchContainers();
      if (removed > 0) context.log(`bench: removed ${removed} leftover bench containers`);
    });
  }
  if (!(await imageExists('busybox'))) {
    context.log('bench: pulling busybox');
    await docker('pull', 'busybox');
  }
  const leftovers = await removeBenchContainers();
  if (leftovers > 0) context.log(`bench: removed ${leftovers} containers left by an earlier run`);
}

/** `docker create --label berth.bench=1 [extra labels] busybox true`, count times, in parallel; the ids and the wall time. */
export async function createBenchContainers(
  count: number,
  extraArgs: string[] = [],
): Promise<{ ids: string[]; ms: number }> {
  const started = performance.now();
  const ids = await inPool(count, CREATE_CONCURRENCY, () =>
    docker('create', '--label', BENCH_LABEL, ...extraArgs, 'busybox', 'true'),
  );
  return { ids, ms: performance.now() - started };
}

/** `docker rm -f` of every container with the label (or a narrower filter), in parallel batches; how many. */
export async function removeBenchContainers(label = BENCH_LABEL): Promise<number> {
  const ids = (await docker('ps', '-aq', '--no-trunc', '--filter', `label=${label}`)).split('\n').filter(Boolean);
  const batches: string[][] = [];
  for (let index = 0; index < ids.length; index += REMOVE_BATCH) batches.push(ids.slice(index, index + REMOVE_BATCH));
  await inPool(batches.length, REMOVE_CONCURRENCY, async (index) => {
    try {
      await docker('rm', '-f', ...batches[index]!);
    } catch (error) {
      // A container already gone (removed by its own --rm, or by a test) is not a failure.
      if (!/No such container/i.test(String(error))) throw error;
    }
  });
  return ids.length;
}

/** How many containers the engine has, all states (`docker ps -aq | wc -l`). */
export async function containerCount(): Promise<number> {
  return (await docker('ps', '-aq')).split('\n').filter(Boolean).length;
}

export interface EngineEventTap {
  /** Every container event seen so far, with Date.now() at arrival in this process. */
  events(): Array<EngineEvent & { receivedAt: number }>;
  /** The first event (seen from now on, or already seen) that matches; rejects after timeoutMs. */
  waitFor(match: (event: EngineEvent) => boolean, timeoutMs: number, what: string): Promise<EngineEvent>;
  close(): void;
}

/**
 * The engine's own GET /events (containers only), read in the benchmark process straight from the
 * engine (not through Berth or any proxy): the engine's timestamps, and what happened meanwhile.
 */
export async function tapEngineEvents(): Promise<EngineEventTap> {
  const client = new Docker();
  const abort = new AbortController();
  const seen: Array<EngineEvent & { receivedAt: number }> = [];
  const waiters = new Set<{ match: (event: EngineEvent) => boolean; resolve: (event: EngineEvent) => void }>();
  const stream = (await client.getEvents({
    filters: { type: ['container'] },
    abortSignal: abort.signal,
  } as Docker.GetEventsOptions)) as unknown as Readable;
  const parser = createNdjsonParser((value) => {
    const event = { ...(value as EngineEvent), receivedAt: Date.now() };
    seen.push(event);
    for (const waiter of [...waiters]) {
      if (waiter.match(event)) {
        waiters.delete(waiter);
        waiter.resolve(event);
      }
    }
  });
  stream.on('data', (chunk: Buffer) => parser.push(chunk));
  stream.on('error', () => undefined);
  return {
    events: () => [...seen],
    waitFor(match, timeoutMs, what) {
      const already = seen.find(match);
      if (already) return Promise.resolve(already);
      return new Promise<EngineEvent>((resolve, reject) => {
        const waiter = {
          match,
          resolve: (event: EngineEvent) => {
            clearTimeout(timer);
            resolve(event);
          },
        };
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no ${what} event within ${timeoutMs / 1000} s`));
        }, timeoutMs);
        waiters.add(waiter);
      });
    },
    close() {
      abort.abort();
      stream.destroy();
      (client.modem as { agent?: { destroy(): void } }).agent?.destroy();
    },
  };
}

/** The engine's event time in epoch ms (timeNano when present: the engine's own nanosecond clock). */
export function eventEpochMs(event: EngineEvent): number {
  if (typeof event.timeNano === 'number') return event.timeNano / 1e6;
  return (event.time ?? 0) * 1000;
}
