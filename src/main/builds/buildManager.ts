import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import type { BuildFailure, BuildJob, BuildOptions, BuildStep } from '../../shared/builds';
import { parseDockerfile, type DockerfileInstruction } from '../../shared/dockerfile';
import type { EngineFamily } from '../../shared/engine';
import { BerthError, type WireError } from '../../shared/errors';
import { familiarListedName, familiarName, parseImageReference } from '../../shared/imageReference';
import { referenceProblemDetail } from '../../shared/i18n/referenceProblems';
import { readStream } from '../engine/dialStream';
import { engineError, engineMessage, engineStatus } from '../engine/engineErrors';
import { createNdjsonParser } from '../engine/ndjson';
import { JobManager } from '../jobs/jobManager';
import type { UpdateThrottle } from '../jobs/updateThrottle';
import { packBuildContext } from './buildContext';
import { buildahContainerIds, removeBuildahContainer } from './buildahContainers';
import { classifyBuildFailure } from './buildFailure';
import { layerSizes, type HistoryEntry } from './buildLayers';
import { rerunReasons, type RememberedStep } from './rerunReasons';
import { BuildStreamReader, keywordOf, plannedSteps } from './buildStream';

export interface BuildManagerOptions {
  /** The connected engine's client (the backend passes monitor.requireClient); throws when there is none. */
  getClient: () => Docker;
  /** The connected engine's family (from GET /version): which builder answers POST /build. */
  getFamily: () => EngineFamily | null;
  /** At most one update per job per this many ms; the final state comes exact. Default 100. */
  updateIntervalMs?: number;
  now?: () => number;
}

interface Entry {
  seq: number;
  job: BuildJob;
  reader: BuildStreamReader;
  /** Each instruction's stage, by its first line: rerun reasons stay within a stage. */
  stageOfLine: Map<number, number>;
  controller: AbortController;
  /** The image the tag named before the build (null: none); undefined while unknown. */
  tagBefore: string | null | undefined;
  /** On Podman: Buildah's working containers before the build, so a cancel removes only the build's own. */
  workingContainersBefore: Set<string> | null;
  running: Promise<void>;
  updates: UpdateThrottle;
  settled: Promise<BuildJob>;
  resolveSettled: (job: BuildJob) => void;
}

/**
 * Builds images in the main process, like `docker build` with the classic builder: one streamed
 * POST /build per job with the context as a tar stream, the builder's NDJSON read into steps
 * (buildStream.ts) and sent to listeners at most every updateIntervalMs. Jobs keep running
 * whoever listens; a cancel leaves no new tag and no intermediate container.
 */
export class BuildManager extends JobManager<BuildJob, Entry> {
  /** The steps of the last build of each Dockerfile (context + file), for the rerun reasons. */
  private readonly previous = new Map<string, RememberedStep[]>();
  private readonly getClient: () => Docker;
  private readonly getFamily: () => EngineFamily | null;

  constructor(options: BuildManagerOptions) {
    super('build', options);
    this.getClient = options.getClient;
    this.getFamily = options.getFamily;
  }

  start(options: BuildOptions): BuildJob {
    const tag = options.tag.trim() === '' ? null : normalizedTag(options.tag);
    const content = readDockerfile(options);
    const parsed = parseDockerfile(content);
    const targetStage = options.target
      ? parsed.stages.findIndex((stage) => stage.name?.toLowerCase() === options.target.toLowerCase())
      : -1;
    const lastStage = targetStage >= 0 ? targetStage : parsed.stages.length - 1;
    const client = this.getClient();
    const family = this.getFamily();

    let resolveSettled: (job: BuildJob) => void = () => {};
    const settled = new Promise<BuildJob>((resolve) => {
      resolveSettled = resolve;
    });
    const steps = plannedSteps(parsed.instructions, lastStage);
    const entry: Entry = {
      seq: this.jobs.nextSeq(),
      job: {
        id: randomUUID(),
        options,
        state: 'sending',
        builder: family === 'podman' ? 'buildah' : 'classic',
        context: { files: 0, bytes: 0 },
        steps,
        startedAt: this.now(),
        finishedAt: null,
        imageId: null,
        tags: [],
        notes: [],
        failure: null,
        error: null,
      },
      reader: new BuildStreamReader(steps, this.now),
      stageOfLine: stagesByLine(parsed.instructions),
      controller: new AbortController(),
      tagBefore: undefined,
      workingContainersBefore: null,
      running: Promise.resolve(),
      updates: this.throttledUpdates(() => entry.job),
      settled,
      resolveSettled,
    };
    this.jobs.add(entry);
    entry.updates.changed();
    entry.running = this.run(entry, client, tag).catch((error: unknown) => {
      this.fail(entry, error);
    });
    return entry.job;
  }

  cancel(id: string): BuildJob {
    const entry = this.jobs.require(id);
    if (!isRunning(entry.job)) return entry.job;
    const container = entry.reader.runningContainer;
    entry.controller.abort();
    this.finish(
      entry,
      {
        state: 'cancelled',
        error: { code: 'cancelled', message: `The build of ${describe(entry.job)} was cancelled.` },
      },
      () => this.cleanUpAfterCancel(entry, container),
    );
    return entry.job;
  }

  protected jobOf(entry: Entry): BuildJob {
    return entry.job;
  }

  protected isRunning(job: BuildJob): boolean {
    return isRunning(job);
  }

  private async run(entry: Entry, client: Docker, tag: string | null): Promise<void> {
    const { signal } = entry.controller;
    const { options } = entry.job;
    // The engine look-ups run while the context is walked: a cached rebuild waits for neither twice.
    const [tagBefore, workingContainersBefore, packed] = await Promise.all([
      tag ? imageIdOf(client, tag) : null,
      entry.job.builder === 'buildah' ? buildahContainerIds(client, signal) : null,
      packBuildContext(options.contextPath, options.dockerfile).catch((error: unknown) => {
        if (error instanceof BerthError) throw error;
        const problem = `cannot read the build context ${options.contextPath}: ${String(error)}`;
        throw new BerthError('invalid-input', problem, [{ path: 'contextPath', message: problem }]);
      }),
    ]);
    entry.tagBefore = tagBefore;
    entry.workingContainersBefore = workingContainersBefore;
    if (signal.aborted) {
      packed.stream.destroy();
      return;
    }
    this.update(entry, { context: { files: packed.files, bytes: packed.bytes } });
    let response: IncomingMessage;
    try {
      response = (await client.buildImage(packed.stream, {
        ...(tag ? { t: tag } : {}),
        dockerfile: options.dockerfile,
        buildargs: Object.fromEntries(options.buildArgs.map((arg) => [arg.name, arg.value])),
        ...(options.target ? { target: options.target } : {}),
        nocache: options.noCache,
        pull: options.pull,
        rm: true,
        forcerm: true,
        abortSignal: signal,
      })) as unknown as IncomingMessage;
    } catch (error) {
      packed.stream.destroy();
      if (!signal.aborted) this.fail(entry, error);
      return;
    }
    if (signal.aborted) {
      response.destroy();
      return;
    }
    this.update(entry, { state: 'building' });
    const parser = createNdjsonParser((value) => {
      if (entry.reader.push(value)) this.readerChanged(entry);
    });
    try {
      await readStream(response, parser, () => signal.aborted || !isRunning(entry.job));
    } catch (error) {
      if (!signal.aborted && isRunning(entry.job)) this.fail(entry, error);
      return;
    } finally {
      response.destroy();
    }
    if (signal.aborted || !isRunning(entry.job)) return;
    if (entry.reader.end()) this.readerChanged(entry);
    if (entry.reader.error) {
      this.failAtStep(entry, entry.reader.error.message, entry.reader.error.code);
      return;
    }
    await this.succeed(entry, client, tag);
  }

  /** The builder's stream ended without an error: the image, its tags and each step's layer size. */
  private async succeed(entry: Entry, client: Docker, tag: string | null): Promise<void> {
    entry.reader.finishRunning('ran');
    const reader = entry.reader;
    const shortId = reader.imageId ?? reader.builtId;
    // Both at once: the job is done only when each step has its size.
    const [image, sizes] = await Promise.all([
      inspect(client, shortId ?? tag),
      shortId ? historyOf(client, shortId) : Promise.resolve(null),
    ]);
    if (!image && !shortId) {
      this.finish(entry, {
        state: 'failed',
        error: { code: 'engine-stopped', message: 'The build stream ended before the builder named an image.' },
      });
      return;
    }
    const imageId = image?.Id ?? shortId;
    const tags = tag && image && (image.RepoTags ?? []).some((name) => namesTag(name, tag)) ? [tag] : [];
    const history = sizes ?? (image ? await historyOf(client, image.Id) : []);
    const steps = this.snapshotSteps(entry);
    const lastStageFrom = steps.map((step) => keywordOf(step.instruction)).lastIndexOf('FROM');
    const sized = layerSizes(steps, history, lastStageFrom);
    this.finish(entry, { state: 'done', imageId, tags, steps: sized });
  }

  private readerChanged(entry: Entry): void {
    if (!isRunning(entry.job)) return;
    this.update(entry, { steps: this.snapshotSteps(entry), notes: [...entry.reader.notes] });
  }

  /** The reader's steps with the rerun reasons of the steps that ran. */
  private snapshotSteps(entry: Entry): BuildStep[] {
    return rerunReasons(entry.reader.steps, {
      previous: this.previous.get(previousKey(entry.job.options)) ?? null,
      noCache: entry.job.options.noCache,
      stageOf: (step) => (step.line === null ? 0 : (entry.stageOfLine.get(step.line) ?? 0)),
    });
  }

  private failAtStep(entry: Entry, message: string, code: number | null): void {
    entry.reader.finishRunning('failed');
    const steps = this.snapshotSteps(entry);
    const failing =
      steps.find((step) => step.state === 'failed') ??
      [...steps].reverse().find((step) => step.state === 'running') ??
      null;
    const failure: BuildFailure = classifyBuildFailure({
      message,
      code,
      step: failing,
      target: entry.job.options.target,
    });
    this.finish(entry, {
      state: 'failed',
      steps,
      failure,
      error: { code: 'build-failed', message },
    });
  }

  /** The request failed (before or during the stream): the builder's words when they are about the build. */
  private fail(entry: Entry, error: unknown): void {
    if (!isRunning(entry.job)) return;
    if (error instanceof BerthError) {
      this.finish(entry, { state: 'failed', error: error.toWire() });
      return;
    }
    const status = engineStatus(error);
    // An answer of the engine (a 4xx/5xx with its words) is the builder refusing the build.
    if (status !== undefined && status >= 400) {
      this.failAtStep(entry, engineMessage(error), null);
      return;
    }
    const wire: WireError = engineError(error, `Building ${describe(entry.job)}`).toWire();
    this.finish(entry, { state: 'failed', steps: this.snapshotSteps(entry), error: wire });
  }

  private update(entry: Entry, patch: Partial<BuildJob>): void {
    entry.job = { ...entry.job, ...patch };
    entry.updates.changed();
  }

  private finish(entry: Entry, patch: Partial<BuildJob>, cleanup?: () => Promise<void>): void {
    if (!isRunning(entry.job)) return;
    entry.job = {
      ...entry.job,
      ...(patch.steps ? {} : { steps: this.snapshotSteps(entry) }),
      notes: [...entry.reader.notes],
      ...patch,
      finishedAt: this.now(),
    };
    if (entry.job.state !== 'cancelled') this.remember(entry.job);
    entry.updates.finish();
    const job = entry.job;
    if (cleanup) {
      void cleanup()
        .catch(() => undefined)
        .then(() => entry.resolveSettled(job));
    } else {
      entry.resolveSettled(job);
    }
  }

  /** The steps the builder finished, for the next build's rerun reasons. */
  private remember(job: BuildJob): void {
    const done = job.steps.filter((step) => step.state === 'cached' || step.state === 'ran');
    if (done.length === 0) return;
    this.previous.set(
      previousKey(job.options),
      job.steps.map((step) => ({
        instruction: step.instruction,
        completed: step.state === 'cached' || step.state === 'ran',
      })),
    );
  }

  /**
   * After a cancel nothing of the build may remain: the running step's intermediate container (the
   * classic builder's from "Running in"; Buildah's working container, which Podman keeps until the
   * command ends) and a tag the build set.
   */
  private async cleanUpAfterCancel(entry: Entry, containerAtCancel: string | null): Promise<void> {
    await entry.running;
    let client: Docker;
    try {
      client = this.getClient();
    } catch {
      return;
    }
    const containers = new Set([containerAtCancel, entry.reader.runningContainer].filter((id): id is string => !!id));
    for (const id of containers) {
      try {
        await client.getContainer(id).remove({ force: true });
      } catch {
        // Already removed by the builder.
      }
    }
    if (entry.workingContainersBefore) {
      for (const id of (await buildahContainerIds(client)) ?? []) {
        if (!entry.workingContainersBefore.has(id)) await removeBuildahContainer(client, id);
      }
    }
    const tag = entry.job.options.tag.trim() ? normalizedTag(entry.job.options.tag) : null;
    if (!tag || entry.tagBefore === undefined) return;
    const now = await imageIdOf(client, tag);
    if (now === null || now === entry.tagBefore) return;
    try {
      if (entry.tagBefore === null) {
        await client.getImage(tag).remove({ noprune: false });
      } else {
        const colon = tag.lastIndexOf(':');
        await client.getImage(entry.tagBefore).tag({ repo: tag.slice(0, colon), tag: tag.slice(colon + 1) });
      }
    } catch {
      // In use by a container made meanwhile: then it stays.
    }
  }
}

function isRunning(job: BuildJob): boolean {
  return job.state === 'sending' || job.state === 'building';
}

/** Whether an image's RepoTags entry is the tag asked for: Podman files an unqualified name under localhost/. */
function namesTag(repoTag: string, tag: string): boolean {
  const familiar = familiarListedName(repoTag);
  return familiar === tag || familiar === `localhost/${tag}`;
}

function describe(job: BuildJob): string {
  return job.options.tag.trim() || `${job.options.contextPath}/${job.options.dockerfile}`;
}

function previousKey(options: BuildOptions): string {
  return `${options.contextPath}\u0000${options.dockerfile}`;
}

/** The tag checked with the reference grammar, as name:tag ("web" is "web:latest"). */
function normalizedTag(input: string): string {
  const parsed = parseImageReference(input);
  if (!parsed.ok) {
    const problem = referenceProblemDetail(input, parsed.problem);
    throw new BerthError('invalid-input', `"${input}" is not an image name: ${problem}`, [
      { path: 'tag', message: problem },
    ]);
  }
  if (parsed.reference.digest) {
    const problem = 'a build names its image with a tag, not a digest';
    throw new BerthError('invalid-input', `"${input}": ${problem}`, [{ path: 'tag', message: problem }]);
  }
  return familiarName(parsed.reference);
}

function readDockerfile(options: BuildOptions): string {
  const file = path.resolve(options.contextPath, options.dockerfile);
  try {
    return fs.readFileSync(file, 'utf8');
  } catch (error) {
    const problem = `cannot read ${options.dockerfile} in ${options.contextPath}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`;
    throw new BerthError('invalid-input', problem, [{ path: 'dockerfile', message: problem }]);
  }
}

function stagesByLine(instructions: readonly DockerfileInstruction[]): Map<number, number> {
  return new Map(instructions.map((instruction) => [instruction.line, instruction.stage]));
}

async function imageIdOf(client: Docker, name: string): Promise<string | null> {
  return (await inspect(client, name))?.Id ?? null;
}

async function inspect(client: Docker, name: string | null): Promise<Docker.ImageInspectInfo | null> {
  if (!name) return null;
  try {
    return await client.getImage(name).inspect();
  } catch {
    return null;
  }
}

async function historyOf(client: Docker, id: string): Promise<HistoryEntry[]> {
  try {
    return (await client.getImage(id).history()) as HistoryEntry[];
  } catch {
    return [];
  }
}
