import { z } from 'zod';

export const containerStateSchema = z.enum([
  'created',
  'running',
  'paused',
  'restarting',
  'removing',
  'exited',
  'dead',
]);
export type ContainerState = z.infer<typeof containerStateSchema>;

export const containerPortSchema = z.object({
  privatePort: z.number().int(),
  publicPort: z.number().int().nullable(),
  type: z.enum(['tcp', 'udp', 'sctp']),
  /** The host address the port is published on, e.g. 0.0.0.0 or 127.0.0.1. */
  ip: z.string().nullable(),
});
export type ContainerPort = z.infer<typeof containerPortSchema>;

/** One row of the containers list: what `docker ps -a` shows, and what the list groups by. */
export const containerSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.string(),
  state: containerStateSchema,
  /** The engine's own words, e.g. "Up 5 minutes" or "Exited (0) 2 hours ago". */
  status: z.string(),
  health: z.enum(['starting', 'healthy', 'unhealthy']).nullable(),
  /** For exited containers. */
  exitCode: z.number().int().nullable(),
  /** Seconds since the epoch. */
  created: z.number(),
  ports: z.array(containerPortSchema),
  /** The label com.docker.compose.project, for grouping. */
  composeProject: z.string().nullable(),
  composeService: z.string().nullable(),
});
export type ContainerSummary = z.infer<typeof containerSummarySchema>;

/**
 * The containers model as the main process pushes it: a snapshot first (and after every resync),
 * then one change per engine event. "stale" says the events stream broke: the list is kept but may
 * be out of date until the model resyncs.
 */
export const containerChangeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('snapshot'), containers: z.array(containerSummarySchema), stale: z.boolean() }),
  z.object({ type: z.literal('upsert'), container: containerSummarySchema }),
  z.object({ type: z.literal('remove'), id: z.string() }),
  z.object({ type: z.literal('stale'), stale: z.boolean() }),
]);
export type ContainerChange = z.infer<typeof containerChangeSchema>;

const containerId = z
  .string()
  .min(1)
  .max(128)
  .regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'not a container id or name');

export const containerActionSchema = z.enum(['start', 'stop', 'restart', 'pause', 'unpause', 'kill']);
export type ContainerAction = z.infer<typeof containerActionSchema>;

export const containerActionInputSchema = z.object({ id: containerId, action: containerActionSchema }).strict();

export const containerRemoveInputSchema = z
  .object({
    id: containerId,
    /** The container's name (or id) as the confirmation showed it; anything else is refused. */
    confirm: z.string().min(1).max(300),
    /** Also remove its anonymous volumes (docker rm -v). */
    removeVolumes: z.boolean().default(false),
    /** Remove it while it runs: needs the second confirmation. */
    force: z.boolean().default(false),
    /** The second confirmation for a running container: the user saw that it runs and agreed. */
    confirmRunning: z.boolean().default(false),
  })
  .strict();

export const containerLogsInputSchema = z
  .object({
    id: containerId,
    follow: z.boolean().default(true),
    /** How many lines from the end to start with; null for all. */
    tail: z.number().int().min(0).max(1_000_000).nullable().default(1000),
    /** Only lines after this time (seconds since the epoch). */
    since: z.number().int().min(0).nullable().default(null),
  })
  .strict();

export const logLineSchema = z.object({
  stream: z.enum(['stdout', 'stderr']),
  text: z.string(),
  /** RFC 3339 with nanoseconds, as the engine stamps it. */
  time: z.string().nullable(),
  /** Where the line came from when logs are merged (a compose service); absent for one container's logs. */
  source: z.string().optional(),
});
export type LogLine = z.infer<typeof logLineSchema>;

/** Log lines in batches (a few a second however fast the container writes); ended when the stream closed. */
export const logBatchSchema = z.object({ lines: z.array(logLineSchema), ended: z.boolean() });
export type LogBatch = z.infer<typeof logBatchSchema>;

export const containerStatsInputSchema = z.object({ ids: z.array(containerId).max(200) }).strict();

/** One sample of `docker stats` for one container. */
export const statsSampleSchema = z.object({
  id: z.string(),
  /**
   * Percent of one CPU, as `docker stats` computes it (can exceed 100 with several CPUs); null
   * when the engine's sample spans too short a time to say (Podman's first sample of a stream).
   */
  cpuPercent: z.number().nonnegative().nullable(),
  memoryUsage: z.number().nonnegative(),
  memoryLimit: z.number().nonnegative(),
  memoryPercent: z.number().nonnegative(),
  networkRx: z.number().nonnegative(),
  networkTx: z.number().nonnegative(),
  blockRead: z.number().nonnegative(),
  blockWrite: z.number().nonnegative(),
  pids: z.number().int().nonnegative(),
  /** Epoch ms of the sample. */
  time: z.number(),
});
export type StatsSample = z.infer<typeof statsSampleSchema>;

export const containerInspectSchema = z.object({
  id: z.string(),
  name: z.string(),
  image: z.string(),
  imageId: z.string(),
  command: z.array(z.string()),
  entrypoint: z.array(z.string()),
  workingDir: z.string(),
  /** Values of variables whose name looks secret (PASSWORD, TOKEN, KEY...) are masked. */
  env: z.array(z.object({ key: z.string(), value: z.string(), masked: z.boolean() })),
  mounts: z.array(
    z.object({
      type: z.string(),
      name: z.string().nullable(),
      source: z.string(),
      destination: z.string(),
      readOnly: z.boolean(),
    }),
  ),
  networks: z.array(z.object({ name: z.string(), ipAddress: z.string(), gateway: z.string(), macAddress: z.string() })),
  ports: z.array(containerPortSchema),
  restartPolicy: z.object({ name: z.string(), maximumRetryCount: z.number().int() }),
  labels: z.record(z.string(), z.string()),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  state: containerStateSchema,
  exitCode: z.number().int().nullable(),
  /** The engine's JSON, with the same secret values masked. */
  raw: z.record(z.string(), z.unknown()),
});
export type ContainerInspect = z.infer<typeof containerInspectSchema>;

export const terminalOpenInputSchema = z
  .object({
    id: containerId,
    command: z.array(z.string().max(4096)).min(1).max(64).default(['sh']),
    cols: z.number().int().min(1).max(1000).default(80),
    rows: z.number().int().min(1).max(1000).default(24),
  })
  .strict();
const sessionId = z.string().min(1).max(100);
export const terminalInputSchema = z.object({ sessionId, data: z.string().max(65_536) }).strict();
export const terminalResizeSchema = z
  .object({ sessionId, cols: z.number().int().min(1).max(1000), rows: z.number().int().min(1).max(1000) })
  .strict();
export const terminalSessionSchema = z.object({ sessionId }).strict();

/**
 * What the terminal shows: output as it comes, then the end with the shell's exit code;
 * commandNotFound when the container has no such program (the runtime's "executable file not found").
 */
export const terminalEventSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('output'), data: z.string() }),
  z.object({
    type: z.literal('exit'),
    exitCode: z.number().int().nullable(),
    commandNotFound: z.literal(true).optional(),
  }),
]);

/** The shells Berth offers, in the order it prefers them. */
export const terminalShells = ['sh', 'bash', 'ash'] as const;
export const terminalShellsInputSchema = z.object({ id: containerId }).strict();
/** Which of the offered shells the container has (each run once with `-c "exit 0"`). */
export const terminalShellsResultSchema = z.object({ shells: z.array(z.enum(terminalShells)) });
export type TerminalEvent = z.infer<typeof terminalEventSchema>;

/** A published port to ask "does it answer HTTP?": its host address as the engine lists it, and its number. */
export const portProbeInputSchema = z
  .object({
    ip: z.string().max(64).nullable(),
    port: z.number().int().min(1).max(65_535),
  })
  .strict();
export const portProbeResultSchema = z.object({ answersHttp: z.boolean() });
export type PortProbeResult = z.infer<typeof portProbeResultSchema>;
