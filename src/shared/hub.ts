import { z } from 'zod';
import { wireErrorSchema } from './errors';

/** One repository in Docker Hub search results. */
export const hubRepositorySchema = z.object({
  /** As the Hub names it: "library/redis" for official images, "bitnami/redis" otherwise. */
  repoName: z.string(),
  /** What a user types: "redis" for official images. */
  displayName: z.string(),
  shortDescription: z.string(),
  starCount: z.number().int().nonnegative(),
  pullCount: z.number().int().nonnegative(),
  isOfficial: z.boolean(),
  isVerifiedPublisher: z.boolean(),
  isAutomated: z.boolean(),
});
export type HubRepository = z.infer<typeof hubRepositorySchema>;

export const hubSearchInputSchema = z
  .object({
    query: z.string().trim().min(1).max(200),
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict();

export const hubSearchResultSchema = z.object({
  query: z.string(),
  page: z.number().int(),
  total: z.number().int().nonnegative(),
  /** Null when this is the last page. */
  nextPage: z.number().int().nullable(),
  results: z.array(hubRepositorySchema),
  /** "engine" when the Hub API could not be reached and the engine's GET /images/search answered instead. */
  source: z.enum(['hub', 'engine']),
  /** Why the Hub API was not used, when source is "engine". */
  hubProblem: wireErrorSchema.nullable(),
});
export type HubSearchResult = z.infer<typeof hubSearchResultSchema>;

export const hubTagImageSchema = z.object({
  architecture: z.string(),
  os: z.string(),
  variant: z.string().nullable(),
  /** Compressed size in bytes. */
  size: z.number().int().nonnegative(),
  digest: z.string().nullable(),
});

export const hubTagSchema = z.object({
  name: z.string(),
  digest: z.string().nullable(),
  fullSize: z.number().int().nonnegative(),
  lastUpdated: z.string().nullable(),
  images: z.array(hubTagImageSchema),
});
export type HubTag = z.infer<typeof hubTagSchema>;

export const hubTagsInputSchema = z
  .object({
    /** "redis" or "library/redis" or "bitnami/redis". */
    repository: z
      .string()
      .trim()
      .min(1)
      .max(255)
      .regex(/^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)?$/, 'not a Docker Hub repository name'),
    page: z.number().int().min(1).max(1000).default(1),
    pageSize: z.number().int().min(1).max(100).default(25),
  })
  .strict();

export const hubTagsResultSchema = z.object({
  repository: z.string(),
  page: z.number().int(),
  total: z.number().int().nonnegative(),
  nextPage: z.number().int().nullable(),
  tags: z.array(hubTagSchema),
});
export type HubTagsResult = z.infer<typeof hubTagsResultSchema>;
