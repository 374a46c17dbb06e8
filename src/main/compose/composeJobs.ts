import { spawn as spawnProcess, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type Docker from 'dockerode';
import type { z } from 'zod';
import type {
  ComposeAction,
  ComposeDownPlan,
  ComposeJob,
  ComposeRiskyMount,
  ComposeTarget,
  ComposeTool,
  composeRunInputSchema,
} from '../../shared/compose';
import { shellQuote } from '../../shared/dockerRunCommand';
import { BerthError, type WireError } from '../../shared/errors';
import { COMPOSE_PROJECT_LABEL, containerName } from '../containers/containerSummary';
import type { EngineEndpoint } from '../engine/endpoint';
import { engineMessage } from '../engine/engineErrors';
import { JobManager } from '../jobs/jobManager';
import type { UpdateThrottle } from '../jobs/updateThrottle';
import { composeDownPlan } from './composeDownPlan';
import { composeEnvironment, plainOutputArgs, type Environment } from './composeEnvironment';
import { applyComposeLine, type ComposePhases } from './composePhases';
import { checkTargetFiles, composeFilesOf } from './composeTargetFiles';

export type ComposeRunRequest = z.infer<typeof composeRunInputSchema>;
type OutputLine = ComposeJob['output'][number];
type KeptVolume = NonNullable<ComposeJob['keptVolumes']>[number];

/** The job keeps the last this many lines of output. */
export const MAX_COMPOSE_OUTPUT_LINES = 2_000;
/** A failure's message: compose's last lines on stderr, at most this many. */
const ERROR_TAIL_LINES = 10;

export interface ComposeJobsOptions {
  /** The compose to run (ComposeToolCache.current). */
  tool: () => Promise<ComposeTool>;
  /** The engine Berth is connected to (monitor.requireEndpoint): compose runs against it and no other. */
  getEndpoint: () => EngineEndpoint;
  getClient: () => Docker;
  /** The bind mounts of the target's files up needs a confirmation for. */
  riskyMounts: (target: ComposeTarget) => Promise<ComposeRiskyMount[]>;
  /** The user's environment compose starts from (PATH, HOME, proxies). Default process.env. */
  env?: Readonly<Environment>;
  spawn?: typeof spawnProcess;
  /** After a cancel's SIGTERM, SIGKILL when the command is still there this much later. Default 5 s. */
  killAfterMs?: number;
  /** At most one update per job per this many ms; the final state exact. Default 100. */
  updateIntervalMs?: number;
  now?: () => number;
}

interface Entry {
  seq: number;
  /** down: the volumes the confirmation named. */
  removeVolumes: string[];
  /** The job as last built; rebuilt from the fields below when dirty. */
  job: ComposeJob;
  dirty: boolean;
  output: OutputLine[];
  outputTruncated: boolean;
  phases: ComposePhases;
  stderrTail: string[];
  /** Text after the last line break, per stream. */
  partial: { stdout: string; stderr: string };
  child: ChildProcess | null;
  cancelRequested: boolean;
  killTimer: ReturnType<typeof setTimeout> | null;
  updates: UpdateThrottle;
  settled: Promise<ComposeJob>;
  resolveSettled: (job: ComposeJob) => void;
}

/** After the process exits, how long its output may stay open (held by a child it left) before the job ends anyway. */
const OUTPUT_GRACE_MS = 1_000;

/** Signals the command and the programs it started (its process group; on Windows the process alone). */
function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  try {
    if (process.platform !== 'win32' && child.pid !== undefined) process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // Already gone.
  }
}

/** The compose words for an action, before the services. */
function verbArgs(action: ComposeAction): string[] {
  switch (action) {
    // compose builds the images a `build:` names that are missing by itself; no forced rebuild.
    case 'up':
      return ['up', '-d'];
    // Never -v or --rmi: volumes go only as confirmed, one by one, after; images stay.
    case 'down':
      return ['down'];
    default:
      return [action];
  }
}

/**
 * The compose command (up, down, stop, start, restart, pull) as main-process jobs, shaped like
 * pulls and builds: one child process per job (no shell, no TTY), its output kept (the last 2,000
 * lines) and read for what it does to each service, sent to listeners at most every
 * updateIntervalMs with the final state exact. It runs against the engine Berth is connected to.
 */
export class ComposeJobs extends JobManager<ComposeJob, Entry> {
  private readonly spawn: typeof spawnProcess;
  private readonly env: Readonly<Environment>;
  private readonly killAfterMs: number;

  constructor(private readonly options: ComposeJobsOptions) {
    super('compose command', options);
    this.spawn = options.spawn ?? spawnProcess;
    this.env = options.env ?? process.env;
    this.killAfterMs = options.killAfterMs ?? 5_000;
  }

  /** What down would remove, for its confirmation. */
  downPlan(target: ComposeTarget): Promise<ComposeDownPlan> {
    return composeDownPlan(this.options.getClient(), target.projectName);
  }

  /**
   * Checks the request (files inside the folder; down's confirmation and volumes; up's risky
   * mounts), then starts the command. A refused request starts nothing.
   */
  async run(request: ComposeRunRequest): Promise<ComposeJob> {
    const { target, action } = request;
    const files = composeFilesOf(target);
    if (files.length === 0) {
      throw new BerthError('not-found', `${target.folder} has no compose file (compose.yaml, docker-compose.yml…).`, [
        { path: 'target.files', message: 'no compose file in this folder' },
      ]);
    }
    const folder = checkTargetFiles({ ...target, files });
    if (action === 'down' && request.services.length > 0) {
      throw new BerthError('invalid-input', 'down takes the whole project, not single services.', [
        { path: 'services', message: 'down takes the whole project' },
      ]);
    }
    const plan = action === 'down' ? await this.checkDown(request) : null;
    if (action === 'up') await this.checkMounts(request);
    // The same command on the same project already running (a second click): that job, not a second process racing it.
    const same = this.jobs
      .all()
      .find(
        (entry) =>
          entry.job.state === 'running' &&
          entry.job.target.projectName === target.projectName &&
          entry.job.action === action &&
          entry.job.services.join('\n') === request.services.join('\n'),
      );
    if (same) return this.snapshot(same);
    const tool = await this.options.tool();
    if (!tool.found) {
      throw new BerthError(
        'compose-not-installed',
        `No compose command was found (looked at ${tool.searched.join(', ')}).`,
      );
    }
    const endpoint = this.options.getEndpoint();
    const env = composeEnvironment(this.env, endpoint);

    const projectArgs = [
      '-p',
      target.projectName,
      ...files.flatMap((file) => ['-f', file]),
      '--project-directory',
      target.folder,
    ];
    const commandArgs = [...projectArgs, ...verbArgs(action), ...request.services];
    // The line shown is what the user would type; the plain-output flags only take the colours away.
    const commandLine = [...tool.command, ...commandArgs].map(shellQuote).join(' ');
    const args = [...plainOutputArgs(tool.major, tool.version), ...commandArgs];

    let resolveSettled: (job: ComposeJob) => void = () => {};
    const settled = new Promise<ComposeJob>((resolve) => {
      resolveSettled = resolve;
    });
    const entry: Entry = {
      seq: this.jobs.nextSeq(),
      removeVolumes: [...request.removeVolumes],
      job: {
        id: randomUUID(),
        target,
        action,
        services: [...request.services],
        commandLine,
        state: 'running',
        output: [],
        outputTruncated: false,
        phases: {},
        exitCode: null,
        startedAt: this.now(),
        finishedAt: null,
        removedVolumes: [],
        error: null,
      },
      dirty: false,
      output: [],
      outputTruncated: false,
      phases: {},
      stderrTail: [],
      partial: { stdout: '', stderr: '' },
      child: null,
      cancelRequested: false,
      killTimer: null,
      updates: this.throttledUpdates(() => this.snapshot(entry)),
      settled,
      resolveSettled,
    };
    this.jobs.add(entry);

    // The plugin binary runs standalone as well (compose v2 does): no docker CLI in between.
    let child: ChildProcess;
    try {
      child = this.spawn(tool.path, args, {
        cwd: folder,
        env: env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
        windowsHide: true,
        // Its own process group: compose runs `docker build` and such as children of its own, which a
        // cancel must stop too (otherwise they keep building, and keep the output open).
        detached: process.platform !== 'win32',
      });
    } catch (error) {
      this.jobs.delete(entry.job.id);
      entry.updates.dispose();
      throw new BerthError('compose-failed', `${tool.path} could not be started: ${engineMessage(error)}`);
    }
    entry.child = child;
    // Decoded as a stream, so a character split between two chunks (v2's ✔) stays whole.
    child.stdout?.setEncoding('utf8').on('data', (text: string) => this.receive(entry, 'stdout', text));
    child.stderr?.setEncoding('utf8').on('data', (text: string) => this.receive(entry, 'stderr', text));
    let over = false;
    child.on('error', (error) => {
      if (over) return;
      over = true;
      this.finish(entry, null, {
        code: 'compose-failed',
        message: `${tool.path} could not be started: ${error.message}`,
      });
    });
    const ended = (code: number | null) => {
      if (over) return;
      over = true;
      this.flush(entry);
      void this.exited(entry, code, plan).catch((error: unknown) =>
        this.finish(entry, code, { code: 'internal', message: engineMessage(error) }),
      );
    };
    child.on('close', ended);
    // Output ends with the process, unless a child it left behind holds it open: then a moment later.
    child.on('exit', (code) => setTimeout(() => ended(code), OUTPUT_GRACE_MS).unref());
    entry.updates.changed();
    return this.snapshot(entry);
  }

  /** Stops the command: SIGTERM, then SIGKILL when it is still there after killAfterMs. Resolves with the final job. */
  async cancel(id: string): Promise<ComposeJob> {
    const entry = this.jobs.require(id);
    const child = entry.child;
    if (entry.job.state === 'running' && child && child.exitCode === null && child.signalCode === null) {
      entry.cancelRequested = true;
      signalGroup(child, 'SIGTERM');
      // Kept after the command itself ends: a child of it may still be there.
      entry.killTimer = setTimeout(() => signalGroup(child, 'SIGKILL'), this.killAfterMs);
      entry.killTimer.unref();
    }
    return entry.settled;
  }

  protected jobOf(entry: Entry): ComposeJob {
    return this.snapshot(entry);
  }

  protected isRunning(job: ComposeJob): boolean {
    return job.state === 'running';
  }

  private async checkDown(request: ComposeRunRequest): Promise<ComposeDownPlan> {
    const { projectName } = request.target;
    if (request.confirm !== projectName) {
      throw new BerthError(
        'confirmation-required',
        `down removes the containers and networks of ${projectName}: it runs only after a confirmation naming the project.`,
        [{ path: 'confirm', message: 'the confirmation does not name this project' }],
      );
    }
    const plan = await this.downPlan(request.target);
    const offered = new Set(plan.volumes.map((volume) => volume.name));
    const strangers = request.removeVolumes.filter((name) => !offered.has(name));
    if (strangers.length > 0) {
      throw new BerthError(
        'forbidden',
        `Not volumes of ${projectName}, so down does not remove them: ${strangers.join(', ')}.`,
        strangers.map(() => ({ path: 'removeVolumes', message: 'not a volume of this project' })),
      );
    }
    return plan;
  }

  private async checkMounts(request: ComposeRunRequest): Promise<void> {
    const risky = await this.options.riskyMounts(request.target);
    const confirmed = new Set(request.confirmedMounts);
    const unconfirmed = risky.filter((mount) => !confirmed.has(mount.source));
    if (unconfirmed.length === 0) return;
    throw new BerthError(
      'confirmation-required',
      `up would give containers this computer (${unconfirmed
        .map((mount) => `${mount.source} in ${mount.service}`)
        .join(', ')}): it runs only after a confirmation naming each.`,
      unconfirmed.map((mount) => ({ path: 'confirmedMounts', message: mount.source })),
    );
  }

  private receive(entry: Entry, stream: 'stdout' | 'stderr', text: string): void {
    const lines = (entry.partial[stream] + text).split(/\r\n|\n|\r/);
    entry.partial[stream] = lines.pop() ?? '';
    for (const line of lines) this.addLine(entry, stream, line);
    if (lines.length > 0) entry.updates.changed();
  }

  private flush(entry: Entry): void {
    for (const stream of ['stdout', 'stderr'] as const) {
      if (entry.partial[stream] !== '') this.addLine(entry, stream, entry.partial[stream]);
      entry.partial[stream] = '';
    }
  }

  private addLine(entry: Entry, stream: 'stdout' | 'stderr', text: string): void {
    // v1 prints each service's line again when it is done: blank lines carry nothing.
    if (text.trim() === '') return;
    entry.output.push({ stream, text });
    if (entry.output.length > MAX_COMPOSE_OUTPUT_LINES) {
      entry.output.splice(0, entry.output.length - MAX_COMPOSE_OUTPUT_LINES);
      entry.outputTruncated = true;
    }
    entry.phases = applyComposeLine(entry.phases, text, entry.job.target.projectName);
    if (stream === 'stderr') {
      entry.stderrTail.push(text);
      if (entry.stderrTail.length > ERROR_TAIL_LINES) entry.stderrTail.shift();
    }
    entry.dirty = true;
  }

  private async exited(entry: Entry, code: number | null, plan: ComposeDownPlan | null): Promise<void> {
    if (entry.cancelRequested) {
      const message = `${entry.job.commandLine} was cancelled.`;
      this.finish(entry, code, { code: 'cancelled', message }, 'cancelled');
      return;
    }
    if (code !== 0) {
      const words = entry.stderrTail.join('\n').trim();
      const message = words || `${entry.job.commandLine} stopped with exit code ${code ?? 'none'}.`;
      this.finish(entry, code, { code: 'compose-failed', message });
      return;
    }
    if (plan && entry.job.action === 'down') await this.removeVolumes(entry, plan);
    this.finish(entry, code, null);
  }

  /**
   * After down: the volumes the confirmation named, each only when it is still this project's
   * (its label, or an anonymous one the plan listed) and no container uses it; never forced, never
   * a prune. One that stays says why in the output.
   */
  private async removeVolumes(entry: Entry, plan: ComposeDownPlan): Promise<void> {
    if (entry.removeVolumes.length === 0) return;
    const client = this.options.getClient();
    const { projectName } = entry.job.target;
    const anonymous = new Set(plan.volumes.filter((volume) => volume.anonymous).map((volume) => volume.name));
    const removed: string[] = [];
    const kept: KeptVolume[] = [];
    const keep = (name: string, reason: KeptVolume['reason'], detail: string, sentence: string) => {
      kept.push({ name, reason, detail });
      this.addLine(entry, 'stderr', `Volume ${name} was not removed: ${sentence}`);
      entry.updates.changed();
    };
    const containers = await client.listContainers({ all: true });
    for (const name of entry.removeVolumes) {
      let labels: Record<string, string>;
      try {
        labels = (await client.getVolume(name).inspect()).Labels ?? {};
      } catch (error) {
        keep(name, 'engine-error', engineMessage(error), engineMessage(error));
        continue;
      }
      if (labels[COMPOSE_PROJECT_LABEL] !== projectName && !anonymous.has(name)) {
        keep(name, 'not-in-project', projectName, `it is not a volume of ${projectName}.`);
        continue;
      }
      const users = containers
        .filter((container) => (container.Mounts ?? []).some((mount) => mount.Type === 'volume' && mount.Name === name))
        .map((container) => containerName(container.Names, container.Id));
      if (users.length > 0) {
        keep(name, 'in-use', users.join(', '), `${users.join(', ')} still use it.`);
        continue;
      }
      try {
        // Never forced: the engine itself refuses a volume a container took meanwhile.
        await client.getVolume(name).remove();
        removed.push(name);
        this.addLine(entry, 'stdout', `Removed volume ${name}`);
        entry.updates.changed();
      } catch (error) {
        keep(name, 'engine-error', engineMessage(error), engineMessage(error));
      }
    }
    entry.job = { ...this.snapshot(entry), removedVolumes: removed, ...(kept.length > 0 ? { keptVolumes: kept } : {}) };
  }

  private finish(
    entry: Entry,
    exitCode: number | null,
    error: WireError | null,
    state: ComposeJob['state'] = error ? 'failed' : 'done',
  ): void {
    if (entry.job.state !== 'running') return;
    entry.job = {
      ...this.snapshot(entry),
      state,
      phases: {},
      exitCode,
      finishedAt: this.now(),
      error,
    };
    entry.phases = {};
    entry.dirty = false;
    entry.updates.finish();
    entry.resolveSettled(entry.job);
  }

  private snapshot(entry: Entry): ComposeJob {
    if (!entry.dirty) return entry.job;
    entry.job = {
      ...entry.job,
      output: entry.output.slice(),
      outputTruncated: entry.outputTruncated,
      phases: entry.phases,
    };
    entry.dirty = false;
    return entry.job;
  }
}
