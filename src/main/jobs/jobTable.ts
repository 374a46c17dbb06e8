import { Emitter, type Dispose, type Listener } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';

/** What the table needs of a manager's entry: its order of start and its final state once settled. */
export interface JobEntry<J> {
  /** Set from nextSeq(): orders jobs that started in the same millisecond. */
  seq: number;
  settled: Promise<J>;
}

/**
 * A main-process job manager's jobs (pulls, builds) by id, and the listeners of their updates:
 * the list newest first, subscribe (every job now, then each update), settled.
 */
export class JobTable<J extends { id: string; startedAt: number }, E extends JobEntry<J>> {
  private readonly entries = new Map<string, E>();
  private readonly updated = new Emitter<J>();
  private seq = 0;

  /**
   * @param jobOf the entry's job as it is now.
   * @param what the job's name in a not-found message: "pull", "build".
   */
  constructor(
    private readonly jobOf: (entry: E) => J,
    private readonly what: string,
  ) {}

  nextSeq(): number {
    return (this.seq += 1);
  }

  add(entry: E): void {
    this.entries.set(this.jobOf(entry).id, entry);
  }

  get(id: string): E | undefined {
    return this.entries.get(id);
  }

  require(id: string): E {
    const entry = this.entries.get(id);
    if (!entry) throw new BerthError('not-found', `No ${this.what} with id ${id}.`);
    return entry;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Every entry, in the order they were added. */
  all(): E[] {
    return [...this.entries.values()];
  }

  /** Every job, newest first. */
  list(): J[] {
    return this.all()
      .sort((a, b) => this.jobOf(b).startedAt - this.jobOf(a).startedAt || b.seq - a.seq)
      .map((entry) => this.jobOf(entry));
  }

  /** Sends an update to the listeners (one that throws does not stop the others). */
  fire(job: J): void {
    this.updated.fire(job);
  }

  onUpdate(listener: Listener<J>): Dispose {
    return this.updated.event(listener);
  }

  /** Every job now (newest first), then each update: what a job stream sends. */
  subscribe(emit: Listener<J>): Dispose {
    for (const job of this.list()) emit(job);
    return this.updated.event(emit);
  }

  /** Resolves with the job's final state. */
  settled(id: string): Promise<J> {
    const entry = this.entries.get(id);
    if (!entry) return Promise.reject(new BerthError('not-found', `No ${this.what} with id ${id}.`));
    return entry.settled;
  }
}
