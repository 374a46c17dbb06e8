import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import { BerthError, type WireError } from '../../shared/errors';
import {
  familiarName,
  familiarRepository,
  parseImageReference,
  type ImageReference,
} from '../../shared/imageReference';
import { referenceProblemDetail } from '../../shared/i18n/referenceProblems';
import type { LayerState, PullJob } from '../../shared/pulls';
import { createNdjsonParser } from '../engine/ndjson';
import { JobManager } from '../jobs/jobManager';
import type { UpdateThrottle } from '../jobs/updateThrottle';
import { engineMessage, engineStatus } from '../engine/engineErrors';
import { classifyPullFailure, classifyPullMessage, engineStoppedError } from './classifyPullError';
import { applyPullMessage, createPullProgress, finishPull, type PullEnding, type PullProgress } from './pullProgress';
import type { Pulls } from './pulls';

export interface PullManagerOptions {
  /** The connected engine's client (the backend passes monitor.requireClient); throws when there is none. */
  getClient: () => Docker;
  /** At most one update per job per this many ms; the final state is sent at once. Default 100. */
  updateIntervalMs?: number;
  /** The clock for startedAt, finishedAt, speed and the update interval. Default Date.now. */
  now?: () => number;
}

/**
 * Layer states from which the engine can finish the pull by itself: nothing is left to download.
 * Podman's layers stop at "Download complete" (it writes them to its store as they come).
 */
const finishingStates = new Set<LayerState>(['download-complete', 'extracting', 'pull-complete', 'already-exists']);
/** After such a cancel, look for a leftover image at these intervals (about 1 s in all). */
const CANCEL_SETTLE_DELAYS_MS = [0, 100, 300, 600];

interface Entry {
  seq: number;
  progress: PullProgress;
  reference: ImageReference;
  controller: AbortController;
  /** Whether the reference was in the local cache before the pull: null while unknown (then it counts as yes). */
  existedBefore: boolean | null;
  /** The image id the reference named before the pull; null when it named none or that is unknown. */
  idBefore: string | null;
  /** The local image ids before the pull: an image among them is never removed by a cancel. Null when unknown. */
  idsBefore: Set<string> | null;
  /** Whether the engine could still finish (tag) the image after the cancel: every layer was extracting or done. */
  mayCompleteAfterCancel: boolean;
  /** The request's life: resolves once the stream is closed (or never opened). */
  running: Promise<void>;
  /** Sends the job to listeners, at most one update per updateIntervalMs. */
  updates: UpdateThrottle;
  /** Resolves once the job is final and, after a cancel, the cleanup is done. */
  settled: Promise<PullJob>;
  resolveSettled: (job: PullJob) => void;
}

/**
 * Pulls images in the main process, like `docker pull`: one streamed POST /images/create per job,
 * its NDJSON progress reduced into a PullJob (pullProgress.ts) and sent to listeners at most every
 * updateIntervalMs, the final state at once. Jobs keep running whoever listens.
 */
export class PullManager extends JobManager<PullJob, Entry> implements Pulls {
  private readonly getClient: () => Docker;

  constructor(options: PullManagerOptions) {
    super('pull', options);
    this.getClient = options.getClient;
  }

  start(input: string): PullJob {
    const parsed = parseImageReference(input);
    if (!parsed.ok) {
      const problem = referenceProblemDetail(input, parsed.problem);
      const message = `"${input}" is not an image reference: ${problem}`;
      throw new BerthError('invalid-input', message, [{ path: 'reference', message: problem }]);
    }
    const reference = familiarName(parsed.reference);
    for (const entry of this.jobs.all()) {
      if (entry.progress.job.reference === reference && entry.progress.job.state === 'pulling') {
        return entry.progress.job;
      }
    }
    const client = this.getClient();
    let resolveSettled: (job: PullJob) => void = () => {};
    const settled = new Promise<PullJob>((resolve) => {
      resolveSettled = resolve;
    });
    const entry: Entry = {
      seq: this.jobs.nextSeq(),
      progress: createPullProgress({ id: randomUUID(), reference, startedAt: this.now() }),
      reference: parsed.reference,
      controller: new AbortController(),
      existedBefore: null,
      idBefore: null,
      idsBefore: null,
      mayCompleteAfterCancel: false,
      running: Promise.resolve(),
      updates: this.throttledUpdates(() => entry.progress.job),
      settled,
      resolveSettled,
    };
    this.jobs.add(entry);
    entry.updates.changed();
    entry.running = this.run(entry, client).catch((error: unknown) => {
      this.finish(entry, failed(classifyPullFailure(error)));
    });
    return entry.progress.job;
  }

  cancel(id: string): PullJob {
    const entry = this.jobs.require(id);
    if (entry.progress.job.state !== 'pulling') return entry.progress.job;
    entry.controller.abort();
    entry.mayCompleteAfterCancel = entry.progress.job.layers.every((layer) => finishingStates.has(layer.state));
    const message = `The pull of ${entry.progress.job.reference} was cancelled.`;
    const job = this.finish(entry, { state: 'cancelled', error: { code: 'cancelled', message } }, () =>
      this.removePartialImage(entry),
    );
    return job;
  }

  protected jobOf(entry: Entry): PullJob {
    return entry.progress.job;
  }

  protected isRunning(job: PullJob): boolean {
    return job.state === 'pulling';
  }

  private async run(entry: Entry, client: Docker): Promise<void> {
    const { signal } = entry.controller;
    const name = entry.progress.job.reference;
    const [before, ids] = await Promise.all([inspectImage(client, name), imageIds(client)]);
    entry.existedBefore = before.exists;
    entry.idBefore = before.image?.Id ?? null;
    entry.idsBefore = ids;
    if (signal.aborted) return;

    const fromImage = familiarRepository(entry.reference);
    const tag = entry.reference.digest ?? entry.reference.tag ?? 'latest';
    let stream: NodeJS.ReadableStream;
    try {
      // dockerode hands abortSignal to http.request: aborting it closes the connection, and the
      // engine cancels the pull when its client goes away.
      stream = await client.createImage({ fromImage, tag, abortSignal: signal });
    } catch (error) {
      if (signal.aborted) return;
      this.finish(entry, failed(await this.explainFailure(client, entry, error)));
      return;
    }
    if (signal.aborted) {
      (stream as NodeJS.ReadableStream & { destroy?: () => void }).destroy?.();
      return;
    }

    const parser = createNdjsonParser((value) => {
      const before = entry.progress;
      entry.progress = applyPullMessage(entry.progress, value, this.now());
      if (entry.progress === before) return;
      if (entry.progress.job.state === 'pulling') entry.updates.changed();
      else this.finish(entry, null);
    });
    const endedCleanly = await new Promise<boolean>((resolve) => {
      let over = false;
      const end = (error?: unknown) => {
        if (over) return;
        over = true;
        if (!signal.aborted && entry.progress.job.state === 'pulling') {
          if (error === undefined) parser.end();
          if (error !== undefined && entry.progress.job.state === 'pulling') {
            this.finish(entry, failed(classifyStreamError(error)));
          }
        }
        resolve(error === undefined);
      };
      stream.on('data', (chunk: Buffer) => {
        if (!over) parser.push(chunk);
      });
      stream.on('end', () => end());
      stream.on('error', (error: unknown) => end(error ?? new Error('stream error')));
      stream.on('close', () => end(new Error('aborted')));
    });
    if (endedCleanly && !signal.aborted && entry.progress.job.state === 'pulling') {
      this.finish(entry, await this.outcomeFromEngine(client, entry));
    }
  }

  /**
   * The stream ended without dockerd's final "Status: …" line, as Podman's always does: what the
   * engine has now decides. The reference names an image: the pull succeeded, up to date when it is
   * the image it named before. It names none: the engine stopped before it finished.
   */
  private async outcomeFromEngine(client: Docker, entry: Entry): Promise<PullEnding> {
    const name = entry.progress.job.reference;
    const after = await inspectImage(client, name);
    if (!after.image) {
      const detail = after.exists === false ? `the stream ended and the engine has no image ${name}` : undefined;
      return failed(engineStoppedError(detail ?? 'the stream ended without a final status'));
    }
    return {
      state: 'done',
      outcome: entry.idBefore === after.image.Id ? 'up-to-date' : 'downloaded-newer',
      digest: entry.reference.digest ?? repoDigestFor(after.image.RepoDigests, entry.reference),
      imageId: after.image.Id,
    };
  }

  /**
   * A pull through a registry mirror that lacks the image falls back to Docker Hub; offline, dockerd
   * then reports Hub's network error, not the mirror's "not found". Ask the engine what its registry
   * says about the reference: when the registry itself answers that it has no such image, say so.
   */
  private async explainFailure(client: Docker, entry: Entry, error: unknown): Promise<WireError> {
    const wire = classifyPullFailure(error);
    if (wire.code !== 'network-unreachable') return wire;
    const name = `${familiarRepository(entry.reference)}${entry.reference.digest ? '@' : ':'}${entry.reference.digest ?? entry.reference.tag ?? 'latest'}`;
    const answer = await registryAnswersMissing(client, name);
    if (answer === null) return wire;
    return {
      code: 'image-not-found',
      message: `The registry has no image ${entry.progress.job.reference} (${answer}); the engine's fallback failed too: ${engineMessage(error)}`,
    };
  }

  /**
   * After a cancel, "the partial image is not left tagged". Once every layer is in, the engine
   * finishes a pull (stores the image, adds its digest and tag) even when its client has gone, so
   * a cancel at the very end can still leave an image moments later: watch a short while then.
   * An image that was there before the pull (by its name or by its id) is never removed.
   */
  private async removePartialImage(entry: Entry): Promise<void> {
    // Wait until the request is closed, so the engine has seen the client go.
    await entry.running;
    if (entry.existedBefore !== false) return;
    const delays = entry.mayCompleteAfterCancel ? CANCEL_SETTLE_DELAYS_MS : [0];
    for (const delay of delays) {
      if (delay > 0) await new Promise((resolve) => setTimeout(resolve, delay));
      // A newer pull of the same image owns whatever is there now.
      if (this.newerJobFor(entry)) return;
      let client: Docker;
      try {
        client = this.getClient();
      } catch {
        return;
      }
      await this.removeLeftover(client, entry, entry.progress.job.reference);
      const digest = entry.progress.job.digest;
      if (digest && !entry.reference.digest) {
        await this.removeLeftover(client, entry, `${familiarRepository(entry.reference)}@${digest}`);
      }
    }
  }

  private async removeLeftover(client: Docker, entry: Entry, name: string): Promise<void> {
    const id = await imageId(client, name);
    if (!id) return;
    const createdByThisPull = entry.idsBefore !== null && !entry.idsBefore.has(id);
    try {
      // A new image goes entirely (its tag and digest references); an older image only loses the name.
      await client.getImage(createdByThisPull ? id : name).remove({ force: false });
    } catch {
      // In use by a container created meanwhile, or tagged elsewhere: then it stays.
    }
  }

  private newerJobFor(entry: Entry): boolean {
    for (const other of this.jobs.all()) {
      if (other.seq > entry.seq && other.progress.job.reference === entry.progress.job.reference) return true;
    }
    return false;
  }

  private finish(entry: Entry, ending: PullEnding | null, cleanup?: () => Promise<void>): PullJob {
    if (ending) entry.progress = finishPull(entry.progress, ending, this.now());
    const job = entry.progress.job;
    if (job.state === 'pulling') return job;
    // The job itself is settled at once, so nothing waiting for the image waits for the display.
    entry.updates.finish();
    if (cleanup) {
      void cleanup()
        .catch(() => undefined)
        .then(() => entry.resolveSettled(job));
    } else {
      entry.resolveSettled(job);
    }
    return job;
  }
}

function failed(error: WireError): PullEnding {
  return { state: 'failed', error };
}

function classifyStreamError(error: unknown): WireError {
  const wire = classifyPullFailure(error);
  // Whatever broke the stream before the final status, the engine's answer is lost with it.
  if (wire.code === 'engine-error' || wire.code === 'engine-not-running') {
    return engineStoppedError(wire.message);
  }
  return wire;
}

async function imageId(client: Docker, name: string): Promise<string | null> {
  try {
    return (await client.getImage(name).inspect()).Id;
  } catch {
    return null;
  }
}

async function imageIds(client: Docker): Promise<Set<string> | null> {
  try {
    return new Set((await client.listImages({ all: true })).map((image) => image.Id));
  } catch {
    return null;
  }
}

/**
 * GET /distribution/{name}/json goes to the first registry endpoint that answers (the mirror). Its
 * words when that registry says it has no such image; null when it has it, or cannot say. Podman does
 * not implement the call and answers 404 "Path … is not supported" for every name: that is no answer.
 */
export async function registryAnswersMissing(client: Docker, name: string): Promise<string | null> {
  try {
    await client.getImage(name).distribution();
    return null;
  } catch (error) {
    if (engineStatus(error) !== 404) return null;
    const words = engineMessage(error);
    return classifyPullMessage(words).code === 'image-not-found' && !/not supported/i.test(words) ? words : null;
  }
}

/** GET /images/{name}/json: exists is false on a 404 and null when the engine could not say. */
async function inspectImage(
  client: Docker,
  name: string,
): Promise<{ exists: boolean | null; image: Docker.ImageInspectInfo | null }> {
  try {
    return { exists: true, image: await client.getImage(name).inspect() };
  } catch (error) {
    return { exists: engineStatus(error) === 404 ? false : null, image: null };
  }
}

/** The digest among RepoDigests ("redis@sha256:…" on dockerd, "docker.io/library/redis@sha256:…" on Podman) for the reference's repository. */
function repoDigestFor(repoDigests: readonly string[] | undefined, reference: ImageReference): string | null {
  const repository = familiarRepository(reference);
  for (const entry of repoDigests ?? []) {
    const parsed = parseImageReference(entry);
    if (parsed.ok && parsed.reference.digest && familiarRepository(parsed.reference) === repository) {
      return parsed.reference.digest;
    }
  }
  return null;
}
