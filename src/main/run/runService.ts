import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import { Emitter, type Dispose, type Event, type Listener } from '../../shared/emitter';
import { BerthError, type WireError } from '../../shared/errors';
import { dockerRunCommand } from '../../shared/dockerRunCommand';
import { familiarName, parseImageReference } from '../../shared/imageReference';
import type { PullJob } from '../../shared/pulls';
import {
  runInputSchema,
  type ExposedPorts,
  type RunCheckIssue,
  type RunFlow,
  type RunRequest,
  type RunStepState,
  type runStepNames,
} from '../../shared/run';
import { invalidInputError } from '../contractServer';
import { maskEnvEntry } from '../containers/secrets';
import { dialStream } from '../engine/dialStream';
import { engineStatus } from '../engine/engineErrors';
import type { Pulls } from '../images/pulls';
import { buildCreateOptions } from './containerConfig';
import { exposedPorts, imageSource } from './imageFacts';
import { createDemuxer, OutputBuffer } from './outputBuffer';
import { checkIssuesError, checkRun } from './runChecks';
import { toRunError } from './runErrors';

export interface RunServiceOptions {
  getClient: () => Docker;
  pulls: Pulls;
  /** The newest lines of a container's output a flow keeps. */
  maxOutputLines?: number;
  /** Listeners get at most one update per run in this many milliseconds; the final state comes at once. */
  updateIntervalMs?: number;
  /** How many finished flows are remembered (the newest); runs in progress are always kept. */
  maxFlows?: number;
}

type StepName = (typeof runStepNames)[number];
/** A run started through start(): by a window or the tray. */
export interface RunStarted {
  runId: string;
  /** As the request named it. */
  image: string;
}

/** How long to wait for the last output after the container exited before the flow is final anyway. */
const OUTPUT_DRAIN_MS = 2000;
/** How long a --rm run waits for the engine to remove its container before the flow is final anyway. */
const REMOVAL_WAIT_MS = 10_000;

interface RunRecord {
  flow: Omit<RunFlow, 'output' | 'outputTruncated'>;
  output: OutputBuffer;
  flowChanged: Emitter<RunFlow>;
  lastEmitAt: number;
  timer: ReturnType<typeof setTimeout> | null;
  /** Ends the record's attach and wait connections. */
  abort: AbortController;
  finished: boolean;
  /** What was asked, secrets included, kept here for "Run again" (the renderer sees only the masked line). */
  request: RunRequest;
}

interface WaitResult {
  StatusCode?: number;
  Error?: { Message?: string } | null;
}

/**
 * `docker run` as the course tells it: the client (Berth) asks the daemon, the daemon looks in its
 * image cache, pulls from the Hub when the image is missing, creates the container and streams its
 * output back. Each run's progress is a RunFlow that listeners follow; nothing polls: the output
 * comes from the attach stream and the exit from POST /wait.
 */
/** After an exit the policy restarts, how long to look for the engine doing it (about 2 s in all). */
const RESTART_SETTLE_DELAYS_MS = [100, 200, 300, 500, 900];

/** Whether the restart policy asks for a restart after this exit (the engine may still stop: a retry limit). */
function policyRestarts(policy: RunRequest['restartPolicy'], exitCode: number | null): boolean {
  if (policy === 'always' || policy === 'unless-stopped') return true;
  return policy === 'on-failure' && exitCode !== 0;
}

export class RunService {
  private readonly getClient: () => Docker;
  private readonly pulls: Pulls;
  private readonly maxOutputLines: number;
  private readonly updateIntervalMs: number;
  private readonly maxFlows: number;
  private readonly records = new Map<string, RunRecord>();
  private readonly started = new Emitter<RunStarted>();
  /** Each run started, as soon as it has an id and a flow: the tray's "Run image" and the notifier follow it. */
  readonly onStarted: Event<RunStarted> = this.started.event;

  constructor(options: RunServiceOptions) {
    this.getClient = options.getClient;
    this.pulls = options.pulls;
    this.maxOutputLines = options.maxOutputLines ?? 2000;
    this.updateIntervalMs = options.updateIntervalMs ?? 100;
    this.maxFlows = options.maxFlows ?? 50;
  }

  /** What is wrong with a run before anything is created: a name or host port already taken, a bad reference. */
  async check(request: RunRequest): Promise<{ issues: RunCheckIssue[] }> {
    return { issues: await checkRun(this.getClient(), request) };
  }

  /** The ports a local image EXPOSEs, for the run dialog's port rows. */
  exposedPorts(image: string): Promise<ExposedPorts> {
    return exposedPorts(this.getClient(), image);
  }

  /**
   * Checks, then starts the run in the background and returns its id at once; the flow tells the rest.
   * Throws (and creates nothing) when the checks found a problem.
   */
  async start(request: RunRequest): Promise<{ runId: string }> {
    const docker = this.getClient();
    const issues = await checkRun(docker, request);
    // The checks include the folders to share, seen on the files (a missing one, a link to /).
    if (issues.length > 0) throw checkIssuesError(issues);
    const parsed = parseImageReference(request.image);
    if (!parsed.ok) throw new BerthError('invalid-input', `"${request.image}" is not a valid image name.`);

    const runId = randomUUID();
    const record: RunRecord = {
      flow: {
        runId,
        image: familiarName(parsed.reference),
        // Shown on the run page: a password given with -e stays in the main process.
        command: dockerRunCommand({ ...request, env: request.env.map(maskedVariable) }),
        restartPolicy: request.restartPolicy,
        source: null,
        steps: {
          client: 'done',
          daemon: 'pending',
          cache: 'pending',
          hub: 'pending',
          create: 'pending',
          start: 'pending',
        },
        cacheHit: null,
        pullJobId: null,
        containerId: null,
        containerName: null,
        state: 'starting',
        exitCode: null,
        restarting: false,
        error: null,
      },
      output: new OutputBuffer(this.maxOutputLines),
      flowChanged: new Emitter(),
      lastEmitAt: 0,
      timer: null,
      abort: new AbortController(),
      finished: false,
      request,
    };
    this.records.set(runId, record);
    void this.run(record, request, docker).catch((error: unknown) => {
      this.finish(record, { error: toRunError(error, 'The run') });
    });
    this.started.fire({ runId, image: request.image });
    return { runId };
  }

  /**
   * "Run again": the same request as an earlier run, ports, variables, folders and all, but without
   * its name, which the first container still holds; the engine names the new one.
   */
  again(runId: string): Promise<{ runId: string }> {
    const record = this.records.get(runId);
    if (!record) return Promise.reject(new BerthError('not-found', `No run ${runId} to run again.`));
    return this.start({ ...record.request, name: null });
  }

  /** `docker run IMAGE` and nothing more: the tray's "Run image". */
  runImage(image: string): Promise<{ runId: string }> {
    const parsed = runInputSchema.safeParse({ image });
    if (!parsed.success) return Promise.reject(invalidInputError(parsed.error));
    return this.start(parsed.data);
  }

  /** Every run Berth keeps (the latest ones), newest first. */
  list(): RunFlow[] {
    return [...this.records.values()].reverse().map((record) => this.snapshot(record));
  }

  /** The run's current flow (exact, not coalesced), or undefined for an unknown or forgotten run. */
  flow(runId: string): RunFlow | undefined {
    const record = this.records.get(runId);
    return record ? this.snapshot(record) : undefined;
  }

  /**
   * Follows a run's flow: at most one update per updateIntervalMs, the final state at once. It does
   * not send the current flow; call flow() for that first.
   */
  onFlow(runId: string, listener: Listener<RunFlow>): Dispose {
    const record = this.records.get(runId);
    if (!record) return () => undefined;
    return record.flowChanged.event(listener);
  }

  /** The run's flow now, then its updates: what a 'run.flow' stream sends. Throws not-found for an unknown run. */
  subscribeFlow(runId: string, emit: Listener<RunFlow>): Dispose {
    const flow = this.flow(runId);
    if (!flow) throw new BerthError('not-found', `No run ${runId}: Berth keeps the latest runs only.`);
    emit(flow);
    return this.onFlow(runId, emit);
  }

  /** Closes every attach and wait connection (the containers keep running). */
  dispose(): void {
    for (const record of this.records.values()) this.forget(record);
    this.records.clear();
    this.started.dispose();
  }

  private async run(record: RunRecord, request: RunRequest, docker: Docker): Promise<void> {
    const { flow } = record;
    const image = flow.image;

    // The daemon: is it there to ask?
    this.setStep(record, 'daemon', 'active');
    try {
      await docker.ping();
    } catch (error) {
      return this.failStep(record, 'daemon', toRunError(error, 'Reaching the engine'));
    }
    this.setStep(record, 'daemon', 'done');
    if (this.stopped(record)) return;

    // The local image cache.
    this.setStep(record, 'cache', 'active');
    try {
      await docker.getImage(image).inspect();
      flow.cacheHit = true;
    } catch (error) {
      if (engineStatus(error) !== 404) {
        return this.failStep(record, 'cache', toRunError(error, `Looking for ${image} in the image cache`));
      }
      flow.cacheHit = false;
    }
    this.setStep(record, 'cache', 'done');

    // Docker Hub (or the configured registry), only when the cache missed.
    if (flow.cacheHit) {
      this.setStep(record, 'hub', 'skipped');
    } else {
      let job: PullJob;
      try {
        const parsed = parseImageReference(image);
        flow.source = await imageSource(docker, parsed.ok ? parsed.reference.domain : 'docker.io');
        this.setStep(record, 'hub', 'active');
        job = this.pulls.start(image);
        flow.pullJobId = job.id;
        this.changed(record);
        if (job.state === 'pulling') job = await this.pulls.settled(job.id);
      } catch (error) {
        return this.failStep(record, 'hub', toRunError(error, `Pulling ${image}`));
      }
      if (job.state !== 'done') {
        const error: WireError = job.error ?? {
          code: job.state === 'cancelled' ? 'cancelled' : 'engine-error',
          message: `Pulling ${image} ${job.state === 'cancelled' ? 'was cancelled' : 'failed'}.`,
        };
        return this.failStep(record, 'hub', error);
      }
      this.setStep(record, 'hub', 'done');
    }
    if (this.stopped(record)) return;

    // Create.
    this.setStep(record, 'create', 'active');
    let container: Docker.Container;
    try {
      container = await docker.createContainer(buildCreateOptions(request, flow.runId));
      flow.containerId = container.id;
      const info = await container.inspect();
      flow.containerName = info.Name.replace(/^\//, '');
    } catch (error) {
      return this.failStep(record, 'create', toRunError(error, 'Creating the container'));
    }
    this.setStep(record, 'create', 'done');
    if (this.stopped(record)) return;

    // Attach and register the wait before starting: a container like hello-world exits at once, and
    // its output and exit code must not be missed.
    this.setStep(record, 'start', 'active');
    // The exit code comes from condition=next-exit on every engine: Podman answers a
    // condition=removed wait with StatusCode 0 whatever the code was. With --rm, a second wait
    // (its status unused) says when the container is gone, so the flow ends with it removed.
    let attach: Readable;
    let exit: Promise<WaitResult>;
    let gone: Promise<unknown> = Promise.resolve();
    try {
      attach = (await container.attach({
        stream: true,
        stdout: true,
        stderr: true,
        abortSignal: record.abort.signal,
      } as Docker.ContainerAttachOptions)) as unknown as Readable;
      ({ exit } = await this.registerWait(docker, container.id, 'next-exit', record));
      if (request.autoRemove) ({ exit: gone } = await this.registerWait(docker, container.id, 'removed', record));
    } catch (error) {
      return this.failStep(record, 'start', toRunError(error, 'Attaching to the container'));
    }
    const attachEnded = this.followOutput(record, attach);
    // The waits may settle while start() is still running; nothing must go unhandled meanwhile.
    exit.catch(() => undefined);
    gone = gone.catch(() => undefined);

    try {
      await container.start();
    } catch (error) {
      attach.destroy();
      return this.failStep(record, 'start', toRunError(error, 'Starting the container'));
    }
    this.setStep(record, 'start', 'done');

    let result: WaitResult;
    try {
      result = await exit;
    } catch (error) {
      if (record.abort.signal.aborted) return;
      return this.finish(record, { error: toRunError(error, 'Waiting for the container') });
    }
    // The exit can be reported a moment before the last output arrives.
    let drainTimer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([attachEnded, new Promise((resolve) => (drainTimer = setTimeout(resolve, OUTPUT_DRAIN_MS)))]);
    clearTimeout(drainTimer);
    attach.destroy();
    record.output.endAll();
    // --rm: the engine removes the container right after the exit; the flow ends once it has.
    let goneTimer: ReturnType<typeof setTimeout> | undefined;
    await Promise.race([gone, new Promise((resolve) => (goneTimer = setTimeout(resolve, REMOVAL_WAIT_MS)))]);
    clearTimeout(goneTimer);
    const exitCode = typeof result.StatusCode === 'number' ? result.StatusCode : null;
    const restarting =
      request.restartPolicy !== 'no' &&
      (await this.isRestarting(container, policyRestarts(request.restartPolicy, exitCode)));
    this.finish(record, { exitCode, restarting });
  }

  /**
   * Whether the engine is starting the container again after this exit, as its restart policy says.
   * dockerd marks it restarting before it answers the wait; an engine that restarts it at once shows
   * it running again. Asked of the engine, not guessed from the policy (on-failure skips exit 0, a
   * retry limit ends the restarts).
   */
  private async isRestarting(container: Docker.Container, policySaysSo: boolean): Promise<boolean> {
    const state = async () => {
      try {
        const { State, RestartCount } = await container.inspect();
        return { now: Boolean(State.Restarting) || Boolean(State.Running), count: RestartCount ?? 0 };
      } catch {
        return null;
      }
    };
    const first = await state();
    if (!first || first.now || !policySaysSo) return first?.now ?? false;
    // Podman restarts it a moment after the wait answers (its cleanup runs first): look again briefly.
    for (const delay of RESTART_SETTLE_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delay));
      const next = await state();
      if (!next) return false;
      if (next.now || next.count > first.count) return true;
    }
    return false;
  }

  /**
   * POST /containers/{id}/wait, resolved once the engine sent its headers: the engine writes them
   * only after the wait is registered, so starting afterwards cannot miss the exit. The returned
   * promise settles with the exit.
   */
  private async registerWait(
    docker: Docker,
    id: string,
    condition: 'next-exit' | 'removed',
    record: RunRecord,
  ): Promise<{ exit: Promise<WaitResult> }> {
    const response = await dialStream(docker, {
      path: `/containers/${encodeURIComponent(id)}/wait?`,
      method: 'POST',
      signal: record.abort.signal,
      statusCodes: { 200: true, 400: 'bad parameter', 404: 'no such container', 500: 'server error' },
      options: { condition },
    });
    // Wrapped: returning the promise itself would wait for the exit.
    return { exit: readJson<WaitResult>(response) };
  }

  /** Feeds the attach stream into the flow's output; resolves when the stream ends. */
  private followOutput(record: RunRecord, attach: Readable): Promise<void> {
    const demux = createDemuxer((stream, payload) => {
      if (record.output.write(stream, payload)) this.changed(record);
    });
    return new Promise((resolve) => {
      attach.on('data', (chunk: Buffer) => demux(chunk));
      attach.once('end', () => resolve());
      attach.once('close', () => resolve());
      attach.once('error', () => resolve());
    });
  }

  /** Finished, or forgotten by dispose(): the run goes no further. */
  private stopped(record: RunRecord): boolean {
    return record.finished || record.abort.signal.aborted;
  }

  private setStep(record: RunRecord, step: StepName, state: RunStepState): void {
    if (record.finished) return;
    record.flow.steps[step] = state;
    if (step === 'start' && state === 'done') record.flow.state = 'running';
    this.changed(record);
  }

  private failStep(record: RunRecord, step: StepName, error: WireError): void {
    if (record.finished) return;
    record.flow.steps[step] = 'failed';
    this.finish(record, { error });
  }

  private finish(
    record: RunRecord,
    outcome: { exitCode?: number | null; restarting?: boolean; error?: WireError },
  ): void {
    if (record.finished) return;
    record.finished = true;
    if (outcome.error) {
      record.flow.state = 'failed';
      record.flow.error = outcome.error;
      for (const step of Object.keys(record.flow.steps) as StepName[]) {
        if (record.flow.steps[step] === 'active') record.flow.steps[step] = 'failed';
      }
    } else {
      record.flow.state = 'exited';
      record.flow.exitCode = outcome.exitCode ?? null;
      record.flow.restarting = outcome.restarting ?? false;
    }
    record.abort.abort();
    this.changedFinal(record);
    this.evictOldFlows();
  }

  /** Something changed: tell the listeners now, or once the interval since the last update has passed. */
  private changed(record: RunRecord): void {
    if (record.finished || record.timer) return;
    const wait = record.lastEmitAt + this.updateIntervalMs - Date.now();
    if (wait <= 0) {
      this.emit(record);
      return;
    }
    record.timer = setTimeout(() => {
      record.timer = null;
      if (!record.finished) this.emit(record);
    }, wait);
  }

  /** The final state goes out at once, exact, whatever the interval. */
  private changedFinal(record: RunRecord): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = null;
    this.emit(record);
  }

  private emit(record: RunRecord): void {
    record.lastEmitAt = Date.now();
    if (record.flowChanged.hasListeners) record.flowChanged.fire(this.snapshot(record));
  }

  private snapshot(record: RunRecord): RunFlow {
    return {
      ...record.flow,
      steps: { ...record.flow.steps },
      error: record.flow.error ? { ...record.flow.error } : null,
      output: record.output.snapshot(),
      outputTruncated: record.output.truncated,
    };
  }

  /**
   * Keeps the newest maxFlows finished runs. Runs still in progress are kept whatever their number:
   * forgetting one would drop its listeners and stop following its container.
   */
  private evictOldFlows(): void {
    const finished = [...this.records.values()].filter((record) => record.finished);
    for (const record of finished.slice(0, Math.max(0, finished.length - this.maxFlows))) {
      this.forget(record);
      this.records.delete(record.flow.runId);
    }
  }

  private forget(record: RunRecord): void {
    if (record.timer) clearTimeout(record.timer);
    record.timer = null;
    record.abort.abort();
    record.flowChanged.dispose();
  }
}

function readJson<T>(response: IncomingMessage): Promise<T> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    response.on('data', (chunk: Buffer) => chunks.push(chunk));
    response.once('error', reject);
    response.once('aborted', () =>
      reject(Object.assign(new Error('the engine closed the connection'), { code: 'ECONNRESET' })),
    );
    response.once('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      try {
        resolve(JSON.parse(text) as T);
      } catch {
        reject(new Error(`unexpected answer from the engine: ${text.slice(0, 200)}`));
      }
    });
  });
}

/** An environment variable as the run page may show it: a secret-looking one's value masked. */
function maskedVariable(variable: { key: string; value: string }): { key: string; value: string } {
  const { key, value } = maskEnvEntry(`${variable.key}=${variable.value}`);
  return { key, value };
}
