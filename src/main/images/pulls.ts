import type { PullJob } from '../../shared/pulls';

/**
 * What the rest of the main process needs from pulls: the run flow starts one when an image is
 * missing from the local cache, and the contract's handlers expose the jobs to the renderer.
 */
export interface Pulls {
  /** Starts pulling (or joins a pull of the same reference already running) and returns the job at once. */
  start(reference: string): PullJob;
  cancel(id: string): PullJob;
  /** Forgets a finished job; false when it is still running or unknown. */
  dismiss(id: string): boolean;
  get(id: string): PullJob | undefined;
  list(): PullJob[];
  /** Every job change, coalesced to at most 10 a second per job; the final state always comes, exact. */
  onUpdate(listener: (job: PullJob) => void): () => void;
  /** Resolves with the job's final state (done, failed or cancelled). */
  settled(id: string): Promise<PullJob>;
}
