import { BENCH_LABEL, eventEpochMs, prepareBenchContainers, sleep, tapEngineEvents } from './benchContainers';
import { withHarnessPage } from './browser';
import { docker } from './docker';
import { median, round, type Benchmark } from './types';

const GOAL_MS = 300;
/** Timed containers, after one untimed warm-up. */
const ROUNDS = Number(process.env.BENCH_CHANGE_ROUNDS ?? 12);
const ROW_TIMEOUT_MS = 15_000;
/** Quiet time after a container's row is gone, before the next one. */
const SETTLE_MS = 300;

/**
 * In the page (a string: the Node tsconfig has no DOM types). __berthWatch(name) starts watching for
 * the row of that container; __berthSeen(name) resolves with the epoch ms (performance.timeOrigin +
 * performance.now()) when a MutationObserver saw the row in the DOM, and in the animation frame
 * after that (the frame that paints it), or null after the timeout.
 */
const WATCHER = `(() => {
  const watches = new Map();
  const epoch = () => performance.timeOrigin + performance.now();
  window.__berthWatch = (name, timeoutMs) => {
    const selector = '[data-testid=container-row][data-name="' + CSS.escape(name) + '"]';
    watches.set(name, new Promise((resolve) => {
      let done = false;
      const finish = () => {
        done = true;
        const dom = epoch();
        observer.disconnect();
        clearTimeout(timer);
        requestAnimationFrame(() => resolve({ dom, frame: epoch() }));
      };
      const observer = new MutationObserver(() => {
        if (!done && document.querySelector(selector)) finish();
      });
      const timer = setTimeout(() => {
        done = true;
        observer.disconnect();
        resolve(null);
      }, timeoutMs);
      observer.observe(document.body, { childList: true, subtree: true, attributes: true, attributeFilter: ['data-name'] });
      if (document.querySelector(selector)) resolve({ already: true });
    }));
  };
  window.__berthSeen = (name) => watches.get(name);
  window.__berthClockOffset = () => Date.now() - epoch();
})()`;

interface Seen {
  dom: number;
  frame: number;
  already?: boolean;
}

interface Round {
  name: string;
  /** The engine's 'start' event (timeNano) → the row in the DOM / painted, ms. */
  domMs: number;
  frameMs: number;
  /** `docker run -d` spawned → the engine's start event, ms (the CLI's and the engine's share, not Berth's). */
  cliToStartMs: number;
}

/** A container started with the docker CLI, from the engine's start event to its row on #/containers. */
export const containerChangeLatency: Benchmark = {
  name: 'container-change-latency',
  async run(context) {
    await prepareBenchContainers(context);
    const events = await tapEngineEvents();
    const made: string[] = [];
    try {
      return await withHarnessPage({}, async ({ page, url }) => {
        await page.goto(url('containers'));
        // The list, or the empty state when the engine has no container at all.
        await page.locator('[data-testid=containers-page], [data-testid=empty-state]').first().waitFor();
        // Let the first list and the stats streams of running rows settle.
        await sleep(1500);
        await page.evaluate(WATCHER);
        const offsets: number[] = [];
        const rounds: Round[] = [];
        context.log(`change: ${ROUNDS} containers (+1 warm-up) started with docker run -d`);
        for (let index = 0; index <= ROUNDS; index += 1) {
          const name = `berth-bench-change-${process.pid}-${index}`;
          offsets.push((await page.evaluate('window.__berthClockOffset()')) as number);
          await page.evaluate(`window.__berthWatch(${JSON.stringify(name)}, ${ROW_TIMEOUT_MS})`);
          const started = events.waitFor(
            (event) => event.Action === 'start' && event.Actor?.Attributes?.name === name,
            ROW_TIMEOUT_MS,
            `start of ${name}`,
          );
          const spawnedAt = Date.now();
          made.push(name);
          await docker('run', '-d', '--label', BENCH_LABEL, '--name', name, 'busybox', 'sleep', '60');
          const startEvent = await started;
          const seen = (await page.evaluate(`window.__berthSeen(${JSON.stringify(name)})`)) as Seen | null;
          if (!seen) throw new Error(`the row of ${name} did not appear within ${ROW_TIMEOUT_MS / 1000} s`);
          if (seen.already) throw new Error(`the row of ${name} was there before the container`);
          const startMs = eventEpochMs(startEvent);
          if (index > 0) {
            rounds.push({
              name,
              domMs: seen.dom - startMs,
              frameMs: seen.frame - startMs,
              cliToStartMs: startMs - spawnedAt,
            });
          }
          await docker('rm', '-f', name);
          await page
            .locator(`[data-testid=container-row][data-name="${name}"]`)
            .waitFor({ state: 'detached', timeout: ROW_TIMEOUT_MS });
          await sleep(SETTLE_MS);
        }

        const frameMs = rounds.map((r) => r.frameMs);
        const domMs = rounds.map((r) => r.domMs);
        const value = median(frameMs);
        const offsetSpread = [Math.min(...offsets), Math.max(...offsets)];
        return {
          name: 'container-change-latency',
          goal: `median (engine start event → row painted) ≤ ${GOAL_MS} ms`,
          value: round(value),
          unit: 'ms',
          met: value <= GOAL_MS,
          details: {
            summary: `${round(value)} ms (median of ${rounds.length}; DOM ${round(median(domMs))} ms; max ${round(Math.max(...frameMs))} ms)`,
            rounds: rounds.length,
            median_frame_ms: round(value),
            median_dom_ms: round(median(domMs)),
            max_frame_ms: round(Math.max(...frameMs)),
            min_frame_ms: round(Math.min(...frameMs)),
            median_cli_to_start_event_ms: round(median(rounds.map((r) => r.cliToStartMs))),
            page_clock_offset_ms: offsetSpread.map((ms) => round(ms, 2)),
            per_round: rounds.map((r) => ({ dom_ms: round(r.domMs), frame_ms: round(r.frameMs) })),
            notes: [
              `${rounds.length} containers (after one untimed warm-up), each \`docker run -d --label ${BENCH_LABEL} --name NAME busybox sleep 60\` ` +
                'while #/containers of the harness (production renderer, backend over the loopback WebSocket) was open in headless Chromium; ' +
                `each removed with \`docker rm -f\` and its row gone before the next, ${SETTLE_MS} ms apart.`,
              "Start: the engine's own 'start' event for that container (timeNano), read by this process from the engine's GET /events " +
                '(not through Berth). End: a MutationObserver in the page sees [data-testid=container-row][data-name=NAME] in the DOM, then the next ' +
                'animation frame (the frame that paints it); page times are performance.timeOrigin + performance.now(), epoch ms on the same machine.',
              `Clock check: the page's Date.now() − (timeOrigin + now()) was ${round(offsetSpread[0]!, 2)}…${round(offsetSpread[1]!, 2)} ms ` +
                '(Date.now() has 1 ms steps), so both clocks agree to about a millisecond.',
              `Per round (ms, to the frame): ${frameMs.map((ms) => round(ms, 0)).join(', ')}; DOM only: ${domMs.map((ms) => round(ms, 0)).join(', ')}. ` +
                `For scale, the CLI's own share (spawn → start event, not counted) had a median of ${round(median(rounds.map((r) => r.cliToStartMs)), 0)} ms.`,
              "Berth's path: the engine's create and start events → ContainerModel refreshes that one container (25 ms coalescing delay, then " +
                'GET /containers/json?all=1&filters={"id":[…]}) → upsert over the WebSocket → React renders the row.',
            ],
          },
        };
      });
    } finally {
      events.close();
      if (made.length > 0) await docker('rm', '-f', ...made).catch(() => undefined);
    }
  },
};
