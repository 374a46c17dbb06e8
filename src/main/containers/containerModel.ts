import { mapLimited } from '../../shared/mapLimited';
import type Docker from 'dockerode';
import type { ContainerChange, ContainerSummary } from '../../shared/containers';
import { deliverSafely, Emitter, type Dispose } from '../../shared/emitter';
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
  /** Events within this many ms of the first one that finds no read waiting make one batched read. Default 25. */
  refreshDelayMs?: number;
  /**
   * While events keep coming (a storm: the next batch is due as soon as one answers), each batch
   * waits twice as long as the one before, up to this many ms, so a storm costs a few calls a
   * second whatever its size. Default 200.
   */
  maxRefreshDelayMs?: number;
  /** At most this many list calls of one batch at once (a batch of 1,000 ids is 10 calls). Default 4. */
  maxConcurrentRefreshes?: number;
  /** At most this many ids in one call's id filter: the filter goes in the URL. Default 100. */
  maxIdsPerRefresh?: number;
  /** After a failed full list while connected, try again after this long (doubling, at most 10 s). Default 1000. */
  retryDelayMs?: number;
}

export type ContainerChangeListener = (change: ContainerChange) => void;

/**
 * The container events after which a container's row is the same as before: a health check is an
 * exec every interval, and attach, resize, top, export or copy change nothing the list shows. Any
 * other action re-reads the row, known or not: an engine whose words Berth does not know (Podman's
 * "init", "cleanup", "mount"…) must not leave the list wrong.
 */
const unchangingActions = new Set([
  'exec_create',
  'exec_start',
  'exec_die',
  'exec_detach',
  // Podman's word for exec_die.
  'exec_died',
  'attach',
  'detach',
  'resize',
  'top',
  'export',
  'copy',
  'archive-path',
  'extract-to-dir',
  'commit',
]);

/**
 * At most this many batches at once: a slow engine (Podman's id filter costs ~5 ms an id) must not
 * hold the next batch back for a whole call, nor be sent an unbounded pile of them.
 */
const MAX_BATCHES_IN_FLIGHT = 2;

/** The container is gone: dockerd says "destroy", Podman "remove". Its row goes without a call. */
const goneActions = new Set(['destroy', 'remove']);

/** Podman's event after "die" (its runtime cleaned up): the process has still ended. */
const stillEndedActions = new Set(['cleanup']);

/** The action's own word: dockerd sends "exec_start: sh -c …" and "health_status: healthy". */
function actionWord(action: string): string {
  const colon = action.indexOf(':');
  return (colon === -1 ? action : action.slice(0, colon)).trim();
}

export function isContainerRowEvent(event: EngineEvent): boolean {
  if (event.Type !== 'container' || typeof event.Action !== 'string') return false;
  return !unchangingActions.has(actionWord(event.Action));
}

export function isContainerGoneEvent(event: EngineEvent): boolean {
  return event.Type === 'container' && typeof event.Action === 'string' && goneActions.has(actionWord(event.Action));
}

/**
 * `docker ps -a`, kept current by the engine's events. One full list when the first listener
 * subscribes and after every reconnect. After that, the containers that events name within a
 * short window are read again together, in one GET /containers/json?all=1&filters={"id":[…]}
 * (chunked), and a destroyed container is removed without a call. At most two batches are in
 * flight, and an answer older than a read of the same container started since is dropped; while
 * events keep coming, each batch gathers for longer. Nothing polls the engine. While the events stream is down the last list is kept and
 * marked stale.
 */
export class ContainerModel {
  private readonly getClient: () => Docker;
  private readonly monitor: ContainerEventSource;
  private readonly refreshDelayMs: number;
  private readonly maxRefreshDelayMs: number;
  private readonly maxConcurrent: number;
  private readonly maxIdsPerRefresh: number;
  private readonly retryDelayMs: number;
  /** The engine is followed only while someone listens; with no one left the list is forgotten. */
  private readonly changed = new Emitter<ContainerChange>({
    onFirstListener: () => this.attach(),
    onLastListenerRemoved: () => this.stopListening(),
  });
  private readonly containers = new Map<string, ContainerSummary>();
  /** Ids to read in the next batch. */
  private readonly pending = new Set<string>();
  /**
   * Ids being read, with the number of the newest batch that reads each: an older batch's answer
   * for it is dropped. An id leaves when its container is destroyed meanwhile.
   */
  private readonly inFlight = new Map<string, number>();
  /** The window that gathers events into the next batch. */
  private batchTimer: ReturnType<typeof setTimeout> | null = null;
  private batchesRunning = 0;
  private batchCount = 0;
  /** The window of the batch being gathered: refreshDelayMs after a quiet moment, longer in a storm. */
  private batchDelayMs: number;
  /** When the last batch answered (Date.now()); -Infinity before the first. */
  private lastBatchEndedAt = Number.NEGATIVE_INFINITY;
  /** Reads of one container asked for later (a row that still says running after its process ended). */
  private readonly later = new Map<string, ReturnType<typeof setTimeout>>();
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
    this.maxRefreshDelayMs = Math.max(this.refreshDelayMs, options.maxRefreshDelayMs ?? 200);
    this.batchDelayMs = this.refreshDelayMs;
    this.maxConcurrent = Math.max(1, options.maxConcurrentRefreshes ?? 4);
    this.maxIdsPerRefresh = Math.max(1, options.maxIdsPerRefresh ?? 100);
    this.retryDelayMs = options.retryDelayMs ?? 1000;
  }

  /**
   * Changes as they happen. The listener first gets a snapshot: as soon as the first list answers,
   * or at once when the list is loaded (or cannot be: the engine is not connected; then it is the
   * last known list, or empty, marked stale).
   */
  subscribe(listener: ContainerChangeListener): Dispose {
    const dispose = this.changed.event(listener);
    // The first list in flight sends its snapshot to every listener; otherwise the current one now.
    if (this.loaded || !this.loading) {
      deliverSafely(listener, { type: 'snapshot', containers: this.sorted(), stale: this.stale });
    }
    return dispose;
  }

  /** The current list, newest first, and whether it may be out of date. */
  getSnapshot(): { containers: ContainerSummary[]; stale: boolean; loaded: boolean } {
    return { containers: this.sorted(), stale: this.stale, loaded: this.loaded };
  }

  dispose(): void {
    this.changed.dispose();
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
    const gone = isContainerGoneEvent(event);
    if (this.loading) {
      if (gone || this.touchedWhileLoading.get(id) !== 'destroyed') {
        this.touchedWhileLoading.set(id, gone ? 'destroyed' : 'changed');
      }
      return;
    }
    // Not loaded yet (a failed list waits for its retry): that list will be newer than this event.
    if (!this.loaded || this.stale) return;
    const action = actionWord(event.Action);
    if (action === 'die' || action === 'stop') this.ended.set(id, 0);
    else if (!stillEndedActions.has(action)) this.ended.delete(id);
    if (gone) {
      this.forgetReads(id);
      if (this.containers.delete(id)) this.emit({ type: 'remove', id });
      return;
    }
    this.request(id);
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
    for (const [id, what] of touched) if (what === 'changed') this.request(id);
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

  /** Reads the container in the next batch: the window opens with the first id that finds none open. */
  private request(id: string): void {
    this.cancelLater(id);
    this.pending.add(id);
    this.armBatch();
  }

  private armBatch(): void {
    if (this.batchTimer || this.batchesRunning >= MAX_BATCHES_IN_FLIGHT || this.pending.size === 0) return;
    // Events while a batch runs, or within 100 ms of the last answer (a script, not a user's
    // clicks): a storm, so gather for longer.
    const stormGapMs = Math.max(4 * this.refreshDelayMs, this.batchDelayMs + this.refreshDelayMs);
    const storm = this.batchesRunning > 0 || Date.now() - this.lastBatchEndedAt < stormGapMs;
    this.batchDelayMs = storm ? Math.min(this.maxRefreshDelayMs, this.batchDelayMs * 2) : this.refreshDelayMs;
    this.batchTimer = setTimeout(() => {
      this.batchTimer = null;
      void this.runBatch();
    }, this.batchDelayMs);
  }

  /**
   * GET /containers/json?all=1&filters={"id":[…]} for every pending id, at most maxIdsPerRefresh
   * ids a call and maxConcurrent calls at once. Each row answered replaces its own; an id without
   * a row is gone.
   */
  private async runBatch(): Promise<void> {
    if (this.pending.size === 0) return;
    const generation = this.generation;
    this.batchCount += 1;
    const batch = this.batchCount;
    const ids = [...this.pending];
    this.pending.clear();
    for (const id of ids) this.inFlight.set(id, batch);
    this.batchesRunning += 1;
    const chunks: string[][] = [];
    for (let index = 0; index < ids.length; index += this.maxIdsPerRefresh) {
      chunks.push(ids.slice(index, index + this.maxIdsPerRefresh));
    }
    try {
      // A newer generation (a resync) makes the chunks not yet read pointless.
      await mapLimited(chunks, this.maxConcurrent, async (chunk) => {
        if (generation === this.generation) await this.readChunk(chunk, generation, batch);
      });
    } finally {
      // A newer generation cleared these already (and may have its own batches running: leave them be).
      if (generation === this.generation) {
        for (const id of ids) if (this.inFlight.get(id) === batch) this.inFlight.delete(id);
        this.batchesRunning -= 1;
        this.lastBatchEndedAt = Date.now();
        this.armBatch();
      }
    }
  }

  private async readChunk(ids: string[], generation: number, batch: number): Promise<void> {
    let rows: Docker.ContainerInfo[];
    try {
      rows = await this.getClient().listContainers({ all: true, filters: { id: ids } });
    } catch {
      // The engine went away: the status says so, and the reconnect lists everything again.
      return;
    }
    // Superseded: a full list (newer) started, or the connection dropped.
    if (generation !== this.generation) return;
    // The id filter matches prefixes: keep exact ids only.
    const byId = new Map(rows.map((row) => [row.Id, row]));
    for (const id of ids) {
      // Destroyed while the call ran (the answer may predate that), or a newer read is on its way.
      if (this.inFlight.get(id) !== batch) continue;
      this.inFlight.delete(id);
      const info = byId.get(id);
      if (info) {
        const container = toContainerSummary(info);
        this.containers.set(id, container);
        this.emit({ type: 'upsert', container });
      } else if (this.containers.delete(id)) {
        this.emit({ type: 'remove', id });
      }
      // An event came while the call ran: the next batch reads it again anyway.
      if (this.pending.has(id)) continue;
      if (info && (info.State === 'running' || info.State === 'paused') && this.ended.has(id)) {
        // The process ended but the engine's list does not say so yet: read the row again shortly.
        const reads = this.ended.get(id)!;
        if (reads < 5) {
          this.ended.set(id, reads + 1);
          this.requestLater(id, 100 * 2 ** reads);
        } else this.ended.delete(id);
      } else this.ended.delete(id);
    }
  }

  private requestLater(id: string, delayMs: number): void {
    this.cancelLater(id);
    this.later.set(
      id,
      setTimeout(() => {
        this.later.delete(id);
        this.pending.add(id);
        this.armBatch();
      }, delayMs),
    );
  }

  private cancelLater(id: string): void {
    const timer = this.later.get(id);
    if (timer) clearTimeout(timer);
    this.later.delete(id);
  }

  /** The container is gone: nothing waiting to read it may bring its row back. */
  private forgetReads(id: string): void {
    this.cancelLater(id);
    this.pending.delete(id);
    this.inFlight.delete(id);
    this.ended.delete(id);
  }

  /** Drops every read waiting or in flight (a running call finds itself superseded by the generation). */
  private cancelRefreshes(): void {
    if (this.batchTimer) clearTimeout(this.batchTimer);
    this.batchTimer = null;
    for (const timer of this.later.values()) clearTimeout(timer);
    this.later.clear();
    this.pending.clear();
    this.inFlight.clear();
    this.batchesRunning = 0;
    this.batchDelayMs = this.refreshDelayMs;
  }

  private sorted(): ContainerSummary[] {
    return [...this.containers.values()].sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
  }

  private emit(change: ContainerChange): void {
    this.changed.fire(change);
  }
}
