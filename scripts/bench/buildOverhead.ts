import { BENCH_DOCKERFILE, BUILD_FILES, BUILD_ROUNDS, buildSession, type TimedBuild } from './buildSession';
import { bootstrapRatioInterval, maxInWindow, median, round, type Benchmark, type BenchResult } from './types';

const GOAL_RATIO = 1.05;
const GOAL_UPDATES_PER_SECOND = 10;

function ratioResult(name: string, kind: 'cold' | 'cached', berth: TimedBuild[], cli: TimedBuild[]): BenchResult {
  const berthMs = berth.map((build) => build.wallMs);
  const cliMs = cli.map((build) => build.wallMs);
  const ratio = median(berthMs) / median(cliMs);
  const [low, high] = bootstrapRatioInterval(berthMs, cliMs);
  const how =
    kind === 'cold'
      ? 'every step runs: Berth noCache, CLI --no-cache'
      : 'every step from the build cache (checked on both sides)';
  return {
    name,
    goal: `median berth/cli ≤ ${GOAL_RATIO}`,
    value: round(ratio, 3),
    unit: 'ratio',
    met: ratio <= GOAL_RATIO,
    details: {
      summary: `${round(ratio, 3)} (Berth ${round(median(berthMs), 0)} ms, CLI ${round(median(cliMs), 0)} ms, medians of ${berthMs.length}; 90 % interval ${round(low, 2)}–${round(high, 2)})`,
      berth_ms: berthMs.map((ms) => round(ms)),
      cli_ms: cliMs.map((ms) => round(ms)),
      berth_steps: berth[0]?.steps.join(' '),
      cli_steps: cli[0]?.steps.join(' '),
      notes: [
        `${kind} builds (${how}) of a 6-step Dockerfile FROM busybox that COPYs ${BUILD_FILES} small files, ${BUILD_ROUNDS} per side, alternating.`,
        "Berth: createBackend(...).builds.start() → builds.settled(id), in this process (packing the context included). CLI: spawn `DOCKER_BUILDKIT=0 docker build` → process closed (the CLI's start included).",
        `Dockerfile: ${BENCH_DOCKERFILE.trim().split('\n').join(' | ')}`,
      ],
    },
  };
}

export const buildColdRatio: Benchmark = {
  name: 'build-cold',
  async run(context) {
    const session = await buildSession(context);
    return ratioResult('build-cold', 'cold', session.berthCold, session.cliCold);
  },
};

export const buildCachedRatio: Benchmark = {
  name: 'build-cached',
  async run(context) {
    const session = await buildSession(context);
    const notCached = [...session.berthCached, ...session.cliCached].filter((build) =>
      build.steps.slice(1).some((state) => state !== 'cached'),
    );
    if (notCached.length > 0)
      throw new Error(`a rebuild ran a step: ${notCached.map((b) => b.steps.join(' ')).join('; ')}`);
    return ratioResult('build-cached', 'cached', session.berthCached, session.cliCached);
  },
};

export const buildUpdates: Benchmark = {
  name: 'build-updates',
  async run(context) {
    const session = await buildSession(context);
    const builds = [...session.berthCold, ...session.berthCached];
    const busiest = Math.max(...builds.map((build) => maxInWindow(build.updates).count));
    return {
      name: 'build-updates',
      goal: `≤ ${GOAL_UPDATES_PER_SECOND} updates/s to the renderer`,
      value: busiest,
      unit: 'updates in the busiest 1 s',
      met: busiest <= GOAL_UPDATES_PER_SECOND,
      details: {
        summary: `${busiest} in the busiest second of any build (updates per build: ${builds.map((build) => build.updates.length).join(', ')})`,
        notes: [
          'Every update builds.onUpdate delivered (what the builds.jobs stream sends the renderer), counted in a sliding 1 s window, over every timed Berth build.',
        ],
      },
    };
  },
};
