import { Emitter, type Dispose, type Listener } from '../../shared/emitter';
import type { EngineStatus } from '../../shared/engine';
import type { EngineEvent } from './engineMonitor';

/** What a live list needs from the EngineMonitor: its events and its connection state. */
export interface EngineEventSource {
  onEngineEvent(listener: (event: EngineEvent) => void): () => void;
  onStatus(listener: (status: EngineStatus) => void): () => void;
  getStatus(): EngineStatus;
}

export interface LiveListOptions<T> {
  monitor: EngineEventSource;
  /** Reads the whole list from the engine. */
  load: () => Promise<T>;
  /** Whether an engine event may change the list. */
  isRelevant: (event: EngineEvent) => boolean;
  /** Engine events within this many ms make one load. Default 100. */
  debounceMs?: number;
  /** A steady stream of events still loads at least this often. Default 1000. */
  maxWaitMs?: number;
  /**
   * At most one load per this many ms (the trailing event still loads, once the interval is over).
   * Default 0: only the debounce applies. The disk usage hint uses a minute: df is expensive.
   */
  minIntervalMs?: number;
}

/**
 * A list the engine's events keep fresh (images, volumes, networks): loaded again after a burst of
 * relevant events (debounced) and when the engine connects again, only while someone listens.
 * Nothing polls. One load at a time; events during a load make one more after it.
 */
export class LiveList<T> {
  private readonly options: LiveListOptions<T>;
  private readonly changed = new Emitter<T>({
    onFirstListener: () => this.follow(),
    onLastListenerRemoved: () => this.unfollow(),
  });
  private unfollowEngine: Dispose | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private burstStartedAt: number | null = null;
  private lastLoadAt = Number.NEGATIVE_INFINITY;
  private loading = false;
  private loadAgain = false;

  constructor(options: LiveListOptions<T>) {
    this.options = options;
  }

  /** The fresh list after every relevant change (and reconnect). */
  onChange(listener: Listener<T>): Dispose {
    return this.changed.event(listener);
  }

  /** The list now (once it answers; nothing when the engine cannot list), then each fresh one: a contract stream. */
  subscribe(emit: Listener<T>): Dispose {
    let open = true;
    const stop = this.changed.event((list) => open && emit(list));
    this.options.load().then(
      (list) => open && emit(list),
      () => undefined,
    );
    return () => {
      open = false;
      stop();
    };
  }

  /** Loads again soon, as after an event: for a change Berth made itself and knows of before the engine says. */
  invalidate(): void {
    this.eventCame();
  }

  dispose(): void {
    this.changed.dispose();
    this.unfollow();
  }

  private follow(): void {
    const { monitor, isRelevant } = this.options;
    let connected = monitor.getStatus().state === 'connected';
    const offEvents = monitor.onEngineEvent((event) => {
      if (isRelevant(event)) this.eventCame();
    });
    const offStatus = monitor.onStatus((status) => {
      const now = status.state === 'connected';
      if (now && !connected) this.eventCame();
      connected = now;
    });
    this.unfollowEngine = () => {
      offEvents();
      offStatus();
    };
  }

  private unfollow(): void {
    this.unfollowEngine?.();
    this.unfollowEngine = null;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.burstStartedAt = null;
  }

  /** Debounce: one load per burst, at the latest maxWaitMs after the burst began, never within minIntervalMs of the last. */
  private eventCame(): void {
    const debounceMs = this.options.debounceMs ?? 100;
    const maxWaitMs = this.options.maxWaitMs ?? 1000;
    const minIntervalMs = this.options.minIntervalMs ?? 0;
    const now = Date.now();
    this.burstStartedAt ??= now;
    if (this.timer) clearTimeout(this.timer);
    const debounced = Math.min(debounceMs, Math.max(0, this.burstStartedAt + maxWaitMs - now));
    const wait = Math.max(debounced, this.lastLoadAt + minIntervalMs - now);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.burstStartedAt = null;
      void this.reload();
    }, wait);
  }

  private async reload(): Promise<void> {
    if (this.loading) {
      this.loadAgain = true;
      return;
    }
    this.loading = true;
    this.lastLoadAt = Date.now();
    try {
      this.changed.fire(await this.options.load());
    } catch {
      // The engine went away: the status stream says so; the list comes again when it is back.
    } finally {
      this.loading = false;
      if (this.loadAgain) {
        this.loadAgain = false;
        this.eventCame();
      }
    }
  }
}
