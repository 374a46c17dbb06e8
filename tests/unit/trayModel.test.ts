import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { buildTrayModel, trayIconState, type TrayState } from '../../src/main/tray/trayModel';
import { createTrayFeed } from '../../src/main/tray/trayState';
import type { ContainerChange } from '../../src/shared/containers';
import type { EngineStatus } from '../../src/shared/engine';
import type { LocalImage } from '../../src/shared/images';
import type { PullJob } from '../../src/shared/pulls';
import { createTranslator } from '../../src/shared/i18n/translator';
import { trayModelSchema, type TrayMenuItem, type TrayModel } from '../../src/shared/tray';
import { connectedStatus, disconnectedStatus } from '../fixtures/builders/engineStatus';
import { lessonState, lessonsState, lessonStep } from '../fixtures/builders/lessonState';
import { container, image, pullJob } from '../fixtures/builders/sharedModels';
import type { LessonsState } from '../../src/shared/lessons';

const en = createTranslator('en');
const ko = createTranslator('ko');

function state(overrides: Partial<TrayState> = {}): TrayState {
  return { engine: connectedStatus(), containers: [], images: [], recentImages: [], pulls: [], ...overrides };
}

function item(model: TrayModel | TrayMenuItem[], id: string): TrayMenuItem {
  const items = Array.isArray(model) ? model : model.items;
  const found = items.find((candidate) => candidate.id === id);
  if (!found) throw new Error(`no item ${id} in ${items.map((candidate) => candidate.id).join(', ')}`);
  return found;
}

/** The menu as lines, submenus indented: easy to read when a test fails. */
function outline(items: TrayMenuItem[], depth = 0): string[] {
  return items.flatMap((entry) => {
    const text = entry.type === 'separator' ? '---' : `${entry.label}${entry.enabled === false ? ' (disabled)' : ''}`;
    return [`${'  '.repeat(depth)}${text}`, ...outline(entry.submenu ?? [], depth + 1)];
  });
}

function allIds(items: TrayMenuItem[]): string[] {
  return items.flatMap((entry) => [entry.id ?? '<missing>', ...allIds(entry.submenu ?? [])]);
}

const web = container({
  id: 'a1',
  name: 'web',
  ports: [
    { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' },
    { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '::' },
    { privatePort: 443, publicPort: 8443, type: 'tcp', ip: '0.0.0.0' },
  ],
});
const db = container({
  id: 'b2',
  name: 'db',
  image: 'postgres:16',
  ports: [
    { privatePort: 5432, publicPort: 5432, type: 'tcp', ip: '127.0.0.1' },
    { privatePort: 5433, publicPort: null, type: 'tcp', ip: null },
  ],
});
const cache = container({
  id: 'c3',
  name: 'cache',
  image: 'redis:7',
  ports: [{ privatePort: 53, publicPort: 5353, type: 'udp', ip: '0.0.0.0' }],
});
const stopped = container({ id: 'd4', name: 'old', state: 'exited', status: 'Exited (0) 2 hours ago', exitCode: 0 });

describe('buildTrayModel', () => {
  it('shows a stopped engine, with containers and Run image disabled', () => {
    const model = buildTrayModel(state({ engine: disconnectedStatus(), containers: [web, db] }), en);
    expect(model.icon).toBe('stopped');
    expect(model.pulling).toBe(false);
    expect(model.tooltip).toBe('Berth: Docker server stopped');
    expect(outline(model.items)).toEqual([
      'Docker server stopped (disabled)',
      '---',
      'Open Berth',
      'Running containers (0) (disabled)',
      '  No container is running (disabled)',
      'Run image (disabled)',
      '  hello-world (a first try)',
      '---',
      'Check installation…',
      'Getting started guide…',
      'Lessons…',
      'Settings…',
      '---',
      'Quit Berth',
    ]);
    expect(item(model, 'open').action).toEqual({ kind: 'open-window' });
    expect(item(model, 'installation').action).toEqual({ kind: 'open-section', section: 'installation', param: null });
    expect(item(model, 'settings').action).toEqual({ kind: 'open-section', section: 'settings', param: null });
    expect(item(model, 'quit').action).toEqual({ kind: 'quit' });
  });

  it('says connecting while the engine is being reached', () => {
    const model = buildTrayModel(state({ engine: connectedStatus({ state: 'connecting', server: null }) }), en);
    expect(model.icon).toBe('starting');
    expect(item(model, 'engine').label).toBe('Connecting to the Docker server…');
  });

  it('shows an error icon and the problem for what the user must fix', () => {
    const engine = disconnectedStatus({
      problem: { code: 'engine-permission-denied', message: 'EACCES /var/run/docker.sock' },
    });
    const model = buildTrayModel(state({ engine }), en);
    expect(model.icon).toBe('error');
    expect(item(model, 'engine').label).toBe('No permission to use the Docker server (daemon)');
    expect(model.tooltip).toBe('Berth: No permission to use the Docker server (daemon)');
  });

  it.each([
    ['engine-not-running', 'stopped'],
    ['engine-not-found', 'stopped'],
    ['engine-timeout', 'stopped'],
    ['engine-too-old', 'error'],
    ['endpoint-invalid', 'error'],
    ['internal', 'error'],
  ] as const)('maps the problem %s to the %s icon', (code, icon) => {
    expect(trayIconState(disconnectedStatus({ problem: { code, message: '' } }))).toBe(icon);
  });

  it('with the engine running and no containers, offers a first try', () => {
    const model = buildTrayModel(state(), en);
    expect(model.icon).toBe('running');
    expect(model.tooltip).toBe('Berth: Docker server running: Docker Engine 28.2.2');
    expect(outline(model.items).slice(0, 7)).toEqual([
      'Docker server running: Docker Engine 28.2.2 (disabled)',
      '---',
      'Open Berth',
      'Running containers (0)',
      '  No container is running (disabled)',
      'Run image',
      '  hello-world (a first try)',
    ]);
    expect(item(item(model, 'run').submenu!, 'run:first-try').action).toEqual({
      kind: 'run-image',
      image: 'hello-world',
    });
    expect(model.items.some((entry) => entry.id === 'pulls')).toBe(false);
  });

  it('lists three running containers with their ports, logs, restart and stop', () => {
    // The web ports answered HTTP; Postgres and a UDP port did not (and could not).
    const webPorts = new Set(['0.0.0.0|8080|tcp', '0.0.0.0|8443|tcp']);
    const model = buildTrayModel(state({ containers: [web, stopped, db, cache], webPorts }), en);
    const containers = item(model, 'containers');
    expect(containers.label).toBe('Running containers (3)');
    expect(containers.enabled).toBe(true);
    expect(outline(containers.submenu!)).toEqual([
      'cache',
      '  Open logs',
      '  0.0.0.0:5353→53/udp: dig @127.0.0.1 -p 5353 example.com (disabled)',
      '  ---',
      '  Restart',
      '  Stop',
      'db',
      '  Open logs',
      '  127.0.0.1:5432→5432/tcp: psql -h localhost -p 5432 -U postgres (disabled)',
      '  ---',
      '  Restart',
      '  Stop',
      'web',
      '  Open logs',
      '  Open http://localhost:8080 (0.0.0.0:8080→80/tcp)',
      '  Open http://localhost:8443 (0.0.0.0:8443→443/tcp)',
      '  ---',
      '  Restart',
      '  Stop',
    ]);
    const webMenu = item(containers.submenu!, 'container:a1').submenu!;
    expect(webMenu.map((entry) => entry.action ?? null)).toEqual([
      { kind: 'open-logs', containerId: 'a1' },
      { kind: 'open-url', url: 'http://localhost:8080' },
      { kind: 'open-url', url: 'http://localhost:8443' },
      null,
      { kind: 'container-action', containerId: 'a1', action: 'restart' },
      { kind: 'container-action', containerId: 'a1', action: 'stop' },
    ]);
  });

  it('lists local images, the recently run first, and hello-world only when it is missing', () => {
    const images = [
      image(['redis:latest', 'redis:7'], 300),
      image(['nginx:latest'], 200),
      image(['alpine:3.20'], 100),
      image([], 400),
    ];
    const model = buildTrayModel(state({ images, recentImages: ['alpine:3.20', 'ghost:1', 'nginx'] }), en);
    const run = item(model, 'run').submenu!;
    expect(run.map((entry) => entry.label)).toEqual([
      'alpine:3.20',
      'nginx:latest',
      'redis:latest',
      'redis:7',
      'hello-world (a first try)',
    ]);
    expect(run[0]!.action).toEqual({ kind: 'run-image', image: 'alpine:3.20' });

    const withHello = buildTrayModel(state({ images: [...images, image(['hello-world:latest'], 50)] }), en);
    const labels = item(withHello, 'run').submenu!.map((entry) => entry.label);
    expect(labels).toContain('hello-world:latest');
    expect(labels).not.toContain('hello-world (a first try)');
  });

  it('lists at most ten images', () => {
    const images = Array.from({ length: 14 }, (_, index) => image([`app${index}:latest`], index));
    const run = item(buildTrayModel(state({ images }), en), 'run').submenu!;
    expect(run).toHaveLength(11);
    expect(run[0]!.label).toBe('app13:latest');
    expect(run.at(-1)!.id).toBe('run:first-try');
  });

  it('shows a pull at 40 % and a pulling icon', () => {
    const pulls = [
      pullJob({ id: 'p1', reference: 'redis:latest', percent: 40.6 }),
      pullJob({ id: 'p0', reference: 'nginx:latest', state: 'done', percent: 100 }),
    ];
    const model = buildTrayModel(state({ pulls }), en);
    expect(model.pulling).toBe(true);
    expect(model.icon).toBe('running');
    expect(model.tooltip).toBe('Berth: Docker server running: Docker Engine 28.2.2 · 1 pulling');
    const start = model.items.findIndex((entry) => entry.id === 'pulls');
    expect(outline(model.items.slice(start - 1, start + 3))).toEqual([
      '---',
      'Pulls (disabled)',
      'redis:latest: 40% (disabled)',
      '---',
    ]);
    expect(item(model, 'pull:p1').enabled).toBe(false);
  });

  it('names the product that runs the engine: Podman, Docker Desktop, Colima', () => {
    const running = (server: Partial<NonNullable<EngineStatus['server']>>) => {
      const base = connectedStatus();
      return buildTrayModel(state({ engine: { ...base, server: { ...base.server!, ...server } } }), en);
    };
    const podman = running({ family: 'podman', product: { id: 'podman', version: '4.3.1' }, version: '4.3.1' });
    expect(item(podman, 'engine').label).toBe('Docker server running: Podman 4.3.1');
    expect(podman.tooltip).toBe('Berth: Docker server running: Podman 4.3.1');
    const desktop = running({ product: { id: 'docker-desktop', version: '4.42.0' } });
    expect(item(desktop, 'engine').label).toBe('Docker server running: Docker Desktop 4.42.0');
    const colima = running({ product: { id: 'colima', version: null } });
    expect(item(colima, 'engine').label).toBe('Docker server running: Colima (Docker Engine 28.2.2)');
  });

  it('speaks Korean with the Korean translator', () => {
    const model = buildTrayModel(
      state({
        containers: [web],
        webPorts: new Set(['0.0.0.0|8080|tcp', '0.0.0.0|8443|tcp']),
        pulls: [pullJob({ id: 'p1', reference: 'redis:latest', percent: 40 })],
      }),
      ko,
    );
    expect(outline(model.items)).toEqual([
      '도커 서버 실행 중: Docker Engine 28.2.2 (disabled)',
      '---',
      'Berth 열기',
      '실행 중인 컨테이너 (1)',
      '  web',
      '    로그 열기',
      '    http://localhost:8080 열기 (0.0.0.0:8080→80/tcp)',
      '    http://localhost:8443 열기 (0.0.0.0:8443→443/tcp)',
      '    ---',
      '    다시 시작',
      '    중지',
      '이미지 실행',
      '  hello-world (처음 실행해 보기)',
      '---',
      '이미지 받기 (disabled)',
      'redis:latest: 40% (disabled)',
      '---',
      '설치 확인…',
      '시작 안내…',
      '레슨…',
      '설정…',
      '---',
      'Berth 종료',
    ]);
    expect(buildTrayModel(state({ engine: disconnectedStatus() }), ko).tooltip).toBe('Berth: 도커 서버 중지됨');
  });

  it('validates against trayModelSchema, with a unique id on every item', () => {
    const models = [
      buildTrayModel(state({ engine: disconnectedStatus() }), en),
      buildTrayModel(
        state({
          containers: [web, db, cache],
          images: [image(['redis:latest'], 1)],
          pulls: [pullJob({ id: 'p1', reference: 'redis:latest', percent: 40 })],
        }),
        ko,
      ),
    ];
    for (const model of models) {
      expect(trayModelSchema.parse(model)).toEqual(model);
      const ids = allIds(model.items);
      expect(ids).not.toContain('<missing>');
      expect(new Set(ids).size).toBe(ids.length);
    }
  });

  it('offers the lessons, or to continue the lesson started last at its current step', () => {
    expect(item(buildTrayModel(state(), en), 'lessons')).toEqual({
      id: 'lessons',
      label: 'Lessons…',
      action: { kind: 'open-section', section: 'lessons', param: null },
    });
    // Started and finished lessons, and one started without a step done, in both languages.
    const steps = (done: number) => ['a', 'b', 'c', 'd'].map((id, at) => lessonStep(id, { done: at < done }));
    const lessons = lessonsState({
      whyDocker: lessonState('whyDocker', { started: true, startedAt: 10, steps: steps(4) }),
      helloWorld: lessonState('helloWorld', { started: true, startedAt: 20, steps: steps(1) }),
      compose: lessonState('compose', { started: true, startedAt: 30, steps: steps(2) }),
    });
    expect(item(buildTrayModel(state({ lessons }), en), 'lessons')).toEqual({
      id: 'lessons',
      label: `Continue: ${en('course.compose.title')} (step 3 of 4)`,
      action: { kind: 'open-section', section: 'lessons', param: 'compose' },
    });
    expect(item(buildTrayModel(state({ lessons }), ko), 'lessons').label).toBe(
      `이어서 하기: ${ko('course.compose.title')} (4단계 중 3단계)`,
    );
    // Finished: nothing to continue there.
    const finished = lessonsState({
      whyDocker: lessonState('whyDocker', { started: true, startedAt: 10, steps: steps(4) }),
    });
    expect(item(buildTrayModel(state({ lessons: finished }), en), 'lessons').label).toBe('Lessons…');
    expect(trayModelSchema.safeParse(buildTrayModel(state({ lessons }), en)).success).toBe(true);
  });

  it('keeps the ids stable when the labels change', () => {
    const before = allIds(buildTrayModel(state({ containers: [web] }), en).items);
    const after = allIds(buildTrayModel(state({ containers: [web] }), ko).items);
    expect(after).toEqual(before);
  });
});

describe('createTrayFeed', () => {
  class Source<T> {
    readonly listeners = new Set<(value: T) => void>();
    on = (listener: (value: T) => void) => {
      this.listeners.add(listener);
      return () => this.listeners.delete(listener);
    };
    emit(value: T) {
      for (const listener of this.listeners) listener(value);
    }
  }

  function setup(
    options: {
      engine?: EngineStatus;
      images?: LocalImage[];
      language?: 'en' | 'ko';
      lazy?: boolean;
      probeHttp?: (input: { ip: string | null; port: number }) => Promise<{ answersHttp: boolean }>;
    } = {},
  ) {
    let engine = options.engine ?? connectedStatus();
    const status = new Source<EngineStatus>();
    const changes = new Source<ContainerChange>();
    const pullUpdates = new Source<PullJob>();
    const imageChanges = new Source<LocalImage[]>();
    const runsStarted = new Source<{ image: string }>();
    const list = vi.fn(async () => options.images ?? []);
    let t = options.language === 'ko' ? ko : en;
    const feed = createTrayFeed({
      monitor: {
        getStatus: () => engine,
        onStatus: (listener) => status.on(listener),
      },
      containers: {
        subscribe: (listener) => {
          const off = changes.on(listener);
          listener({ type: 'snapshot', containers: [], stale: false });
          return off;
        },
      },
      pulls: { list: () => [], onUpdate: (listener) => pullUpdates.on(listener) },
      images: { list, onChange: (listener) => imageChanges.on(listener) },
      runs: { onStarted: (listener) => runsStarted.on(listener) },
      translate: () => t,
      probeHttp: options.probeHttp,
    });
    const models: TrayModel[] = [];
    const stop = options.lazy ? () => undefined : feed.onChange((model) => models.push(model));
    return {
      feed,
      models,
      stop,
      list,
      status: (next: EngineStatus) => {
        engine = next;
        status.emit(next);
      },
      changes,
      pullUpdates,
      runsStarted,
      imageChanges,
      setLanguage: (language: 'en' | 'ko') => {
        t = language === 'ko' ? ko : en;
      },
      sources: [status, changes, pullUpdates, imageChanges],
    };
  }

  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('builds the current model at once, and lists the images when connected', async () => {
    const { feed, list } = setup({ images: [image(['redis:latest'], 1)] });
    expect(item(feed.current(), 'engine').label).toBe('Docker server running: Docker Engine 28.2.2');
    expect(list).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(100);
    expect(item(feed.current(), 'run').submenu!.map((entry) => entry.label)).toContain('redis:latest');
  });

  it('coalesces a burst of changes into one model', async () => {
    const { feed, models, changes, pullUpdates } = setup();
    await vi.advanceTimersByTimeAsync(100);
    models.length = 0;
    changes.emit({ type: 'upsert', container: web });
    changes.emit({ type: 'upsert', container: db });
    for (const percent of [10, 20, 30, 40]) {
      pullUpdates.emit(pullJob({ id: 'p1', reference: 'redis:latest', percent }));
    }
    expect(models).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(100);
    expect(models).toHaveLength(1);
    expect(item(models[0]!, 'containers').label).toBe('Running containers (2)');
    expect(item(models[0]!, 'pull:p1').label).toBe('redis:latest: 40%');
    expect(feed.current()).toEqual(models[0]);
  });

  it('offers "open in browser" only for the ports that answered HTTP', async () => {
    const asked: number[] = [];
    const probeHttp = vi.fn(async ({ port }: { ip: string | null; port: number }) => {
      asked.push(port);
      return { answersHttp: port === 8080 };
    });
    const { feed, changes } = setup({ probeHttp });
    changes.emit({ type: 'snapshot', containers: [web, db, cache], stale: false });
    await vi.advanceTimersByTimeAsync(100);
    const webMenu = item(item(feed.current(), 'containers').submenu!, 'container:a1').submenu!;
    expect(webMenu.map((entry) => [entry.label, entry.enabled ?? true])).toContainEqual([
      'Open http://localhost:8080 (0.0.0.0:8080→80/tcp)',
      true,
    ]);
    expect(webMenu.map((entry) => [entry.label, entry.enabled ?? true])).toContainEqual([
      '0.0.0.0:8443→443/tcp',
      false,
    ]);
    // UDP is never asked; one question per IPv4/IPv6 pair.
    expect(asked.sort()).toEqual([5432, 8080, 8443]);
  });

  it('sends nothing when the model did not change', async () => {
    const { models, changes } = setup();
    await vi.advanceTimersByTimeAsync(100);
    const count = models.length;
    changes.emit({ type: 'upsert', container: stopped });
    await vi.advanceTimersByTimeAsync(100);
    expect(models).toHaveLength(count);
  });

  it('follows the engine, container removals, finished pulls and image changes', async () => {
    const { feed, status, changes, pullUpdates, imageChanges } = setup();
    changes.emit({ type: 'snapshot', containers: [web, db], stale: false });
    pullUpdates.emit(pullJob({ id: 'p1', reference: 'redis:latest', percent: 50 }));
    await vi.advanceTimersByTimeAsync(100);
    expect(feed.current().pulling).toBe(true);

    changes.emit({ type: 'remove', id: 'b2' });
    pullUpdates.emit(pullJob({ id: 'p1', reference: 'redis:latest', state: 'done', percent: 100 }));
    imageChanges.emit([image(['redis:latest'], 1)]);
    await vi.advanceTimersByTimeAsync(100);
    let model = feed.current();
    expect(item(model, 'containers').label).toBe('Running containers (1)');
    expect(model.pulling).toBe(false);
    expect(item(model, 'run').submenu![0]!.label).toBe('redis:latest');

    status(disconnectedStatus());
    await vi.advanceTimersByTimeAsync(100);
    model = feed.current();
    expect(model.icon).toBe('stopped');
    expect(item(model, 'containers').enabled).toBe(false);
  });

  it('puts an image run from Berth first', async () => {
    const images = [image(['redis:latest'], 3), image(['alpine:latest'], 1)];
    const { feed, runsStarted } = setup({ images });
    await vi.advanceTimersByTimeAsync(100);
    expect(item(feed.current(), 'run').submenu![0]!.label).toBe('redis:latest');
    runsStarted.emit({ image: 'alpine' });
    await vi.advanceTimersByTimeAsync(100);
    expect(item(feed.current(), 'run').submenu![0]!.label).toBe('alpine:latest');
    expect(feed.recentImages()).toEqual(['alpine:latest']);
  });

  it('rebuilds in the new language on refresh', () => {
    const { feed, models, setLanguage } = setup();
    setLanguage('ko');
    feed.refresh();
    expect(item(models.at(-1)!, 'open').label).toBe('Berth 열기');
  });

  it('follows nothing until someone listens, and lets go when the last listener leaves', async () => {
    const { feed, sources, list, changes } = setup({ lazy: true, images: [image(['redis:latest'], 1)] });
    expect(sources.every((source) => source.listeners.size === 0)).toBe(true);
    expect(list).not.toHaveBeenCalled();
    // Without a listener: what can be read at once (the engine, the pulls).
    expect(item(feed.current(), 'engine').label).toBe('Docker server running: Docker Engine 28.2.2');

    const first: TrayModel[] = [];
    const second: TrayModel[] = [];
    const offFirst = feed.subscribe((model) => first.push(model));
    const offSecond = feed.subscribe((model) => second.push(model));
    expect(sources.every((source) => source.listeners.size === 1)).toBe(true);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    changes.emit({ type: 'upsert', container: web });
    await vi.advanceTimersByTimeAsync(100);
    expect(item(first.at(-1)!, 'containers').label).toBe('Running containers (1)');
    expect(second.at(-1)).toEqual(first.at(-1));
    expect(item(feed.current(), 'run').submenu![0]!.label).toBe('redis:latest');

    offFirst();
    expect(sources.every((source) => source.listeners.size === 1)).toBe(true);
    offSecond();
    expect(sources.every((source) => source.listeners.size === 0)).toBe(true);
    // What is not followed any more is not shown as if it were current.
    expect(item(feed.current(), 'containers').label).toBe('Running containers (0)');
  });

  it('follows the lessons while someone listens: a started lesson becomes "Continue"', async () => {
    let lessons = lessonsState();
    const listeners = new Set<(state: LessonsState) => void>();
    const feed = createTrayFeed({
      monitor: { getStatus: () => connectedStatus(), onStatus: () => () => undefined },
      containers: { subscribe: () => () => undefined },
      pulls: { list: () => [], onUpdate: () => () => undefined },
      lessons: {
        subscribe: (listener) => {
          listeners.add(listener);
          listener(lessons);
          return () => listeners.delete(listener);
        },
      },
      translate: () => en,
    });
    const models: TrayModel[] = [];
    const stop = feed.subscribe((model) => models.push(model));
    expect(item(models.at(-1)!, 'lessons').label).toBe('Lessons…');
    lessons = lessonsState({
      whyDocker: lessonState('whyDocker', {
        started: true,
        startedAt: 5,
        steps: [lessonStep('pull', { done: true }), lessonStep('run')],
      }),
    });
    for (const listener of listeners) listener(lessons);
    await vi.advanceTimersByTimeAsync(150);
    expect(item(models.at(-1)!, 'lessons')).toMatchObject({
      label: 'Continue: Why Docker (step 2 of 2)',
      action: { kind: 'open-section', section: 'lessons', param: 'whyDocker' },
    });
    stop();
    expect(listeners.size).toBe(0);
    feed.dispose();
  });

  it('sends a subscriber the current model at once', () => {
    const { feed } = setup();
    const got: TrayModel[] = [];
    feed.subscribe((model) => got.push(model));
    expect(got).toEqual([feed.current()]);
  });

  it('lets go of every source when disposed', async () => {
    const { feed, models, sources, changes } = setup();
    changes.emit({ type: 'upsert', container: web });
    feed.dispose();
    await vi.advanceTimersByTimeAsync(200);
    expect(models).toHaveLength(0);
    expect(sources.every((source) => source.listeners.size === 0)).toBe(true);
  });
});
