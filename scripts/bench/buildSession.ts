import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { buildOptionsSchema, type BuildJob } from '../../src/shared/builds';
import { withTimeout } from './berthPuller';
import { docker, timeCommand } from './docker';
import type { BenchContext } from './types';

/** Timed builds per side and kind (cold, cached), after one untimed warm-up build each. */
export const BUILD_ROUNDS = Number(process.env.BENCH_BUILD_ROUNDS ?? 5);
/** The small files the Dockerfile COPYs. */
export const BUILD_FILES = 2000;
const PAUSE_MS = 300;
const SETTLE_TIMEOUT_MS = 300_000;

/** Six steps, FROM the testbed's busybox; the COPY of 2,000 files is the build context's weight. */
export const BENCH_DOCKERFILE = [
  'FROM busybox',
  'ARG ROUND=0',
  'RUN echo "berth bench" > /bench.txt',
  'COPY files /files',
  'RUN ls /files | wc -l',
  'CMD ["sh"]',
  '',
].join('\n');

export interface TimedBuild {
  wallMs: number;
  /** Berth only: performance.now() of every update builds.onUpdate delivered for the job. */
  updates: number[];
  steps: string[];
}

export interface BuildSession {
  order: string[];
  berthCold: TimedBuild[];
  cliCold: TimedBuild[];
  berthCached: TimedBuild[];
  cliCached: TimedBuild[];
  warmup: { berthMs: number; cliMs: number };
}

let session: Promise<BuildSession> | null = null;

/**
 * Berth's build (createBackend(...).builds, as the app runs it) and `DOCKER_BUILDKIT=0 docker build`
 * of the same context, alternating B C C B …: cold builds with no cache (--no-cache / noCache), then
 * fully cached rebuilds. Run once; each build benchmark reads its part.
 */
export function buildSession(context: BenchContext): Promise<BuildSession> {
  session ??= runSession(context);
  return session;
}

async function runSession(context: BenchContext): Promise<BuildSession> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-build-'));
  fs.mkdirSync(path.join(dir, 'files'));
  for (let file = 0; file < BUILD_FILES; file += 1) {
    fs.writeFileSync(path.join(dir, 'files', `file-${String(file).padStart(4, '0')}.txt`), `small file ${file}\n`);
  }
  fs.writeFileSync(path.join(dir, 'Dockerfile'), BENCH_DOCKERFILE);
  const berthTag = `berth-bench-build-berth-${process.pid}`;
  const cliTag = `berth-bench-build-cli-${process.pid}`;
  // Every image a cold build made (each untags the one before): removed at the end with their parents.
  const images = new Set<string>();
  context.defer(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    for (const image of [berthTag, cliTag, ...images]) {
      try {
        await docker('rmi', image);
      } catch {
        // Already gone with a tag removed before it.
      }
    }
  });

  const backend = createBackend({ system: realHostSystem(process.env) });
  await backend.start();
  context.defer(() => backend.stop());
  if (backend.monitor.getStatus().state !== 'connected') throw new Error("Berth's backend is not connected");

  const berth = async (noCache: boolean): Promise<TimedBuild> => {
    await pause();
    const build = await berthBuild(backend, dir, berthTag, noCache);
    if (build.job.imageId) images.add(build.job.imageId);
    return build.timed;
  };
  const cli = async (noCache: boolean): Promise<TimedBuild> => {
    await pause();
    const args = ['build', ...(noCache ? ['--no-cache'] : []), '-t', cliTag, dir];
    const { ms, stdout } = await timeCommand('docker', args, { ...process.env, DOCKER_BUILDKIT: '0' });
    const built = /Successfully built ([0-9a-f]+)/.exec(stdout)?.[1];
    if (!built) throw new Error(`docker build did not say what it built: ${stdout.slice(-500)}`);
    images.add(built);
    const steps = [...stdout.matchAll(/^Step \d+\/\d+ : .*\n( ---> Using cache)?/gm)].map((match) =>
      match[1] ? 'cached' : 'ran',
    );
    return { wallMs: ms, updates: [], steps };
  };

  context.log(
    `build: ${BUILD_FILES} files; warm-up (one untimed cold build each), then ${BUILD_ROUNDS} rounds B C C B …`,
  );
  const warmup = { berthMs: (await berth(true)).wallMs, cliMs: (await cli(true)).wallMs };
  const result: BuildSession = { order: [], berthCold: [], cliCold: [], berthCached: [], cliCached: [], warmup };
  for (const kind of ['cold', 'cached'] as const) {
    if (kind === 'cached') {
      // Each side's own rebuild first, untimed: the CLI's tar and Berth's differ in file headers the
      // classic builder hashes for COPY, so neither's cold build is the other's cache.
      await berth(false);
      await cli(false);
    }
    for (let round = 0; round < BUILD_ROUNDS; round += 1) {
      const sides = round % 2 === 0 ? (['B', 'C'] as const) : (['C', 'B'] as const);
      for (const side of sides) {
        if (side === 'B') (kind === 'cold' ? result.berthCold : result.berthCached).push(await berth(kind === 'cold'));
        else (kind === 'cold' ? result.cliCold : result.cliCached).push(await cli(kind === 'cold'));
        result.order.push(`${side}${kind === 'cold' ? '' : '*'}`);
      }
      const b = (kind === 'cold' ? result.berthCold : result.berthCached).at(-1)!;
      const c = (kind === 'cold' ? result.cliCold : result.cliCached).at(-1)!;
      context.log(`build: ${kind} round ${round + 1}: berth ${b.wallMs.toFixed(0)} ms, cli ${c.wallMs.toFixed(0)} ms`);
    }
  }
  return result;
}

async function berthBuild(
  backend: Backend,
  contextPath: string,
  tag: string,
  noCache: boolean,
): Promise<{ job: BuildJob; timed: TimedBuild }> {
  const updates: number[] = [];
  let id: string | null = null;
  // One build at a time: the first update comes from within start(), before its id is known.
  const stop = backend.builds.onUpdate((job) => {
    if (job.options.tag === tag && (id === null || job.id === id)) updates.push(performance.now());
  });
  try {
    const started = performance.now();
    const first = backend.builds.start(buildOptionsSchema.parse({ contextPath, tag, noCache }));
    id = first.id;
    const job = await withTimeout(backend.builds.settled(first.id), SETTLE_TIMEOUT_MS, `the build of ${tag}`);
    const wallMs = performance.now() - started;
    // The final update keeps the 100 ms spacing after the job settled: record it too.
    await new Promise((resolve) => setTimeout(resolve, 150));
    if (job.state !== 'done') throw new Error(`Berth's build ended ${job.state}: ${job.error?.message}`);
    return { job, timed: { wallMs, updates, steps: job.steps.map((step) => step.state) } };
  } finally {
    stop();
  }
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, PAUSE_MS));
}
