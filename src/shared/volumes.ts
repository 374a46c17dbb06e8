import { z } from 'zod';
import { absolutePathSchema } from './paths';
import { volumeNamePattern } from './run';

/** A volume's name as the engine accepts it (`docker volume create NAME`). */
export const volumeNameSchema = z.string().min(2).max(255).regex(volumeNamePattern, 'volume-name');

/** A label key/value, as `--label key=value` takes it. */
export const labelSchema = z
  .object({
    key: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[^\s=]+$/, 'label-key'),
    value: z.string().max(4096),
  })
  .strict();
export type Label = z.infer<typeof labelSchema>;

/** A container that mounts a volume, as the volume list shows it (a link to the container). */
export const volumeUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  running: z.boolean(),
  /** Where the volume is mounted inside the container, e.g. /data. */
  destination: z.string(),
  readOnly: z.boolean(),
});
export type VolumeUser = z.infer<typeof volumeUserSchema>;

export const volumeSchema = z.object({
  name: z.string(),
  driver: z.string(),
  /** Epoch ms; null when the engine does not say (some drivers). */
  created: z.number().nullable(),
  scope: z.string(),
  labels: z.record(z.string(), z.string()),
  /**
   * Made by `docker run -v /path` or a VOLUME line, with a random 64-hex name (dockerd 23+ also
   * labels it com.docker.volume.anonymous), not by a name the user chose.
   */
  anonymous: z.boolean(),
  /** Every container (running or not) that mounts it. A volume with none is unused. */
  containers: z.array(volumeUserSchema),
});
export type Volume = z.infer<typeof volumeSchema>;

/**
 * Sizes from GET /system/df, asked only when the user wants them: the engine walks every volume's
 * files for it, which is slow on big engines. null: the engine does not know (remote drivers).
 */
export const volumeSizesSchema = z.object({
  sizes: z.record(z.string(), z.number().nullable()),
  measuredAt: z.number(),
});
export type VolumeSizes = z.infer<typeof volumeSizesSchema>;

export const volumeCreateInputSchema = z
  .object({
    name: volumeNameSchema,
    labels: z.array(labelSchema).max(100).default([]),
  })
  .strict();

export const volumeRemoveInputSchema = z
  .object({
    name: volumeNameSchema,
    /** The volume's name as the confirmation showed it (the user typed or confirmed it); anything else is refused. */
    confirm: z.string().min(1).max(300),
  })
  .strict();

export const volumePruneInputSchema = z
  .object({
    /** The unused volumes the user saw listed; only these are removed, each only if still unused. */
    names: z.array(volumeNameSchema).min(1).max(10_000),
  })
  .strict();

export const volumePruneResultSchema = z.object({
  removed: z.array(z.string()),
  /** From the sizes measured just before (0 when the engine did not know them). */
  reclaimedBytes: z.number().nonnegative(),
  failed: z.array(
    z.object({
      name: z.string(),
      message: z.string(),
      /** Why it was left, for the renderer's sentence: gone meanwhile, used by a container now, or refused by the engine. */
      reason: z.enum(['not-found', 'in-use', 'engine-error']).optional(),
      /** The containers using it, when the reason is in-use. */
      containers: z.array(z.string()).optional(),
    }),
  ),
});
export type VolumePruneResult = z.infer<typeof volumePruneResultSchema>;

// ---------------------------------------------------------------- browsing (read-only)

/** A path inside a volume, relative to its root: "", "logs", "logs/app.log". No "..", no leading "/". */
export const volumePathSchema = z
  .string()
  .max(4096)
  .refine(
    (path) =>
      !path.startsWith('/') && !path.split('/').some((part) => part === '..' || part === '.') && !path.includes('\0'),
    'volume-path',
  );

/** A volume whose browse session ends (its page was left). */
export const volumeFileSessionInputSchema = z.object({ name: volumeNameSchema }).strict();

export const volumeBrowseInputSchema = z
  .object({ name: volumeNameSchema, path: volumePathSchema.default('') })
  .strict();

export const volumeEntrySchema = z.object({
  name: z.string(),
  kind: z.enum(['folder', 'file', 'link', 'other']),
  size: z.number().nonnegative(),
  /** Epoch ms. */
  modified: z.number(),
});
export type VolumeEntry = z.infer<typeof volumeEntrySchema>;

export const volumeListingSchema = z.object({
  name: z.string(),
  path: z.string(),
  /** Folders first, then by name. */
  entries: z.array(volumeEntrySchema),
  /** More entries than a listing shows (the first ones are shown). */
  truncated: z.boolean(),
});
export type VolumeListing = z.infer<typeof volumeListingSchema>;

/** Small text files are shown; bigger or binary ones are offered for download only. */
export const VOLUME_TEXT_LIMIT_BYTES = 64 * 1024;

export const volumeFileInputSchema = z.object({ name: volumeNameSchema, path: volumePathSchema }).strict();

export const volumeFileSchema = z.object({
  path: z.string(),
  size: z.number().nonnegative(),
  /** The text, when the file is small and text; null otherwise (see reason). */
  text: z.string().nullable(),
  reason: z.enum(['shown', 'too-large', 'binary']),
});
export type VolumeFile = z.infer<typeof volumeFileSchema>;

/** A save/open dialog's answer: available false where there is no OS dialog (the harness), path null when cancelled. */
export const filePickSchema = z.object({ available: z.boolean(), path: z.string().nullable() });
export type FilePick = z.infer<typeof filePickSchema>;

export const savePickInputSchema = z
  .object({
    /** The file name the dialog suggests, e.g. "redis-data.tar". */
    suggestedName: z.string().min(1).max(255),
    kind: z.enum(['tar', 'any']),
  })
  .strict();

export const volumeDownloadInputSchema = z
  .object({ name: volumeNameSchema, path: volumePathSchema, destination: absolutePathSchema })
  .strict();

export const savedFileSchema = z.object({ savedTo: z.string(), bytes: z.number().nonnegative() });
export type SavedFile = z.infer<typeof savedFileSchema>;

// ---------------------------------------------------------------- backup and restore

export const volumeBackupInputSchema = z.object({ name: volumeNameSchema, destination: absolutePathSchema }).strict();

export const volumeRestoreInputSchema = z
  .object({
    /** A .tar made by a backup (or any tar of files): unpacked at the new volume's root. */
    source: absolutePathSchema,
    /** A new volume: restoring never writes into an existing one. */
    name: volumeNameSchema,
  })
  .strict();

export const volumeRestoreResultSchema = z.object({ name: z.string(), bytes: z.number().nonnegative() });
