import type { Page } from 'playwright-core';
import {
  containerCount,
  createBenchContainers,
  prepareBenchContainers,
  removeBenchContainers,
  sleep,
} from './benchContainers';
import { waitInPage, withHarnessPage } from './browser';
import { median, round, type Benchmark } from './types';

const GOAL_PAINT_MS = 100;
/** The brief's threshold: a frame longer than 2 × 16.7 ms is a dropped frame. */
const DROPPED_FRAME_MS = 2 * 16.7;
/** Stricter, also reported: a frame that missed at least one vsync (1.5 × 16.7 ms, between one and two intervals). */
const MISSED_VSYNC_MS = 1.5 * 16.7;
const CONTAINERS = Number(process.env.BENCH_SCALE_CONTAINERS ?? 1000);
/** Page loads timed from the snapshot message to the rows painted, after one untimed load. */
const LOADS = 5;
/** "Show stopped" clicks timed to the rows painted. */
const CLICKS = 7;
const SCROLL_MS = 3000;
const AUTO_SHOW_ALL_KEY = 'berth-bench-auto-show-all';

/**
 * Runs before the app's scripts on every load (a string: the Node tsconfig has no DOM types).
 * 1. Wraps WebSocket so that the harness transport's messages are seen first: the arrival time
 *    (performance.now(), before the app parses it) of every containers.changes snapshot.
 * 2. When sessionStorage asks for it, notes when the first row of a created (never started)
 *    container is in the DOM and the animation frame after that: "show stopped" is a saved
 *    setting, switched on before these loads, so the snapshot itself puts those rows on screen.
 */
const INIT_SCRIPT = `(() => {
  const bench = (window.__bench = { snapshots: [], rowsAt: null, frameAt: null });
  const Native = window.WebSocket;
  class Tapped extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data === 'string' && event.data.slice(0, 160).includes('"type":"snapshot"')) {
          bench.snapshots.push({ at: performance.now(), bytes: event.data.length });
        }
      });
    }
  }
  window.WebSocket = Tapped;
  if (sessionStorage.getItem('${AUTO_SHOW_ALL_KEY}') !== '1') return;
  const observer = new MutationObserver(() => {
    if (bench.rowsAt === null && document.querySelector('[data-testid=container-row][data-state=created]')) {
      bench.rowsAt = performance.now();
      observer.disconnect();
      requestAnimationFrame(() => { bench.frameAt = performance.now(); });
    }
  });
  observer.observe(document, { childList: true, subtree: true });
})()`;

/** In the page: "show stopped" off, then on; performance.now() at the click → rows in the DOM → the next frame. */
const CLICK_IN_PAGE = `async ({ clicks, pauseMs }) => {
  const box = document.querySelector('[data-testid=containers-show-all]');
  const selector = '[data-testid=container-row][data-state=created]';
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => resolve(performance.now())));
  const results = [];
  for (let index = 0; index < clicks; index += 1) {
    if (box.checked) box.click();
    await frame();
    await frame();
    if (document.querySelector(selector)) throw new Error('created rows still shown with "show stopped" off');
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
    const result = await new Promise((resolve) => {
      let start = 0;
      const observer = new MutationObserver(() => {
        if (!document.querySelector(selector)) return;
        const dom = performance.now();
        observer.disconnect();
        requestAnimationFrame(() => resolve({ domMs: dom - start, frameMs: performance.now() - start }));
      });
      observer.observe(document.body, { childList: true, subtree: true });
      start = performance.now();
      box.click();
    });
    results.push(result);
    await new Promise((resolve) => setTimeout(resolve, pauseMs));
  }
  return results;
}`;

/** In the page: scroll the list top to bottom over durationMs, one step per animation frame. */
const SCROLL_IN_PAGE = `async ({ durationMs }) => {
  const element = document.querySelector('[data-testid=containers-scroll]');
  element.scrollTop = 0;
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const max = element.scrollHeight - element.clientHeight;
  const longFrames = [];
  let observer = null;
  if ((PerformanceObserver.supportedEntryTypes || []).includes('long-animation-frame')) {
    observer = new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longFrames.push(entry.duration);
    });
    observer.observe({ type: 'long-animation-frame' });
  }
  const stamps = [];
  await new Promise((resolve) => {
    let start = null;
    const tick = (time) => {
      if (start === null) start = time;
      stamps.push(time);
      const progress = Math.min(1, (time - start) / durationMs);
      element.scrollTop = Math.round(progress * max);
      if (progress < 1) requestAnimationFrame(tick);
      else requestAnimationFrame((end) => { stamps.push(end); resolve(); });
    };
    requestAnimationFrame(tick);
  });
  observer?.disconnect();
  const rows = [...element.querySelectorAll('[data-testid=container-row]')];
  return {
    stamps,
    max,
    scrollTop: element.scrollTop,
    rowsInDom: rows.length,
    lastRowName: rows.length > 0 ? rows[rows.length - 1].getAttribute('data-name') : null,
    longFrames,
    loafSupported: observer !== null,
  };
}`;

interface BenchState {
  snapshots: Array<{ at: number; bytes: number }>;
  rowsAt: number | null;
  frameAt: number | null;
}

interface ScrollRun {
  stamps: number[];
  max: number;
  scrollTop: number;
  rowsInDom: number;
  lastRowName: string | null;
  longFrames: number[];
  loafSupported: boolean;
}

/** "Show stopped" clicked → the first created row in the DOM / the frame after it, ms. */
interface ClickTiming {
  domMs: number;
  frameMs: number;
}

interface LoadTiming {
  /** Snapshot message arrival → first row in the DOM / the frame after it, ms. */
  domMs: number;
  frameMs: number;
  bytes: number;
}

/** One reload with the auto "show stopped": the snapshot message → rows painted. */
async function timeLoad(page: Page): Promise<LoadTiming> {
  await page.reload();
  await waitInPage(page, 'window.__bench && window.__bench.frameAt !== null', 30_000, 'rows after the reload');
  const state = (await page.evaluate('window.__bench')) as BenchState;
  const snapshot = state.snapshots[0];
  if (!snapshot || state.rowsAt === null || state.frameAt === null) {
    throw new Error(`incomplete page timing: ${JSON.stringify(state)}`);
  }
  return {
    domMs: state.rowsAt - snapshot.at,
    frameMs: state.frameAt - snapshot.at,
    bytes: snapshot.bytes,
  };
}

function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/** 1,000 containers: the list's first paint and scrolling it, in Chromium through the harness. */
export const containerScale: Benchmark = {
  name: 'container-scale',
  async run(context) {
    await prepareBenchContainers(context);
    context.log(`scale: creating ${CONTAINERS} containers`);
    const created = await createBenchContainers(CONTAINERS, ['--label', 'berth.bench.set=scale']);
    const present = await containerCount();
    context.log(`scale: ${CONTAINERS} created in ${(created.ms / 1000).toFixed(1)} s; ${present} containers in all`);
    try {
      return await withHarnessPage({ initScript: INIT_SCRIPT }, async ({ page, url }) => {
        // Untimed first load: the renderer's code, the harness's first list.
        await page.goto(url('containers'));
        await page.getByTestId('containers-show-all').waitFor();
        // The whole list is in: "… · N in all" with at least the containers made here.
        await waitInPage(
          page,
          `Number((/(\\d+) in all/.exec(document.querySelector('[data-testid=containers-counts]')?.textContent ?? '') ?? [])[1]) >= ${CONTAINERS}`,
          30_000,
          'the whole list in the page',
        );

        context.log(`scale: ${LOADS} loads, snapshot message → rows painted`);
        // "Show stopped" on and saved (the backend keeps it across reloads), before the timed loads.
        const showAll = page.getByTestId('containers-show-all');
        if (!(await showAll.isChecked())) await showAll.click();
        await page.reload();
        if (!(await page.getByTestId('containers-show-all').isChecked())) {
          throw new Error('"show stopped" was not kept across a reload');
        }
        await page.evaluate(`sessionStorage.setItem('${AUTO_SHOW_ALL_KEY}', '1')`);
        const loads: LoadTiming[] = [];
        for (let index = 0; index < LOADS; index += 1) loads.push(await timeLoad(page));
        await page.evaluate(`sessionStorage.removeItem('${AUTO_SHOW_ALL_KEY}')`);

        context.log(`scale: ${CLICKS} "show stopped" clicks → rows painted`);
        const clicks = (await page.evaluate(
          `(${CLICK_IN_PAGE})(${JSON.stringify({ clicks: CLICKS, pauseMs: 300 })})`,
        )) as ClickTiming[];
        await sleep(500);

        context.log(`scale: scrolling ${present} rows top to bottom over ${SCROLL_MS / 1000} s`);
        const scroll = (await page.evaluate(
          `(${SCROLL_IN_PAGE})(${JSON.stringify({ durationMs: SCROLL_MS })})`,
        )) as ScrollRun;
        const frames = scroll.stamps.slice(1).map((stamp, index) => stamp - scroll.stamps[index]!);
        const dropped = frames.filter((ms) => ms > DROPPED_FRAME_MS);
        const missedVsync = frames.filter((ms) => ms > MISSED_VSYNC_MS);
        const scrollSeconds = (scroll.stamps[scroll.stamps.length - 1]! - scroll.stamps[0]!) / 1000;

        const loadFrame = median(loads.map((load) => load.frameMs));
        const clickFrame = median(clicks.map((click) => click.frameMs));
        const paintMet = loadFrame <= GOAL_PAINT_MS && clickFrame <= GOAL_PAINT_MS;
        const maxFrame = Math.max(...frames);
        return {
          name: 'container-scale',
          goal: `${CONTAINERS} containers: snapshot → rows painted ≤ ${GOAL_PAINT_MS} ms (and "show stopped" click → painted ≤ ${GOAL_PAINT_MS} ms); no frame > ${round(DROPPED_FRAME_MS)} ms scrolling`,
          value: round(loadFrame),
          unit: 'ms',
          met: paintMet && dropped.length === 0,
          details: {
            summary:
              `snapshot → painted ${round(loadFrame)} ms, click → painted ${round(clickFrame)} ms (medians); ` +
              `scroll: ${dropped.length} of ${frames.length} frames > ${round(DROPPED_FRAME_MS)} ms ` +
              `(${missedVsync.length} missed a vsync), max ${round(maxFrame)} ms`,
            containers: present,
            create_s: round(created.ms / 1000, 1),
            paint_goal_met: paintMet,
            scroll_goal_met: dropped.length === 0,
            snapshot_to_rows: {
              median_frame_ms: round(loadFrame),
              median_dom_ms: round(median(loads.map((load) => load.domMs))),
              max_frame_ms: round(Math.max(...loads.map((load) => load.frameMs))),
              snapshot_message_bytes: loads[0]?.bytes ?? null,
              per_load: loads.map((load) => ({
                dom_ms: round(load.domMs),
                frame_ms: round(load.frameMs),
              })),
            },
            show_stopped_click: {
              median_frame_ms: round(clickFrame),
              median_dom_ms: round(median(clicks.map((click) => click.domMs))),
              max_frame_ms: round(Math.max(...clicks.map((click) => click.frameMs))),
              per_click: clicks.map((click) => ({ dom_ms: round(click.domMs), frame_ms: round(click.frameMs) })),
            },
            scroll: {
              frames: frames.length,
              seconds: round(scrollSeconds, 2),
              fps: round(frames.length / scrollSeconds, 1),
              dropped_frames: dropped.length,
              frames_missing_a_vsync: missedVsync.length,
              max_frame_ms: round(maxFrame),
              p95_frame_ms: round(percentile(frames, 95)),
              median_frame_ms: round(median(frames)),
              scrolled_px: scroll.scrollTop,
              scroll_height_px: scroll.max,
              rows_in_dom_at_end: scroll.rowsInDom,
              long_animation_frames: scroll.loafSupported
                ? { count: scroll.longFrames.length, max_ms: round(Math.max(0, ...scroll.longFrames)) }
                : 'not supported',
              over_one_vsync_ms: missedVsync.map((ms) => round(ms)),
            },
            notes: [
              `${present} containers on the engine, ${CONTAINERS} of them made for this (\`docker create --label berth.bench=1 busybox true\`, ` +
                `never started, 8 at a time: ${round(created.ms / 1000, 1)} s); #/containers of the harness in headless Chromium ` +
                `(${'1180×760'}, --disable-gpu, 2 cores shared with the harness and the engine).`,
              `Snapshot → rows painted (the judged figure): ${LOADS} page reloads after one untimed load. A script injected before the app ` +
                '(page.addInitScript, nothing in src/) wraps WebSocket and notes performance.now() when the containers.changes snapshot message ' +
                `arrives (${loads[0]?.bytes ?? '?'} bytes), before the app parses it; "show stopped" is a saved setting, on before these loads, ` +
                'so the snapshot itself puts the rows on screen (the settings stream may land later: then that is in the figure). ' +
                'End: the animation frame after a MutationObserver sees the first row of a created container. ' +
                `Per load (ms): ${loads.map((load) => round(load.frameMs, 0)).join(', ')}.`,
              `"Show stopped" click → rows painted: ${CLICKS} clicks on the checkbox (off, then on) with the ${present} containers already in the page; ` +
                `performance.now() before click() → the frame after the first created row is in the DOM. Per click (ms): ${clicks.map((c) => round(c.frameMs, 0)).join(', ')}.`,
              `Scroll: [data-testid=containers-scroll] from top to bottom (${scroll.max} px) over ${SCROLL_MS / 1000} s, scrollTop set in every ` +
                `requestAnimationFrame callback in proportion to the time; frame time = the difference of consecutive rAF timestamps. ` +
                `${frames.length} frames in ${round(scrollSeconds, 2)} s (${round(frames.length / scrollSeconds, 1)} fps); dropped (the goal's ` +
                `reading, longer than 2 × 16.7 = ${round(DROPPED_FRAME_MS)} ms): ${dropped.length}; stricter, frames that missed at least one ` +
                `vsync (> ${round(MISSED_VSYNC_MS, 1)} ms, e.g. 33.3 ms = one skipped): ${missedVsync.length} ` +
                `(${missedVsync.map((ms) => round(ms, 1)).join(', ') || 'none'}); median ${round(median(frames))} ms, ` +
                `p95 ${round(percentile(frames, 95))} ms, max ${round(maxFrame)} ms. ` +
                (scroll.loafSupported
                  ? `Long animation frames (> 50 ms of work, PerformanceObserver): ${scroll.longFrames.length}.`
                  : 'Long animation frames: not supported by this Chromium.'),
            ],
          },
        };
      });
    } finally {
      const removed = await removeBenchContainers('berth.bench.set=scale');
      context.log(`scale: removed ${removed} containers`);
    }
  },
};
