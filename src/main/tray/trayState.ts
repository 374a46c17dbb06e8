import type { TFunction } from 'i18next';
import type { ContainerChange, ContainerSummary } from '../../shared/containers';
import type { EngineStatus } from '../../shared/engine';
import type { LocalImage } from '../../shared/images';
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
  /** Whether a published port answers HTTP (HttpProbe): only those are offered "open in browser". */
  probeHttp?: (input: { ip: string | null; port: number }) => Promise<{ answersHttp: boolean }>;
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
  /** An image was run from Berth: it moves to the top of "Run image". */
  noteImageRun(image: string): void;
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
  /** Each listener with the JSON of the last model it got. */
  const listeners = new Map<Listener, string | null>();

  let engine = sources.monitor.getStatus();
  const containers = new Map<string, ContainerSummary>();
  let images: LocalImage[] = [];
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
        containers: [...containers.values()],
        images,
        recentImages: recent,
        pulls: [...pulls.values()],
        webPorts,
      };
      model = buildTrayModel(state, sources.translate());
      dirty = false;
    }
    return model;
  };

  const send = (listener: Listener, next: TrayModel, json: string) => {
    if (listeners.get(listener) === json) return;
    listeners.set(listener, json);
    try {
      listener(next);
    } catch {
      // A failing listener must not stop the others.
    }
  };

  const flush = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    if (disposed || listeners.size === 0) return;
    const next = build();
    const json = JSON.stringify(next);
    for (const listener of [...listeners.keys()]) send(listener, next, json);
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

    const offContainers = sources.containers.subscribe((change) => {
      switch (change.type) {
        case 'snapshot':
          for (const container of containers.values()) forgetPorts(container);
          containers.clear();
          for (const container of change.containers) containers.set(container.id, container);
          for (const container of change.containers) probePorts(container);
          break;
        case 'upsert':
          if (change.container.state !== 'running') forgetPorts(containers.get(change.container.id));
          containers.set(change.container.id, change.container);
          probePorts(change.container);
          break;
        case 'remove':
          forgetPorts(containers.get(change.id));
          containers.delete(change.id);
          break;
        case 'stale':
          return;
      }
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

    dirty = true;
    detach = () => {
      open = false;
      offStatus();
      offContainers();
      offPulls();
      offImages();
      // Not followed any more: forget what would go out of date.
      containers.clear();
      webPorts.clear();
      probedContainers.clear();
      images = [];
      dirty = true;
    };
  };

  const stopFollowing = () => {
    if (timer) clearTimeout(timer);
    timer = null;
    detach?.();
    detach = null;
  };

  const add = (listener: Listener, sendNow: boolean) => {
    if (disposed) return () => undefined;
    if (!detach) attach();
    const now = build();
    const json = JSON.stringify(now);
    if (sendNow) {
      listeners.set(listener, null);
      send(listener, now, json);
    } else {
      // Changes only: from the model of this moment on.
      listeners.set(listener, json);
    }
    return () => {
      if (listeners.delete(listener) && listeners.size === 0) stopFollowing();
    };
  };

  return {
    current: build,
    subscribe: (listener) => add(listener, true),
    onChange: (listener) => add(listener, false),
    noteImageRun(image) {
      const name = normalizeImageName(image);
      recent = [name, ...recent.filter((other) => other !== name)].slice(0, maxRecent);
      changed();
    },
    refresh() {
      dirty = true;
      flush();
    },
    recentImages: () => [...recent],
    dispose() {
      disposed = true;
      listeners.clear();
      stopFollowing();
    },
  };
}
