import { z } from 'zod';
import { wireErrorSchema } from './errors';
import { absolutePathSchema } from './paths';

/**
 * Builds from a Dockerfile: the folder (build context) and its Dockerfile, the context summary
 * shown before anything is sent, and the build job the main process runs (POST /build, the
 * classic builder), step by step.
 */

/** A Dockerfile's path inside its build context, with / between folders ("Dockerfile", "docker/dev.Dockerfile"). */
export const dockerfilePathSchema = z
  .string()
  .min(1)
  .max(1024)
  .refine((path) => !path.startsWith('/') && !path.split(/[\\/]/).includes('..'), 'must be inside the build context');

/** Build arguments: --build-arg NAME=value. */
export const buildArgSchema = z
  .object({
    name: z
      .string()
      .min(1)
      .max(256)
      .regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'letters, digits and _ only, not starting with a digit'),
    value: z.string().max(32_768),
  })
  .strict();
export type BuildArg = z.infer<typeof buildArgSchema>;

export const buildOptionsSchema = z
  .object({
    contextPath: absolutePathSchema,
    dockerfile: dockerfilePathSchema.default('Dockerfile'),
    /** The image's name and tag (checked with the reference grammar); empty builds an untagged image. */
    tag: z.string().max(512).default(''),
    buildArgs: z.array(buildArgSchema).max(100).default([]),
    /** The stage to stop at (--target); empty builds the last stage. */
    target: z.string().max(256).default(''),
    /** --no-cache: every step runs. */
    noCache: z.boolean().default(false),
    /** --pull: look for a newer base image even when one is in the local image cache. */
    pull: z.boolean().default(false),
  })
  .strict();
export type BuildOptions = z.output<typeof buildOptionsSchema>;
export type BuildOptionsInput = z.input<typeof buildOptionsSchema>;

// ---------------------------------------------------------------- the folder and its Dockerfile

export const buildFolderInputSchema = z
  .object({
    folder: absolutePathSchema,
    /** Another file than the folder's Dockerfile; null finds Dockerfile (or Containerfile). */
    dockerfile: dockerfilePathSchema.nullable().default(null),
  })
  .strict();

/** A Dockerfile as read from disk; version changes whenever the file on disk changes. */
export const dockerfileDocumentSchema = z.object({
  /** The path inside the context. */
  path: z.string(),
  content: z.string(),
  /** A hash of the bytes on disk when read or saved: a save with an older version is refused. */
  version: z.string(),
});
export type DockerfileDocument = z.infer<typeof dockerfileDocumentSchema>;

export const buildFolderSchema = z.object({
  /** The folder, absolute: the build context. */
  contextPath: z.string(),
  /** The Dockerfile found or asked for; null when the folder has none (candidates lists what might be one). */
  dockerfile: dockerfileDocumentSchema.nullable(),
  /** Files in the folder that look like Dockerfiles (Dockerfile, *.Dockerfile, Dockerfile.*, Containerfile). */
  candidates: z.array(z.string()),
});
export type BuildFolder = z.infer<typeof buildFolderSchema>;

/**
 * The version of a Dockerfile that is not on disk (yet): saving with it creates the file, in a
 * folder opened with builds.openFolder, and only while no file has that name.
 */
export const DOCKERFILE_ABSENT_VERSION = 'absent';

/** Names that look like a Dockerfile: Dockerfile, Dockerfile.*, *.Dockerfile, *.dockerfile, Containerfile(.*). */
export function looksLikeDockerfile(fileName: string): boolean {
  return /^(Dockerfile|Containerfile)(\..+)?$/.test(fileName) || /.\.[Dd]ockerfile$/.test(fileName);
}

/**
 * Why a folder or its Dockerfile cannot be opened or saved: the BerthError's issue message (its
 * path is "folder" or "dockerfile"), for the form to say it inline in the user's language.
 */
export const buildFileProblems = [
  /** Nothing at that path. */
  'folder-missing',
  'not-a-folder',
  /** No permission to read it. */
  'folder-unreadable',
  /** The Dockerfile (or a link on its way) leads outside the folder. */
  'outside-folder',
  /** A folder, or something else than a file, has the Dockerfile's name. */
  'not-a-file',
  'dockerfile-unreadable',
  /** Bigger than the editor takes (MAX_DOCKERFILE_BYTES). */
  'dockerfile-too-large',
  /** Not a Dockerfile Berth opened: a taken-over renderer must not write arbitrary files. */
  'not-opened',
  'write-failed',
] as const;
export const buildFileProblemSchema = z.enum(buildFileProblems);
export type BuildFileProblem = z.infer<typeof buildFileProblemSchema>;

/** The largest Dockerfile Berth opens in its editor (a save takes up to 1,000,000 characters). */
export const MAX_DOCKERFILE_BYTES = 1_000_000;

export const dockerfileSaveInputSchema = z
  .object({
    contextPath: absolutePathSchema,
    dockerfile: dockerfilePathSchema,
    content: z.string().max(1_000_000),
    /**
     * The version the editor started from; the save is refused when the file changed on disk since.
     * DOCKERFILE_ABSENT_VERSION creates a new Dockerfile.
     */
    version: z.string().max(200),
  })
  .strict();

export const dockerfileSaveResultSchema = z.discriminatedUnion('saved', [
  z.object({ saved: z.literal(true), document: dockerfileDocumentSchema }),
  /**
   * Changed on disk since it was opened: nothing was written; the file as it is now (removed since:
   * empty content and DOCKERFILE_ABSENT_VERSION).
   */
  z.object({ saved: z.literal(false), onDisk: dockerfileDocumentSchema }),
]);
export type DockerfileSaveResult = z.infer<typeof dockerfileSaveResultSchema>;

export const buildExampleNames = ['static-site', 'multi-stage'] as const;
export const buildExampleNameSchema = z.enum(buildExampleNames);
export type BuildExampleName = z.infer<typeof buildExampleNameSchema>;

/** The OS folder dialog's answer: only the Electron shell has one (the harness types a path). */
export const folderPickSchema = z.object({
  available: z.boolean(),
  /** null when the dialog was cancelled (or there is none). */
  path: z.string().nullable(),
});

// ---------------------------------------------------------------- the build context

/** Past this, the context summary warns (a forgotten node_modules, say). */
export const CONTEXT_WARNING_BYTES = 100 * 1024 * 1024;

export const buildContextInputSchema = z
  .object({ contextPath: absolutePathSchema, dockerfile: dockerfilePathSchema.default('Dockerfile') })
  .strict();

const folderSizeSchema = z.object({
  /** Relative to the context, with /; "." is the context's own files. */
  path: z.string(),
  bytes: z.number().nonnegative(),
  files: z.number().int().nonnegative(),
});

export const buildContextSummarySchema = z.object({
  contextPath: z.string(),
  /** What is sent: files (and links kept as links) after .dockerignore. */
  files: z.number().int().nonnegative(),
  bytes: z.number().nonnegative(),
  /** The biggest top-level folders sent, biggest first (at most 5). */
  largestFolders: z.array(folderSizeSchema),
  /** What .dockerignore left out; null when there is no .dockerignore. */
  ignored: z
    .object({
      patterns: z.number().int().nonnegative(),
      files: z.number().int().nonnegative(),
      /** Folders left out whole: not looked into, so the files in them are not in `files`. */
      folders: z.number().int().nonnegative().optional(),
    })
    .nullable(),
  /** Links that point outside the context: sent as links, never followed. */
  outsideLinks: z.array(z.object({ path: z.string(), target: z.string() })),
  /** Over CONTEXT_WARNING_BYTES: the folder that weighs most, offered for .dockerignore. */
  oversized: z.object({ folder: z.string().nullable(), folderBytes: z.number().nonnegative() }).nullable(),
  /**
   * Not sent: what could not be read (no permission: a folder that cannot be listed goes with all
   * it holds) and sockets, pipes and devices, which the tar cannot carry. `paths` names the first 20.
   */
  leftOut: z
    .object({
      count: z.number().int().nonnegative(),
      paths: z.array(z.object({ path: z.string(), reason: z.enum(['unreadable', 'special']) })),
    })
    .optional(),
});
export type BuildContextSummary = z.infer<typeof buildContextSummarySchema>;

export const ignoreFolderInputSchema = z
  .object({
    contextPath: absolutePathSchema,
    dockerfile: dockerfilePathSchema.default('Dockerfile'),
    /** A folder of the context, relative, as the summary named it. */
    folder: dockerfilePathSchema,
  })
  .strict();

// ---------------------------------------------------------------- the build job

export const buildStepStateSchema = z.enum(['waiting', 'running', 'cached', 'ran', 'failed']);
export type BuildStepState = z.infer<typeof buildStepStateSchema>;

/**
 * Why a step ran instead of coming from the build cache, said on the user's own build:
 * - first: nothing in the cache for it yet (the first build of this line);
 * - line-changed: its Dockerfile line differs from the last build's, so its cache key changed;
 * - files-changed: same COPY/ADD line, but the files it copies changed;
 * - after-change: an earlier step ran again, so this one's parent changed and its cache key with it;
 * - no-cache: the build asked for no cache;
 */
export const buildRerunReasonSchema = z.enum(['first', 'line-changed', 'files-changed', 'after-change', 'no-cache']);
export type BuildRerunReason = z.infer<typeof buildRerunReasonSchema>;

export const buildStepSchema = z.object({
  /** 1-based, as the builder counts ("Step 3/6"). */
  index: z.number().int().positive(),
  /** The instruction as the builder printed it: "COPY site /www". */
  instruction: z.string(),
  /** Its Dockerfile lines (1-based, inclusive); null when it could not be matched to the file. */
  line: z.number().int().positive().nullable(),
  endLine: z.number().int().positive().nullable(),
  state: buildStepStateSchema,
  startedAt: z.number().nullable(),
  /** How long it took; for a cached step the few ms of the cache lookup. */
  durationMs: z.number().nonnegative().nullable(),
  /** The step's output (RUN's command output, the builder's notes), newest lines kept. */
  output: z.array(z.string()),
  outputTruncated: z.boolean(),
  /** The image the step left (" ---> 3f2a..."): its short id. */
  imageId: z.string().nullable(),
  /** The size of the layer it made, from the image's history; 0 for metadata-only steps; null until known. */
  layerBytes: z.number().nonnegative().nullable(),
  /** Set when the step ran: why it did not come from the build cache. */
  rerunReason: buildRerunReasonSchema.nullable(),
});
export type BuildStep = z.infer<typeof buildStepSchema>;

export const buildJobStateSchema = z.enum(['sending', 'building', 'done', 'failed', 'cancelled']);
export type BuildJobState = z.infer<typeof buildJobStateSchema>;

export const buildFailureKindSchema = z.enum([
  /** FROM names an image neither the local image cache nor the registry has. */
  'base-not-found',
  /** A RUN's command exited with a non-zero code (exitCode). */
  'command-failed',
  /** COPY or ADD names a file or folder the build context does not have (source). */
  'copy-source-missing',
  /** The Dockerfile does not parse: an unknown instruction, a missing argument (line). */
  'dockerfile-syntax',
  /** --target names no stage of the Dockerfile. */
  'target-not-found',
  'other',
]);
export type BuildFailureKind = z.infer<typeof buildFailureKindSchema>;

export const buildFailureSchema = z.object({
  kind: buildFailureKindSchema,
  /** The step that failed (its index), when the failure belongs to one. */
  step: z.number().int().positive().nullable(),
  /** The Dockerfile line to mark. */
  line: z.number().int().positive().nullable(),
  exitCode: z.number().int().nullable(),
  /** The base image or the COPY source named in the failure. */
  subject: z.string().nullable(),
  /** The command's last output lines. */
  lastOutput: z.array(z.string()),
});
export type BuildFailure = z.infer<typeof buildFailureSchema>;

export const buildJobSchema = z.object({
  id: z.string(),
  options: buildOptionsSchema,
  state: buildJobStateSchema,
  /** The builder the Engine API used: Docker's classic builder, or Podman's (Buildah). */
  builder: z.enum(['classic', 'buildah']),
  /** The build context as sent: files and bytes after .dockerignore. */
  context: z.object({ files: z.number().int().nonnegative(), bytes: z.number().nonnegative() }),
  /** Every step of the stages being built, known from the Dockerfile before the builder reaches them. */
  steps: z.array(buildStepSchema),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  /** The built image's id (sha256:...) and the tags it got. */
  imageId: z.string().nullable(),
  tags: z.array(z.string()),
  /** The builder's own messages outside any step (warnings, "Sending build context"). */
  notes: z.array(z.string()),
  failure: buildFailureSchema.nullable(),
  error: wireErrorSchema.nullable(),
});
export type BuildJob = z.infer<typeof buildJobSchema>;

export const buildIdInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();

// ---------------------------------------------------------------- layers of any image

export const imageLayersInputSchema = z.object({ id: z.string().min(1).max(200) }).strict();

export const imageLayerSchema = z.object({
  /** The instruction that made it, as the history records it ("RUN /bin/sh -c apk add curl"). */
  instruction: z.string(),
  bytes: z.number().nonnegative(),
  /** Seconds since the epoch. */
  created: z.number(),
  /** A metadata-only step (ENV, CMD, EXPOSE...): no files, no layer. */
  metadataOnly: z.boolean(),
  /** The image id this step left when it is still local ("<missing>" in `docker history`: null). */
  imageId: z.string().nullable(),
  /** Other local images (their tags, or short ids) that have this layer and every layer below it. */
  sharedWith: z.array(z.string()),
});
export type ImageLayer = z.infer<typeof imageLayerSchema>;

export const imageLayersSchema = z.object({
  id: z.string(),
  repoTags: z.array(z.string()),
  /** Oldest (the base) first. */
  layers: z.array(imageLayerSchema),
  /** Bytes of this image's layers that other local images share, stored once on disk. */
  sharedBytes: z.number().nonnegative(),
  totalBytes: z.number().nonnegative(),
});
export type ImageLayers = z.infer<typeof imageLayersSchema>;
