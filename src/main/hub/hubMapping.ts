import { z } from 'zod';
import type { HubRepository, HubTag } from '../../shared/hub';

/**
 * The Hub's JSON as far as Berth reads it. Fields the Hub sometimes leaves out or sends as null
 * are optional here, so one odd repository does not fail a whole page.
 */
const hubPageJsonSchema = z.object({
  count: z.number(),
  next: z.string().nullish(),
});

const hubSearchJsonSchema = hubPageJsonSchema.extend({
  results: z.array(
    z.object({
      repo_name: z.string(),
      short_description: z.string().nullish(),
      star_count: z.number().nullish(),
      pull_count: z.number().nullish(),
      is_official: z.boolean().nullish(),
      is_automated: z.boolean().nullish(),
      // Neither is on the v2 search endpoint today; other Hub endpoints carry one or the other.
      is_verified_publisher: z.boolean().nullish(),
      badge: z.string().nullish(),
    }),
  ),
});
export type HubSearchJson = z.infer<typeof hubSearchJsonSchema>;

const hubTagsJsonSchema = hubPageJsonSchema.extend({
  results: z.array(
    z.object({
      name: z.string(),
      digest: z.string().nullish(),
      full_size: z.number().nullish(),
      last_updated: z.string().nullish(),
      images: z
        .array(
          z.object({
            architecture: z.string().nullish(),
            os: z.string().nullish(),
            variant: z.string().nullish(),
            size: z.number().nullish(),
            digest: z.string().nullish(),
          }),
        )
        .nullish(),
    }),
  ),
});
export type HubTagsJson = z.infer<typeof hubTagsJsonSchema>;

/** What the engine's GET /images/search returns for one repository. */
export interface EngineSearchResult {
  name: string;
  description: string;
  star_count: number;
  is_official: boolean;
  is_automated: boolean;
}

export function parseHubSearchJson(json: unknown): HubSearchJson | null {
  const parsed = hubSearchJsonSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

export function parseHubTagsJson(json: unknown): HubTagsJson | null {
  const parsed = hubTagsJsonSchema.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Official images come as "redis" or "library/redis"; Berth always says "library/redis". */
export function normaliseRepoName(name: string): string {
  return name.includes('/') ? name : `library/${name}`;
}

/** What a user types after `docker pull`: "redis" for official images. */
export function displayNameOf(repoName: string): string {
  return repoName.startsWith('library/') ? repoName.slice('library/'.length) : repoName;
}

export function toHubRepository(result: HubSearchJson['results'][number]): HubRepository {
  const repoName = normaliseRepoName(result.repo_name);
  return {
    repoName,
    displayName: displayNameOf(repoName),
    shortDescription: result.short_description ?? '',
    starCount: count(result.star_count),
    pullCount: count(result.pull_count),
    isOfficial: result.is_official === true,
    isVerifiedPublisher: result.is_verified_publisher === true || result.badge === 'verified_publisher',
    isAutomated: result.is_automated === true,
  };
}

export function engineResultToHubRepository(result: EngineSearchResult): HubRepository {
  const repoName = normaliseRepoName(result.name);
  return {
    repoName,
    displayName: displayNameOf(repoName),
    shortDescription: result.description ?? '',
    starCount: count(result.star_count),
    // The engine's search (the Hub's old v1 API) has no pull counts or publisher badges.
    pullCount: 0,
    isOfficial: result.is_official === true,
    isVerifiedPublisher: false,
    isAutomated: result.is_automated === true,
  };
}

export function toHubTag(result: HubTagsJson['results'][number]): HubTag {
  const images = (result.images ?? [])
    .map((image) => ({
      architecture: image.architecture || 'unknown',
      os: image.os || 'unknown',
      variant: image.variant || null,
      size: count(image.size),
      digest: image.digest || null,
    }))
    // Build attestations are listed as unknown/unknown: they are not images anyone can run.
    .filter((image) => !(image.architecture === 'unknown' && image.os === 'unknown'));
  return {
    name: result.name,
    digest: result.digest || null,
    fullSize: count(result.full_size),
    lastUpdated: result.last_updated || null,
    images,
  };
}

function count(value: number | null | undefined): number {
  return value && Number.isFinite(value) ? Math.max(0, Math.trunc(value)) : 0;
}
