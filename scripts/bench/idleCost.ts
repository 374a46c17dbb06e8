import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startSocketProxy, type CountingProxy, type SeenRequest } from '../../tests/fixtures/countingProxy';
import {
  BENCH_LABEL,
  eventEpochMs,
  prepareBenchContainers,
  sleep,
  tapEngineEvents,
  type EngineEventTap,
} from './benchContainers';
import { withHarnessPage } from './browser';
import { docker } from './docker';
import { round, type Benchmark } from './types';

const GOAL_PER_MINUTE = 0;
const RUNNING = 3;
const STOPPED = 2;
/** After the running rows are on screen: the stats subscription opens 250 ms after the rows settle. */
const SETTLE_MS = 5_000;
const WINDOW_MS = Number(process.env.BENCH_IDLE_WINDOW_MS ?? 60_000);

/** "GET /v1.41/containers/<64 hex>/stats?stream=true" → "GET /containers/{id}/stats?stream=true" (ids in filters too). */
function normalise(request: SeenRequest): string {
  const target = decodeURIComponent(request.path.replace(/^\/v\d+\.\d+/, '')).replace(/[0-9a-f]{64}/g, '{id}');
  return `${request.method} ${target}`;
}

/** Long-lived streams: the events stream and the live stats of a container. */
function isLongLivedStream(request: SeenRequest): boolean {
  const target = request.path.replace(/^\/v\d+\.\d+/, '');
  return (
    request.method === 'GET' &&
    (/^\/events(\?|$)/.test(target) || /^\/containers\/[^/]+\/stats\?(.*&)?stream=(true|1)(&|$)/.test(target))
  );
}

/** Requests at most this long after an engine event (its own time) are taken as that event's answer. */
const EXPLAINED_MS = 2_000;
/** Counting windows: another one when the engine was busy with another process's containers. */
const MAX_WINDOWS = Number(process.env.BENCH_IDLE_WINDOWS ?? 2);

interface IdleWindow {
  ms: number;
  requests: SeenRequest[];
  /** The requests not within EXPLAINED_MS after any engine event. */
  unexplained: SeenRequest[];
  newConnections: number;
  /** "start name" for each container event in the window. */
  engineEvents: string[];
}

/** One window of WINDOW_MS: what reached the engine through the proxy, and what the engine did meanwhile. */
async function countWindow(proxy: CountingProxy, events: EngineEventTap): Promise<IdleWindow> {
  const connectionsBefore = proxy.connections();
  const start = Date.now();
  await sleep(WINDOW_MS);
  const end = Date.now();
  const requests = proxy.requests().filter((request) => request.at >= start && request.at < end);
  const seenEvents = events.events().filter((event) => {
    const at = Math.min(eventEpochMs(event), event.receivedAt);
    return at >= start - EXPLAINED_MS && at < end;
  });
  const inWindow = seenEvents.filter((event) => Math.min(eventEpochMs(event), event.receivedAt) >= start);
  const unexplained = requests.filter(
    (request) =>
      !seenEvents.some((event) => {
        const at = Math.min(eventEpochMs(event), event.receivedAt);
        return request.at >= at && request.at <= at + EXPLAINED_MS;
      }),
  );
  return {
    ms: end - start,
    requests,
    unexplained,
    newConnections: proxy.connections() - connectionsBefore,
    engineEvents: inWindow.map(
      (event) => `${event.Action} ${event.Actor?.Attributes?.name ?? event.Actor?.ID?.slice(0, 12) ?? '?'}`,
    ),
  };
}

function tallyText(requests: SeenRequest[]): string {
  return Object.entries(tally(requests))
    .map(([request, count]) => `${request} ×${count}`)
    .join('; ');
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
    const proxy = await startSocketProxy(path.join(dir, 'docker.sock'), { countRequests: true });
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
        const streamsBefore = before.filter(isLongLivedStream);
        const startup = tally(before);
        const windows: IdleWindow[] = [];
        for (let index = 0; index < MAX_WINDOWS; index += 1) {
          context.log(`idle: counting the engine requests of an idle #/containers for ${WINDOW_MS / 1000} s`);
          const window = await countWindow(proxy, events);
          windows.push(window);
          if (window.engineEvents.length === 0) break;
          context.log(
            `idle: the engine was not idle (${window.engineEvents.length} events from another process)` +
              (index + 1 < MAX_WINDOWS ? '; counting another window' : ''),
          );
        }
        const rowsShown = await page.locator('[data-testid=container-row]').count();
        const quietWindow = windows.find((window) => window.engineEvents.length === 0);
        const judged = quietWindow ?? windows[windows.length - 1]!;
        const judgedCount = quietWindow ? judged.requests.length : judged.unexplained.length;
        const perMinute = (judgedCount * 60_000) / judged.ms;
        const describe = (window: IdleWindow, index: number) =>
          `window ${index + 1} (${round(window.ms / 1000, 1)} s): ${window.requests.length} requests` +
          (window.requests.length > 0 ? ` (${tallyText(window.requests)})` : '') +
          `, ${window.newConnections} new connections; engine events: ${
            window.engineEvents.length === 0
              ? 'none, so the engine was idle too'
              : `${window.engineEvents.length} from another process (${window.engineEvents.slice(0, 8).join(', ')}` +
                `${window.engineEvents.length > 8 ? ', …' : ''}); requests not within ${EXPLAINED_MS / 1000} s after an engine event: ` +
                `${window.unexplained.length}${window.unexplained.length > 0 ? ` (${tallyText(window.unexplained)})` : ''}`
          }.`;
        return {
          name: 'idle-cost',
          goal: `${GOAL_PER_MINUTE} engine requests/minute while idle, besides the streams already open`,
          value: round(perMinute, 2),
          unit: 'requests/min',
          met: perMinute <= GOAL_PER_MINUTE,
          details: {
            summary: quietWindow
              ? `${round(perMinute, 2)} requests/min (${judged.requests.length} in ${round(judged.ms / 1000, 1)} s, engine idle); ` +
                `${streamsBefore.length} long-lived streams open from before`
              : `${round(perMinute, 2)} requests/min not explained by engine events (${judged.requests.length} in all in ` +
                `${round(judged.ms / 1000, 1)} s; the engine was never idle: ${judged.engineEvents.length} events from another process)`,
            engine_idle: quietWindow !== undefined,
            requests_per_minute: round(perMinute, 2),
            windows: windows.map((window) => ({
              seconds: round(window.ms / 1000, 1),
              requests: window.requests.length,
              seen: tally(window.requests),
              new_connections: window.newConnections,
              engine_events: window.engineEvents,
              not_after_an_engine_event: tally(window.unexplained),
            })),
            streams_open_before_window: tally(streamsBefore),
            startup_requests: { total: before.length, by_request: startup },
            containers: { running: RUNNING, stopped: STOPPED, rows_shown_at_end: rowsShown },
            notes: [
              `Berth's harness with DOCKER_HOST=unix://<counting proxy> (tests/fixtures/countingProxy: every HTTP request line going to ` +
                `/var/run/docker.sock is recorded), #/containers open in headless Chromium with ${RUNNING} running \`busybox sleep 300\` ` +
                `and ${STOPPED} created containers (plus whatever else the engine holds; running only, the default).`,
              `After the running rows and their live CPU figures were on screen, ${SETTLE_MS / 1000} s to settle, then ` +
                `${WINDOW_MS / 1000} s of idle counted. Every request line seen in the window counts, ` +
                'including any new stream; streams opened before it (they stay open: one GET /events, one GET /containers/{id}/stats?stream=true ' +
                `per running row on screen) do not. Open from before: ${tallyText(streamsBefore) || 'none'}.`,
              `The benchmark also reads the engine's own GET /events (directly, not through Berth): when another process changes containers ` +
                `during a window, Berth's refreshes are its designed answer, not idle cost, so one more window is counted (at most ${MAX_WINDOWS}); ` +
                `if none is quiet, the judged figure is the requests not within ${EXPLAINED_MS / 1000} s after an engine event's time.`,
              ...windows.map(describe),
              `Start-up, for scale: ${before.length} requests from page load to the window (${tallyText(before)}).`,
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
