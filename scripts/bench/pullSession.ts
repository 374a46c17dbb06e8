import type { BenchContext } from './types';
import { BerthPuller, type RecordedPull } from './berthPuller';
import { removeImageCompletely, timeCommand } from './docker';

/** The image both sides pull: the testbed's redis (three layers) through dockerd's mirror. */
export const PULL_IMAGE = 'redis';
/** Timed pulls per side (Berth and the docker CLI), after one untimed warm-up pull each. */
export const PULL_ROUNDS = Number(process.env.BENCH_PULL_ROUNDS ?? 10);
/** The same pause before every pull, after the removal, so dockerd is idle when the clock starts. */
const PAUSE_MS = 300;

export interface CliPull {
  wallMs: number;
  /** No "Already exists" line: every layer was downloaded. */
  allLayersDownloaded: boolean;
}

export interface PullSession {
  puller: BerthPuller;
  /** In the order they ran; "B" Berth, "C" CLI. */
  order: string[];
  berth: RecordedPull[];
  cli: CliPull[];
  warmup: { berthMs: number; cliMs: number };
}

let puller: Promise<BerthPuller> | null = null;
let session: Promise<PullSession> | null = null;

/** One Berth backend for every pull benchmark, stopped when the suite ends. */
export function sharedPuller(context: BenchContext): Promise<BerthPuller> {
  if (!puller) {
    puller = BerthPuller.start();
    const started = puller;
    context.defer(async () => (await started).stop());
    started.catch(() => undefined);
  }
  return puller;
}

/**
 * Berth's pull of redis and `docker pull redis`, alternating B C C B B C …, the image removed
 * (with its containers) before each. Run once; pull-overhead reads its times, progress-coalescing
 * its updates.
 */
export function pullSession(context: BenchContext): Promise<PullSession> {
  session ??= runSession(context);
  return session;
}

async function runSession(context: BenchContext): Promise<PullSession> {
  const berthPuller = await sharedPuller(context);
  const berthPull = async () => {
    await removeImageCompletely(PULL_IMAGE);
    await pause();
    const pull = await berthPuller.pull(PULL_IMAGE);
    if (!pull.job.layers.every((layer) => layer.state === 'pull-complete')) {
      throw new Error(`a layer was not downloaded: ${JSON.stringify(pull.job.layers)}`);
    }
    return pull;
  };
  const cliPull = async (): Promise<CliPull> => {
    await removeImageCompletely(PULL_IMAGE);
    await pause();
    const { ms, stdout } = await timeCommand('docker', ['pull', PULL_IMAGE]);
    if (!stdout.includes('Downloaded newer image')) throw new Error(`docker pull did not download: ${stdout}`);
    return { wallMs: ms, allLayersDownloaded: !stdout.includes('Already exists') };
  };

  context.log(`pull: warm-up (one untimed pull each), then ${PULL_ROUNDS} rounds B C C B …`);
  const warmup = { berthMs: (await berthPull()).wallMs, cliMs: (await cliPull()).wallMs };
  const result: PullSession = { puller: berthPuller, order: [], berth: [], cli: [], warmup };
  for (let round = 0; round < PULL_ROUNDS; round += 1) {
    const sides = round % 2 === 0 ? (['B', 'C'] as const) : (['C', 'B'] as const);
    for (const side of sides) {
      if (side === 'B') result.berth.push(await berthPull());
      else result.cli.push(await cliPull());
      result.order.push(side);
    }
    const b = result.berth[result.berth.length - 1]!;
    const c = result.cli[result.cli.length - 1]!;
    context.log(`pull: round ${round + 1}: berth ${b.wallMs.toFixed(0)} ms, cli ${c.wallMs.toFixed(0)} ms`);
  }
  return result;
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
