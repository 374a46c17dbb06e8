import { z } from 'zod';
import { wireErrorSchema } from './errors';
import { parseImageReference, type ReferenceProblem } from './imageReference';
import { absolutePathSchema } from './paths';
import { splitShellWords } from './shellWords';

/** Container names as the engine accepts them: /?[a-zA-Z0-9][a-zA-Z0-9_.-]+ */
export const containerNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
/** How long a container name may be, in characters (the pattern needs two at least). */
export const CONTAINER_NAME_MIN = 2;
export const CONTAINER_NAME_MAX = 128;
export const volumeNamePattern = /^[a-zA-Z0-9][a-zA-Z0-9_.-]+$/;
export const envKeyPattern = /^[A-Za-z_][A-Za-z0-9_]*$/;

export const portMappingSchema = z
  .object({
    /** 127.0.0.1 keeps the port on this computer; 0.0.0.0 opens it to the network. */
    hostIp: z.enum(['127.0.0.1', '0.0.0.0']).default('127.0.0.1'),
    /** Null lets the engine pick a free port. */
    hostPort: z.number().int().min(1).max(65535).nullable(),
    containerPort: z.number().int().min(1).max(65535),
    protocol: z.enum(['tcp', 'udp']).default('tcp'),
  })
  .strict();
export type PortMapping = z.infer<typeof portMappingSchema>;

export const envVarSchema = z
  .object({
    key: z.string().max(256).regex(envKeyPattern, 'letters, digits and _ only, not starting with a digit'),
    value: z.string().max(32_768),
  })
  .strict();

export const volumeMountSchema = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('named'),
      name: z.string().max(255).regex(volumeNamePattern, 'letters, digits, _ . - only'),
      containerPath: absolutePathSchema,
      readOnly: z.boolean().default(false),
    })
    .strict(),
  z
    .object({
      kind: z.literal('bind'),
      hostPath: absolutePathSchema,
      containerPath: absolutePathSchema,
      readOnly: z.boolean().default(false),
      /** The user confirmed sharing this folder of their computer with the container. */
      confirmed: z.literal(true),
    })
    .strict(),
]);
export type VolumeMount = z.infer<typeof volumeMountSchema>;

/** The issue messages for a folder that may not be shared, and one that is not there (checked in main). */
export const BIND_FORBIDDEN = 'this folder may not be shared with a container';
export const BIND_SOURCE_MISSING = 'this folder does not exist on this computer';

export const restartPolicySchema = z.enum(['no', 'always', 'unless-stopped', 'on-failure']);

/**
 * Why a host path may never be given to a container, or null when it may: the whole disk, the
 * engine's own socket (root on the host), or a system folder holding either.
 */
export type ForbiddenBindReason = 'disk' | 'socket' | 'system';
export function forbiddenBindReason(hostPath: string): ForbiddenBindReason | null {
  const normalized = cleanPath(hostPath);
  if (normalized === '/' || /^[A-Za-z]:\\?$/.test(normalized)) return 'disk';
  if (/[\\/]docker\.sock$/.test(normalized)) return 'socket';
  if (
    normalized === '/var/run' ||
    normalized === '/run' ||
    // /proc/self/root, /proc/1/root...: the whole disk again, through the kernel's own links.
    normalized === '/proc' ||
    normalized.startsWith('/proc/')
  )
    return 'system';
  return null;
}

/** Host paths a container may never get (see forbiddenBindReason). */
export function isForbiddenBindPath(hostPath: string): boolean {
  return forbiddenBindReason(hostPath) !== null;
}

/**
 * The path the engine will really mount: "." and ".." resolved and repeated or trailing separators
 * dropped, as the engine cleans it (otherwise "/tmp/.." or "/./" would mount the whole disk).
 * Windows drive paths keep their drive ("C:\\Users\\.." is "C:\\").
 */
function cleanPath(hostPath: string): string {
  const drive = /^[A-Za-z]:/.exec(hostPath)?.[0] ?? '';
  const separator = drive ? '\\' : '/';
  const parts: string[] = [];
  for (const part of hostPath.slice(drive.length).split(drive ? /[\\/]+/ : /\/+/)) {
    if (part === '' || part === '.') continue;
    if (part === '..') parts.pop();
    else parts.push(part);
  }
  return `${drive}${separator}${parts.join(separator)}`;
}

const commandWordsSchema = z.array(z.string().max(4096)).max(256);

/**
 * The command: its words, or the Command field's line as typed ("sh -c 'echo hi'"), split into
 * words with POSIX shell rules. What a shell would refuse (a quote left open, a backslash at the
 * end) is refused with its position, as "command:<problem>:<position>", for the dialog to say in
 * the user's language.
 */
const commandSchema = z
  .union([z.string().max(65_536), commandWordsSchema])
  .transform((command, context) => {
    if (typeof command !== 'string') return command;
    const split = splitShellWords(command);
    if (split.ok) return split.words;
    context.addIssue({ code: 'custom', message: `command:${split.problem}:${split.position}` });
    return z.NEVER;
  })
  .pipe(commandWordsSchema);

export const runInputSchema = z
  .object({
    image: z.string().max(512),
    name: z
      .string()
      .min(CONTAINER_NAME_MIN)
      .max(CONTAINER_NAME_MAX)
      .regex(containerNamePattern, 'letters, digits, _ . - only')
      .nullable()
      .default(null),
    ports: z.array(portMappingSchema).max(64).default([]),
    env: z.array(envVarSchema).max(256).default([]),
    volumes: z.array(volumeMountSchema).max(64).default([]),
    /** Overrides the image's command: its words, or the line as typed (split like a shell); null keeps it. */
    command: commandSchema.nullable().default(null),
    autoRemove: z.boolean().default(false),
    restartPolicy: restartPolicySchema.default('no'),
  })
  .strict()
  .superRefine((input, context) => {
    const reference = parseImageReference(input.image);
    if (!reference.ok) context.addIssue({ code: 'custom', path: ['image'], message: `reference:${reference.problem}` });
    if (input.autoRemove && input.restartPolicy !== 'no') {
      context.addIssue({
        code: 'custom',
        path: ['restartPolicy'],
        message: 'auto-remove cannot be combined with a restart policy',
      });
    }
    input.volumes.forEach((volume, index) => {
      if (volume.kind === 'bind' && isForbiddenBindPath(volume.hostPath)) {
        context.addIssue({
          code: 'custom',
          path: ['volumes', index, 'hostPath'],
          message: BIND_FORBIDDEN,
        });
      }
    });
    const seen = new Set<string>();
    input.ports.forEach((port, index) => {
      if (port.hostPort === null) return;
      const key = `${port.hostIp}:${port.hostPort}/${port.protocol}`;
      if (seen.has(key))
        context.addIssue({
          code: 'custom',
          path: ['ports', index, 'hostPort'],
          message: 'this host port is listed twice',
        });
      seen.add(key);
    });
  });
export type RunInput = z.input<typeof runInputSchema>;
export type RunRequest = z.output<typeof runInputSchema>;

/** Problems the engine knows about (not the schema): shown inline in the run dialog before anything is created. */
export const runCheckIssueSchema = z.object({
  field: z.string(),
  code: z.enum(['name-in-use', 'port-in-use', 'reference-invalid', 'folder-missing', 'folder-forbidden']),
  /** The English sentence (logs, the CLI-minded); the dialog says it from the code and the fields below. */
  message: z.string(),
  /** For port-in-use: the name of the container publishing the port, when a container does. */
  holder: z.string().nullable().optional(),
  /** For folder-forbidden: where the path really leads (a link followed), and why it may not be shared. */
  realPath: z.string().optional(),
  reason: z.enum(['disk', 'socket', 'system']).optional(),
});
export const runCheckResultSchema = z.object({ issues: z.array(runCheckIssueSchema) });
export type RunCheckIssue = z.infer<typeof runCheckIssueSchema>;

export type { ReferenceProblem };

/** The steps of `docker run` the flow diagram lights up, in order. */
export const runStepNames = ['client', 'daemon', 'cache', 'hub', 'create', 'start'] as const;
export const runStepStateSchema = z.enum(['pending', 'active', 'done', 'skipped', 'failed']);
export type RunStepState = z.infer<typeof runStepStateSchema>;

/**
 * Where a pull really fetched the image from: a registry named in the reference, or Docker Hub
 * (directly, or through the mirrors the engine is configured with, from GET /info).
 */
export const imageSourceSchema = z.object({
  /** The registry host of the reference: docker.io for Docker Hub. */
  registry: z.string(),
  /** The engine's mirrors for that registry, in the order it tries them (may fall back to the registry). */
  mirrors: z.array(z.string()),
});
export type ImageSource = z.infer<typeof imageSourceSchema>;

/** A local image's EXPOSEd ports (Config.ExposedPorts), for the run dialog's port rows. */
export const exposedPortsSchema = z.object({
  /** Whether the image is in the local image cache at all. */
  present: z.boolean(),
  ports: z.array(z.object({ port: z.number().int().min(1).max(65535), protocol: z.enum(['tcp', 'udp']) })),
});
export type ExposedPorts = z.infer<typeof exposedPortsSchema>;

export const runFlowSchema = z.object({
  runId: z.string(),
  /** Familiar reference, e.g. hello-world:latest. */
  image: z.string(),
  /** The `docker run` line that does what this run did (the dialog's "copy docker run" line). */
  command: z.string(),
  restartPolicy: restartPolicySchema,
  /** Where the pull fetched the image from; null until a pull starts (none on a cache hit). */
  source: imageSourceSchema.nullable(),
  steps: z.object({
    client: runStepStateSchema,
    daemon: runStepStateSchema,
    cache: runStepStateSchema,
    hub: runStepStateSchema,
    create: runStepStateSchema,
    start: runStepStateSchema,
  }),
  /** Whether the image was found in the local image cache; null until the cache was looked at. */
  cacheHit: z.boolean().nullable(),
  pullJobId: z.string().nullable(),
  containerId: z.string().nullable(),
  containerName: z.string().nullable(),
  /** The container's output so far (stdout and stderr in order), newest lines kept. */
  output: z.array(z.object({ stream: z.enum(['stdout', 'stderr']), text: z.string() })),
  outputTruncated: z.boolean(),
  /** starting: looking in the cache, pulling, creating; running: started, output streaming. */
  state: z.enum(['starting', 'running', 'exited', 'failed']),
  exitCode: z.number().int().nullable(),
  /** Exited, and the engine is starting it again as its restart policy says: the run page says so. */
  restarting: z.boolean(),
  error: wireErrorSchema.nullable(),
});
export type RunFlow = z.infer<typeof runFlowSchema>;
