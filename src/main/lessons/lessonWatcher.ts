import type Docker from 'dockerode';
import type { BuildJob } from '../../shared/builds';
import type { ComposeProjectState, ComposeTool } from '../../shared/compose';
import type { ContainerChange, ContainerSummary } from '../../shared/containers';
import { Emitter, type Dispose, type Listener } from '../../shared/emitter';
import type { EngineStatus } from '../../shared/engine';
import type { LocalImage } from '../../shared/images';
import { familiarListedName } from '../../shared/imageReference';
import { lessonIds, type LessonId, type LessonsState } from '../../shared/lessons';
import type { Network } from '../../shared/networks';
import type { PullJob } from '../../shared/pulls';
import type { RunFlow } from '../../shared/run';
import type { Volume } from '../../shared/volumes';
import type { EngineEvent } from '../engine/engineMonitor';
import { HELPER_LABEL } from '../volumes/volumeHelper';
import { course } from './course';
import type { LessonDefinition, LessonObservation, LessonWorld, ProbeAnswer, ProbeRequest } from './lessonDefinition';
import { evaluateLesson } from './lessonEvaluation';
import type { LessonProbeRunner } from './lessonProbes';
import type { LessonProgressStore } from './lessonProgressStore';

type Subscribe<T> = (emit: Listener<T>) => Dispose;

/** What the watcher reads: the services Berth already has, each followed only while a lesson is open. */
export interface LessonSources {
  monitor: {
    getStatus(): EngineStatus;
    onStatus(listener: Listener<EngineStatus>): Dispose;
    onEngineEvent(listener: Listener<EngineEvent>): Dispose;
  };
  containers: { subscribe: Subscribe<ContainerChange>; getSnapshot(): { containers: ContainerSummary[] } };
  images: { subscribe: Subscribe<LocalImage[]> };
  volumes: { subscribe: Subscribe<Volume[]> };
  networks: { subscribe: Subscribe<Network[]> };
  composeProjects: { subscribe: Subscribe<ComposeProjectState[]> };
  builds: { subscribe: Subscribe<BuildJob> };
  pulls: { subscribe: Subscribe<PullJob> };
  runs: {
    list(): RunFlow[];
    /** One run's flow now (a started run is read alone, not with every other run's output). */
    flow(runId: string): RunFlow | undefined;
    onStarted: (listener: Listener<{ runId: string }>) => Dispose;
    onFlow(runId: string, listener: Listener<RunFlow>): Dispose;
  };
  /** Looks for the compose tool afresh (installing it is seen at the next check). */
  composeTool: () => Promise<ComposeTool>;
  /** `docker system df`'s figures, for lessons that measure disk usage. */
  diskUsage: () => Promise<{ reclaimable: number; total: number }>;
  /** The layers of a local image (RootFS.Layers), for the image tag observations. */
  imageLayers: (client: Docker, imageId: string) => Promise<string[]>;
  getClient: () => Docker;
}

export interface LessonWatcherOptions {
  sources: LessonSources;
  store: LessonProgressStore;
  probes: LessonProbeRunner;
  /** The course (tests give their own). */
  lessons?: Readonly<Record<LessonId, LessonDefinition>>;
  /** Changes within this many ms make one evaluation. Default 30. */
  settleMs?: number;
  now?: () => number;
}

/** The exec events Podman sends for one exec ("exec", then "exec_died"), none naming the exec. */
const UNNAMED_EVENTS_PER_EXEC = 2;

/** When a page that did not answer is asked again, after the event that made it a question. */
const PAGE_RETRY_DELAYS_MS = [500, 1000, 2000];

/** Engine events that may free disk space (lesson 8 measures again after them). */
const freeingActions = new Set(['destroy', 'delete', 'untag', 'prune']);

/**
 * The lessons on the live engine: gathers the world from the services Berth already keeps (and the
 * engine's events), checks every started lesson's steps in it after each change, runs the probes
 * the lessons ask for, records observations, saves progress and pushes the lessons' state. Sources
 * are followed only while a started lesson is not finished; nothing polls.
 */
export class LessonWatcher {
  private readonly sources: LessonSources;
  private readonly store: LessonProgressStore;
  private readonly probeRunner: LessonProbeRunner;
  private readonly lessons: Readonly<Record<LessonId, LessonDefinition>>;
  private readonly settleMs: number;
  private readonly now: () => number;
  private readonly changed = new Emitter<LessonsState>();
  private last: LessonsState | null = null;
  private lastText = '';
  private timer: ReturnType<typeof setTimeout> | null = null;
  private following: Dispose[] | null = null;

  private containers: ContainerSummary[] = [];
  private images: LocalImage[] = [];
  private volumes: Volume[] = [];
  private networks: Network[] = [];
  private composeProjects: ComposeProjectState[] = [];
  private readonly builds = new Map<string, BuildJob>();
  private readonly pulls = new Map<string, PullJob>();
  private readonly runs = new Map<string, RunFlow>();
  private composeTool: ComposeTool | null = null;

  /** Answers by key, with the request each answered and the probe generation it was asked in. */
  private readonly answers = new Map<string, { request: string; answer: ProbeAnswer; generation: number }>();
  /** Moved on by every change that may alter an answer: answers of an older generation are asked again. */
  private probeGeneration = 0;
  private readonly probing = new Map<string, Promise<void>>();
  /** Each container's exec probes of late: their own exec events must not make them run again. */
  /**
   * Podman's exec events name neither the exec nor its command: each exec of a probe makes two
   * ("exec", "exec_died"), counted here per container, so the events beyond them are the learner's.
   */
  private readonly unnamedOwnEvents = new Map<string, number>();
  /**
   * A page that did not answer yet (a server in a container that just started may not listen) is
   * asked again a few times, 0.5, 1 and 2 s later: a short retry after an event, not polling.
   */
  private readonly pageRetries = new Map<string, { generation: number; tries: number }>();
  private readonly retryTimers = new Set<ReturnType<typeof setTimeout>>();
  /** The ids of the execs Berth's probes made (dockerd names them in exec events), the latest 200. */
  private readonly ownExecs = new Set<string>();
  private measuring: Promise<void> | null = null;
  private measureAgain = false;
  private disposed = false;

  constructor(options: LessonWatcherOptions) {
    this.sources = options.sources;
    this.store = options.store;
    this.probeRunner = options.probes;
    this.lessons = options.lessons ?? course;
    this.settleMs = options.settleMs ?? 30;
    this.now = options.now ?? Date.now;
  }

  /** Starts following the engine if a lesson is open (after a restart of Berth, the saved ones). */
  start(): void {
    this.updateFollowing();
    this.evaluate();
    // Known before a lesson that needs compose opens, so it never says "missing" while Berth looks.
    void this.refreshComposeTool().then(() => this.schedule());
  }

  /** The lessons now, then after every change: what 'lessons.progress' sends. */
  subscribe(emit: Listener<LessonsState>): Dispose {
    emit(this.state());
    return this.changed.event(emit);
  }

  state(): LessonsState {
    return this.last ?? this.evaluate();
  }

  /** Opens a lesson: saved at once, checked from now on. */
  async startLesson(lesson: LessonId): Promise<LessonsState> {
    // Looked for before the first check, so a lesson that needs compose is not shown missing it meanwhile.
    await this.refreshComposeTool();
    this.store.start(lesson, this.now());
    this.updateFollowing();
    // Measured after the start: the lesson's first measurement is one made since it started.
    await this.measureIfAsked(lesson);
    return this.evaluate();
  }

  /** Forgets the lesson's progress; nothing on the engine is touched. */
  reset(lesson: LessonId): LessonsState {
    this.store.reset(lesson);
    this.updateFollowing();
    return this.evaluate();
  }

  /** Asks again what no event announces (the lesson's probes, the compose tool, disk usage), then checks. */
  async recheck(lesson: LessonId): Promise<LessonsState> {
    this.probeGeneration += 1;
    await Promise.all([this.refreshComposeTool(), this.measureIfAsked(lesson)]);
    this.evaluate();
    await this.settleProbes();
    return this.evaluate();
  }

  /** Where lessons.copyExample put the lesson's example project. */
  setFolder(lesson: LessonId, folder: string): LessonsState {
    this.store.start(lesson, this.now());
    this.store.update(lesson, (memory) => ({ ...memory, folder }));
    this.updateFollowing();
    return this.evaluate();
  }

  /** Something Berth's own requests saw (the installation check opened, a pasted `docker version` matched). */
  observe(observation: LessonObservation): void {
    this.store.observe(observation);
    this.schedule();
  }

  /** Resolves once the progress changed so far is saved (before a restart, in tests). */
  saved(): Promise<void> {
    return this.store.flushed();
  }

  /** Resolves once the probes asked so far have answered (tests, recheck). */
  async settleProbes(): Promise<void> {
    while (this.probing.size > 0 || this.measuring) {
      await Promise.all([...this.probing.values(), this.measuring]);
    }
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    for (const timer of this.retryTimers) clearTimeout(timer);
    this.stopFollowing();
    this.changed.dispose();
  }

  private active(): LessonId[] {
    return lessonIds.filter((id) => {
      const memory = this.store.memory(id);
      const lesson = this.lessons[id];
      return memory !== null && lesson.steps.some((step) => memory.doneAt[step.id] === undefined);
    });
  }

  private updateFollowing(): void {
    if (this.disposed) return;
    const wanted = this.active().length > 0;
    if (wanted && !this.following) this.follow();
    if (!wanted && this.following) this.stopFollowing();
  }

  private follow(): void {
    const { sources } = this;
    // What was kept while nothing was followed is stale (a project removed since would look running):
    // a step must not turn done on it, so the lists start empty until the sources send them again.
    this.containers = [];
    this.images = [];
    this.volumes = [];
    this.networks = [];
    this.composeProjects = [];
    this.builds.clear();
    this.pulls.clear();
    this.runs.clear();
    const keep = <T>(source: { subscribe: Subscribe<T> }, set: (value: T) => void): Dispose =>
      source.subscribe((value) => {
        set(value);
        this.schedule();
      });
    const runFlows: Dispose[] = [];
    const followRun = (runId: string) => {
      runFlows.push(
        sources.runs.onFlow(runId, (flow) => {
          this.runs.set(flow.runId, flow);
          this.schedule();
        }),
      );
    };
    for (const flow of sources.runs.list().reverse()) {
      this.runs.set(flow.runId, flow);
      followRun(flow.runId);
    }
    this.following = [
      sources.monitor.onStatus(() => this.schedule()),
      sources.monitor.onEngineEvent((event) => this.onEngineEvent(event)),
      keep(sources.containers, () => (this.containers = sources.containers.getSnapshot().containers)),
      keep(sources.images, (list) => (this.images = list)),
      keep(sources.volumes, (list) => (this.volumes = list)),
      keep(sources.networks, (list) => (this.networks = list)),
      keep(sources.composeProjects, (list) => (this.composeProjects = list)),
      keep(sources.builds, (job) => this.builds.set(job.id, job)),
      keep(sources.pulls, (job) => this.pulls.set(job.id, job)),
      sources.runs.onStarted(({ runId }) => {
        const flow = sources.runs.flow(runId);
        if (flow) this.runs.set(runId, flow);
        followRun(runId);
        this.schedule();
      }),
      () => runFlows.forEach((stop) => stop()),
    ];
  }

  private stopFollowing(): void {
    for (const stop of this.following ?? []) stop();
    this.following = null;
  }

  private onEngineEvent(event: EngineEvent): void {
    const at = eventTime(event) ?? this.now();
    const attributes = event.Actor?.Attributes ?? {};
    // Berth's own helper containers (a volume's listing) say nothing about the learner's work.
    if (attributes[HELPER_LABEL]) return;
    const action = event.Action.split(':')[0]?.trim() ?? '';
    if (event.Type === 'container' && action.startsWith('exec')) {
      const command = event.Action.includes(':') ? event.Action.slice(event.Action.indexOf(':') + 1).trim() : '';
      const containerId = event.Actor?.ID ?? '';
      const execId = attributes.execID;
      if (execId ? this.ownExecs.has(execId) : this.isOwnUnnamedExec(containerId)) return;
      if (action === 'exec_start' || action === 'exec_create') {
        if (action === 'exec_start') this.store.observe({ kind: 'exec', at, containerId, command });
        return; // The exec's effect is known at its end (exec_die).
      }
    }
    if (event.Type === 'image' && action === 'tag' && event.Actor?.ID && attributes.name) {
      void this.recordTag(event.Actor.ID, familiarListedName(attributes.name), at);
    }
    if (event.Type === 'container' || (event.Type === 'volume' && (action === 'create' || action === 'destroy'))) {
      this.probeGeneration += 1;
    }
    if (freeingActions.has(action) && this.measuresDisk()) this.measureDisk();
    this.schedule();
  }

  /** The probe runner's onExecCreated: an exec Berth made. */
  noteOwnExec(execId: string): void {
    this.ownExecs.add(execId);
    if (this.ownExecs.size > 200) this.ownExecs.delete(this.ownExecs.values().next().value as string);
  }

  /** An exec event without an exec id (Podman): Berth's own while its probes' events are not all seen. */
  private isOwnUnnamedExec(containerId: string): boolean {
    const pending = this.unnamedOwnEvents.get(containerId) ?? 0;
    if (pending === 0) return false;
    if (pending === 1) this.unnamedOwnEvents.delete(containerId);
    else this.unnamedOwnEvents.set(containerId, pending - 1);
    return true;
  }

  private async recordTag(imageId: string, tag: string, at: number): Promise<void> {
    let layers: string[] = [];
    try {
      layers = await this.sources.imageLayers(this.sources.getClient(), imageId);
    } catch {
      // Removed meanwhile: the tag still happened.
    }
    const id = imageId.startsWith('sha256:') ? imageId : `sha256:${imageId}`;
    this.store.observe({ kind: 'imageTagged', at, tag, imageId: id, layers });
    this.schedule();
  }

  private measuresDisk(): boolean {
    return this.active().some((id) => this.lessons[id].measuresDisk === true);
  }

  /** One measurement at a time; changes meanwhile make one more after it. */
  private measureDisk(): void {
    if (this.measuring) {
      this.measureAgain = true;
      return;
    }
    this.measuring = (async () => {
      try {
        const usage = await this.sources.diskUsage();
        this.store.observe({
          kind: 'diskUsage',
          at: this.now(),
          reclaimableBytes: usage.reclaimable,
          totalBytes: usage.total,
        });
      } catch {
        // The engine went away: the next event or check measures again.
      }
    })().finally(() => {
      this.measuring = null;
      this.schedule();
      if (this.measureAgain) {
        this.measureAgain = false;
        this.measureDisk();
      }
    });
  }

  /** Looks for the compose tool afresh: installing it is seen at the next start or check. */
  private async refreshComposeTool(): Promise<void> {
    try {
      const tool = await this.sources.composeTool();
      this.composeTool = tool.found ? tool : null;
    } catch {
      // Not known this time: the last answer stays.
    }
  }

  /** Measures disk usage now for a lesson that asks for it (and waits for the measurement). */
  private async measureIfAsked(lesson: LessonId): Promise<void> {
    if (!this.lessons[lesson].measuresDisk || this.sources.monitor.getStatus().state !== 'connected') return;
    this.measureDisk();
    await this.measuring;
  }

  private schedule(): void {
    if (this.disposed || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.evaluate();
    }, this.settleMs);
  }

  private world(): LessonWorld {
    const probes: Record<string, ProbeAnswer> = {};
    for (const [key, entry] of this.answers) probes[key] = entry.answer;
    return {
      now: this.now(),
      engine: this.sources.monitor.getStatus(),
      containers: this.containers,
      images: this.images,
      volumes: this.volumes,
      networks: this.networks,
      builds: [...this.builds.values()],
      pulls: [...this.pulls.values()],
      // Newest first, as RunService lists them (a Map keeps the order runs were first seen).
      runs: [...this.runs.values()].reverse(),
      composeProjects: this.composeProjects,
      composeTool: this.composeTool,
      probes,
      observations: this.store.allObservations(),
    };
  }

  /** Checks every lesson in the world now, saves what turned done, asks the probes, sends the state if it changed. */
  private evaluate(): LessonsState {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const world = this.world();
    const wantedProbes: ProbeRequest[] = [];
    const lessons = lessonIds.map((id) => {
      const definition = this.lessons[id];
      const result = evaluateLesson(definition, world, this.store.memory(id));
      if (result.changed && result.memory) {
        const memory = result.memory;
        this.store.update(id, () => memory);
      }
      if (result.memory && !result.state.finished && result.state.unmet.length === 0) {
        wantedProbes.push(...(definition.probes?.(world, result.memory) ?? []));
      }
      return result.state;
    });
    const state: LessonsState = { lessons };
    this.askProbes(wantedProbes);
    this.updateFollowing();
    const text = JSON.stringify(state);
    if (text !== this.lastText) {
      this.lastText = text;
      this.last = state;
      this.changed.fire(state);
    }
    return state;
  }

  private askProbes(requests: ProbeRequest[]): void {
    const wanted = new Set(requests.map((request) => request.key));
    // Answers no lesson asks for any more are forgotten (a new question starts unanswered).
    for (const key of this.answers.keys()) if (!wanted.has(key)) this.answers.delete(key);
    if (this.sources.monitor.getStatus().state !== 'connected') return;
    for (const request of requests) {
      const text = JSON.stringify(request);
      const entry = this.answers.get(request.key);
      if (entry && entry.request === text && entry.generation === this.probeGeneration) continue;
      if (this.probing.has(request.key)) continue;
      this.probing.set(request.key, this.probe(request, text));
    }
  }

  private retryPage(key: string, generation: number, answered: boolean): void {
    const retry = this.pageRetries.get(key);
    const tries = retry && retry.generation === generation ? retry.tries : 0;
    if (answered || tries >= PAGE_RETRY_DELAYS_MS.length) {
      this.pageRetries.delete(key);
      return;
    }
    this.pageRetries.set(key, { generation, tries: tries + 1 });
    const timer = setTimeout(() => {
      this.retryTimers.delete(timer);
      const entry = this.answers.get(key);
      // Asked again at the next evaluation, unless an event asked it meanwhile.
      if (entry && entry.generation === generation) entry.generation = -1;
      this.schedule();
    }, PAGE_RETRY_DELAYS_MS[tries]);
    this.retryTimers.add(timer);
  }

  private async probe(request: ProbeRequest, text: string): Promise<void> {
    // An event while it runs moves the generation on: then it is asked once more.
    const generation = this.probeGeneration;
    if (request.kind === 'exec' && this.sources.monitor.getStatus().server?.family === 'podman') {
      const pending = this.unnamedOwnEvents.get(request.containerId) ?? 0;
      this.unnamedOwnEvents.set(request.containerId, pending + UNNAMED_EVENTS_PER_EXEC);
    }
    try {
      const answer = await this.probeRunner.run(request);
      this.answers.set(request.key, { request: text, answer, generation });
      if (request.kind === 'http') this.retryPage(request.key, generation, answer.ok);
    } finally {
      this.probing.delete(request.key);
      this.schedule();
    }
  }
}

function eventTime(event: EngineEvent): number | null {
  if (event.timeNano) return Math.floor(event.timeNano / 1e6);
  if (event.time) return event.time * 1000;
  return null;
}
