import { isDeepStrictEqual } from 'node:util';
import { startThrottledProxy } from '../../tests/fixtures/throttledProxy';
import type { RecordedPull } from './berthPuller';
import { REGISTRY, removeImageCompletely } from './docker';
import { PULL_IMAGE, pullSession, sharedPuller } from './pullSession';
import { countInWindow, maxInWindow, median, round, type Benchmark } from './types';

const GOAL_PER_SECOND = 10;
const THROTTLE_BYTES_PER_SECOND = 1_000_000;

interface PullStats {
  reference: string;
  wall_ms: number;
  updates: number;
  /** Most updates delivered in any 1 s window (sliding, [t, t + 1 s)). */
  max_updates_1s: number;
  /** Raw engine messages in that same window. */
  raw_in_that_window: number;
  /** Most updates in any whole second counted from the pull's start (buckets [0, 1 s), [1 s, 2 s) …). */
  max_updates_bucketed_1s: number;
  /** The shortest time between two updates before the final one: the throttle's interval at work. */
  min_gap_ms: number | null;
  /** From the update before the final one to the final one (the final state is sent at once). */
  final_gap_ms: number | null;
  /** Most raw engine messages in any 1 s window. */
  max_raw_1s: number;
  raw_messages: number;
  final_is_settled: boolean;
  digest_matches_docker: boolean;
}

function statsOf(pull: RecordedPull): PullStats {
  const times = pull.updates.map((update) => update.at);
  const busiest = maxInWindow(times);
  const last = pull.updates[pull.updates.length - 1]?.job;
  const origin = times[0] ?? 0;
  const buckets = new Map<number, number>();
  for (const time of times) {
    const bucket = Math.floor((time - origin) / 1000);
    buckets.set(bucket, (buckets.get(bucket) ?? 0) + 1);
  }
  const gaps = times.slice(1).map((time, index) => time - times[index]!);
  const beforeFinal = gaps.slice(0, -1);
  return {
    reference: pull.reference,
    wall_ms: round(pull.wallMs),
    updates: pull.updates.length,
    max_updates_1s: busiest.count,
    max_updates_bucketed_1s: Math.max(0, ...buckets.values()),
    min_gap_ms: beforeFinal.length > 0 ? round(Math.min(...beforeFinal), 2) : null,
    final_gap_ms: gaps.length > 0 ? round(gaps[gaps.length - 1]!, 2) : null,
    raw_in_that_window: busiest.start === null ? 0 : countInWindow(pull.raw, busiest.start),
    max_raw_1s: maxInWindow(pull.raw).count,
    raw_messages: pull.raw.length,
    // The same object settled() resolved with, or at least an equal one.
    final_is_settled: last !== undefined && (last === pull.job || isDeepStrictEqual(last, pull.job)),
    digest_matches_docker: pull.job.digest !== null && pull.job.digest === pull.dockerDigest,
  };
}

/** How many updates pulls.onUpdate delivers per second, and whether the last one is the final state. */
export const progressCoalescing: Benchmark = {
  name: 'progress-coalescing',
  async run(context) {
    const session = await pullSession(context);
    const puller = await sharedPuller(context);

    // A pull long enough to show a rate: the same registry behind a 1 MB/s proxy.
    context.log(`coalescing: one pull through a ${THROTTLE_BYTES_PER_SECOND / 1e6} MB/s proxy`);
    await removeImageCompletely(PULL_IMAGE);
    const proxy = await startThrottledProxy({ target: REGISTRY, bytesPerSecond: THROTTLE_BYTES_PER_SECOND });
    const reference = `${proxy.address}/library/redis:latest`;
    let throttledPull: RecordedPull;
    try {
      await removeImageCompletely(reference);
      throttledPull = await puller.pull(reference);
    } finally {
      await proxy.close();
      await removeImageCompletely(reference).catch((error: unknown) => context.log(`coalescing: ${String(error)}`));
    }

    const fast = session.berth.map(statsOf);
    const throttled = statsOf(throttledPull);
    const all = [...fast, throttled];
    const worst = Math.max(...all.map((stats) => stats.max_updates_1s));
    const finalExact = all.every((stats) => stats.final_is_settled && stats.digest_matches_docker);
    const throttledSeconds = throttledPull.wallMs / 1000;

    return {
      name: 'progress-coalescing',
      goal: `≤ ${GOAL_PER_SECOND} updates per pull in any 1 s window, and final update = settled() with docker's digest`,
      value: worst,
      unit: 'updates/s (max)',
      met: worst <= GOAL_PER_SECOND && finalExact,
      details: {
        summary: `max ${worst}/s; throttled pull ${throttled.max_updates_1s}/s delivered vs ${throttled.raw_in_that_window} raw in that second; final_exact ${finalExact}`,
        max_updates_per_second: worst,
        final_exact: finalExact,
        throttled: {
          ...throttled,
          bytes_per_second: THROTTLE_BYTES_PER_SECOND,
          mean_updates_per_second: round(throttled.updates / throttledSeconds, 2),
          mean_raw_per_second: round(throttled.raw_messages / throttledSeconds, 2),
        },
        unthrottled: {
          pulls: fast.length,
          max_updates_1s: Math.max(...fast.map((stats) => stats.max_updates_1s)),
          median_updates: median(fast.map((stats) => stats.updates)),
          median_raw_messages: median(fast.map((stats) => stats.raw_messages)),
          median_wall_ms: round(median(fast.map((stats) => stats.wall_ms))),
          per_pull: fast,
        },
        notes: [
          'Updates: every call of the listener given to pulls.onUpdate, for the job, timestamped on delivery (performance.now()); ' +
            'the count includes the first (0 %) and the final update. Rate = most updates in any sliding window [t, t + 1 s).',
          "Raw: NDJSON lines of the engine's POST /images/create answer, counted on the same pull on the same response stream " +
            "the PullManager parses (bench-side wrapper of the dockerode client's createImage; its emit is intercepted, the stream's flow is untouched).",
          `Throttled: ${reference.replace(/:\d+\//, ':<port>/')} through tests/fixtures/throttledProxy (${THROTTLE_BYTES_PER_SECOND / 1e6} MB/s), ` +
            `${round(throttledSeconds, 1)} s: ${throttled.updates} updates for ${throttled.raw_messages} raw messages; ` +
            `busiest second ${throttled.max_updates_1s} delivered vs ${throttled.raw_in_that_window} raw (raw peak ${throttled.max_raw_1s}/s).`,
          `Throttle at work: shortest gap between two updates ${throttled.min_gap_ms} ms, the final update ${throttled.final_gap_ms} ms after the one before ` +
            '(PullManager: one update per 100 ms by Date.now, the final state at once), so a sliding second can hold 11 in the worst case; ' +
            `this run's busiest second held ${throttled.max_updates_1s} (bucketed by whole seconds from the start: ${throttled.max_updates_bucketed_1s}).`,
          `Unthrottled: the ${fast.length} timed Berth pulls of pull-overhead (median ${round(median(fast.map((s) => s.wall_ms)), 0)} ms, ` +
            `median ${median(fast.map((s) => s.updates))} updates for ${median(fast.map((s) => s.raw_messages))} raw messages); ` +
            'a pull shorter than 1 s has all its updates in one window.',
          "final_exact: for every pull the last delivered update is the job settled() resolved with, and its digest is the one `docker image inspect --format '{{index .RepoDigests 0}}'` reports.",
        ],
      },
    };
  },
};
