import { z } from 'zod';
import { wireErrorSchema } from './errors';

/** A layer's state as the engine reports it in POST /images/create's progress messages. */
export const layerStateSchema = z.enum([
  'waiting',
  'pulling-fs-layer',
  'downloading',
  'verifying-checksum',
  'download-complete',
  'extracting',
  'pull-complete',
  'already-exists',
]);
export type LayerState = z.infer<typeof layerStateSchema>;

export const pullLayerSchema = z.object({
  /** The short layer id the engine prints, e.g. "a2abf6c4d29d". */
  id: z.string(),
  state: layerStateSchema,
  /** Compressed bytes downloaded so far / in all; null until the engine says. */
  downloaded: z.number().nonnegative(),
  size: z.number().nonnegative().nullable(),
  /** Extraction progress in bytes, while extracting. */
  extracted: z.number().nonnegative(),
});
export type PullLayer = z.infer<typeof pullLayerSchema>;

export const pullStateSchema = z.enum(['pulling', 'done', 'failed', 'cancelled']);

export const pullJobSchema = z.object({
  id: z.string(),
  /** The familiar reference, e.g. redis:latest. */
  reference: z.string(),
  state: pullStateSchema,
  layers: z.array(pullLayerSchema),
  /** Weighted by bytes over the layers whose size is known; 100 when done. */
  percent: z.number().min(0).max(100),
  /**
   * Whether the engine has reported any byte count. Podman's pull stream has no "Downloading" lines
   * with sizes: then percent, speed and time left mean nothing and the progress is indeterminate.
   */
  bytesKnown: z.boolean(),
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative(),
  /** Bytes per second over the last few seconds. */
  speed: z.number().nonnegative(),
  /** Seconds left at the current speed; null when unknown. */
  secondsLeft: z.number().nonnegative().nullable(),
  startedAt: z.number(),
  finishedAt: z.number().nullable(),
  digest: z.string().nullable(),
  /** The engine's last status line: "Downloaded newer image for redis:latest" or "Image is up to date for redis:latest". */
  outcome: z.enum(['downloaded-newer', 'up-to-date']).nullable(),
  error: wireErrorSchema.nullable(),
});
export type PullJob = z.infer<typeof pullJobSchema>;

export const pullStartInputSchema = z.object({ reference: z.string().max(512) }).strict();
export const pullIdInputSchema = z.object({ id: z.string().min(1).max(100) }).strict();
