import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { WireError } from '../../src/shared/errors';
import type { HubSearchResult } from '../../src/shared/hub';
import {
  explainsItself,
  injectFault,
  requestOk,
  startFakeHubProcess,
  type RemoteFakeHub,
} from '../fixtures/faultTools';
import type { FakeHubMode } from '../fixtures/fakeHub';

// Docker Hub misbehaving, as the renderer sees it through hub.search: every fault gives a sentence
// the user can act on (and, for a rate limit, when to try again), and the next search works.
// When the Hub API fails, Berth asks the engine's own search; offline that fails too, so the
// answer is either the Hub's error or engine results marked with the Hub's problem.

/** What the user sees for a search: the error, or the Hub problem shown above engine results. */
async function searchProblem(backend: Backend, query: string): Promise<{ problem: WireError; fallback: boolean }> {
  const result = await backend.server.handleRequest('hub.search', { query });
  if (!result.ok) return { problem: result.error, fallback: false };
  const value = result.value as HubSearchResult;
  if (value.source !== 'engine' || !value.hubProblem) throw new Error(`the search worked: ${JSON.stringify(value)}`);
  return { problem: value.hubProblem, fallback: true };
}

describe('Docker Hub faults, through backend.server', () => {
  // In a process of its own: its 10 MB of buffers must not count in this process's memory figures.
  let hub: RemoteFakeHub;
  let backend: Backend;

  beforeAll(async () => {
    hub = await startFakeHubProcess();
    backend = createBackend({ system: realHostSystem({ ...process.env, BERTH_HUB_URL: hub.url }) });
    await backend.start();
  });
  afterAll(async () => {
    backend?.stop();
    await hub?.close();
  });

  async function nextSearchWorks(): Promise<void> {
    await hub.setMode('normal');
    const result = await requestOk<HubSearchResult>(backend.server, 'hub.search', { query: 'redis' });
    expect(result.source).toBe('hub');
    expect(result.results[0]?.displayName).toBe('redis');
  }

  const cases: Array<{ mode: FakeHubMode; fault: string; code: WireError['code']; says: RegExp }> = [
    { mode: 'slow', fault: 'Hub API never answers (timeout)', code: 'hub-timeout', says: /did not answer within/ },
    {
      mode: 'rate-limited',
      fault: 'Hub API 429 with Retry-After',
      code: 'hub-rate-limited',
      says: /works again in \d+ s/,
    },
    { mode: 'server-error', fault: 'Hub API 500', code: 'hub-error', says: /500/ },
    { mode: 'invalid-json', fault: 'Hub API invalid JSON', code: 'hub-error', says: /not JSON/ },
  ];

  for (const { mode, fault, code, says } of cases) {
    it(`${fault}: ${code} with its own words, then the next search works`, async () => {
      await injectFault(fault, async () => {
        await hub.setMode(mode);
        const started = Date.now();
        const { problem, fallback } = await searchProblem(backend, 'redis');
        expect(problem.code).toBe(code);
        expect(problem.message).toMatch(says);
        expect(explainsItself(problem)).toEqual([]);
        if (mode === 'rate-limited') {
          // When search works again, from the Retry-After header (30 s).
          expect(problem.retryAt).toBeGreaterThan(started + 25_000);
          expect(problem.retryAt).toBeLessThan(Date.now() + 35_000);
        }
        await nextSearchWorks();
        return {
          dataLost: 0,
          notes: `${problem.code}${fallback ? ' (engine results shown)' : ''}: ${problem.message}`.slice(0, 200),
        };
      });
    });
  }

  it('a 10 MB answer: refused at 5 MB with its own words, memory stays bounded, the next search works', async () => {
    await injectFault('Hub API 10 MB body', async () => {
      const gc = () => (globalThis as { gc?: () => void }).gc?.();
      const rounds: Array<{ rss: number; heap: number }> = [];
      const measure = async () => {
        // A cancelled answer lets go of its buffers once its socket has closed: give it a moment.
        await new Promise((resolve) => setTimeout(resolve, 300));
        gc();
        gc();
        const usage = process.memoryUsage();
        rounds.push({ rss: usage.rss, heap: usage.heapUsed + usage.arrayBuffers });
      };
      // One answer first, so that fetch's own start-up (its pool, its buffers) is not counted.
      await hub.setMode('huge');
      await searchProblem(backend, 'huge');
      await measure();
      let peakRss = rounds[0]!.rss;
      const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 10);
      await hub.setMode('huge');
      const problems: WireError[] = [];
      try {
        // Three rounds of three: a leak would grow round after round, a bounded reader would not.
        for (let round = 0; round < 3; round++) {
          for (let i = 0; i < 3; i++) problems.push((await searchProblem(backend, 'huge')).problem);
          await measure();
        }
      } finally {
        clearInterval(sampler);
      }
      for (const problem of problems) {
        expect(problem.code).toBe('hub-error');
        expect(problem.message).toMatch(/larger than 5242880 bytes/);
        expect(explainsItself(problem)).toEqual([]);
      }
      const mb = (bytes: number) => bytes / 2 ** 20;
      const [start, first, , last] = rounds as [
        (typeof rounds)[0],
        (typeof rounds)[0],
        (typeof rounds)[0],
        (typeof rounds)[0],
      ];
      const peakMb = mb(peakRss - start.rss);
      const rssGrowthMb = mb(last.rss - start.rss);
      const laterRoundsMb = mb(last.rss - first.rss);
      const heapMb = mb(last.heap - start.heap);
      const laterHeapMb = mb(last.heap - first.heap);
      const figures =
        `RSS peak +${peakMb.toFixed(1)} MB, after 9 answers +${rssGrowthMb.toFixed(1)} MB ` +
        `(rounds 2-3: ${laterRoundsMb.toFixed(1)} MB), heap after GC +${heapMb.toFixed(1)} MB (rounds 2-3: ${laterHeapMb.toFixed(1)} MB)`;
      console.log(`hub 10 MB answers: ${figures}`);
      // Each answer is cut at 5 MB while it is read: the peak stays far from 9 x 10 MB (garbage waits
      // for the collector, so it is a few caps' worth), and after a collection nothing is left: rounds
      // 2 and 3 add next to nothing to the heap, so nothing accumulates.
      // (RSS after the fact is the allocator's business; live memory is the heap after a collection.)
      expect(peakMb).toBeLessThan(64);
      expect(rssGrowthMb).toBeLessThan(32);
      expect(heapMb).toBeLessThan(8);
      expect(laterHeapMb).toBeLessThan(4);
      await nextSearchWorks();
      return { dataLost: 0, notes: figures };
    });
  });
});
