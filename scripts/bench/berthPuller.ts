import { performance } from 'node:perf_hooks';
import type Docker from 'dockerode';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { PullJob } from '../../src/shared/pulls';
import { repoDigest } from './docker';

/** One pull through Berth's PullManager, with everything the benchmarks read from it. */
export interface RecordedPull {
  reference: string;
  /** What pulls.settled() resolved with. */
  job: PullJob;
  /** From pulls.start() to pulls.settled() resolving, in ms. */
  wallMs: number;
  /** Every update pulls.onUpdate delivered for this job, with performance.now() at delivery. */
  updates: Array<{ at: number; job: PullJob }>;
  /**
   * performance.now() of every NDJSON line of the engine's POST /images/create answer for this pull,
   * counted on the very stream the PullManager reads (see tapCreateImage).
   */
  raw: number[];
  /** `docker image inspect REF --format '{{index .RepoDigests 0}}'`'s digest, read right after the pull. */
  dockerDigest: string | null;
}

const SETTLE_TIMEOUT_MS = 180_000;

/**
 * The main process as Electron runs it, under plain Node (createBackend + start), pulling one
 * image at a time and recording what its PullManager delivers.
 */
export class BerthPuller {
  private recording: { updates: Array<{ at: number; job: PullJob }>; raw: number[] } | null = null;
  private readonly stopListening: () => void;

  private constructor(readonly backend: Backend) {
    this.stopListening = backend.pulls.onUpdate((job) => {
      this.recording?.updates.push({ at: performance.now(), job });
    });
    tapCreateImage(backend, (lines, at) => {
      if (!this.recording) return;
      for (let line = 0; line < lines; line += 1) this.recording.raw.push(at);
    });
  }

  static async start(): Promise<BerthPuller> {
    const backend = createBackend({ system: realHostSystem(process.env) });
    await backend.start();
    const status = backend.monitor.getStatus();
    if (status.state !== 'connected') {
      backend.stop();
      throw new Error(`Berth's backend is not connected to the engine: ${JSON.stringify(status.problem)}`);
    }
    return new BerthPuller(backend);
  }

  async pull(reference: string): Promise<RecordedPull> {
    if (this.recording) throw new Error('one pull at a time');
    const recording = { updates: [] as Array<{ at: number; job: PullJob }>, raw: [] as number[] };
    this.recording = recording;
    let job: PullJob;
    let wallMs: number;
    try {
      const started = performance.now();
      const first = this.backend.pulls.start(reference);
      job = await withTimeout(this.backend.pulls.settled(first.id), SETTLE_TIMEOUT_MS, `the pull of ${reference}`);
      wallMs = performance.now() - started;
      // The final update keeps the 100 ms spacing after the job settled: record it too.
      await new Promise((resolve) => setTimeout(resolve, 150));
    } finally {
      this.recording = null;
    }
    if (job.state !== 'done') throw new Error(`Berth's pull of ${reference} ended ${job.state}: ${job.error?.message}`);
    const updates = recording.updates.filter((update) => update.job.id === job.id);
    return { reference, job, wallMs, updates, raw: recording.raw, dockerDigest: await repoDigest(job.reference) };
  }

  stop(): void {
    this.stopListening();
    this.backend.stop();
  }
}

type Emitter = { emit: (event: string | symbol, ...args: unknown[]) => boolean };
type CreateImage = (...args: unknown[]) => unknown;

/**
 * Bench-side instrumentation, no change to src/: the client the PullManager gets from the monitor
 * has its createImage wrapped so that the response stream's 'data' events are counted (newlines,
 * one per NDJSON message) as they are emitted to the PullManager's own parser. It overrides emit
 * rather than adding a 'data' listener, so the stream's flow is exactly what it would be without it.
 */
function tapCreateImage(backend: Backend, onLines: (lines: number, at: number) => void): void {
  const monitor = backend.monitor;
  const requireClient = monitor.requireClient.bind(monitor);
  const tapped = new WeakSet<Docker>();
  monitor.requireClient = () => {
    const client = requireClient();
    if (tapped.has(client)) return client;
    tapped.add(client);
    const target = client as unknown as { createImage: CreateImage };
    const createImage = target.createImage.bind(client);
    target.createImage = (...args: unknown[]) => {
      const result = createImage(...args);
      // With a callback dockerode returns nothing; the PullManager uses the promise form.
      if (!(result instanceof Promise)) return result;
      return result.then((stream: unknown) => {
        const emitter = stream as Emitter;
        const emit = emitter.emit.bind(stream);
        emitter.emit = (event, ...rest) => {
          if (event === 'data' && Buffer.isBuffer(rest[0])) onLines(countNewlines(rest[0]), performance.now());
          return emit(event, ...rest);
        };
        return stream;
      });
    };
    return client;
  };
}

function countNewlines(chunk: Buffer): number {
  let count = 0;
  for (let index = chunk.indexOf(10); index !== -1; index = chunk.indexOf(10, index + 1)) count += 1;
  return count;
}

export function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms / 1000} s`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
