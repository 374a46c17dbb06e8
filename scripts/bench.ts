import os from 'node:os';
import path from 'node:path';
import { buildCachedRatio, buildColdRatio, buildUpdates } from './bench/buildOverhead';
import { composeState } from './bench/composeState';
import { composeUpRatio } from './bench/composeUp';
import { containerChangeLatency } from './bench/containerChangeLatency';
import { containerListLatency } from './bench/containerListLatency';
import { containerScale } from './bench/containerScale';
import { dockerServerVersion, ensureTestbed, restoreTestbedImages } from './bench/docker';
import { eventStorm } from './bench/eventStorm';
import { firstScreenSize } from './bench/firstScreenSize';
import { hubSearch } from './bench/hubSearch';
import { idleCost } from './bench/idleCost';
import { lessonStep } from './bench/lessonStep';
import { logsThroughput } from './bench/logsThroughput';
import { onboardingClicks } from './bench/onboardingClicks';
import { progressCoalescing } from './bench/progressCoalescing';
import { pullOverhead } from './bench/pullOverhead';
import { diskOverviewRatio, networkListRatio, volumeListRatio } from './bench/storageLists';
import { markdownTable, writeReports, type BenchReport } from './bench/report';
import type { BenchContext, Benchmark, BenchResult } from './bench/types';

// `npm run bench [-- NAME …]` (a NAME may be a group: `build` runs build-cold, build-cached and
// build-updates): Berth's speed against the docker CLI and its own goals, measured on
// this machine in this run. A report, not a test: a missed goal is `met: false` and the exit code
// stays 0; only a benchmark that could not run at all makes it non-zero.

/** Every benchmark, in the order they run. A new benchmark is one file in scripts/bench/ and one line here. */
const benchmarks: Benchmark[] = [
  pullOverhead,
  progressCoalescing,
  hubSearch,
  containerListLatency,
  containerChangeLatency,
  idleCost,
  eventStorm,
  containerScale,
  logsThroughput,
  onboardingClicks,
  firstScreenSize,
  buildColdRatio,
  buildCachedRatio,
  buildUpdates,
  volumeListRatio,
  networkListRatio,
  diskOverviewRatio,
  composeUpRatio,
  composeState,
  lessonStep,
];

const projectRoot = path.resolve(__dirname, '..');
const outputDir = path.join(projectRoot, 'bench-results');

const log = (message: string) => console.error(message);
const cleanups: Array<() => unknown> = [];
const context: BenchContext = { log, defer: (cleanup) => cleanups.push(cleanup) };

async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (error) {
      log(`bench: cleanup failed: ${String(error)}`);
    }
  }
  try {
    await restoreTestbedImages(log);
  } catch (error) {
    log(`bench: could not pull the testbed images back: ${String(error)}`);
  }
}

function couldNotRun(name: string, error: unknown): BenchResult {
  const message = error instanceof Error ? error.message : String(error);
  return { name, goal: '—', value: null, unit: '', met: false, details: { error: message } };
}

async function main(): Promise<number> {
  const wanted = process.argv.slice(2);
  const selects = (name: string, benchmark: Benchmark) =>
    benchmark.name === name || benchmark.name.startsWith(`${name}-`);
  const unknown = wanted.filter((name) => !benchmarks.some((benchmark) => selects(name, benchmark)));
  if (unknown.length > 0) {
    log(`bench: unknown benchmark ${unknown.join(', ')}; known: ${benchmarks.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected =
    wanted.length > 0 ? benchmarks.filter((benchmark) => wanted.some((name) => selects(name, benchmark))) : benchmarks;
  process.chdir(projectRoot);

  const results: BenchResult[] = [];
  const started = Date.now();
  try {
    await ensureTestbed(log);
  } catch (error) {
    log(`bench: ${String(error)}`);
  }
  try {
    for (const benchmark of selected) {
      const began = Date.now();
      log(`bench: ${benchmark.name}…`);
      try {
        results.push(await benchmark.run(context));
      } catch (error) {
        log(
          `bench: ${benchmark.name} could not run: ${error instanceof Error ? (error.stack ?? error.message) : error}`,
        );
        results.push(couldNotRun(benchmark.name, error));
      }
      log(`bench: ${benchmark.name} took ${((Date.now() - began) / 1000).toFixed(1)} s`);
    }
  } finally {
    await cleanUp();
  }

  const cpus = os.cpus();
  const report: BenchReport = {
    date: new Date().toISOString(),
    machine: {
      cpus: cpus.length,
      cpu_model: cpus[0]?.model.trim() ?? null,
      node: process.version,
      docker: await dockerServerVersion(),
    },
    results,
  };
  const files = writeReports(outputDir, report);
  console.log(markdownTable(report));
  log(
    `bench: ${((Date.now() - started) / 1000).toFixed(0)} s; wrote ${path.relative(projectRoot, files.json)} and ${path.relative(projectRoot, files.markdown)}`,
  );
  return results.some((result) => result.details.error !== undefined) ? 1 : 0;
}

let interrupted = false;
process.on('SIGINT', () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  log('bench: interrupted; cleaning up (Ctrl+C again to leave at once)');
  void cleanUp().finally(() => process.exit(130));
});

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    log(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
