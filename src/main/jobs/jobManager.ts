import type { Dispose, Listener } from '../../shared/emitter';
import { JobTable, type JobEntry } from './jobTable';
import { createUpdateThrottle, type UpdateThrottle } from './updateThrottle';

export interface JobTiming {
  /** At most one update per job per this many ms; the final state comes exact. Default 100. */
  updateIntervalMs?: number;
  now?: () => number;
}

/**
 * What every main-process job manager (pulls, builds, compose commands) answers the same way: the
 * jobs newest first, their updates, a job's final state, forgetting a finished one, and stopping
 * the running ones when the app quits. A manager adds how its jobs start, run and are cancelled.
 */
export abstract class JobManager<
  J extends { id: string; startedAt: number },
  E extends JobEntry<J> & { updates: UpdateThrottle },
> {
  protected readonly jobs: JobTable<J, E>;
  protected readonly now: () => number;
  private readonly updateIntervalMs: number;

  /** @param what the job's name in a not-found message: "pull", "build". */
  protected constructor(what: string, timing: JobTiming) {
    this.jobs = new JobTable<J, E>((entry) => this.jobOf(entry), what);
    this.updateIntervalMs = timing.updateIntervalMs ?? 100;
    this.now = timing.now ?? Date.now;
  }

  /** A new job's updates: read() sent to the listeners at most every updateIntervalMs, the last one exact. */
  protected throttledUpdates(read: () => J): UpdateThrottle {
    // One listener's failure must not stop the others or the job (the Emitter sees to it).
    return createUpdateThrottle({
      read,
      send: (job) => this.jobs.fire(job),
      intervalMs: this.updateIntervalMs,
      now: this.now,
    });
  }

  /** The entry's job as it is now. */
  protected abstract jobOf(entry: E): J;

  /** Whether the job still runs (may be cancelled, may not be dismissed). */
  protected abstract isRunning(job: J): boolean;

  /** Stops a running job; a finished one is left as it is. */
  abstract cancel(id: string): J | Promise<J>;

  get(id: string): J | undefined {
    const entry = this.jobs.get(id);
    return entry ? this.jobOf(entry) : undefined;
  }

  list(): J[] {
    return this.jobs.list();
  }

  onUpdate(listener: Listener<J>): Dispose {
    return this.jobs.onUpdate(listener);
  }

  /** Every job now (newest first), then each update: what the job stream sends. */
  subscribe(emit: Listener<J>): Dispose {
    return this.jobs.subscribe(emit);
  }

  /** Resolves with the job's final state; after a cancel, once the clean-up is done. */
  settled(id: string): Promise<J> {
    return this.jobs.settled(id);
  }

  /** Forgets a finished job; a running one stays (false). */
  dismiss(id: string): boolean {
    const entry = this.jobs.get(id);
    if (!entry || this.isRunning(this.jobOf(entry))) return false;
    entry.updates.dispose();
    this.jobs.delete(id);
    return true;
  }

  /** The app is quitting: every running job is cancelled. */
  dispose(): void {
    for (const entry of this.jobs.all()) {
      const job = this.jobOf(entry);
      if (this.isRunning(job)) void this.cancel(job.id);
    }
  }
}
