import type { BuildJob } from '../../shared/builds';
import type { ComposeProjectState, ComposeTool } from '../../shared/compose';
import type { ContainerSummary } from '../../shared/containers';
import type { EngineStatus } from '../../shared/engine';
import type { LocalImage } from '../../shared/images';
import type { LessonId, LessonNeed } from '../../shared/lessons';
import type { Network } from '../../shared/networks';
import type { PullJob } from '../../shared/pulls';
import type { RunFlow } from '../../shared/run';
import type { Volume } from '../../shared/volumes';

/**
 * What Berth already keeps of the engine, gathered by the LessonWatcher on every change: the
 * lessons' checks are pure functions of it (and of the lesson's memory), so they are tested with
 * plain fixtures and re-evaluated on the engine's events, never by polling.
 */
export interface LessonWorld {
  /** ms since the epoch, when this world was gathered. */
  now: number;
  engine: EngineStatus;
  /** The ContainerModel's list (every container, newest first). */
  containers: readonly ContainerSummary[];
  images: readonly LocalImage[];
  volumes: readonly Volume[];
  networks: readonly Network[];
  /** Berth's build jobs (the CLI's builds show only as observations: see imageTagged). */
  builds: readonly BuildJob[];
  pulls: readonly PullJob[];
  /** Berth's runs (the live run flow), newest first. */
  runs: readonly RunFlow[];
  composeProjects: readonly ComposeProjectState[];
  /** The compose tool found on this computer; null when there is none. */
  composeTool: ComposeTool | null;
  /** What the probes the started lessons asked for answered, by probe key. */
  probes: Readonly<Record<string, ProbeAnswer>>;
  /** What Berth saw happen that no list keeps, oldest first (kept with the progress, at most the last 200). */
  observations: readonly LessonObservation[];
}

/**
 * Things no list shows afterwards, recorded as they happen (from the engine's events, or from
 * Berth's own requests), with their time.
 */
export type LessonObservation =
  /** The installation check was opened in Berth with the engine connected (lesson 3). */
  | { kind: 'installationCheck'; at: number; serverVersion: string }
  /** The learner pasted `docker version` output that matched the connected engine (lesson 3). */
  | { kind: 'versionOutput'; at: number; serverVersion: string }
  /**
   * An image event "tag" (a build or `docker tag` gave an image this name): a fully cached rebuild
   * tags the same id again, an edited one a new id that shares the unchanged steps' layers.
   */
  | { kind: 'imageTagged'; at: number; tag: string; imageId: string; layers: string[] }
  /** An exec started in a container by someone other than Berth's probes (`docker exec …`). */
  | { kind: 'exec'; at: number; containerId: string; command: string }
  /** Disk usage measured while a lesson that asks for it is open (lesson 8). */
  | { kind: 'diskUsage'; at: number; reclaimableBytes: number; totalBytes: number };

/**
 * A question the engine's lists cannot answer, asked on the live engine when the watcher sees a
 * change that may alter the answer (events of the container named; recheck). key names the answer
 * in world.probes.
 */
export type ProbeRequest =
  /** Runs a command in a running container (exec, no TTY); the answer has its exit code and output. */
  | { kind: 'exec'; key: string; containerId: string; command: readonly string[] }
  /** A GET of http://host:port/path from this computer; the answer has the status and the body's start. */
  | { kind: 'http'; key: string; host: string; port: number; path: string }
  /** Lists a folder of a volume read-only (a short-lived helper container, labelled as Berth's). */
  | { kind: 'volumeFiles'; key: string; volume: string; path: string };

export interface ProbeAnswer {
  /** exec: exit code 0; http: a 2xx status; volumeFiles: the folder could be listed. */
  ok: boolean;
  /** exec: its exit code; http: the status; volumeFiles: null. */
  code: number | null;
  /** exec: stdout and stderr (the first 4 KB); http: the body's first 4 KB; volumeFiles: the names, one a line. */
  output: string;
  at: number;
}

/** What the store keeps of one lesson besides the world: saved, so it resumes after a restart. */
export interface LessonMemory {
  startedAt: number;
  /** Each done step's time. Done steps stay done: progress is only lost by a reset. */
  doneAt: Readonly<Record<string, number>>;
  /** Values the lesson remembered when a step turned done (the count before down, the image id built first…). */
  notes: Readonly<Record<string, string | number | boolean>>;
  /** Where lessons.copyExample put the example project. */
  folder: string | null;
}

export interface LessonStepDefinition {
  /** Unique in the lesson; texts at course.<lesson>.steps.<id>.{title,body,done}. */
  id: string;
  /** The docker CLI lines that do the step (they may use what the world shows, e.g. a container's name). */
  commands(world: LessonWorld, memory: LessonMemory): string[];
  /** The Berth screen that shows the thing, as a route hash. */
  screen(world: LessonWorld, memory: LessonMemory): string;
  /** Pure: is the step done in this world? Asked only once every step before it is done. */
  done(world: LessonWorld, memory: LessonMemory): boolean;
  /** What to remember when the step turns done (merged into memory.notes). */
  remember?(world: LessonWorld, memory: LessonMemory): Record<string, string | number | boolean>;
}

export interface LessonDefinition {
  id: LessonId;
  steps: readonly LessonStepDefinition[];
  /** What is missing now for the lesson to go on (the engine is checked by the watcher for every lesson). */
  unmet?(world: LessonWorld, memory: LessonMemory): LessonNeed[];
  /** The probes to ask now, for the current step (keys stable while the question is the same). */
  probes?(world: LessonWorld, memory: LessonMemory): ProbeRequest[];
  /** Live values for the texts. */
  facts?(world: LessonWorld, memory: LessonMemory): Record<string, string>;
  /** The example project (resources/examples/<name>) lessons.copyExample copies. */
  example?: string;
  /** Disk usage is measured (observation diskUsage) while this lesson is started and not finished. */
  measuresDisk?: boolean;
}
