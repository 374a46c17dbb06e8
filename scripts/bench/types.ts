/** What every benchmark hands back: one row of the report. */
export interface BenchResult {
  name: string;
  /** The goal in words, e.g. "berth/cli ≤ 1.05". */
  goal: string;
  /** The figure the goal is judged on; null when the benchmark could not run. */
  value: number | null;
  unit: string;
  met: boolean;
  details: BenchDetails;
}

export interface BenchDetails {
  /** One line for the Markdown table's result column; the value and unit when absent. */
  summary?: string;
  /** A few lines for the Markdown notes: what was measured and how. */
  notes?: string[];
  /** Set when the benchmark could not run at all. */
  error?: string;
  [key: string]: unknown;
}

export interface BenchContext {
  /** Progress lines go to stderr, so stdout keeps the Markdown table. */
  log(message: string): void;
  /** Runs at the end of the suite, newest first, even when a benchmark threw. */
  defer(cleanup: () => unknown): void;
}

/** One entry of the suite's registry (scripts/bench.ts). */
export interface Benchmark {
  name: string;
  /** Throws only when the benchmark could not run; a missed goal is a result with met: false. */
  run(context: BenchContext): Promise<BenchResult>;
}

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Rounds to a given number of decimals, for reports. */
export function round(value: number, decimals = 1): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * The most timestamps (ms) that fall in any window [t, t + windowMs) starting at one of them, and
 * where that window starts. Sliding, so it is never lower than a bucketed count.
 */
export function maxInWindow(times: readonly number[], windowMs = 1000): { count: number; start: number | null } {
  const sorted = [...times].sort((a, b) => a - b);
  let best = { count: 0, start: null as number | null };
  let end = 0;
  for (let begin = 0; begin < sorted.length; begin += 1) {
    while (end < sorted.length && sorted[end]! < sorted[begin]! + windowMs) end += 1;
    if (end - begin > best.count) best = { count: end - begin, start: sorted[begin]! };
  }
  return best;
}

export function countInWindow(times: readonly number[], start: number, windowMs = 1000): number {
  return times.filter((time) => time >= start && time < start + windowMs).length;
}

/**
 * A percentile bootstrap interval for median(a) / median(b): how far the ratio moves when the
 * rounds are resampled. Seeded, so the same samples give the same interval.
 */
export function bootstrapRatioInterval(
  a: readonly number[],
  b: readonly number[],
  confidence = 0.9,
  resamples = 2000,
): [number, number] {
  let seed = 0x2545f491;
  const random = () => {
    // xorshift32
    seed ^= seed << 13;
    seed ^= seed >>> 17;
    seed ^= seed << 5;
    return (seed >>> 0) / 0x100000000;
  };
  const resample = (values: readonly number[]) => values.map(() => values[Math.floor(random() * values.length)]!);
  const ratios: number[] = [];
  for (let index = 0; index < resamples; index += 1) ratios.push(median(resample(a)) / median(resample(b)));
  ratios.sort((x, y) => x - y);
  const tail = (1 - confidence) / 2;
  return [ratios[Math.floor(tail * resamples)]!, ratios[Math.ceil((1 - tail) * resamples) - 1]!];
}
