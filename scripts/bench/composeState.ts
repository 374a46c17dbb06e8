import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { createBackend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { ComposeProjectState } from '../../src/shared/compose';
import { eventEpochMs, sleep, tapEngineEvents } from './benchContainers';
import { docker } from './docker';
import { median, round, type Benchmark } from './types';

const GOAL_MS = 300;
/** Timed stops, after one untimed warm-up. */
const ROUNDS = Number(process.env.BENCH_COMPOSE_ROUNDS ?? 15);
const TIMEOUT_MS = 15_000;
/** Quiet time after the container runs again, before the next stop. */
const SETTLE_MS = 300;

// The shell ends at once on SIGTERM, so `docker stop` takes the container down without its 10 s wait.
const COMPOSE_FILE = `services:
  app:
    image: busybox
    command: sh -c 'trap "exit 0" TERM; sleep 3600 & wait'
  worker:
    image: busybox
    command: sh -c 'trap "exit 0" TERM; sleep 3600 & wait'
`;

const run = promisify(execFile);

interface Round {
  /** The engine's 'die' event (timeNano) → the stream's list showing the container exited, ms. */
  streamMs: number;
  /** `docker stop` spawned → the engine's die event (the CLI's and the engine's share, not Berth's). */
  cliToDieMs: number;
}

/**
 * A container of a compose project stopped with the docker CLI, from the engine's die event to the
 * 'compose.projects' stream of Berth's contract server showing it exited.
 */
export const composeState: Benchmark = {
  name: 'compose-state',
  async run(context) {
    const project = `berthbench${process.pid}x`;
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-compose-'));
    fs.writeFileSync(path.join(folder, 'compose.yaml'), COMPOSE_FILE);
    const compose = (...args: string[]) =>
      run('docker-compose', ['-p', project, '-f', path.join(folder, 'compose.yaml'), ...args], { cwd: folder });
    const backend = createBackend({ system: realHostSystem(process.env) });
    const events = await tapEngineEvents();
    let closeStream: () => void = () => undefined;
    try {
      await compose('up', '-d');
      const appId = (await compose('ps', '-q', 'app')).stdout.trim();
      if (!/^[0-9a-f]{64}$/.test(appId)) throw new Error(`no app container for ${project}: "${appId}"`);
      await backend.start();
      if (backend.monitor.getStatus().state !== 'connected') throw new Error("Berth's backend is not connected");

      // Each list the stream sends, with when it came.
      let latest: { projects: ComposeProjectState[]; at: number } | null = null;
      const waiters = new Set<() => void>();
      const opened = backend.server.openStream(
        'compose.projects',
        {},
        (projects) => {
          latest = { projects: projects as ComposeProjectState[], at: Date.now() };
          for (const waiter of [...waiters]) waiter();
        },
        (error) => context.log(`compose-state: the stream failed: ${JSON.stringify(error)}`),
      );
      if (!opened.ok) throw new Error(`compose.projects did not open: ${opened.error.message}`);
      closeStream = opened.close;
      const appState = () =>
        latest?.projects.find((entry) => entry.name === project)?.services.find((entry) => entry.name === 'app')
          ?.containers[0]?.state;
      const streamShows = (state: string, what: string) =>
        new Promise<number>((resolve, reject) => {
          const check = () => {
            if (appState() !== state) return;
            waiters.delete(check);
            clearTimeout(timer);
            resolve(latest!.at);
          };
          const timer = setTimeout(() => {
            waiters.delete(check);
            reject(new Error(`the stream did not show ${what} within ${TIMEOUT_MS / 1000} s`));
          }, TIMEOUT_MS);
          waiters.add(check);
          check();
        });

      await streamShows('running', 'the project running');
      await sleep(1000);
      const rounds: Round[] = [];
      context.log(`compose-state: ${ROUNDS} stops (+1 warm-up) of ${project}'s app with docker stop`);
      for (let index = 0; index <= ROUNDS; index += 1) {
        const since = Date.now();
        const died = events.waitFor(
          (event) => event.Action === 'die' && event.Actor?.ID === appId && eventEpochMs(event) >= since - 5,
          TIMEOUT_MS,
          `die of ${project}'s app`,
        );
        const exited = streamShows('exited', 'app exited');
        const spawnedAt = Date.now();
        await docker('stop', appId);
        const dieEvent = await died;
        const shownAt = await exited;
        const dieMs = eventEpochMs(dieEvent);
        if (index > 0) rounds.push({ streamMs: shownAt - dieMs, cliToDieMs: dieMs - spawnedAt });
        await docker('start', appId);
        await streamShows('running', 'app running again');
        await sleep(SETTLE_MS);
      }

      const streamMs = rounds.map((r) => r.streamMs);
      const value = median(streamMs);
      return {
        name: 'compose-state',
        goal: `median (engine die event → 'compose.projects' shows it exited) ≤ ${GOAL_MS} ms`,
        value: round(value),
        unit: 'ms',
        met: value <= GOAL_MS,
        details: {
          summary: `${round(value)} ms (median of ${rounds.length}; max ${round(Math.max(...streamMs))} ms)`,
          rounds: rounds.length,
          median_ms: round(value),
          min_ms: round(Math.min(...streamMs)),
          max_ms: round(Math.max(...streamMs)),
          median_cli_to_die_event_ms: round(median(rounds.map((r) => r.cliToDieMs))),
          per_round_ms: streamMs.map((ms) => round(ms, 0)),
          notes: [
            `A two-service project (busybox app and worker) started with \`docker-compose -p ${project} up -d\`; ${rounds.length} times ` +
              '(after one untimed warm-up) its app container was stopped with `docker stop`, then started again and left ' +
              `${SETTLE_MS} ms before the next.`,
            "Start: the engine's own 'die' event for that container (timeNano), read by this process from the engine's GET /events " +
              "(not through Berth). End: Date.now() when Berth's contract server (createBackend, server.openStream('compose.projects')) " +
              'emitted a list in which that container is exited.',
            "Berth's path: EngineMonitor's /events → LiveList (50 ms debounce) → GET /containers/json?all=1 filtered by the compose " +
              'project label → the projects from the labels → the stream (a list equal to the last is not sent).',
            `Per round (ms): ${streamMs.map((ms) => round(ms, 0)).join(', ')}. The CLI's own share (spawn → die event, not counted) ` +
              `had a median of ${round(median(rounds.map((r) => r.cliToDieMs)), 0)} ms.`,
          ],
        },
      };
    } finally {
      closeStream();
      events.close();
      backend.stop();
      await compose('down', '-t', '1').catch(() => undefined);
      fs.rmSync(folder, { recursive: true, force: true });
    }
  },
};
