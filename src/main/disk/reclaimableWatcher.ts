import type { DiskUsage, ReclaimableNotice } from '../../shared/diskUsage';
import { Emitter, type Dispose, type Listener } from '../../shared/emitter';
import type { EngineEvent } from '../engine/engineMonitor';
import { LiveList, type EngineEventSource } from '../engine/liveList';

/** GET /system/df is slow on big engines: the hint measures at most once a minute. */
export const RECLAIMABLE_MIN_INTERVAL_MS = 60_000;

const containerActions = new Set(['create', 'destroy', 'remove', 'start', 'die', 'stop', 'commit']);
const volumeActions = new Set(['create', 'destroy', 'remove', 'prune']);

/**
 * Events after which the reclaimable space may differ: containers made, gone, started or ended;
 * any image change; volumes made or gone (dockerd says destroy, Podman remove); builder prunes.
 * Not a volume's mount or unmount, which every container start and stop sends.
 */
export function isDiskUsageEvent(event: EngineEvent): boolean {
  switch (event.Type) {
    case 'container':
      return containerActions.has(event.Action);
    case 'image':
    case 'builder':
      return true;
    case 'volume':
      return volumeActions.has(event.Action);
    default:
      return false;
  }
}

interface Measurement {
  reclaimableBytes: number;
  measuredAt: number;
}

export interface ReclaimableWatcherOptions {
  monitor: EngineEventSource;
  /** Measures the disk usage (DiskUsageService.usage). */
  measure: () => Promise<DiskUsage>;
  /** The hint's threshold in bytes now (settings' reclaimableAlertGb × 10^9); 0 is off. */
  thresholdBytes: () => number;
  /** Called when the threshold may have changed (settings changes). */
  onThresholdChange: (listener: () => void) => Dispose;
  /** Engine events within this many ms make one measurement (default 2000). */
  debounceMs?: number;
}

/**
 * The status bar's and the tray's "X GB can be freed": measured on engine events that can change it,
 * at most once a minute, and only while someone listens; no timer polls. A new threshold is applied
 * to the last measurement without measuring again.
 */
export class ReclaimableWatcher {
  private readonly options: ReclaimableWatcherOptions;
  private readonly live: LiveList<Measurement>;
  private readonly notices: Emitter<ReclaimableNotice>;
  private last: Measurement | null = null;
  private detach: Dispose | null = null;

  constructor(options: ReclaimableWatcherOptions) {
    this.options = options;
    this.live = new LiveList({
      monitor: options.monitor,
      load: async () => {
        const usage = await options.measure();
        return { reclaimableBytes: usage.reclaimable, measuredAt: usage.measuredAt };
      },
      isRelevant: isDiskUsageEvent,
      debounceMs: options.debounceMs ?? 2000,
      maxWaitMs: RECLAIMABLE_MIN_INTERVAL_MS,
      minIntervalMs: RECLAIMABLE_MIN_INTERVAL_MS,
    });
    this.notices = new Emitter<ReclaimableNotice>({
      onFirstListener: () => this.follow(),
      onLastListenerRemoved: () => this.unfollow(),
    });
  }

  /** The last notice at once (if measured), then each new one: the 'disk.reclaimable' stream. */
  subscribe(emit: Listener<ReclaimableNotice>): Dispose {
    const dispose = this.notices.event(emit);
    if (this.last) emit(this.notice(this.last));
    return dispose;
  }

  /** A measurement made elsewhere (the Disk usage page, a clean-up): the hint follows it at once. */
  record(usage: DiskUsage): void {
    if (this.last && usage.measuredAt < this.last.measuredAt) return;
    this.update({ reclaimableBytes: usage.reclaimable, measuredAt: usage.measuredAt });
  }

  /** The last notice, or null before the first measurement. */
  current(): ReclaimableNotice | null {
    return this.last ? this.notice(this.last) : null;
  }

  dispose(): void {
    this.notices.dispose();
    this.unfollow();
    this.live.dispose();
  }

  private notice(measurement: Measurement): ReclaimableNotice {
    const thresholdBytes = Math.max(0, this.options.thresholdBytes());
    return {
      reclaimableBytes: measurement.reclaimableBytes,
      thresholdBytes,
      over: thresholdBytes > 0 && measurement.reclaimableBytes >= thresholdBytes,
      measuredAt: measurement.measuredAt,
    };
  }

  private update(measurement: Measurement): void {
    this.last = measurement;
    this.notices.fire(this.notice(measurement));
  }

  private follow(): void {
    const offLive = this.live.onChange((measurement) => this.update(measurement));
    let threshold = this.options.thresholdBytes();
    const offThreshold = this.options.onThresholdChange(() => {
      const next = this.options.thresholdBytes();
      if (next === threshold) return;
      threshold = next;
      if (this.last) this.notices.fire(this.notice(this.last));
    });
    this.detach = () => {
      offLive();
      offThreshold();
    };
    // Unfollowed, the engine's events went unseen: measure again, through the list's interval too
    // (never twice within a minute); meanwhile a new listener (a window reloaded) gets the last one.
    this.live.invalidate();
  }

  private unfollow(): void {
    this.detach?.();
    this.detach = null;
  }
}
