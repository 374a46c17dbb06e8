import { z } from 'zod';
import { containerStateSchema } from './containers';
import { wireErrorSchema } from './errors';
import { absolutePathSchema } from './paths';

/**
 * Compose: a project opened from its files (parsed and checked against the Compose Specification
 * in the main process), the compose command Berth runs on it (the user's own `docker compose` or
 * `docker-compose`), and the projects the engine runs, found by their com.docker.compose.* labels
 * whoever started them.
 */

/** The files compose looks for in a folder, in the order it prefers them. */
export const composeFileNames = ['compose.yaml', 'compose.yml', 'docker-compose.yml', 'docker-compose.yaml'] as const;

/** The override compose reads beside each name (compose.override.yaml beside compose.yaml...). */
export function overrideFileName(fileName: string): string {
  return fileName.replace(/\.(ya?ml)$/, '.override.$1');
}

/** A project name as compose accepts it: lowercase letters, digits, - and _, starting with a letter or digit. */
export const composeProjectNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'lowercase letters, digits, - and _ only');

/** A service name as the Compose Specification allows it. */
export const composeServiceNameSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[a-zA-Z0-9._-]+$/, 'letters, digits, ., _ and - only');

// ---------------------------------------------------------------- the files

/** One compose file as read from disk; version changes whenever the file on disk changes. */
export const composeFileSchema = z.object({
  /** Absolute path. */
  path: z.string(),
  /** The name inside the project folder ("compose.yaml", "compose.override.yaml"). */
  name: z.string(),
  content: z.string(),
  /** A hash of the bytes on disk when read or saved: a save with an older version is refused. */
  version: z.string(),
});
export type ComposeFile = z.infer<typeof composeFileSchema>;

/** What is wrong in a compose file, for a sentence in the user's language. */
export const composeProblemKinds = [
  /** Not valid YAML (params.detail: the parser's words). */
  'yaml-syntax',
  /** A key the specification does not have (params.key). */
  'unknown-key',
  /** The wrong kind of value (params.expected: string, number, boolean, array, object...). */
  'wrong-type',
  /** A key that must be there is not (params.key). */
  'missing-key',
  /** A value outside the allowed ones (params.allowed, comma-separated). */
  'not-allowed',
  /** A value of the wrong form (a port, a duration...) or none of the forms allowed. */
  'bad-value',
  /** A service with neither image nor build. */
  'no-image',
  /** depends_on, networks or volumes names something the file does not define (params.name, params.kind). */
  'unknown-reference',
  /** depends_on goes round in a circle (params.cycle: "a → b → a"). */
  'dependency-cycle',
  /** The file has no services. */
  'no-services',
  /** A build context or env_file, or an extends file, outside the project folder (params.path). */
  'outside-folder',
  /** The file is larger than Berth opens (MAX_COMPOSE_FILE_BYTES). */
  'too-large',
] as const;
export const composeProblemKindSchema = z.enum(composeProblemKinds);
export type ComposeProblemKind = z.infer<typeof composeProblemKindSchema>;

export const composeProblemSchema = z.object({
  kind: composeProblemKindSchema,
  /** The file's name inside the folder. */
  file: z.string(),
  /** 1-based; null when the place cannot be told. */
  line: z.number().int().positive().nullable(),
  column: z.number().int().positive().nullable(),
  /** Where in the document, as compose says it: "services.web.ports[0]". Empty for the whole file. */
  at: z.string(),
  /** Words for the sentence (key, expected, allowed, name, kind, cycle, path, detail). */
  params: z.record(z.string(), z.string()),
});
export type ComposeProblem = z.infer<typeof composeProblemSchema>;

export const MAX_COMPOSE_FILE_BYTES = 1_000_000;

/**
 * Why a folder or file cannot be opened or saved: the message of the BerthError's issue (on `path`
 * for compose.open, `folder` or `file` for compose.check and compose.save), said by the page in the
 * user's language.
 */
export const composeOpenProblems = [
  'folder-missing',
  'not-a-folder',
  'folder-unreadable',
  /** The folder has none of composeFileNames; or the file named is not a .yml/.yaml file. */
  'no-compose-file',
  /** A folder (or something else than a file) has the file's name. */
  'not-a-file',
  'file-unreadable',
  /** The file, or a link on its way, leads outside the folder. */
  'outside-folder',
  /** Larger than MAX_COMPOSE_FILE_BYTES. */
  'too-large',
  /** check or save of a file Berth did not open in that folder (or, for save, not named like a compose file). */
  'not-opened',
  /** The save could not be written (permissions, disk full). */
  'write-failed',
] as const;
export const composeOpenProblemSchema = z.enum(composeOpenProblems);
export type ComposeOpenProblem = z.infer<typeof composeOpenProblemSchema>;

// ---------------------------------------------------------------- the model Berth shows

export const composeMountSchema = z.object({
  type: z.enum(['volume', 'bind', 'tmpfs', 'other']),
  /** The named volume or the host path (absolute, resolved against the folder); null for anonymous and tmpfs. */
  source: z.string().nullable(),
  target: z.string(),
  readOnly: z.boolean(),
});
export type ComposeMount = z.infer<typeof composeMountSchema>;

export const composeEnvironmentEntrySchema = z.object({
  name: z.string(),
  /** Null when the file names the variable without a value (taken from the shell). */
  value: z.string().nullable(),
  /** A secret-looking name (PASSWORD, TOKEN...): value hidden until the user asks, as Inspect does. */
  secret: z.boolean(),
});

export const composeDependencySchema = z.object({
  service: z.string(),
  condition: z.enum(['service_started', 'service_healthy', 'service_completed_successfully']),
});

export const composeServiceSchema = z.object({
  name: z.string(),
  image: z.string().nullable(),
  /** build: the context (absolute) and Dockerfile, when the service is built. */
  build: z.object({ context: z.string(), dockerfile: z.string().nullable() }).nullable(),
  /** As written, one per published port ("8080:80", "127.0.0.1:6379:6379/tcp"). */
  ports: z.array(z.string()),
  volumes: z.array(composeMountSchema),
  networks: z.array(z.string()),
  environment: z.array(composeEnvironmentEntrySchema),
  dependsOn: z.array(composeDependencySchema),
  /** The command as written, joined; null when the image's own. */
  command: z.string().nullable(),
  /** Where the service starts in its file, for "show in file". */
  file: z.string(),
  line: z.number().int().positive().nullable(),
});
export type ComposeService = z.infer<typeof composeServiceSchema>;

/**
 * A bind mount that would hand the container this computer (the whole disk, the engine's socket, a
 * system folder holding either: forbiddenBindReason in run.ts). The run dialog never mounts these;
 * a compose file may (some tools need the socket), so up runs only after a confirmation naming each.
 */
export const composeRiskyMountSchema = z.object({
  service: z.string(),
  source: z.string(),
  kind: z.enum(['disk', 'socket', 'system']),
});
export type ComposeRiskyMount = z.infer<typeof composeRiskyMountSchema>;

export const composeModelSchema = z.object({
  services: z.array(composeServiceSchema),
  volumes: z.array(z.object({ name: z.string(), external: z.boolean() })),
  networks: z.array(z.object({ name: z.string(), external: z.boolean() })),
  /** Up asks the same confirmation as the run dialog for these. */
  riskyMounts: z.array(composeRiskyMountSchema),
});
export type ComposeModel = z.infer<typeof composeModelSchema>;

/** A project as opened from its folder: its files (main first, then overrides), what they describe, what is wrong. */
export const composeDocumentSchema = z.object({
  /** The project folder (working directory), absolute. */
  folder: z.string(),
  /** The name compose will give it: `name:` in the file, else the folder's name made valid. */
  projectName: z.string(),
  files: z.array(composeFileSchema),
  /** Null while problems keep the files from being read as a whole. */
  model: composeModelSchema.nullable(),
  problems: z.array(composeProblemSchema),
});
export type ComposeDocument = z.infer<typeof composeDocumentSchema>;

export const composeOpenInputSchema = z
  .object({
    /** A folder (compose finds its file) or one compose file. */
    path: absolutePathSchema,
  })
  .strict();

export const composeExampleNames = ['visit-counter'] as const;
export const composeExampleNameSchema = z.enum(composeExampleNames);
export type ComposeExampleName = z.infer<typeof composeExampleNameSchema>;

/** The text being edited, checked before it is saved (merged with the project's other files). */
export const composeCheckInputSchema = z
  .object({
    folder: absolutePathSchema,
    file: z.string().min(1).max(255),
    content: z.string().max(MAX_COMPOSE_FILE_BYTES),
  })
  .strict();

export const composeCheckResultSchema = z.object({
  model: composeModelSchema.nullable(),
  problems: z.array(composeProblemSchema),
});

export const composeSaveInputSchema = z
  .object({
    folder: absolutePathSchema,
    /** The file's name inside the folder; only a file Berth opened there is written. */
    file: z.string().min(1).max(255),
    content: z.string().max(MAX_COMPOSE_FILE_BYTES),
    /** The version the editor started from: the save is refused when the file changed on disk since. */
    version: z.string().max(200),
  })
  .strict();

export const composeSaveResultSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), document: composeDocumentSchema }),
  /** Changed on disk since it was opened: nothing was written; the file as it is now. */
  z.object({ saved: z.literal(false), onDisk: composeFileSchema }),
]);
export type ComposeSaveResult = z.infer<typeof composeSaveResultSchema>;

// ---------------------------------------------------------------- the compose command

/**
 * The compose Berth runs: Docker's plugin (`docker compose`, v2, which Docker Desktop ships) or
 * the standalone `docker-compose` (v1 or v2), found as the docker CLI finds them.
 */
export const composeToolSchema = z.discriminatedUnion('found', [
  z.object({
    found: z.literal(true),
    kind: z.enum(['plugin', 'standalone']),
    /** The program Berth runs, absolute. */
    path: z.string(),
    /** The words before the compose arguments, as the user would type them: ["docker", "compose"] or ["docker-compose"]. */
    command: z.array(z.string()),
    version: z.string(),
    /** 1 for docker-compose 1.x, 2 for v2 (plugin or standalone). */
    major: z.number().int(),
  }),
  z.object({
    found: z.literal(false),
    /** Where Berth looked, in order. */
    searched: z.array(z.string()),
    /** For the install step: darwin, linux, win32... */
    platform: z.string(),
  }),
]);
export type ComposeTool = z.infer<typeof composeToolSchema>;

export const composeActions = ['up', 'down', 'stop', 'start', 'restart', 'pull'] as const;
export const composeActionSchema = z.enum(composeActions);
export type ComposeAction = z.infer<typeof composeActionSchema>;

/** Which project a command is for: its name, folder and files (opened in Berth, or read from the labels). */
export const composeTargetSchema = z
  .object({
    projectName: composeProjectNameSchema,
    folder: absolutePathSchema,
    /** Absolute; each must be inside the folder. Empty lets compose find the file in the folder. */
    files: z.array(absolutePathSchema).max(20),
  })
  .strict();
export type ComposeTarget = z.infer<typeof composeTargetSchema>;

export const composeRunInputSchema = z
  .object({
    target: composeTargetSchema,
    action: composeActionSchema,
    /** Only these services (empty: the whole project). */
    services: z.array(composeServiceNameSchema).max(200).default([]),
    /**
     * down only: the project's name, typed into nothing but sent by the confirmation that named the
     * containers and networks down removes. Required for down; refused when it does not match.
     */
    confirm: z.string().max(300).nullable().default(null),
    /** down only: the volumes the confirmation named ("also remove volumes"); exactly these are removed, each only if unused. */
    removeVolumes: z.array(z.string().min(1).max(255)).max(200).default([]),
    /** up only: the risky bind sources (riskyMounts' source) the user confirmed; up is refused while one is not. */
    confirmedMounts: z.array(z.string().max(4096)).max(50).default([]),
  })
  .strict();
export type ComposeRunInput = z.input<typeof composeRunInputSchema>;

/** What a running command is doing to each service, read from its output (the engine has no event for pulling or building). */
export const composeServicePhaseSchema = z.enum([
  'pulling',
  'building',
  'creating',
  'starting',
  'stopping',
  'removing',
]);
export type ComposeServicePhase = z.infer<typeof composeServicePhaseSchema>;

export const composeOutputLineSchema = z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() });

export const composeJobSchema = z.object({
  id: z.string(),
  target: composeTargetSchema,
  action: composeActionSchema,
  services: z.array(z.string()),
  /** The command line as the user would type it in a terminal (for the panel and to copy). */
  commandLine: z.string(),
  state: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** The last lines of the command's output (at most 2,000). */
  output: z.array(composeOutputLineSchema),
  outputTruncated: z.boolean(),
  /** service → what the command is doing to it now; absent when nothing. */
  phases: z.record(z.string(), composeServicePhaseSchema),
  exitCode: z.number().int().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** down: the volumes Berth removed after it, as confirmed. */
  removedVolumes: z.array(z.string()),
  /**
   * down: the confirmed volumes that stayed, and why: a container still uses it (detail: its names),
   * it is not (any more) this project's, or the engine refused (detail: its words). Absent when none.
   */
  keptVolumes: z
    .array(
      z.object({ name: z.string(), reason: z.enum(['in-use', 'not-in-project', 'engine-error']), detail: z.string() }),
    )
    .optional(),
  error: wireErrorSchema.nullable(),
});
export type ComposeJob = z.infer<typeof composeJobSchema>;

export const composeJobIdInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();

/** What down would remove, for its confirmation: containers and networks always, volumes when ticked. */
export const composeDownPlanSchema = z.object({
  projectName: z.string(),
  containers: z.array(z.string()),
  networks: z.array(z.string()),
  /** The project's volumes (named ones from the file and the labels, anonymous ones its containers mount). */
  volumes: z.array(z.object({ name: z.string(), anonymous: z.boolean(), inUseByOthers: z.array(z.string()) })),
});
export type ComposeDownPlan = z.infer<typeof composeDownPlanSchema>;

// ---------------------------------------------------------------- the projects the engine runs

export const composeContainerSchema = z.object({
  id: z.string(),
  name: z.string(),
  state: containerStateSchema,
  /** The exit code of an exited container. */
  exitCode: z.number().int().nullable(),
  health: z.enum(['healthy', 'unhealthy', 'starting']).nullable(),
  /** com.docker.compose.container-number. */
  number: z.number().int().nullable(),
});
export type ComposeContainer = z.infer<typeof composeContainerSchema>;

export const composeServiceStateSchema = z.object({
  name: z.string(),
  image: z.string().nullable(),
  containers: z.array(composeContainerSchema),
  /** From a command Berth runs on the project now. */
  phase: composeServicePhaseSchema.nullable(),
});
export type ComposeServiceState = z.infer<typeof composeServiceStateSchema>;

export const composeProjectStateSchema = z.object({
  name: z.string(),
  /** com.docker.compose.project.working_dir; null when the labels do not say. */
  workingDir: z.string().nullable(),
  /** com.docker.compose.project.config_files, absolute. */
  configFiles: z.array(z.string()),
  services: z.array(composeServiceStateSchema),
  /** running: every container runs; partly; stopped: none runs. */
  status: z.enum(['running', 'partly', 'stopped']),
});
export type ComposeProjectState = z.infer<typeof composeProjectStateSchema>;

/** Merged logs of a project's services: each line says its service. */
export const composeLogsInputSchema = z
  .object({
    projectName: composeProjectNameSchema,
    /** Only these services (empty: all). */
    services: z.array(composeServiceNameSchema).max(200).default([]),
    tail: z.number().int().min(0).max(100_000).nullable().default(500),
  })
  .strict();
