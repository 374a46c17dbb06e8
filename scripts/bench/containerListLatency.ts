import { performance } from 'node:perf_hooks';
import { createBackend, type Backend } from '../../src/main/backend';
import { ContainerModel } from '../../src/main/containers/containerModel';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { withTimeout } from './berthPuller';
import {
  containerCount,
  createBenchContainers,
  prepareBenchContainers,
  removeBenchContainers,
  sleep,
} from './benchContainers';
import { timeCommand } from './docker';
import { bootstrapRatioInterval, median, round, type Benchmark } from './types';

const GOAL_RATIO = 1.0;
const CONTAINERS = 200;
/** Timed rounds (one Berth list and one CLI list each), after one untimed warm-up each. */
const ROUNDS = Number(process.env.BENCH_LIST_ROUNDS ?? 11);
/** The same quiet moment before every timed list. */
const PAUSE_MS = 100;

interface BerthList {
  ms: number;
  count: number;
  stale: boolean;
}

/** A fresh ContainerModel on the started backend's monitor: subscribe → first snapshot, then dispose. */
async function berthFirstSnapshot(backend: Backend): Promise<BerthList> {
  const model = new ContainerModel({ getClient: () => backend.monitor.requireClient(), monitor: backend.monitor });
  try {
    return await withTimeout(
      new Promise<BerthList>((resolve) => {
        const started = performance.now();
        model.subscribe((change) => {
          if (change.type !== 'snapshot') return;
          resolve({ ms: performance.now() - started, count: change.containers.length, stale: change.stale });
        });
      }),
      30_000,
      "the ContainerModel's first snapshot",
    );
  } finally {
    model.dispose();
  }
}

/** `docker ps -a --format json` (CLI ≥ 23), or `--format '{{json .}}'` where json is not a format yet. */
async function cliList(format: string): Promise<{ ms: number; count: number }> {
  const { ms, stdout } = await timeCommand('docker', ['ps', '-a', '--format', format]);
  return { ms, count: stdout.split('\n').filter((line) => line.startsWith('{')).length };
}

/** Berth's first container list against `docker ps -a`, with 200 containers present. */
export const containerListLatency: Benchmark = {
  name: 'container-list-latency',
  async run(context) {
    await prepareBenchContainers(context);
    context.log(`list: creating ${CONTAINERS} containers`);
    const created = await createBenchContainers(CONTAINERS);
    const present = await containerCount();
    context.log(`list: ${CONTAINERS} created in ${(created.ms / 1000).toFixed(1)} s; ${present} containers in all`);

    const backend = createBackend({ system: realHostSystem(process.env) });
    try {
      await backend.start();
      const status = backend.monitor.getStatus();
      if (status.state !== 'connected') {
        throw new Error(`Berth's backend is not connected to the engine: ${JSON.stringify(status.problem)}`);
      }
      let format = 'json';
      try {
        await cliList(format);
      } catch {
        format = '{{json .}}';
      }
      // Warm-up (untimed): the first list of each side, and the engine's own list cache.
      const warmup = { berth: (await berthFirstSnapshot(backend)).ms, cli: (await cliList(format)).ms };
      const berth: BerthList[] = [];
      const cli: Array<{ ms: number; count: number }> = [];
      /** GET /containers/json?all=1 on the same client, no model: the engine's and the transport's share. */
      const api: number[] = [];
      const order: string[] = [];
      context.log(`list: ${ROUNDS} rounds B C C B … (plus the bare API call after each round)`);
      for (let round = 0; round < ROUNDS; round += 1) {
        const sides = round % 2 === 0 ? (['B', 'C'] as const) : (['C', 'B'] as const);
        for (const side of sides) {
          await sleep(PAUSE_MS);
          if (side === 'B') {
            const list = await berthFirstSnapshot(backend);
            if (list.stale) throw new Error('the snapshot came stale: the backend lost the engine');
            berth.push(list);
          } else {
            cli.push(await cliList(format));
          }
          order.push(side);
        }
        await sleep(PAUSE_MS);
        const started = performance.now();
        await backend.monitor.requireClient().listContainers({ all: true });
        api.push(performance.now() - started);
      }

      const berthMs = berth.map((list) => list.ms);
      const cliMs = cli.map((list) => list.ms);
      const berthMedian = median(berthMs);
      const cliMedian = median(cliMs);
      const apiMedian = median(api);
      const ratio = berthMedian / cliMedian;
      const [low, high] = bootstrapRatioInterval(berthMs, cliMs);
      const counts = {
        berth: [...new Set(berth.map((list) => list.count))],
        cli: [...new Set(cli.map((l) => l.count))],
      };
      return {
        name: 'container-list-latency',
        goal: `median berth/cli ≤ ${GOAL_RATIO}`,
        value: round(ratio, 3),
        unit: 'ratio',
        met: ratio <= GOAL_RATIO,
        details: {
          summary:
            `${round(ratio, 3)} (Berth ${round(berthMedian)} ms, CLI ${round(cliMedian)} ms, medians of ${ROUNDS}, ` +
            `${present} containers; 90 % interval ${round(low, 2)}–${round(high, 2)})`,
          containers: present,
          bench_containers_created: CONTAINERS,
          create_s: round(created.ms / 1000, 1),
          rounds: ROUNDS,
          order: order.join(' '),
          cli_format: format,
          berth_median_ms: round(berthMedian, 2),
          cli_median_ms: round(cliMedian, 2),
          api_median_ms: round(apiMedian, 2),
          berth_ms: berthMs.map((ms) => round(ms, 2)),
          cli_ms: cliMs.map((ms) => round(ms, 2)),
          api_ms: api.map((ms) => round(ms, 2)),
          ratio_90_interval: [round(low, 3), round(high, 3)],
          rows_listed: counts,
          warmup_ms: { berth: round(warmup.berth, 2), cli: round(warmup.cli, 2) },
          notes: [
            `${present} containers on the engine (${CONTAINERS} made for this with \`docker create --label berth.bench=1 busybox true\`, ` +
              `8 at a time, in ${round(created.ms / 1000, 1)} s), ${ROUNDS} rounds alternating B C C B …, after one untimed warm-up each ` +
              `(Berth ${round(warmup.berth)} ms, CLI ${round(warmup.cli)} ms); ${PAUSE_MS} ms pause before every list.`,
            'Berth: createBackend({system: realHostSystem()}) started once; each round a fresh ' +
              'new ContainerModel({getClient: () => backend.monitor.requireClient(), monitor: backend.monitor}).subscribe(…) ' +
              'timed until its first snapshot (GET /containers/json?all=1 over the backend’s kept-alive unix socket, ' +
              'each row mapped to a ContainerSummary, sorted), then disposed.',
            `CLI: spawn \`docker ps -a --format ${format}\` → process closed; it sends HEAD /_ping and the same ` +
              'GET /containers/json?all=1 (checked through the counting proxy), so its time includes starting the CLI process.',
            `The bare call (dockerode listContainers({all: true}) on Berth’s client, no model), timed after each round: ` +
              `median ${round(apiMedian, 2)} ms; Berth’s median minus it: ${round(berthMedian - apiMedian, 2)} ms ` +
              '(the model’s mapping, sorting and subscription; within the noise when near zero or negative). ' +
              'Most of both sides is the engine building the list.',
            `Rows listed: Berth ${counts.berth.join('/')}, CLI ${counts.cli.join('/')} (a difference means another process ` +
              `created or removed containers meanwhile). 90 % bootstrap interval of the ratio ${round(low, 3)}–${round(high, 3)}.`,
          ],
        },
      };
    } finally {
      backend.stop();
      const removed = await removeBenchContainers();
      context.log(`list: removed ${removed} containers`);
    }
  },
};
