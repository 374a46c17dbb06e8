import { z } from 'zod';
import { wireErrorSchema } from './errors';

/** A Docker Hub repository name: "redis", "library/redis", "bitnami/redis" (the Hub's names are lowercase). */
export const hubRepositoryNamePattern = /^[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)?$/;

/** One repository in Docker Hub search results. */
export const hubRepositorySchema = z.object({
  /** As the Hub names it: "library/redis" for official images, "bitnami/redis" otherwise. */
  repoName: z.string(),
  /** What a user types: "redis" for official images. */
  displayName: z.string(),
  shortDescription: z.string(),
  starCount: z.number().int().nonnegative(),
  /** Null when the answer has no pull count (the engine's own search has none). */
  pullCount: z.number().int().nonnegative().nullable(),
  /** The Hub gave a rounded floor such as "1B+": there are at least pullCount pulls. */
  pullCountAtLeast: z.boolean(),
  isOfficial: z.boolean(),
  isVerifiedPublisher: z.boolean(),
  isAutomated: z.boolean(),
  /** Its publisher archived it: no longer maintained. Only the Hub's newer search says so. */
  isArchived: z.boolean(),
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
  /** Rows of this page that could not be read (no usable name): left out rather than failing the page. */
  skipped: z.number().int().nonnegative(),
  /** "engine" when the Hub API could not be used and the engine's GET /images/search answered instead. */
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
export type HubTagImage = z.infer<typeof hubTagImageSchema>;

export const hubTagSchema = z.object({
  name: z.string(),
  digest: z.string().nullable(),
  fullSize: z.number().int().nonnegative(),
  lastUpdated: z.string().nullable(),
  /**
   * The Hub's tag status: "inactive" when the tag was neither pushed nor pulled in the past month
   * (Docker Hub API reference, tag.status; real answers name it tag_status). Null when not said.
   */
  status: z.enum(['active', 'inactive']).nullable(),
  images: z.array(hubTagImageSchema),
});
export type HubTag = z.infer<typeof hubTagSchema>;

export const hubTagsInputSchema = z
  .object({
    /** "redis" or "library/redis" or "bitnami/redis". */
    repository: z.string().trim().min(1).max(255).regex(hubRepositoryNamePattern, 'not a Docker Hub repository name'),
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
  /** Tags of this page that could not be read (no name): left out rather than failing the page. */
  skipped: z.number().int().nonnegative(),
});
export type HubTagsResult = z.infer<typeof hubTagsResultSchema>;

/**
 * Each repository once, first place kept: a search's pages can overlap when the Hub's results shift
 * between two requests, and one page can list a repository twice.
 */
export function uniqueRepositories(repositories: readonly HubRepository[]): HubRepository[] {
  const seen = new Set<string>();
  return repositories.filter((repository) => {
    if (seen.has(repository.repoName)) return false;
    seen.add(repository.repoName);
    return true;
  });
}

/** An engine's platform as GET /version says it: Os "linux", Arch "amd64" (Go's names, no variant). */
export interface EnginePlatform {
  os: string;
  arch: string;
}

/**
 * "linux/arm64/v8": os/architecture/variant, as `docker manifest inspect` and the Hub's tag pages
 * show a platform. v8 is arm64's only variant (containerd treats "arm64" and "arm64/v8" as one
 * platform), so an arm64 image without a variant gets the same label as one with v8.
 */
export function platformLabel(image: Pick<HubTagImage, 'os' | 'architecture' | 'variant'>): string {
  const variant = image.variant || (image.architecture === 'arm64' ? 'v8' : null);
  return [image.os, image.architecture, variant].filter(Boolean).join('/');
}

/** One label per platform, in the Hub's order. */
export function platformLabels(images: ReadonlyArray<Pick<HubTagImage, 'os' | 'architecture' | 'variant'>>): string[] {
  return [...new Set(images.map(platformLabel))];
}

/** The tag's image an engine on this platform would pull, if the tag has one. */
export function imageForPlatform(images: readonly HubTagImage[], platform: EnginePlatform): HubTagImage | undefined {
  return images.find((image) => image.os === platform.os && image.architecture === platform.arch);
}
