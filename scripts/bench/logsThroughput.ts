import fs from 'node:fs';
import path from 'node:path';
import type { CDPSession } from 'playwright-core';
import { BENCH_LABEL, prepareBenchContainers, sleep } from './benchContainers';
import { waitInPage, withHarnessPage } from './browser';
import { docker, timeCommand } from './docker';
import { round, type Benchmark } from './types';

const GOAL_HEAP_MB = 100;
const LINES = 200_000;
const RUN_TIMEOUT_MS = 120_000;
const projectRoot = path.resolve(__dirname, '../..');

/** The renderer's cap, read from its source so the benchmark follows it. */
function maxLogLines(): number {
  const source = fs.readFileSync(path.join(projectRoot, 'src/renderer/src/containers/details/LogsView.tsx'), 'utf8');
  const match = /MAX_LOG_LINES\s*=\s*([\d_]+)/.exec(source);
  if (!match?.[1]) throw new Error('MAX_LOG_LINES not found in LogsView.tsx');
  return Number(match[1].replace(/_/g, ''));
}

/**
 * In the page (a string: the Node tsconfig has no DOM types). Arms a capturing 'change' listener on
 * the logs' "since" select (t0 = when the app gets the change), then in every animation frame reads
 * the logs view: data-line-count, and the highest line number among the rendered lines (the view
 * follows the end). Done when the line "<last>" is rendered after the view was reset by the change.
 */
const WATCH_LOGS = `({ last, timeoutMs }) => {
  const view = document.querySelector('[data-testid=logs-view]');
  const select = view.querySelector('select');
  const scroll = view.querySelector('[data-testid=logs-scroll]');
  const countBefore = Number(scroll.getAttribute('data-line-count'));
  window.__logsRun = new Promise((resolve) => {
    let t0 = null;
    let reset = false;
    const samples = [];
    document.addEventListener('change', (event) => {
      if (t0 === null && event.target === select) t0 = performance.now();
    }, { capture: true });
    const highest = () => {
      let max = -1;
      for (const line of scroll.querySelectorAll('[data-testid=log-line]')) {
        const value = Number(line.textContent);
        if (Number.isInteger(value) && value > max) max = value;
      }
      return max;
    };
    const started = performance.now();
    const tick = () => {
      const now = performance.now();
      if (t0 !== null) {
        const count = Number(scroll.getAttribute('data-line-count'));
        const top = highest();
        samples.push([Math.round((now - t0) * 10) / 10, count, top]);
        if (!reset && (count !== countBefore || (top >= 0 && top < last))) reset = true;
        if (reset && top === last) {
          resolve({ ok: true, elapsedMs: now - t0, samples, countBefore, finalCount: count });
          return;
        }
      }
      if (now - started > timeoutMs) {
        resolve({ ok: false, samples, countBefore });
        return;
      }
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}`;

interface LogsRun {
  ok: boolean;
  elapsedMs?: number;
  /** [ms since the change, data-line-count, highest rendered line number] per frame. */
  samples: Array<[number, number, number]>;
  countBefore: number;
  finalCount?: number;
}

interface Heap {
  usedMB: number;
  totalMB: number;
  /** Performance.getMetrics' JSHeapUsedSize, MB. */
  metricsUsedMB: number;
}

const MB = 1024 * 1024;

async function heapAfterGc(cdp: CDPSession): Promise<Heap> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const usage = await cdp.send('Runtime.getHeapUsage');
  return { usedMB: usage.usedSize / MB, totalMB: usage.totalSize / MB, metricsUsedMB: await metricsHeapMB(cdp) };
}

async function metricsHeapMB(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return (metrics.find((metric) => metric.name === 'JSHeapUsedSize')?.value ?? Number.NaN) / MB;
}

/** A container's 200,000 log lines from the beginning, followed in the details page. */
export const logsThroughput: Benchmark = {
  name: 'logs-throughput',
  async run(context) {
    const cap = maxLogLines();
    await prepareBenchContainers(context);
    const name = `berth-bench-logs-${process.pid}`;
    try {
      await docker(
        'run',
        '-d',
        '--label',
        BENCH_LABEL,
        '--name',
        name,
        'busybox',
        'sh',
        '-c',
        `seq 1 ${LINES}; sleep 300`,
      );
      // Measure Berth, not the container: wait until the engine has every line.
      const deadline = Date.now() + 60_000;
      while ((await docker('logs', '--tail', '1', name)) !== String(LINES)) {
        if (Date.now() > deadline) throw new Error(`${name} did not write its ${LINES} lines within 60 s`);
        await sleep(100);
      }
      // For scale: the docker CLI reading the same logs with the same timestamps Berth asks for.
      const cli = await timeCommand('docker', ['logs', '--timestamps', name]);
      const cliLines = cli.stdout.split('\n').filter(Boolean).length;

      return await withHarnessPage({ extraArgs: ['--enable-precise-memory-info'] }, async ({ page, url, cdp }) => {
        await page.goto(url(`containers/${name}`));
        const scroll = page.getByTestId('logs-scroll');
        await waitInPage(
          page,
          `document.querySelector('[data-testid=logs-scroll]')?.getAttribute('data-line-count') === '1000'`,
          30_000,
          'the last 1,000 lines (the default view)',
        );
        const session = await cdp();
        await session.send('Performance.enable');
        await sleep(500);
        const before = await heapAfterGc(session);

        await page.evaluate(`(${WATCH_LOGS})(${JSON.stringify({ last: LINES, timeoutMs: RUN_TIMEOUT_MS })})`);
        context.log(`logs: ${LINES} lines from the beginning, followed in the page`);
        // Heap while it runs, without forcing a GC: what the page really holds at its peak.
        const during: number[] = [];
        let running = true;
        const sampler = (async () => {
          while (running) {
            during.push(await metricsHeapMB(session));
            await sleep(250);
          }
        })();
        await page.getByTestId('logs-view').getByRole('combobox').selectOption('all');
        let run: LogsRun;
        try {
          run = (await page.evaluate('window.__logsRun')) as LogsRun;
        } finally {
          running = false;
          await sampler;
        }
        if (!run.ok || run.elapsedMs === undefined) {
          const lastSample = run.samples[run.samples.length - 1];
          throw new Error(
            `line ${LINES} was not rendered within ${RUN_TIMEOUT_MS / 1000} s (last: ${JSON.stringify(lastSample)})`,
          );
        }
        const finalCount = Number(await scroll.getAttribute('data-line-count'));
        await sleep(1000);
        const after = await heapAfterGc(session);

        const elapsed = run.elapsedMs;
        const linesPerSecond = (LINES / elapsed) * 1000;
        // The counter's climb: the first frame at the cap (or the end), lines shown per second until then.
        const firstAtCap = run.samples.find(([, count]) => count >= cap);
        const counterRate = firstAtCap ? (firstAtCap[1] / firstAtCap[0]) * 1000 : null;
        const firstLines = run.samples.find(([, count, top]) => count !== run.countBefore || (top >= 0 && top < LINES));
        const peakDuring = Math.max(...during);
        const cliRate = (cliLines / cli.ms) * 1000;
        const met = after.usedMB <= GOAL_HEAP_MB;
        return {
          name: 'logs-throughput',
          goal: `renderer JS heap after ${LINES.toLocaleString('en')} lines ≤ ${GOAL_HEAP_MB} MB after GC (flat: capped at ${cap.toLocaleString('en')} lines)`,
          value: round(after.usedMB, 1),
          unit: 'MB',
          met,
          details: {
            summary:
              `${Math.round(linesPerSecond).toLocaleString('en')} lines/s (${LINES.toLocaleString('en')} in ${round(elapsed / 1000, 2)} s); ` +
              `heap ${round(before.usedMB, 1)} → ${round(after.usedMB, 1)} MB after GC (peak ${round(peakDuring, 1)} MB un-collected)`,
            lines: LINES,
            elapsed_ms: round(elapsed),
            lines_per_second: Math.round(linesPerSecond),
            counter: {
              cap,
              final: finalCount,
              first_lines_shown_ms: firstLines ? firstLines[0] : null,
              reached_cap_ms: firstAtCap ? firstAtCap[0] : null,
              lines_per_second_to_cap: counterRate === null ? null : Math.round(counterRate),
            },
            heap_mb: {
              before_after_gc: round(before.usedMB, 2),
              after_after_gc: round(after.usedMB, 2),
              growth: round(after.usedMB - before.usedMB, 2),
              performance_metrics_after: round(after.metricsUsedMB, 2),
              total_after: round(after.totalMB, 2),
              peak_during_uncollected: round(peakDuring, 2),
              samples_during: during.length,
            },
            cli: { lines: cliLines, ms: round(cli.ms), lines_per_second: Math.round(cliRate) },
            frames_sampled: run.samples.length,
            notes: [
              `\`docker run -d --label ${BENCH_LABEL} busybox sh -c 'seq 1 ${LINES}; sleep 300'\`; the benchmark waits until ` +
                `\`docker logs --tail 1\` says ${LINES} (every line is in the engine's log) before opening #/containers/<name> in headless ` +
                'Chromium through the harness, so the container is not what is measured.',
              `The view first shows the last 1,000 lines; then "The beginning" is chosen (getByRole('combobox').selectOption('all')). ` +
                "t0 = a capturing 'change' listener on that select (when the app gets it); end = the animation frame in which the line " +
                `"${LINES}" is rendered in the followed view after the view was reset. ${LINES.toLocaleString('en')} / elapsed = ` +
                `${Math.round(linesPerSecond).toLocaleString('en')} lines/s.`,
              `data-line-count is capped at ${cap.toLocaleString('en')} (MAX_LOG_LINES): first lines on screen ${firstLines ? `${firstLines[0]} ms` : '?'} after t0, ` +
                `the counter reached the cap ${firstAtCap ? `${firstAtCap[0]} ms` : 'never'} after t0 ` +
                `(${counterRate === null ? '—' : Math.round(counterRate).toLocaleString('en')} lines/s up to there), ended at ${finalCount.toLocaleString('en')}.`,
              `For scale: \`docker logs --timestamps NAME\` (the CLI reading all ${cliLines.toLocaleString('en')} lines to a pipe, the same ` +
                `request Berth makes but without follow) took ${round(cli.ms)} ms (${Math.round(cliRate).toLocaleString('en')} lines/s); ` +
                'Berth also splits lines, batches them over the WebSocket and renders them.',
              `Heap: CDP HeapProfiler.collectGarbage (twice), then Runtime.getHeapUsage: ${round(before.usedMB, 1)} MB with the last 1,000 lines, ` +
                `${round(after.usedMB, 1)} MB after all ${LINES.toLocaleString('en')} (Performance.getMetrics JSHeapUsedSize ${round(after.metricsUsedMB, 1)} MB). ` +
                `While the lines came, JSHeapUsedSize sampled every 250 ms without a forced GC peaked at ${round(peakDuring, 1)} MB (garbage included).`,
            ],
          },
        };
      });
    } finally {
      await docker('rm', '-f', name).catch(() => undefined);
    }
  },
};
