import { z } from 'zod';
import { errorCodeSchema } from './errors';
import { volumeNameSchema } from './volumes';

/** What `docker system df` counts, one category each. */
export const diskCategories = ['images', 'containers', 'volumes', 'buildCache'] as const;
export type DiskCategory = (typeof diskCategories)[number];

/** One thing that takes space, as the overview and the clean-up list it. */
export const diskItemSchema = z.object({
  /** Image id, container id, volume name, or build cache record id. */
  id: z.string(),
  /** What to show: a tag, a container name, a volume name, a cache record's description. */
  label: z.string(),
  /** Bytes it takes; for images without the layers other images share, what removing it frees. */
  size: z.number().nonnegative(),
  /** Whether clean-up would take it (stopped, unused, dangling, not in use). */
  reclaimable: z.boolean(),
  /** Why it stays or can go: "running", "used by web", "dangling", "unused", "in use"... in English, for the renderer to translate by kind. */
  state: z.enum(['running', 'stopped', 'in-use', 'unused', 'dangling', 'unknown']),
  /**
   * Images: some of its layers are shared with other images (not counted in `size`). Removing two
   * such images together may free more than their sizes add up to.
   */
  sharesLayers: z.boolean().optional(),
});
export type DiskItem = z.infer<typeof diskItemSchema>;

export const diskCategoryUsageSchema = z.object({
  count: z.number().int().nonnegative(),
  /** Bytes in total (images: each layer once, as `docker system df` counts). */
  size: z.number().nonnegative(),
  reclaimable: z.number().nonnegative(),
  items: z.array(diskItemSchema),
  /** The engine does not report this category (Podman has no build cache records). */
  unsupported: z.boolean(),
});
export type DiskCategoryUsage = z.infer<typeof diskCategoryUsageSchema>;

/** GET /system/df, read into the four categories. */
export const diskUsageSchema = z.object({
  measuredAt: z.number(),
  images: diskCategoryUsageSchema,
  containers: diskCategoryUsageSchema,
  volumes: diskCategoryUsageSchema,
  buildCache: diskCategoryUsageSchema,
  /** All four categories' reclaimable bytes. */
  reclaimable: z.number().nonnegative(),
});
export type DiskUsage = z.infer<typeof diskUsageSchema>;

/** What the clean-up dialog offers to tick. Unused volumes start unticked and need their own confirmation. */
export const cleanupKinds = [
  'stoppedContainers',
  'danglingImages',
  'unusedImages',
  'buildCache',
  'unusedVolumes',
] as const;
export const cleanupKindSchema = z.enum(cleanupKinds);
export type CleanupKind = z.infer<typeof cleanupKindSchema>;

export const cleanupPlanInputSchema = z.object({ kinds: z.array(cleanupKindSchema).min(1).max(5) }).strict();

/** Every item the ticked kinds would remove, measured now, with the space each frees. */
export const cleanupPlanSchema = z.object({
  measuredAt: z.number(),
  groups: z.array(
    z.object({ kind: cleanupKindSchema, items: z.array(diskItemSchema), bytes: z.number().nonnegative() }),
  ),
  /** The space the whole plan frees (images sharing layers are counted once). */
  bytes: z.number().nonnegative(),
  /**
   * True when images in the plan share layers with each other: each image counts only its own
   * layers, so removing them all frees at least `bytes` (the layers they share go too).
   */
  atLeast: z.boolean().default(false),
});
export type CleanupPlan = z.infer<typeof cleanupPlanSchema>;

/**
 * Whether removing these items may free more than their sizes add up to: two of them are images
 * with shared layers, which may be shared with each other only (sizes count an image's own layers).
 */
export function freesAtLeast(items: readonly Pick<DiskItem, 'sharesLayers'>[]): boolean {
  return items.filter((item) => item.sharesLayers).length > 1;
}

const idList = z.array(z.string().min(1).max(200)).max(10_000).default([]);

/**
 * Exactly the items the user saw in the plan. Each is removed only if it is still what the plan
 * said (stopped, dangling, unused); volumes only when also named in confirmVolumes.
 */
export const cleanupRunInputSchema = z
  .object({
    containers: idList,
    images: idList,
    buildCache: idList,
    volumes: z.array(volumeNameSchema).max(10_000).default([]),
    /** The volumes' second confirmation: the names the user saw in it. */
    confirmVolumes: z.array(volumeNameSchema).max(10_000).default([]),
  })
  .strict();

export const cleanupResultSchema = z.object({
  removed: z.array(z.object({ kind: cleanupKindSchema, id: z.string(), label: z.string() })),
  failed: z.array(
    z.object({
      kind: cleanupKindSchema,
      id: z.string(),
      label: z.string(),
      /** Why, for the renderer to say in the user's language ('in-use', 'not-found', 'engine-error'…). */
      code: errorCodeSchema,
      message: z.string(),
    }),
  ),
  /** Measured again after the clean-up: the difference is what was really freed. */
  before: diskUsageSchema,
  after: diskUsageSchema,
});
export type CleanupResult = z.infer<typeof cleanupResultSchema>;

/** The status bar's and the tray's hint: pushed after each measurement (on engine events, at most once a minute). */
export const reclaimableNoticeSchema = z.object({
  reclaimableBytes: z.number().nonnegative(),
  /** From Settings (GB × 10^9); 0 when the hint is off. */
  thresholdBytes: z.number().nonnegative(),
  over: z.boolean(),
  measuredAt: z.number(),
});
export type ReclaimableNotice = z.infer<typeof reclaimableNoticeSchema>;
