import { z } from 'zod';

export const localImageSchema = z.object({
  id: z.string(),
  /** "redis:latest"; empty for a dangling image. */
  repoTags: z.array(z.string()),
  repoDigests: z.array(z.string()),
  size: z.number().nonnegative(),
  /** Seconds since the epoch, as the engine reports. */
  created: z.number(),
  /** Containers (running or not) created from this image. */
  containers: z.array(z.object({ id: z.string(), name: z.string(), running: z.boolean() })),
  dangling: z.boolean(),
});
export type LocalImage = z.infer<typeof localImageSchema>;

export const imageRemoveInputSchema = z
  .object({
    id: z.string().min(1).max(200),
    /**
     * What the user confirmed they destroy: the image id or one of its tags, as shown in the dialog.
     * The main process refuses a removal whose confirmation does not name the image.
     */
    confirm: z.string().min(1).max(300),
    /** Needed when containers use the image; the dialog names them before this can be set. */
    force: z.boolean().default(false),
    /** The containers the user saw in that second confirmation (ids). */
    confirmContainers: z.array(z.string().max(100)).max(1000).default([]),
  })
  .strict();

export const imagePruneInputSchema = z
  .object({
    /** The dangling image ids the user saw listed; only these are removed. */
    ids: z.array(z.string().min(1).max(200)).min(1).max(10_000),
  })
  .strict();

export const imagePruneResultSchema = z.object({
  removed: z.array(z.string()),
  reclaimedBytes: z.number().nonnegative(),
  failed: z.array(z.object({ id: z.string(), message: z.string() })),
});
