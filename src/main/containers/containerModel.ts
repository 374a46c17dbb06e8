import type Docker from 'dockerode';
import type { ContainerChange, ContainerSummary } from '../../shared/containers';
import type { EngineStatus } from '../../shared/engine';
import type { EngineEvent } from '../engine/engineMonitor';
import { toContainerSummary } from './containerSummary';

/** What the model needs from the EngineMonitor: its events and its connection state. */
export interface ContainerEventSource {
  onEngineEvent(listener: (event: EngineEvent) => void): () => void;
  onStatus(listener: (status: EngineStatus) => void): () => void;
  getStatus(): EngineStatus;
}

export interface ContainerModelOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  monitor: ContainerEventSource;
  /** Events for one container within this many ms make one refresh of it. Default 25. */
  refreshDelayMs?: number;
  /** At most this many single-container refreshes at once (a burst of 1,000 creates queues). Default 4. */
  maxConcurrentRefreshes?: number;
  /** After a failed full list while connected, try again after this long (doubling, at most 10 s). Default 1000. */
  retryDelayMs?: number;
}

export type ContainerChangeListener = (change: ContainerChange) => void;

/**
 * The container events after which a container's row may read differently. exec_*, attach,
 * detach, resize, top, export, copy… leave it as it was (a health check is an exec every interval).
 */
const refreshActions = new Set([
  'create',
  'start',
  'restart',
  'die',
  'stop',
  'kill',
  'oom',
  'pause',
  'unpause',
  'rename',
  'update',
]);

export function isContainerRowEvent(event: EngineEvent): boolean {
  if (event.Type !== 'container') return false;
  return event.Action === 'destroy' || refreshActions.has(event.Action) || event.Action.startsWith('health_status');
}

interface Refresh {
  phase: 'waiting' | 'queued' | 'running';
  timer: ReturnType<typeof setTimeout> | null;
  /** An event came while the call ran: the answer may predate it, so refresh once more. */
  again: boolean;
}

/**
 * `docker ps -a`, kept current by the engine's events. One full list when the first listener
 * subscribes and after every reconnect; after that, each container event refreshes that one
 * container (GET /containers/json?all=1&filters={"id":[…]}) and a destroy removes it without a
 * call. Nothing polls the engine. While the events stream is down the last list is kept and
 * marked stale.
 */
export class ContainerModel {
  private readonly getClient: () => Docker;
  private readonly monitor: ContainerEventSource;
  private readonly refreshDelayMs: number;
  private readonly maxConcurrent: number;
  private readonly retryDelayMs: number;
  private readonly listeners = new Set<ContainerChangeListener>();
  private readonly containers = new Map<string, ContainerSummary>();
  private readonly refreshes = new Map<string, Refresh>();
  /** Ids waiting for a free refresh slot, in order (a Set: deleting one is O(1)). */
  private readonly queue = new Set<string>();
  private running = 0;
  private detach: (() => void) | null = null;
  private connected = false;
  private loaded = false;
  private stale = true;
  /** Bumped when a full list starts and when the connection drops: older answers are dropped. */
  private generation = 0;
  private loading = false;
  /**
   * Containers whose last event said the process ended (die, stop), with how often their row has
   * been read again since: the engine sends those events before its list shows the container
   * stopped, so a row still "running" right after one is read again a moment later.
   */
  private readonly ended = new Map<string, number>();
  /** Container events seen while a full list was in flight: the list may predate them. */
  private readonly touchedWhileLoading = new Map<string, 'changed' | 'destroyed'>();
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private retryAttempt = 0;

  constructor(options: ContainerModelOptions) {
    this.getClient = options.getClient;
    this.monitor = options.monitor;
    this.refreshDelayMs = options.refreshDelayMs ?? 25;
    this.maxConcurrent = Math.max(1, options.maxConcurrentRefreshes ?? 4);
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /**
   * Changes as they happen. The listener first gets a snapshot: as soon as the first list answers,
   * or at once when the list is loaded (or cannot be: the engine is not connected; then it is the
   * last known list, or empty, marked stale).
   */
  subscribe(listener: ContainerChangeListener): () => void {
    this.listeners.add(listener);
    if (!this.detach) this.attach();
    // The first list in flight sends its snapshot to every listener; otherwise the current one now.
    if (this.loaded || !this.loading) {
      safeCall(listener, { type: 'snapshot', containers: this.sorted(), stale: this.stale });
    }
    return () => {
      if (!this.listeners.delete(listener)) return;
      if (this.listeners.size === 0) this.stopListening();
    };
  }

  /** The current list, newest first, and whether it may be out of date. */
  getSnapshot(): { containers: ContainerSummary[]; stale: boolean; loaded: boolean } {
    return { containers: this.sorted(), stale: this.stale, loaded: this.loaded };
  }

  dispose(): void {
    this.listeners.clear();
    this.stopListening();
  }

  private attach(): void {
    this.connected = this.monitor.getStatus().state === 'connected';
    const offEvents = this.monitor.onEngineEvent((event) => this.onEvent(event));
    const offStatus = this.monitor.onStatus((status) => this.onStatus(status));
    this.detach = () => {
      offEvents();
      offStatus();
    };
    if (this.connected) void this.load();
  }

  /** No listener is left: stop following the engine and forget the list (the next subscriber lists again). */
  private stopListening(): void {
    this.detach?.();
    this.detach = null;
    this.generation += 1;
    this.loading = false;
    this.loaded = false;
    this.stale = true;
    this.connected = false;
    this.containers.clear();
    this.touchedWhileLoading.clear();
    this.ended.clear();
    this.cancelRefreshes();
    this.clearRetry();
  }

  private onStatus(status: EngineStatus): void {
    const connected = status.state === 'connected';
    if (connected === this.connected) return;
    this.connected = connected;
    if (connected) {
      this.retryAttempt = 0;
      void this.load();
      return;
    }
    // The events stream is gone: answers in flight may miss changes, and no event will say so.
    this.generation += 1;
    this.loading = false;
    this.touchedWhileLoading.clear();
    this.cancelRefreshes();
    this.clearRetry();
    if (!this.stale) {
      this.stale = true;
      this.emit({ type: 'stale', stale: true });
    }
  }

  private onEvent(event: EngineEvent): void {
    if (!this.connected || !isContainerRowEvent(event)) return;
    const id = event.Actor?.ID;
    if (!id) return;
    const destroyed = event.Action === 'destroy';
    if (this.loading) {
      if (destroyed || this.touchedWhileLoading.get(id) !== 'destroyed') {
        this.touchedWhileLoading.set(id, destroyed ? 'destroyed' : 'changed');
      }
      return;
    }
    // Not loaded yet (a failed list waits for its retry): that list will be newer than this event.
    if (!this.loaded || this.stale) return;
    if (event.Action === 'die' || event.Action === 'stop') this.ended.set(id, 0);
    else this.ended.delete(id);
    if (destroyed) {
      this.cancelRefresh(id);
      if (this.containers.delete(id)) this.emit({ type: 'remove', id });
      return;
    }
    this.schedule(id);
  }

  /** The full list: GET /containers/json?all=1. Replaces everything and sends a snapshot. */
  private async load(): Promise<void> {
    this.generation += 1;
    const generation = this.generation;
    this.loading = true;
    this.touchedWhileLoading.clear();
    // The list is newer than any single refresh waiting or running now.
    this.cancelRefreshes();
    this.clearRetry();
    let infos: Docker.ContainerInfo[];
    try {
      infos = await this.getClient().listContainers({ all: true });
    } catch {
      if (generation !== this.generation) return;
      this.loading = false;
      this.scheduleRetry();
      return;
    }
    if (generation !== this.generation) return;
    this.loading = false;
    this.retryAttempt = 0;
    this.containers.clear();
    for (const info of infos) this.containers.set(info.Id, toContainerSummary(info));
    const touched = [...this.touchedWhileLoading];
    this.touchedWhileLoading.clear();
    for (const [id, what] of touched) if (what === 'destroyed') this.containers.delete(id);
    this.loaded = true;
    this.stale = false;
    this.emit({ type: 'snapshot', containers: this.sorted(), stale: false });
    for (const [id, what] of touched) if (what === 'changed') this.schedule(id);
  }

  private scheduleRetry(): void {
    if (!this.connected || !this.detach) return;
    const delay = Math.min(10_000, this.retryDelayMs * 2 ** this.retryAttempt);
    this.retryAttempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (this.connected && this.detach) void this.load();
    }, delay);
  }

  private clearRetry(): void {
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  /** Coalesces a burst of events for one container into one refresh, refreshDelayMs after the first. */
  private schedule(id: string, delayMs = this.refreshDelayMs): void {
    const existing = this.refreshes.get(id);
    if (existing) {
      if (existing.phase === 'running') existing.again = true;
      return;
    }
    const refresh: Refresh = { phase: 'waiting', timer: null, again: false };
    refresh.timer = setTimeout(() => {
      refresh.timer = null;
      refresh.phase = 'queued';
      this.queue.add(id);
      this.pump();
    }, delayMs);
    this.refreshes.set(id, refresh);
  }

  private pump(): void {
    while (this.running < this.maxConcurrent && this.queue.size > 0) {
      const id = this.queue.values().next().value as string;
      this.queue.delete(id);
      const refresh = this.refreshes.get(id);
      if (!refresh || refresh.phase !== 'queued') continue;
      refresh.phase = 'running';
      this.running += 1;
      void this.refreshOne(id, refresh).finally(() => {
        this.running -= 1;
        this.pump();
      });
    }
  }

  /** GET /containers/json?all=1&filters={"id":["<id>"]}: that one row, or nothing if it is gone. */
  private async refreshOne(id: string, refresh: Refresh): Promise<void> {
    const generation = this.generation;
    let info: Docker.ContainerInfo | null;
    try {
      const rows = await this.getClient().listContainers({ all: true, filters: { id: [id] } });
      // The id filter matches prefixes: keep the exact one.
      info = rows.find((row) => row.Id === id) ?? null;
    } catch {
      // The engine went away: the status says so, and the reconnect lists everything again.
      if (this.refreshes.get(id) === refresh) this.refreshes.delete(id);
      return;
    }
    // Superseded: destroyed meanwhile, or a full list (newer) started, or the connection dropped.
    if (this.refreshes.get(id) !== refresh || generation !== this.generation) return;
    this.refreshes.delete(id);
    if (info) {
      const container = toContainerSummary(info);
      this.containers.set(id, container);
      this.emit({ type: 'upsert', container });
    } else if (this.containers.delete(id)) {
      this.emit({ type: 'remove', id });
    }
    if (refresh.again) this.schedule(id);
    else if (info && (info.State === 'running' || info.State === 'paused') && this.ended.has(id)) {
      // The process ended but the engine's list does not say so yet: read the row again shortly.
      const reads = this.ended.get(id)!;
      if (reads < 5) {
        this.ended.set(id, reads + 1);
        this.schedule(id, 100 * 2 ** reads);
      } else this.ended.delete(id);
    } else this.ended.delete(id);
  }

  private cancelRefresh(id: string): void {
    const refresh = this.refreshes.get(id);
    if (!refresh) return;
    if (refresh.timer) clearTimeout(refresh.timer);
    this.queue.delete(id);
    // A running call finds itself superseded when it answers.
    this.refreshes.delete(id);
  }

  private cancelRefreshes(): void {
    for (const refresh of this.refreshes.values()) if (refresh.timer) clearTimeout(refresh.timer);
    this.refreshes.clear();
    this.queue.clear();
  }

  private sorted(): ContainerSummary[] {
    return [...this.containers.values()].sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
  }

  private emit(change: ContainerChange): void {
    for (const listener of this.listeners) safeCall(listener, change);
  }
}

function safeCall(listener: ContainerChangeListener, change: ContainerChange): void {
  try {
    listener(change);
  } catch {
    // A failing listener must not stop the others.
  }
}
