import { execFile, spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerChange, ContainerSummary } from '../../src/shared/containers';
import { ContainerActions } from '../../src/main/containers/containerActions';
import { ContainerModel, type ContainerEventSource } from '../../src/main/containers/containerModel';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor, type EngineEvent } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { startSocketProxy, type CountingProxy, type SeenRequest } from '../fixtures/countingProxy';
import { docker, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';
import { sleep, waitFor } from '../fixtures/waitFor';

const execFileAsync = promisify(execFile);
const dockerAsync = async (...args: string[]) =>
  (await execFileAsync('docker', args, { encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 })).stdout.trim();

const label = `berth.test=containerModel-${process.pid}`;
let counter = 0;
const unique = (what: string) => `berth-model-${process.pid}-${what}-${(counter += 1)}`;

/** Every change a model pushed, and a way to wait for the next one that matches. */
class Recorder {
  readonly changes: ContainerChange[] = [];
  private readonly waiters: Array<{ from: number; match: (c: ContainerChange) => boolean; done: () => void }> = [];
  readonly push = (change: ContainerChange) => {
    this.changes.push(change);
    for (const waiter of [...this.waiters]) if (waiter.match(change)) waiter.done();
  };

  /** The first change at index >= from that matches (already recorded, or still to come). */
  waitFor<T extends ContainerChange>(
    match: (change: ContainerChange) => change is T,
    { from = 0, timeoutMs = 20_000 }: { from?: number; timeoutMs?: number } = {},
  ): Promise<T> {
    const found = this.changes.slice(from).find(match);
    if (found) return Promise.resolve(found);
    return new Promise<T>((resolve, reject) => {
      const waiter = {
        from,
        match: (change: ContainerChange) => match(change),
        done: () => {
          clearTimeout(timer);
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          resolve(this.changes.slice(from).find(match)!);
        },
      };
      const timer = setTimeout(() => {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        reject(new Error(`no matching change; got ${JSON.stringify(this.changes.slice(from)).slice(0, 2000)}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

type Upsert = Extract<ContainerChange, { type: 'upsert' }>;
type Snapshot = Extract<ContainerChange, { type: 'snapshot' }>;
const isUpsert =
  (id: string, where: (container: ContainerSummary) => boolean = () => true) =>
  (change: ContainerChange): change is Upsert =>
    change.type === 'upsert' && change.container.id === id && where(change.container);
const isFreshSnapshot = (change: ContainerChange): change is Snapshot => change.type === 'snapshot' && !change.stale;

/** `docker ps -a`, as full id → state. */
function dockerPsStates(): Map<string, string> {
  const lines = docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.State}}').split('\n').filter(Boolean);
  return new Map(lines.map((line) => line.split(' ') as [string, string]));
}

/** `docker ps -a` of the containers with a label, as full id → state. */
function dockerPsStatesWith(withLabel: string): Map<string, string> {
  const lines = docker('ps', '-a', '--no-trunc', '--filter', `label=${withLabel}`, '--format', '{{.ID}} {{.State}}')
    .split('\n')
    .filter(Boolean);
  return new Map(lines.map((line) => line.split(' ') as [string, string]));
}

/** `printf '%s\n' INPUTS | xargs -P 8 ARGS…`: the CLI, eight processes at a time, as a user's shell does it. */
function xargs(inputs: string[], args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('xargs', ['-P', '8', ...args], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`xargs ${args.join(' ')} exited with ${code}: ${stderr}`)),
    );
    child.stdin.end(inputs.map((input) => `${input}\n`).join(''));
  });
}

/** The ids a GET /containers/json call's id filter names (none for the full list or another request). */
function idsNamed(request: SeenRequest): string[] {
  if (request.method !== 'GET' || !/\/containers\/json(\?|$)/.test(request.path)) return [];
  const filters = new URLSearchParams(request.path.split('?')[1] ?? '').get('filters');
  return filters ? ((JSON.parse(filters) as { id?: string[] }).id ?? []) : [];
}

/** Container list calls in a request log: the full list, and refreshes of one id. */
function listCalls(requests: SeenRequest[]): { full: SeenRequest[]; byId: Map<string, number> } {
  const full: SeenRequest[] = [];
  const byId = new Map<string, number>();
  for (const request of requests) {
    if (request.method !== 'GET' || !/\/containers\/json(\?|$)/.test(request.path)) continue;
    const query = new URLSearchParams(request.path.split('?')[1] ?? '');
    const filters = query.get('filters');
    if (!filters) {
      full.push(request);
      continue;
    }
    for (const id of (JSON.parse(filters) as { id?: string[] }).id ?? []) byId.set(id, (byId.get(id) ?? 0) + 1);
  }
  return { full, byId };
}

describe.skipIf(!requireEngine.available)('the containers model against the real engine', () => {
  let dir: string;
  const monitors: EngineMonitor[] = [];
  const models: ContainerModel[] = [];
  const proxies: CountingProxy[] = [];

  /** A monitor of its own, through a counting proxy to the real socket, like the backend builds it. */
  async function connectThroughProxy(): Promise<{ proxy: CountingProxy; monitor: EngineMonitor }> {
    // A path of its own: Node's keep-alive pool is keyed by socket path, and must not hand this
    // monitor a socket left over from an earlier test's proxy.
    const proxy = await startSocketProxy(path.join(dir, `${unique('docker')}.sock`), { countRequests: true });
    proxies.push(proxy);
    const monitor = new EngineMonitor({
      resolveEndpoint: () => resolveEndpoint(realHostSystem({ ...process.env, DOCKER_HOST: `unix://${proxy.path}` })),
      backoffInitialMs: 200,
      backoffMaxMs: 500,
    });
    monitors.push(monitor);
    const status = await monitor.start();
    expect(status.problem).toBeNull();
    return { proxy, monitor };
  }

  function modelOf(monitor: EngineMonitor): ContainerModel {
    const model = new ContainerModel({ getClient: () => monitor.requireClient(), monitor });
    models.push(model);
    return model;
  }

  /** A new model of the monitor's engine, recorded from its first fresh snapshot on. */
  async function followModel(
    monitor: EngineMonitor,
  ): Promise<{ model: ContainerModel; recorder: Recorder; first: Snapshot }> {
    const model = modelOf(monitor);
    const recorder = new Recorder();
    model.subscribe(recorder.push);
    const first = await recorder.waitFor(isFreshSnapshot);
    return { model, recorder, first };
  }

  beforeAll(() => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-containers-'));
  });
  afterEach(async () => {
    for (const model of models.splice(0)) model.dispose();
    for (const monitor of monitors.splice(0)) monitor.stop();
    for (const proxy of proxies.splice(0)) await proxy.close();
    const left = docker('ps', '-aq', '--filter', `label=${label}`);
    if (left) await dockerAsync('rm', '-f', ...left.split('\n'));
  });
  afterAll(() => {
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('follows a container made, stopped, renamed and removed with the CLI, without being asked', async () => {
    const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
    monitors.push(monitor);
    expect((await monitor.start()).state).toBe('connected');
    const { model, recorder, first } = await followModel(monitor);
    expect(recorder.changes[0]).toBe(first);

    const name = unique('life');
    const id = docker('run', '-d', '--label', label, '--name', name, 'busybox', 'sleep', '300');
    const running = await recorder.waitFor(isUpsert(id, (c) => c.state === 'running'));
    expect(running.container).toMatchObject({ name, image: 'busybox', command: 'sleep 300', exitCode: null });
    expect(running.container.status).toMatch(/^Up /);

    // busybox sleep as PID 1 ignores SIGTERM: the engine kills it after the timeout.
    docker('stop', '-t', '1', id);
    const exited = await recorder.waitFor(isUpsert(id, (c) => c.state === 'exited'));
    const exitCode = Number(docker('inspect', '--format', '{{.State.ExitCode}}', id));
    expect([137, 143]).toContain(exitCode);
    expect(exited.container.exitCode).toBe(exitCode);
    expect(exited.container.status).toMatch(new RegExp(`^Exited \\(${exitCode}\\)`));

    const renamed = unique('renamed');
    docker('rename', name, renamed);
    await recorder.waitFor(isUpsert(id, (c) => c.name === renamed));
    expect(model.getSnapshot().containers.find((c) => c.id === id)?.name).toBe(renamed);

    docker('rm', id);
    await recorder.waitFor((c): c is ContainerChange => c.type === 'remove' && c.id === id);
    expect(model.getSnapshot().containers.some((c) => c.id === id)).toBe(false);

    // A late subscriber starts from the current list, newest first.
    const late = new Recorder();
    const off = model.subscribe(late.push);
    expect(late.changes).toHaveLength(1);
    const snapshot = late.changes[0] as Snapshot;
    expect(snapshot.type).toBe('snapshot');
    expect(snapshot.containers.map((c) => c.id)).toEqual(model.getSnapshot().containers.map((c) => c.id));
    const created = snapshot.containers.map((c) => c.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    off();
  });

  it('shows pause, unpause and health as the engine reports them', async () => {
    const { monitor } = await connectThroughProxy();
    const { recorder } = await followModel(monitor);

    const id = docker(
      'run',
      '-d',
      '--label',
      label,
      '--health-cmd',
      'true',
      '--health-interval',
      '1s',
      'busybox',
      'sleep',
      '300',
    );
    await recorder.waitFor(isUpsert(id, (c) => c.state === 'running'));
    // Podman's GET /containers/json leaves the health out of Status ("Up 3 seconds"), so the list
    // has none to show there (and its service runs health checks from systemd timers only).
    if (engineFamily() === 'docker') await recorder.waitFor(isUpsert(id, (c) => c.health === 'healthy'));
    docker('pause', id);
    const paused = await recorder.waitFor(isUpsert(id, (c) => c.state === 'paused'));
    expect(paused.container.status).toMatch(/\(Paused\)/);
    docker('unpause', id);
    await recorder.waitFor(
      isUpsert(id, (c) => c.state === 'running'),
      { from: recorder.changes.indexOf(paused) },
    );
  });

  it('marks the list stale when the events stream is cut, and lists again to match `docker ps -a`', async () => {
    const { proxy, monitor } = await connectThroughProxy();
    const keep = docker('create', '--label', label, '--name', unique('keep'), 'busybox', 'sleep', '300');
    const gone = docker('create', '--label', label, '--name', unique('gone'), 'busybox', 'sleep', '300');
    const model = modelOf(monitor);
    const recorder = new Recorder();
    model.subscribe(recorder.push);
    const before = await recorder.waitFor(isFreshSnapshot);
    expect(before.containers.find((c) => c.id === keep)?.state).toBe('created');
    expect(before.containers.some((c) => c.id === gone)).toBe(true);

    // The engine "crashes" as Berth sees it: the stream breaks and new connections are refused.
    proxy.setRefusing(true);
    proxy.cutConnections();
    const staleAt = recorder.changes.length;
    await recorder.waitFor((c): c is ContainerChange => c.type === 'stale' && c.stale, { from: staleAt });
    expect(monitor.getStatus().state).toBe('disconnected');

    // Meanwhile, on the real socket: one removed, one made, one started. No event reaches Berth.
    docker('rm', '-f', gone);
    const made = docker('create', '--label', label, '--name', unique('made'), 'busybox', 'sleep', '300');
    docker('start', keep);
    await sleep(300);
    expect(recorder.changes.slice(staleAt).map((c) => c.type)).toEqual(['stale']);
    // The last list is kept while stale.
    expect(model.getSnapshot()).toMatchObject({ stale: true });
    expect(model.getSnapshot().containers.some((c) => c.id === gone)).toBe(true);

    proxy.setRefusing(false);
    const after = await recorder.waitFor(isFreshSnapshot, { from: staleAt });
    const expected = dockerPsStates();
    expect(new Map(after.containers.map((c) => [c.id, c.state]))).toEqual(expected);
    expect(after.containers.find((c) => c.id === keep)?.state).toBe('running');
    expect(after.containers.some((c) => c.id === made)).toBe(true);
    expect(after.containers.some((c) => c.id === gone)).toBe(false);
    expect(model.getSnapshot().stale).toBe(false);
  });

  it('asks the engine nothing while idle: the events stream is all', async () => {
    const { proxy, monitor } = await connectThroughProxy();
    await followModel(monitor);
    await sleep(200);

    // Other engine users (another test run) may still make events: those may cost one refresh each.
    const evented = new Set<string>();
    const offEvents = monitor.onEngineEvent((event: EngineEvent) => {
      if (event.Type === 'container' && event.Actor?.ID) evented.add(event.Actor.ID);
    });
    const mark = proxy.requests().length;
    await sleep(3000);
    offEvents();
    const during = proxy.requests().slice(mark);

    const { full, byId } = listCalls(during);
    expect(full).toEqual([]);
    expect(during.length).toBe([...byId.values()].reduce((sum, n) => sum + n, 0));
    for (const id of byId.keys()) expect(evented.has(id)).toBe(true);
    if (evented.size === 0) expect(during).toEqual([]);

    // Over the whole run: one events stream, one full list.
    const all = proxy.requests();
    expect(all.filter((r) => r.method === 'GET' && /\/events(\?|$)/.test(r.path))).toHaveLength(1);
    expect(listCalls(all).full).toHaveLength(1);
  });

  it('keeps up with 200 containers made and removed in parallel, one full list per model', async () => {
    const { proxy, monitor } = await connectThroughProxy();
    const { model: live } = await followModel(monitor);

    const total = 200;
    const ids: string[] = [];
    const batch = 20;
    for (let start = 0; start < total; start += batch) {
      const made = await Promise.all(
        Array.from({ length: Math.min(batch, total - start) }, () =>
          dockerAsync('create', '--label', label, 'busybox', 'true'),
        ),
      );
      ids.push(...made);
    }
    const has = (model: ContainerModel) => new Set(model.getSnapshot().containers.map((c) => c.id));
    await waitFor('the live model to show all 200', () => ids.every((id) => has(live).has(id)));

    // A new model lists once and has them all in its first snapshot.
    const fresh = modelOf(monitor);
    const freshRecorder = new Recorder();
    fresh.subscribe(freshRecorder.push);
    const snapshot = await freshRecorder.waitFor(isFreshSnapshot);
    const inSnapshot = new Set(snapshot.containers.map((c) => c.id));
    expect(ids.every((id) => inSnapshot.has(id))).toBe(true);
    expect(snapshot.containers.filter((c) => ids.includes(c.id)).every((c) => c.state === 'created')).toBe(true);

    for (let start = 0; start < ids.length; start += 100) {
      const slice = ids.slice(start, start + 100);
      await Promise.all([0, 50].map((offset) => dockerAsync('rm', '-f', ...slice.slice(offset, offset + 50))));
    }
    await waitFor('the live model to drop all 200', () => ids.every((id) => !has(live).has(id)));
    await waitFor('the new model to drop all 200', () => ids.every((id) => !has(fresh).has(id)));

    const { full, byId } = listCalls(proxy.requests());
    expect(full).toHaveLength(2);
    // One refresh per create event (destroy costs none); a few more only if events came mid-call.
    for (const id of ids) expect(byId.get(id) ?? 0).toBeLessThanOrEqual(2 * 2);
    const refreshed = ids.reduce((sum, id) => sum + (byId.get(id) ?? 0), 0);
    expect(refreshed).toBeLessThanOrEqual(ids.length * 2 * 1.1);
  }, 90_000);
  it('drops a container removed from Berth, from the CLI and by --rm (dockerd says destroy, Podman remove)', async () => {
    const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
    monitors.push(monitor);
    expect((await monitor.start()).state).toBe('connected');
    const { model, recorder } = await followModel(monitor);
    const isRemove =
      (id: string) =>
      (change: ContainerChange): change is ContainerChange =>
        change.type === 'remove' && change.id === id;

    const byBerth = docker('create', '--label', label, '--name', unique('by-berth'), 'busybox', 'true');
    const byCli = docker('create', '--label', label, '--name', unique('by-cli'), 'busybox', 'true');
    const autoRemoved = docker('create', '--rm', '--label', label, '--name', unique('auto'), 'busybox', 'true');
    for (const id of [byBerth, byCli, autoRemoved]) await recorder.waitFor(isUpsert(id));

    const actions = new ContainerActions({ getClient: () => monitor.requireClient() });
    await actions.remove({ id: byBerth, confirm: byBerth });
    await recorder.waitFor(isRemove(byBerth));
    docker('rm', byCli);
    await recorder.waitFor(isRemove(byCli));
    docker('start', autoRemoved);
    await recorder.waitFor(isRemove(autoRemoved));

    const ids = new Set(model.getSnapshot().containers.map((c) => c.id));
    for (const id of [byBerth, byCli, autoRemoved]) expect(ids.has(id)).toBe(false);
    expect(dockerPsStatesWith(label)).toEqual(new Map());
  });

  it('re-reads the container an event names when Berth does not know its action', async () => {
    const real = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
    monitors.push(real);
    expect((await real.start()).state).toBe('connected');
    const name = unique('unknown');
    // The real engine's events, with every action for this test's container renamed to a word no
    // engine uses yet: only the generic rule (an unknown action re-reads the row) can follow it.
    const renamed: ContainerEventSource = {
      getStatus: () => real.getStatus(),
      onStatus: (listener) => real.onStatus(listener),
      onEngineEvent: (listener) =>
        real.onEngineEvent((event) =>
          listener(
            event.Type === 'container' && event.Actor?.Attributes?.name === name
              ? { ...event, Action: `berth-test-unknown-${event.Action}` }
              : event,
          ),
        ),
    };
    const model = new ContainerModel({ getClient: () => real.requireClient(), monitor: renamed });
    models.push(model);
    const recorder = new Recorder();
    model.subscribe(recorder.push);
    await recorder.waitFor(isFreshSnapshot);

    const id = docker('create', '--label', label, '--name', name, 'busybox', 'sleep', '300');
    await recorder.waitFor(isUpsert(id, (c) => c.state === 'created'));
    docker('start', id);
    await recorder.waitFor(isUpsert(id, (c) => c.state === 'running'));
    docker('rm', '-f', id);
    await recorder.waitFor((c): c is ContainerChange => c.type === 'remove' && c.id === id);
    expect(model.getSnapshot().containers.some((c) => c.id === id)).toBe(false);
  });

  it('batches an event storm: N containers created, started and removed by the CLI cost at most 1.5 requests each per phase', async () => {
    const { proxy, monitor } = await connectThroughProxy();
    const { model } = await followModel(monitor);

    const total = 40;
    const stormLabel = `${label}-storm`;
    const names = Array.from({ length: total }, () => unique('storm'));
    const ours = new Set<string>();
    const modelStates = () =>
      new Map(
        model
          .getSnapshot()
          .containers.filter((c) => ours.has(c.id))
          .map((c) => [c.id, c.state]),
      );

    /** One phase: the CLI's command, then until the model equals `docker ps -a` and Berth has been quiet. */
    async function phase(what: string, run: () => Promise<void>, expected: (id: string) => string | null) {
      const mark = proxy.requests().length;
      await run();
      if (ours.size === 0) {
        for (const id of dockerPsStatesWith(stormLabel).keys()) ours.add(id);
      }
      const wanted = new Map([...ours].flatMap((id) => (expected(id) === null ? [] : [[id, expected(id)!] as const])));
      await waitFor(`the model to show the ${what} containers`, () => {
        const states = modelStates();
        return states.size === wanted.size && [...wanted].every(([id, state]) => states.get(id) === state);
      });
      // The last requests of the phase (a row still "running" after its die is read again, for up to 3 s).
      let seen = proxy.requests().length;
      let quietSince = Date.now();
      while (Date.now() - quietSince < 3500) {
        await sleep(100);
        if (proxy.requests().length !== seen) {
          seen = proxy.requests().length;
          quietSince = Date.now();
        }
      }
      const requests = proxy.requests().slice(mark);
      // Another process's containers make events too: only the calls that name ours are this phase's.
      const phaseRequests = requests.filter((request) => idsNamed(request).some((id) => ours.has(id)));
      expect(listCalls(requests).full).toEqual([]);
      expect(requests.filter((request) => idsNamed(request).length === 0)).toEqual([]);
      expect(
        phaseRequests.length,
        `${what}: ${phaseRequests.length} requests for ${total} containers`,
      ).toBeLessThanOrEqual(total * 1.5);
      expect(modelStates()).toEqual(dockerPsStatesWith(stormLabel));
    }

    await phase(
      'created',
      () =>
        xargs(names, [
          '-I{}',
          'docker',
          'create',
          '--label',
          label,
          '--label',
          stormLabel,
          '--name',
          '{}',
          'busybox',
          'sleep',
          '300',
        ]),
      () => 'created',
    );
    expect(ours.size).toBe(total);
    await phase(
      'started',
      () => xargs([...ours], ['-n', '1', 'docker', 'start']),
      () => 'running',
    );
    await phase(
      'removed',
      () => xargs([...ours], ['-n', '1', 'docker', 'rm', '-f']),
      () => null,
    );
    expect(dockerPsStatesWith(stormLabel)).toEqual(new Map());
  }, 180_000);
});
