import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { RequestName } from '../../src/shared/contract';
import { inPool, sleep } from './benchContainers';
import { docker, timeCommand } from './docker';
import { bootstrapRatioInterval, median, round, type BenchContext, type BenchResult, type Benchmark } from './types';

// The volume list, the network list and the disk overview against the docker CLI's, on an engine
// with 500 volumes and 50 networks: Berth's request through its contract server (validation, the
// engine calls, the mapping, the answer's validation) against the CLI process that makes the
// same engine call, alternating B C C B … in one run.

const VOLUMES = Number(process.env.BENCH_STORAGE_VOLUMES ?? 500);
const NETWORKS = Number(process.env.BENCH_STORAGE_NETWORKS ?? 50);
const ROUNDS = Number(process.env.BENCH_STORAGE_ROUNDS ?? 11);
const PAUSE_MS = 100;
const LABEL = 'berth.bench.storage=1';

interface Scenario {
  name: string;
  goal: number;
  request: RequestName;
  /** The docker CLI's command (the format may fall back for an older CLI). */
  cli: (format: string) => string[];
  what: string;
}

const scenarios: Scenario[] = [
  {
    name: 'storage-volume-list',
    goal: 1.0,
    request: 'volumes.list',
    cli: (format) => ['volume', 'ls', '--format', format],
    what: 'the volume list',
  },
  {
    name: 'storage-network-list',
    goal: 1.0,
    request: 'networks.list',
    cli: (format) => ['network', 'ls', '--format', format],
    what: 'the network list',
  },
  {
    name: 'storage-disk-overview',
    goal: 1.05,
    request: 'disk.usage',
    cli: () => ['system', 'df', '-v'],
    what: 'the disk overview',
  },
];

/** One engine state for the three: made once, removed at the end of the suite (context.defer). */
let prepared: Promise<{ volumes: number; networks: number; ms: number }> | null = null;

function prepare(context: BenchContext): Promise<{ volumes: number; networks: number; ms: number }> {
  prepared ??= (async () => {
    await removeStorage();
    context.defer(async () => {
      await removeStorage();
      prepared = null;
    });
    context.log(`storage: creating ${VOLUMES} volumes and ${NETWORKS} networks`);
    const started = performance.now();
    await inPool(VOLUMES, 8, (index) => docker('volume', 'create', '--label', LABEL, `berth-bench-vol-${index}`));
    // Explicit subnets: the engine's default pools hold about 30 bridge networks.
    await inPool(NETWORKS, 4, (index) =>
      docker('network', 'create', '--label', LABEL, '--subnet', `10.77.${index}.0/24`, `berth-bench-net-${index}`),
    );
    const volumes = (await docker('volume', 'ls', '-q')).split('\n').filter(Boolean).length;
    const networks = (await docker('network', 'ls', '-q')).split('\n').filter(Boolean).length;
    return { volumes, networks, ms: performance.now() - started };
  })();
  return prepared;
}

async function removeStorage(): Promise<void> {
  const volumes = (await docker('volume', 'ls', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  for (let index = 0; index < volumes.length; index += 100)
    await docker('volume', 'rm', ...volumes.slice(index, index + 100));
  const networks = (await docker('network', 'ls', '-q', '--filter', `label=${LABEL}`)).split('\n').filter(Boolean);
  if (networks.length > 0) await docker('network', 'rm', ...networks);
}

async function berthOnce(backend: Backend, request: RequestName): Promise<{ ms: number; count: number }> {
  const started = performance.now();
  const result = await backend.server.handleRequest(request, {});
  const ms = performance.now() - started;
  if (!result.ok) throw new Error(`${request} failed: ${result.error.code} ${result.error.message}`);
  const value = result.value as unknown;
  const count = Array.isArray(value) ? value.length : ((value as { volumes?: { count: number } }).volumes?.count ?? 0);
  return { ms, count };
}

async function cliOnce(args: string[]): Promise<{ ms: number; count: number }> {
  const { ms, stdout } = await timeCommand('docker', args);
  return { ms, count: stdout.split('\n').filter((line) => line.trim() !== '').length };
}

function storageBenchmark(scenario: Scenario): Benchmark {
  return {
    name: scenario.name,
    async run(context): Promise<BenchResult> {
      const made = await prepare(context);
      const backend = createBackend({ system: realHostSystem(process.env) });
      try {
        await backend.start();
        if (backend.monitor.getStatus().state !== 'connected') throw new Error("Berth's backend is not connected");
        let format = 'json';
        try {
          await cliOnce(scenario.cli(format));
        } catch {
          format = '{{json .}}';
        }
        const args = scenario.cli(format);
        const warmup = { berth: (await berthOnce(backend, scenario.request)).ms, cli: (await cliOnce(args)).ms };
        const berth: number[] = [];
        const cli: number[] = [];
        const counts = { berth: new Set<number>(), cli: new Set<number>() };
        const order: string[] = [];
        for (let index = 0; index < ROUNDS; index += 1) {
          for (const side of index % 2 === 0 ? (['B', 'C'] as const) : (['C', 'B'] as const)) {
            await sleep(PAUSE_MS);
            const timed = side === 'B' ? await berthOnce(backend, scenario.request) : await cliOnce(args);
            (side === 'B' ? berth : cli).push(timed.ms);
            (side === 'B' ? counts.berth : counts.cli).add(timed.count);
            order.push(side);
          }
        }
        const ratio = median(berth) / median(cli);
        const [low, high] = bootstrapRatioInterval(berth, cli);
        return {
          name: scenario.name,
          goal: `median berth/cli ≤ ${scenario.goal}`,
          value: round(ratio, 3),
          unit: 'ratio',
          met: ratio <= scenario.goal,
          details: {
            summary:
              `${round(ratio, 3)} (Berth ${round(median(berth))} ms, CLI ${round(median(cli))} ms, medians of ${ROUNDS}; ` +
              `${made.volumes} volumes, ${made.networks} networks; 90 % interval ${round(low, 2)}–${round(high, 2)})`,
            rounds: ROUNDS,
            order: order.join(' '),
            berth_ms: berth.map((ms) => round(ms, 2)),
            cli_ms: cli.map((ms) => round(ms, 2)),
            warmup_ms: { berth: round(warmup.berth, 2), cli: round(warmup.cli, 2) },
            rows: { berth: [...counts.berth], cli: [...counts.cli] },
            notes: [
              `${made.volumes} volumes and ${made.networks} networks on the engine (${VOLUMES} and ${NETWORKS} made for this, ` +
                `labelled ${LABEL}, in ${round(made.ms / 1000, 1)} s), ${ROUNDS} rounds alternating B C C B … after one ` +
                `untimed warm-up each; ${PAUSE_MS} ms pause before each.`,
              `Berth: backend.server.handleRequest('${scenario.request}', {}) on a started backend: ${scenario.what} as the ` +
                'renderer gets it (input and answer validated by the contract).',
              `CLI: spawn \`docker ${args.join(' ')}\` → process closed (its time includes starting the CLI).`,
            ],
          },
        };
      } finally {
        backend.stop();
      }
    },
  };
}

export const [volumeListRatio, networkListRatio, diskOverviewRatio] = scenarios.map(storageBenchmark) as [
  Benchmark,
  Benchmark,
  Benchmark,
];
