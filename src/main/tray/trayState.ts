import type { TFunction } from 'i18next';
import { applyContainerChange, emptyContainerList } from '../../shared/containerList';
import type { ContainerChange, ContainerSummary } from '../../shared/containers';
import { deliverSafely, Emitter, type Dispose } from '../../shared/emitter';
import type { EngineStatus } from '../../shared/engine';
import type { ReclaimableNotice } from '../../shared/diskUsage';
import type { LocalImage } from '../../shared/images';
import type { LessonsState } from '../../shared/lessons';
import type { PullJob } from '../../shared/pulls';
import type { TrayModel } from '../../shared/tray';
import { buildTrayModel, normalizeImageName, portKey, type TrayState } from './trayModel';
import { localWebAddress, mergeAddressFamilies } from '../../shared/portText';

/** What the feed reads from the backend (EngineMonitor, ContainerModel, PullManager, ImageService fit). */
export interface TrayFeedSources {
  monitor: { getStatus(): EngineStatus; onStatus(listener: (status: EngineStatus) => void): () => void };
  containers: { subscribe(listener: (change: ContainerChange) => void): () => void };
  pulls: { list(): PullJob[]; onUpdate(listener: (job: PullJob) => void): () => void };
  images?: {
    list(): Promise<LocalImage[]>;
    onChange(listener: (images: LocalImage[]) => void): () => void;
  };
  /** Runs started from Berth (RunService fits): their images move to the top of "Run image". */
  runs?: { onStarted(listener: (run: { image: string }) => void): Dispose };
  /** Whether a published port answers HTTP (HttpProbe): only those are offered "open in browser". */
  probeHttp?: (input: { ip: string | null; port: number }) => Promise<{ answersHttp: boolean }>;
  /** The reclaimable-space hint (ReclaimableWatcher fits): "X GB can be freed" when over the threshold. */
  reclaimable?: { subscribe(listener: (notice: ReclaimableNotice) => void): Dispose };
  /** The lessons' progress (the LessonWatcher fits: it sends the current state at once, then each change). */
  lessons?: { subscribe(listener: (state: LessonsState) => void): Dispose };
  /** The translator of the current language; called on every rebuild, so a language change shows at the next one. */
  translate: () => TFunction;
  /** Changes closer together than this make one new model (default 100 ms). */
  coalesceMs?: number;
  /** How many recently run images are remembered (default 20). */
  maxRecentImages?: number;
  /** Images run before (e.g. kept across restarts), most recent first. */
  initialRecentImages?: string[];
}

type Listener = (model: TrayModel) => void;

export interface TrayFeed {
  /**
   * The model for the current state. Exact while someone listens (the feed follows the services
   * only then); without a listener the containers and images are not known and show as none.
   */
  current(): TrayModel;
  /** The current model at once, then each new one: what a 'tray.model' stream sends. */
  subscribe(listener: Listener): () => void;
  /** Each new model, at most once per coalescing window, only when it changed. */
  onChange(listener: Listener): () => void;
  /** Rebuilds now, e.g. after the language changed. */
  refresh(): void;
  /** The images run from Berth, most recent first (to keep them across restarts, if wanted). */
  recentImages(): string[];
  dispose(): void;
}

/**
 * Turns the backend's state into tray models: the engine's status, the containers model, the pulls
 * and the local image cache. It follows those services only while it has a listener (the tray icon,
 * a preview page), so a Berth without a tray asks the engine for nothing more. Bursts of changes (a
 * pull's progress, many container events) make one model per window, and an unchanged model is not
 * sent again.
 */
export function createTrayFeed(sources: TrayFeedSources): TrayFeed {
  const coalesceMs = sources.coalesceMs ?? 100;
  const maxRecent = sources.maxRecentImages ?? 20;
  /** Each new model with its JSON: a listener is called only when it differs from the last one it got. */
  const models = new Emitter<{ model: TrayModel; json: string }>({ onLastListenerRemoved: () => stopFollowing() });

  let engine = sources.monitor.getStatus();
  let containers = emptyContainerList;
  let images: LocalImage[] = [];
  let reclaimable: ReclaimableNotice | null = null;
  let lessons: LessonsState | null = null;
  let recent: string[] = (sources.initialRecentImages ?? []).map(normalizeImageName).slice(0, maxRecent);
  const pulls = new Map<string, PullJob>();
  /** Published ports (portKey) that answered HTTP, and the running containers whose ports were asked. */
  const webPorts = new Set<string>();
  const probedContainers = new Set<string>();

  let disposed = false;
  let dirty = true;
  let model: TrayModel | null = null;
  let timer: ReturnType<typeof setTimeout> | null = null;
  let detach: (() => void) | null = null;

  const build = (): TrayModel => {
    if (!detach) {
      // Not following the services: what can be read now.
      engine = sources.monitor.getStatus();
      pulls.clear();
      for (const job of sources.pulls.list()) if (job.state === 'pulling') pulls.set(job.id, job);
      dirty = true;
    }
    if (dirty || !model) {
      const state: TrayState = {
        engine,
        containers: [...containers.byId.values()],
        images,
        recentImages: recent,
        pulls: [...pulls.values()],
        webPorts,
        reclaimable,
        lessons,
      };
      model = buildTrayModel(state, sources.translate());
      dirty = false;
    }
    return model;
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (disposed || !models.hasListeners) return;
    const next = build();
    models.fire({ model: next, json: JSON.stringify(next) });
  };

  const changed = () => {
    if (disposed) return;
    dirty = true;
    timer ??= setTimeout(flush, coalesceMs);
  };

  const attach = () => {
    engine = sources.monitor.getStatus();
    pulls.clear();
    for (const job of sources.pulls.list()) if (job.state === 'pulling') pulls.set(job.id, job);
    let open = true;

    const loadImages = () => {
      sources.images?.list().then(
        (list) => {
          if (!open) return;
          images = list;
          changed();
        },
        () => undefined,
      );
    };

    const offStatus = sources.monitor.onStatus((status) => {
      const wasConnected = engine.state === 'connected';
      engine = status;
      // The image service lists again on a reconnect by itself; the very first list is ours to ask.
      if (status.state === 'connected' && !wasConnected && images.length === 0) loadImages();
      changed();
    });

    // Asked once each time a container is seen running, and again a moment later for a server that
    // is still starting (a container is "running" before the program in it listens).
    const probePorts = (container: ContainerSummary) => {
      const probe = sources.probeHttp;
      if (!probe || container.state !== 'running' || probedContainers.has(container.id)) return;
      probedContainers.add(container.id);
      for (const port of mergeAddressFamilies(container.ports)) {
        if (!localWebAddress(port) || port.publicPort === null) continue;
        const ask = (retries: number) =>
          probe({ ip: port.ip, port: port.publicPort! }).then(
            ({ answersHttp }) => {
              if (!open || !probedContainers.has(container.id)) return;
              if (answersHttp) {
                webPorts.add(portKey(port));
                changed();
              } else if (retries > 0) {
                setTimeout(() => void ask(retries - 1), 3000).unref?.();
              }
            },
            () => undefined,
          );
        void ask(2);
      }
    };
    const forgetPorts = (container: ContainerSummary | undefined) => {
      if (!container) return;
      probedContainers.delete(container.id);
      for (const port of container.ports) webPorts.delete(portKey(port));
    };

    /** The ports to ask about again: a container re-listed, gone, or no longer running. */
    const leaving = (change: ContainerChange): Array<ContainerSummary | undefined> => {
      if (change.type === 'snapshot') return [...containers.byId.values()];
      if (change.type === 'remove') return [containers.byId.get(change.id)];
      if (change.type === 'upsert' && change.container.state !== 'running')
        return [containers.byId.get(change.container.id)];
      return [];
    };

    const offContainers = sources.containers.subscribe((change) => {
      // The menu does not show a stale list as such: it keeps the last one.
      if (change.type === 'stale') return;
      for (const container of leaving(change)) forgetPorts(container);
      containers = applyContainerChange(containers, change);
      const arriving =
        change.type === 'snapshot' ? change.containers : change.type === 'upsert' ? [change.container] : [];
      for (const container of arriving) probePorts(container);
      changed();
    });

    const offPulls = sources.pulls.onUpdate((job) => {
      const had = pulls.has(job.id);
      if (job.state === 'pulling') pulls.set(job.id, job);
      else if (had) pulls.delete(job.id);
      else return;
      changed();
    });

    const offImages =
      sources.images?.onChange((list) => {
        images = list;
        changed();
      }) ?? (() => undefined);
    if (engine.state === 'connected') loadImages();
    const offReclaimable =
      sources.reclaimable?.subscribe((notice) => {
        reclaimable = notice;
        changed();
      }) ?? (() => undefined);
    const offLessons =
      sources.lessons?.subscribe((state) => {
        lessons = state;
        changed();
      }) ?? (() => undefined);

    dirty = true;
    detach = () => {
      open = false;
      offStatus();
      offContainers();
      offPulls();
      offImages();
      offReclaimable();
      offLessons();
      // Not followed any more: forget what would go out of date.
      containers = emptyContainerList;
      webPorts.clear();
      probedContainers.clear();
      images = [];
      reclaimable = null;
      lessons = null;
      dirty = true;
    };
  };

  const stopFollowing = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    detach?.();
    detach = null;
  };

  const add = (listener: Listener, sendNow: boolean): Dispose => {
    if (disposed) return () => undefined;
    if (!detach) attach();
    const now = { model: build(), json: '' };
    now.json = JSON.stringify(now.model);
    // Changes only: from the model of this moment on, unless it is sent now.
    let lastJson: string | null = sendNow ? null : now.json;
    const send = ({ model: next, json }: { model: TrayModel; json: string }) => {
      if (json === lastJson) return;
      lastJson = json;
      listener(next);
    };
    const dispose = models.event(send);
    if (sendNow) deliverSafely(send, now);
    return dispose;
  };

  // An image run from Berth moves to the top of "Run image".
  const noteImageRun = (image: string) => {
    const name = normalizeImageName(image);
    recent = [name, ...recent.filter((other) => other !== name)].slice(0, maxRecent);
    changed();
  };
  const offRuns = sources.runs?.onStarted((run) => noteImageRun(run.image)) ?? (() => undefined);

  return {
    current: build,
    subscribe: (listener) => add(listener, true),
    onChange: (listener) => add(listener, false),
    refresh() {
      dirty = true;
      flush();
    },
    recentImages: () => [...recent],
    dispose() {
      disposed = true;
      offRuns();
      models.dispose();
      stopFollowing();
    },
  };
}
