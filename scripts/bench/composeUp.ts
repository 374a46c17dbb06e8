import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createBackend } from '../../src/main/backend';
import { repositoryExamplesDir } from '../../src/main/files/projectFolder';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { ComposeJob } from '../../src/shared/compose';
import { freePort } from '../../tests/fixtures/freePort';
import { sleep } from './benchContainers';
import { docker, timeCommand } from './docker';
import { bootstrapRatioInterval, median, round, type BenchResult, type Benchmark } from './types';

// Up of the course's example (resources/examples/visit-counter: a web service built FROM busybox,
// redis, a named volume, a network) through Berth's compose job against the same docker-compose
// command typed in a terminal, alternating B C C B … in one run, the project taken down (untimed,
// volume kept) between rounds. The web image is built in the warm-up; the rounds up from images
// present, as every up after the first. Berth runs the user's own compose, so its cost is what it
// adds: checking the files and their mounts, spawning, reading the output into the job.

const ROUNDS = Number(process.env.BENCH_COMPOSE_ROUNDS ?? 9);
const PAUSE_MS = 200;
const GOAL = 1.05;

export const composeUpRatio: Benchmark = {
  name: 'compose-up',
  async run(context): Promise<BenchResult> {
    const project = `berthbench${process.pid}`;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-compose-'));
    fs.cpSync(path.join(repositoryExamplesDir(), 'visit-counter'), folder, { recursive: true });
    const file = path.join(folder, 'compose.yaml');
    // The example's 8089 may be taken (another copy of it running).
    const port = await freePort();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('127.0.0.1:8089:80', `127.0.0.1:${port}:80`));
    const backend = createBackend({ system: realHostSystem(process.env) });
    const target = { projectName: project, folder, files: [file] };
    const projectArgs = ['-p', project, '-f', file, '--project-directory', folder];
    const down = (...extra: string[]) => timeCommand('docker-compose', [...projectArgs, 'down', ...extra]);
    context.defer(async () => {
      await down('-v').catch(() => undefined);
      // The web image the warm-up built (v1 names it project_web, v2 project-web).
      for (const image of [`${project}_web`, `${project}-web`]) await docker('rmi', image).catch(() => undefined);
      fs.rmSync(folder, { recursive: true, force: true });
    });
    try {
      await backend.start();
      if (backend.monitor.getStatus().state !== 'connected') throw new Error("Berth's backend is not connected");
      const tool = await backend.server.handleRequest('compose.tool', {});
      if (!tool.ok || !(tool.value as { found: boolean }).found) throw new Error('no compose on this machine');

      const berthOnce = async (): Promise<number> => {
        const started = performance.now();
        const result = await backend.server.handleRequest('compose.run', { target, action: 'up' });
        if (!result.ok) throw new Error(`compose.run failed: ${result.error.code} ${result.error.message}`);
        const job = await backend.composeJobs.settled((result.value as ComposeJob).id);
        const ms = performance.now() - started;
        if (job.state !== 'done') throw new Error(`Berth's up ended ${job.state}: ${job.error?.message ?? ''}`);
        return ms;
      };
      const cliOnce = async (): Promise<number> =>
        (await timeCommand('docker-compose', [...projectArgs, 'up', '-d'])).ms;

      // Warm-up, untimed: builds the web image; the layers and compose's own files in the page cache.
      const warmup = { berth: await berthOnce(), cli: 0 };
      await down();
      warmup.cli = await cliOnce();
      await down();

      const berth: number[] = [];
      const cli: number[] = [];
      const order: string[] = [];
      for (let index = 0; index < ROUNDS; index += 1) {
        for (const side of index % 2 === 0 ? (['B', 'C'] as const) : (['C', 'B'] as const)) {
          await sleep(PAUSE_MS);
          (side === 'B' ? berth : cli).push(side === 'B' ? await berthOnce() : await cliOnce());
          order.push(side);
          await down();
        }
        context.log(`compose-up: round ${index + 1}/${ROUNDS}`);
      }
      const ratio = median(berth) / median(cli);
      const [low, high] = bootstrapRatioInterval(berth, cli);
      return {
        name: 'compose-up',
        goal: `median berth/cli ≤ ${GOAL}`,
        value: round(ratio, 3),
        unit: 'ratio',
        met: ratio <= GOAL,
        details: {
          summary: `${round(ratio, 3)} (Berth ${round(median(berth))} ms, docker-compose ${round(median(cli))} ms, medians of ${ROUNDS}; 90 % interval ${round(low, 2)}–${round(high, 2)})`,
          rounds: ROUNDS,
          order: order.join(' '),
          berth_ms: berth.map((ms) => round(ms, 1)),
          cli_ms: cli.map((ms) => round(ms, 1)),
          warmup_ms: { berth: round(warmup.berth, 1), cli: round(warmup.cli, 1) },
          notes: [
            `The visit-counter example (web built FROM busybox in the warm-up, redis, a named volume, a network; its port moved to ${port}); ${ROUNDS} rounds alternating B C C B … after one untimed warm-up each; the project taken down (untimed, volume kept) after each up, ${PAUSE_MS} ms pause before each.`,
            "Berth: backend.server.handleRequest('compose.run', { action: 'up' }) → the job's final state (backend.composeJobs.settled): the files checked, the compose found (kept from the warm-up), spawned, its output read into the job.",
            `CLI: spawn \`docker-compose ${projectArgs.join(' ')} up -d\` → process closed.`,
          ],
        },
      };
    } finally {
      backend.stop();
    }
  },
};
