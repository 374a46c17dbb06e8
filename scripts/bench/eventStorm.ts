import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { engineSocketPath, startSocketProxy, type SeenRequest } from '../../tests/fixtures/countingProxy';
import { BENCH_LABEL, prepareBenchContainers, sleep } from './benchContainers';
import { withHarnessPage } from './browser';
import { docker } from './docker';
import { round, type Benchmark } from './types';

const GOAL_REQUESTS_PER_CONTAINER = 1.5;
const GOAL_PAGE_MS = 1000;
const CONTAINERS = Number(process.env.BENCH_STORM_CONTAINERS ?? 300);
/** docker CLI processes at once, as `xargs -P 8`. */
const PARALLEL = 8;
/** The page must equal the CLI's list within this long, or the phase is reported as missed. */
const PAGE_TIMEOUT_MS = 60_000;
/** A phase's requests are counted until Berth has sent none for this long (a row still "running" after its die is read again for up to ~3 s). */
const QUIET_MS = 3_500;
const QUIET_TIMEOUT_MS = 20_000;

/**
 * Runs before the app's scripts (a string: the Node tsconfig has no DOM types). It wraps WebSocket
 * to follow, as the page receives them, the harness transport's containers.changes events (the
 * renderer's store input) in a mirror of the storm's containers. window.__storm.arm(expected) then waits,
 * frame by frame, until the page equals the expected list of the storm's containers: the mirror
 * holds exactly those names with those states, the filtered list (filter = the storm's prefix,
 * "show stopped" on) is as long as expected, and every rendered row shows the expected state.
 * It resolves with the epoch ms of the frame that first showed it (or, if that was already so,
 * the frame after the last change), or null after the timeout.
 */
function initScript(prefix: string): string {
  return `(() => {
  const prefix = ${JSON.stringify(prefix)};
  const epoch = () => performance.timeOrigin + performance.now();
  const storm = (window.__storm = { mirror: new Map(), changeIds: new Set(), lastChangeAt: 0, frameAfterChangeAt: 0 });
  const Native = window.WebSocket;
  class Tapped extends Native {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', (event) => {
        if (typeof event.data !== 'string' || !event.data.startsWith('{"type":"event"')) return;
        const message = JSON.parse(event.data);
        if (!storm.changeIds.has(message.id)) return;
        const change = message.event;
        let touched = false;
        if (change.type === 'snapshot') {
          storm.mirror = new Map();
          for (const c of change.containers) if (c.name.startsWith(prefix)) storm.mirror.set(c.id, c);
          touched = true;
        } else if (change.type === 'upsert') {
          const c = change.container;
          if (c.name.startsWith(prefix) || storm.mirror.has(c.id)) {
            if (c.name.startsWith(prefix)) storm.mirror.set(c.id, c);
            else storm.mirror.delete(c.id);
            touched = true;
          }
        } else if (change.type === 'remove') {
          touched = storm.mirror.delete(change.id);
        }
        if (touched) {
          storm.lastChangeAt = epoch();
          requestAnimationFrame(() => { storm.frameAfterChangeAt = epoch(); });
        }
      });
    }
    send(data) {
      if (typeof data === 'string' && data.includes('"containers.changes"')) {
        const message = JSON.parse(data);
        if (message.type === 'subscribe') storm.changeIds.add(message.id);
      }
      return super.send(data);
    }
  }
  window.WebSocket = Tapped;
  const pageShows = (expected) => {
    if (storm.mirror.size !== expected.size) return false;
    for (const c of storm.mirror.values()) if (expected.get(c.name) !== c.state) return false;
    const rows = [...document.querySelectorAll('[data-testid=container-row]')];
    if (rows.some((row) => expected.get(row.dataset.name) !== row.dataset.state)) return false;
    if (expected.size === 0) return rows.length === 0;
    const inner = document.querySelector('[data-testid=containers-scroll]')?.firstElementChild;
    const rowHeight = rows[0]?.parentElement?.offsetHeight;
    if (!inner || !rowHeight) return false;
    return Math.round(parseFloat(inner.style.height) / rowHeight) === expected.size;
  };
  storm.arm = (entries, timeoutMs) => new Promise((resolve) => {
    const expected = new Map(entries);
    const started = epoch();
    let first = true;
    const check = () => {
      if (pageShows(expected)) {
        // Equal at the first look: it has been since the frame after the last change.
        resolve(first ? Math.max(storm.frameAfterChangeAt, storm.lastChangeAt) : epoch());
        return;
      }
      first = false;
      if (epoch() - started > timeoutMs) return resolve(null);
      requestAnimationFrame(check);
    };
    check();
  });
})()`;
}

/** `printf '%s\n' INPUTS | xargs -P 8 ARGS…`; resolves with Date.now() when xargs exits. */
function xargs(inputs: string[], args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn('xargs', ['-P', String(PARALLEL), ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) => {
      const at = Date.now();
      if (code === 0) resolve(at);
      else reject(new Error(`xargs ${args.join(' ')} exited with ${code}: ${stderr.trim().slice(0, 500)}`));
    });
    child.stdin.end(inputs.map((input) => `${input}\n`).join(''));
  });
}

/** "GET /v1.41/containers/json?…" → "GET /containers/json"; stats of any id → "GET /containers/{id}/stats". */
function kind(request: SeenRequest): string {
  const target = request.path.replace(/^\/v\d+\.\d+/, '').split('?')[0]!;
  return `${request.method} ${target.replace(/\/containers\/[0-9a-f]{12,64}\//, '/containers/{id}/')}`;
}

/** The ids a list call's id filter names; a stats stream's id. */
function idsOf(request: SeenRequest): string[] {
  const [target, query = ''] = request.path.replace(/^\/v\d+\.\d+/, '').split('?') as [string, string?];
  const stats = /^\/containers\/([0-9a-f]{12,64})\/stats$/.exec(target);
  if (stats) return [stats[1]!];
  if (target !== '/containers/json') return [];
  const filters = new URLSearchParams(query).get('filters');
  if (!filters) return [];
  try {
    return (JSON.parse(filters) as { id?: string[] }).id ?? [];
  } catch {
    return [];
  }
}

interface PhaseResult {
  phase: string;
  cli_s: number;
  /** CLI finished → the page equal to the CLI's list (0 when it already was). */
  page_ms: number | null;
  page_before_cli_ms: number | null;
  requests: number;
  per_container: number;
  by_request: Record<string, number>;
  list_calls: number;
  ids_per_list_call: { mean: number; max: number };
  /** Requests for other processes' containers only (another test run's events), not counted. */
  other_processes: number;
}

async function engineName(): Promise<string> {
  try {
    const components = await docker('version', '--format', '{{json .Server.Components}}');
    return /"Name":"Podman/i.test(components) ? 'podman' : 'dockerd';
  } catch {
    return 'unknown';
  }
}

/** 300 containers created, started and removed by the CLI with xargs -P 8: Berth's requests and the page's lag. */
export const eventStorm: Benchmark = {
  name: 'event-storm',
  async run(context) {
    await prepareBenchContainers(context);
    const engine = await engineName();
    const stormLabel = `berth.bench.storm=${process.pid}`;
    const prefix = `berth-bench-storm-${process.pid}-`;
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bench-storm-'));
    const upstream = engineSocketPath();
    const proxy = await startSocketProxy(path.join(dir, 'docker.sock'), { countRequests: true, targetPath: upstream });
    // One container outside the storm, so the page never turns into its "no containers" screen.
    const keeper = `berth-bench-stormkeep-${process.pid}`;
    await docker('create', '--label', BENCH_LABEL, '--name', keeper, 'busybox', 'true');
    try {
      return await withHarnessPage(
        { env: { DOCKER_HOST: `unix://${proxy.path}` }, initScript: initScript(prefix) },
        async ({ page, url }) => {
          await page.goto(url('containers'));
          await page.locator('[data-testid=containers-page]').waitFor();
          await page.locator('[data-testid=containers-show-all]').check();
          await page.locator('[data-testid=containers-filter]').fill(prefix);
          await sleep(1500);

          const stormList = async (): Promise<Array<[string, string, string]>> =>
            (
              await docker(
                'ps',
                '-a',
                '--no-trunc',
                '--filter',
                `label=${stormLabel}`,
                '--format',
                '{{.ID}} {{.Names}} {{.State}}',
              )
            )
              .split('\n')
              .filter(Boolean)
              .map((line) => line.split(' ') as [string, string, string]);
          let ids: string[] = [];

          const phase = async (name: string, run: () => Promise<number>): Promise<PhaseResult> => {
            const mark = proxy.requests().length;
            const began = Date.now();
            context.log(`storm: ${name} (${CONTAINERS} containers, xargs -P ${PARALLEL})…`);
            const cliDoneAt = await run();
            const list = await stormList();
            if (ids.length === 0) ids = list.map(([id]) => id);
            const equalAt = (await page.evaluate(
              `window.__storm.arm(${JSON.stringify(list.map(([, n, state]) => [n, state]))}, ${PAGE_TIMEOUT_MS})`,
            )) as number | null;
            // Then until Berth is quiet: the phase's last requests belong to it.
            let seen = proxy.requests().length;
            let quietSince = Date.now();
            const quietDeadline = Date.now() + QUIET_TIMEOUT_MS;
            while (Date.now() - quietSince < QUIET_MS && Date.now() < quietDeadline) {
              await sleep(100);
              if (proxy.requests().length !== seen) {
                seen = proxy.requests().length;
                quietSince = Date.now();
              }
            }
            const stormIds = new Set(ids);
            const all = proxy.requests().slice(mark);
            const named = all.map((request) => ({ request, ids: idsOf(request) }));
            const ours = named.filter(({ ids: named }) => named.length === 0 || named.some((id) => stormIds.has(id)));
            const others = named.length - ours.length;
            const byRequest: Record<string, number> = {};
            for (const { request } of ours) byRequest[kind(request)] = (byRequest[kind(request)] ?? 0) + 1;
            const listCalls = ours.filter(({ request }) => kind(request) === 'GET /containers/json');
            const sizes = listCalls.map(({ ids: named }) => named.length);
            const result: PhaseResult = {
              phase: name,
              cli_s: round((cliDoneAt - began) / 1000, 1),
              page_ms: equalAt === null ? null : round(Math.max(0, equalAt - cliDoneAt), 0),
              page_before_cli_ms: equalAt !== null && equalAt < cliDoneAt ? round(cliDoneAt - equalAt, 0) : null,
              requests: ours.length,
              per_container: round(ours.length / CONTAINERS, 3),
              by_request: byRequest,
              list_calls: listCalls.length,
              ids_per_list_call: {
                mean: sizes.length ? round(sizes.reduce((a, b) => a + b, 0) / sizes.length, 1) : 0,
                max: sizes.length ? Math.max(...sizes) : 0,
              },
              other_processes: others,
            };
            context.log(
              `storm: ${name}: CLI ${result.cli_s} s; page ${result.page_ms ?? 'never'} ms after; ` +
                `${result.requests} requests (${result.per_container}/container): ${JSON.stringify(byRequest)}`,
            );
            return result;
          };

          const names = Array.from({ length: CONTAINERS }, (_, index) => `${prefix}${index + 1}`);
          const phases: PhaseResult[] = [];
          phases.push(
            await phase('create', () =>
              xargs(names, [
                '-I{}',
                'docker',
                'create',
                '--label',
                BENCH_LABEL,
                '--label',
                stormLabel,
                '--name',
                '{}',
                'busybox',
                'sleep',
                '600',
              ]),
            ),
          );
          phases.push(await phase('start', () => xargs(ids, ['-n', '1', 'docker', 'start'])));
          phases.push(await phase('rm -f', () => xargs(ids, ['-n', '1', 'docker', 'rm', '-f'])));

          const worstRequests = Math.max(...phases.map((p) => p.per_container));
          const pageTimes = phases.map((p) => p.page_ms);
          const worstPage = pageTimes.some((ms) => ms === null) ? null : Math.max(...(pageTimes as number[]));
          const met = worstRequests <= GOAL_REQUESTS_PER_CONTAINER && worstPage !== null && worstPage <= GOAL_PAGE_MS;
          const describe = (p: PhaseResult) =>
            `${p.phase}: ${p.per_container} requests/container (${p.requests}: ${Object.entries(p.by_request)
              .map(([request, count]) => `${request} ×${count}`)
              .join('; ')}; ${p.list_calls} list calls of ${p.ids_per_list_call.mean} ids on average, at most ` +
            `${p.ids_per_list_call.max}), CLI ${p.cli_s} s, page equal ${p.page_ms === null ? 'never' : `${p.page_ms} ms`} after the CLI finished` +
            (p.page_before_cli_ms !== null ? ` (already ${p.page_before_cli_ms} ms before)` : '') +
            (p.other_processes > 0
              ? `; ${p.other_processes} requests for other processes' containers not counted`
              : '');
          return {
            name: 'event-storm',
            goal: `≤ ${GOAL_REQUESTS_PER_CONTAINER} engine requests per container in each phase, page = CLI's list ≤ ${GOAL_PAGE_MS} ms after the CLI`,
            value: worstRequests,
            unit: 'requests/container (worst phase)',
            met,
            details: {
              summary: `${engine}: ${phases.map((p) => `${p.phase} ${p.per_container}/container, page +${p.page_ms ?? '∞'} ms`).join('; ')}`,
              engine,
              containers: CONTAINERS,
              worst_requests_per_container: worstRequests,
              worst_page_ms: worstPage,
              phases,
              notes: [
                `Engine: ${engine} at ${upstream}. Berth's harness with DOCKER_HOST=unix://<counting proxy> (tests/fixtures/countingProxy), ` +
                  `#/containers open in headless Chromium with "show stopped" on and the filter set to the storm's name prefix.`,
                `Phases: ${CONTAINERS} × \`docker create --label … --name ${prefix}N busybox sleep 600\` (xargs -P ${PARALLEL} -I{}), then ` +
                  `\`docker start ID\` and \`docker rm -f ID\` (xargs -P ${PARALLEL} -n 1), each phase after the previous one settled.`,
                'Requests: every request line Berth sent the engine from the phase start until it had been quiet ' +
                  `${QUIET_MS / 1000} s (the events stream opened before is not counted; stats streams the page opens for running rows are). ` +
                  'Calls that named only other processes’ containers (another test run’s events) are reported apart, not counted.',
                "Page: after xargs exited, the CLI's list (`docker ps -a --filter label=…`) was handed to the page, which checked every " +
                  'animation frame: the containers.changes events it received (its store input) give exactly those names and states, ' +
                  'the filtered list is that long, and every rendered row shows the expected state. Time: that frame (or, when already ' +
                  'equal, the frame after the last change) minus the moment xargs exited; 0 when the page was equal first.',
                ...phases.map(describe),
              ],
            },
          };
        },
      );
    } finally {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
      const left = (await docker('ps', '-aq', '--filter', `label=${stormLabel}`)).split('\n').filter(Boolean);
      for (let index = 0; index < left.length; index += 50) {
        await docker('rm', '-f', ...left.slice(index, index + 50)).catch(() => undefined);
      }
      await docker('rm', '-f', keeper).catch(() => undefined);
    }
  },
};
