import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startCountingProxy, type SeenRequest } from '../../tests/fixtures/countingProxy';
import { BENCH_LABEL, prepareBenchContainers, sleep, tapEngineEvents } from './benchContainers';
import { withHarnessPage } from './browser';
import { docker } from './docker';
import { round, type Benchmark } from './types';

const GOAL_PER_MINUTE = 0;
const RUNNING = 3;
const STOPPED = 2;
/** After the running rows are on screen: the stats subscription opens 250 ms after the rows settle. */
const SETTLE_MS = 5_000;
const WINDOW_MS = Number(process.env.BENCH_IDLE_WINDOW_MS ?? 60_000);

/** "GET /v1.41/containers/<64 hex>/stats?stream=true" → "GET /containers/{id}/stats?stream=true". */
function normalise(request: SeenRequest): string {
  const target = request.path.replace(/^\/v\d+\.\d+/, '').replace(/\/[0-9a-f]{64}(?=\/|\?|$)/g, '/{id}');
  return `${request.method} ${decodeURIComponent(target)}`;
}

/** Long-lived streams: the events stream and the live stats of a container. */
function isLongLivedStream(request: SeenRequest): boolean {
  const target = request.path.replace(/^\/v\d+\.\d+/, '');
  return (
    request.method === 'GET' &&
    (/^\/events(\?|$)/.test(target) || /^\/containers\/[^/]+\/stats\?(.*&)?stream=(true|1)(&|$)/.test(target))
  );
}

function tally(requests: SeenRequest[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const request of requests) counts[normalise(request)] = (counts[normalise(request)] ?? 0) + 1;
  return counts;
}

/** Engine API requests while the containers page is open and nothing happens. */
export const idleCost: Benchmark = {
  name: 'idle-cost',
  async run(context) {
    await prepareBenchContainers(context);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-idle-'));
    const proxy = await startCountingProxy(path.join(dir, 'docker.sock'));
    const made: string[] = [];
    const events = await tapEngineEvents();
    try {
      for (let index = 0; index < RUNNING + STOPPED; index += 1) {
        const name = `berth-bench-idle-${process.pid}-${index}`;
        made.push(name);
        if (index < RUNNING)
          await docker('run', '-d', '--label', BENCH_LABEL, '--name', name, 'busybox', 'sleep', '300');
        else await docker('create', '--label', BENCH_LABEL, '--name', name, 'busybox', 'true');
      }
      const running = made.slice(0, RUNNING);
      return await withHarnessPage({ env: { DOCKER_HOST: `unix://${proxy.path}` } }, async ({ page, url }) => {
        await page.goto(url('containers'));
        for (const name of running) {
          await page.locator(`[data-testid=container-row][data-name="${name}"][data-state=running]`).waitFor();
        }
        // The live CPU column shows that the stats streams are open.
        await page
          .locator(`[data-testid=container-row][data-name="${running[0]}"] [data-testid=container-cpu]`)
          .filter({ hasText: /\d/ })
          .waitFor({ timeout: 10_000 })
          .catch(() => undefined);
        await sleep(SETTLE_MS);

        const before = proxy.requests();
        const connectionsBefore = proxy.connections();
        const windowStart = Date.now();
        context.log(`idle: counting the engine requests of an idle #/containers for ${WINDOW_MS / 1000} s`);
        await sleep(WINDOW_MS);
        const windowEnd = Date.now();
        const all = proxy.requests();
        const inWindow = all.filter((request) => request.at >= windowStart && request.at < windowEnd);
        const connectionsInWindow = proxy.connections() - connectionsBefore;
        const engineEvents = events
          .events()
          .filter((event) => event.receivedAt >= windowStart && event.receivedAt < windowEnd)
          .map((event) => `${event.Action} ${event.Actor?.Attributes?.name ?? event.Actor?.ID?.slice(0, 12) ?? '?'}`);
        const rowsShown = await page.locator('[data-testid=container-row]').count();

        const perMinute = (inWindow.length * 60_000) / (windowEnd - windowStart);
        const streamsBefore = before.filter(isLongLivedStream);
        const startup = tally(before);
        const seen = tally(inWindow);
        const seenText = Object.entries(seen)
          .map(([request, count]) => `${request} ×${count}`)
          .join('; ');
        return {
          name: 'idle-cost',
          goal: `${GOAL_PER_MINUTE} engine requests/minute while idle, besides the streams already open`,
          value: round(perMinute, 2),
          unit: 'requests/min',
          met: perMinute <= GOAL_PER_MINUTE,
          details: {
            summary:
              `${round(perMinute, 2)} requests/min (${inWindow.length} in ${round((windowEnd - windowStart) / 1000, 1)} s); ` +
              `${streamsBefore.length} long-lived streams open from before`,
            window_s: round((windowEnd - windowStart) / 1000, 1),
            requests_in_window: inWindow.length,
            requests_per_minute: round(perMinute, 2),
            seen_in_window: seen,
            new_connections_in_window: connectionsInWindow,
            engine_events_in_window: engineEvents,
            streams_open_before_window: tally(streamsBefore),
            startup_requests: { total: before.length, by_request: startup },
            containers: { running: RUNNING, stopped: STOPPED, rows_shown: rowsShown },
            notes: [
              `Berth's harness with DOCKER_HOST=unix://<counting proxy> (tests/fixtures/countingProxy: every HTTP request line going to ` +
                `/var/run/docker.sock is recorded), #/containers open in headless Chromium with ${RUNNING} running \`busybox sleep 300\` ` +
                `and ${STOPPED} created containers (plus whatever else the engine holds: ${rowsShown} rows shown, running only by default).`,
              `After the running rows and their live CPU figures were on screen, ${SETTLE_MS / 1000} s to settle, then ` +
                `${round((windowEnd - windowStart) / 1000, 1)} s of idle counted. Every request line seen in the window counts, ` +
                'including any new stream; streams opened before it (they stay open: one GET /events, one GET /containers/{id}/stats?stream=true ' +
                `per running row on screen) do not. Open from before: ${
                  Object.entries(tally(streamsBefore))
                    .map(([request, count]) => `${request} ×${count}`)
                    .join('; ') || 'none'
                }.`,
              `Seen in the window: ${seenText || 'nothing'}; new connections to the proxy: ${connectionsInWindow}.`,
              `Engine events in the window (from the engine's own GET /events, read by the benchmark directly): ${
                engineEvents.length === 0
                  ? 'none, so the engine was idle too'
                  : `${engineEvents.length} (${engineEvents.slice(0, 10).join(', ')}${engineEvents.length > 10 ? ', …' : ''}): ` +
                    'another process changed containers, and a refresh per changed container is the designed answer'
              }.`,
              `Start-up, for scale: ${before.length} requests from page load to the window (${Object.entries(startup)
                .map(([request, count]) => `${request} ×${count}`)
                .join('; ')}).`,
            ],
          },
        };
      });
    } finally {
      events.close();
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
      if (made.length > 0) await docker('rm', '-f', ...made).catch(() => undefined);
    }
  },
};
