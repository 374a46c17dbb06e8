import { PULL_IMAGE, PULL_ROUNDS, pullSession } from './pullSession';
import { bootstrapRatioInterval, median, round, type Benchmark } from './types';

const GOAL_RATIO = 1.05;

/** Berth's pull of redis against `docker pull redis`, same engine, same mirror, same run. */
export const pullOverhead: Benchmark = {
  name: 'pull-overhead',
  async run(context) {
    const session = await pullSession(context);
    const berthMs = session.berth.map((pull) => pull.wallMs);
    const cliMs = session.cli.map((pull) => pull.wallMs);
    const berthMedian = median(berthMs);
    const cliMedian = median(cliMs);
    const ratio = berthMedian / cliMedian;
    const pairRatios = berthMs.map((ms, index) => ms / cliMs[index]!);
    const [low, high] = bootstrapRatioInterval(berthMs, cliMs);
    return {
      name: 'pull-overhead',
      goal: `median berth/cli ≤ ${GOAL_RATIO}`,
      value: round(ratio, 3),
      unit: 'ratio',
      met: ratio <= GOAL_RATIO,
      details: {
        summary:
          `${round(ratio, 3)} (Berth ${round(berthMedian, 0)} ms, CLI ${round(cliMedian, 0)} ms, medians of ${PULL_ROUNDS}; ` +
          `90 % interval ${round(low, 2)}–${round(high, 2)})`,
        image: PULL_IMAGE,
        rounds: PULL_ROUNDS,
        order: session.order.join(' '),
        berth_median_ms: round(berthMedian),
        cli_median_ms: round(cliMedian),
        berth_ms: berthMs.map((ms) => round(ms)),
        cli_ms: cliMs.map((ms) => round(ms)),
        median_pair_ratio: round(median(pairRatios), 3),
        ratio_90_interval: [round(low, 3), round(high, 3)],
        warmup_ms: { berth: round(session.warmup.berthMs), cli: round(session.warmup.cliMs) },
        all_layers_downloaded: session.cli.every((pull) => pull.allLayersDownloaded),
        notes: [
          `${PULL_ROUNDS} timed pulls per side of the testbed's ${PULL_IMAGE} (${session.berth[0]?.job.layers.length ?? '?'} layers, ` +
            `${round((session.berth[0]?.job.bytesTotal ?? 0) / 1e6, 2)} MB) through dockerd's mirror, order ${session.order.join(' ')}, ` +
            `after one untimed warm-up pull each (Berth ${round(session.warmup.berthMs, 0)} ms, CLI ${round(session.warmup.cliMs, 0)} ms).`,
          'Before every pull the image and its containers are removed (`docker rmi -f <id>`), then a 300 ms pause; every pull downloads every layer (checked).',
          'Berth: createBackend(...).pulls.start("redis") → pulls.settled(id), in this process (backend started once). ' +
            'CLI: spawn `docker pull redis` → process closed (includes the CLI process start).',
          `Berth ms: ${berthMs.map((ms) => ms.toFixed(0)).join(', ')}; CLI ms: ${cliMs.map((ms) => ms.toFixed(0)).join(', ')}; ` +
            `median of per-round ratios ${round(median(pairRatios), 3)}; 90 % bootstrap interval of the ratio ${round(low, 3)}–${round(high, 3)} ` +
            "(when it straddles the goal, the verdict is within this run's noise).",
        ],
      },
    };
  },
};
