import { z } from 'zod';
import { hubRepositoryNamePattern, type HubRepository, type HubTag, type HubTagImage } from '../../shared/hub';

/**
 * The Hub's JSON as far as Berth reads it, one row at a time: a field of the wrong type is mended
 * to "not said" (`.catch(null)`), and only a row without a usable name is left out. One odd row
 * never fails a whole page.
 */

/** A count as the Hub writes it: a number (v2), or a display string such as "1B+" (the v4 search). */
const countField = z.union([z.number(), z.string()]).nullish().catch(null);
const text = z.string().nullish().catch(null);
const flag = z.boolean().nullish().catch(null);

/**
 * One search row. v2 (/v2/search/repositories) names it repo_name and has is_official; the catalog
 * search (/api/search/v3 and v4, Docker's published schema in docker/hub-mcp specs/search.yaml)
 * names it id/name, says `badge` (v4) or `source` (v3) for official and verified publishers, and
 * gives pull_count as a rounded string, with v3 keeping it in rate_plans[].repositories[].
 */
const searchRowSchema = z.object({
  repo_name: text,
  id: text,
  name: text,
  slug: text,
  short_description: text,
  star_count: countField,
  pull_count: countField,
  raw_pull_count: countField,
  is_official: flag,
  is_automated: flag,
  is_verified_publisher: flag,
  verified_publisher: flag,
  badge: text,
  source: text,
  archived: flag,
  rate_plans: z
    .array(
      z.object({
        repositories: z
          .array(z.object({ pull_count: countField, is_official: flag }))
          .nullish()
          .catch(null),
      }),
    )
    .nullish()
    .catch(null),
});
type SearchRow = z.infer<typeof searchRowSchema>;

const tagImageSchema = z.object({
  architecture: text,
  os: text,
  variant: text,
  size: countField,
  digest: text,
});

const tagRowSchema = z.object({
  name: z.string().min(1),
  digest: text,
  full_size: countField,
  last_updated: text,
  tag_last_pushed: text,
  // The API reference calls it status; the Hub's real answers send tag_status.
  tag_status: text,
  status: text,
  images: z.array(z.unknown()).nullish().catch(null),
});

/** A page of rows: the count and the link to the next page are mended like any field. */
export interface HubJsonPage<Row> {
  /** Null when the Hub did not say (count: null). */
  count: number | null;
  hasNext: boolean;
  rows: Row[];
  /** Rows that could not be read at all. */
  skipped: number;
}

/** What the engine's GET /images/search returns for one repository. */
export interface EngineSearchResult {
  name: string;
  description: string;
  star_count: number;
  is_official: boolean;
  is_automated: boolean;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A page's rows, or null when the answer has no `results` list at all: that is not a page of the
 * API Berth knows (Docker's retired search answered 200 with an empty body, docker/roadmap#756).
 */
function readPage<Row>(
  json: unknown,
  readRow: (row: unknown) => Row | null,
  countKey: string,
): HubJsonPage<Row> | null {
  if (!isRecord(json) || !Array.isArray(json.results)) return null;
  const rows: Row[] = [];
  let skipped = 0;
  for (const item of json.results) {
    const row = readRow(item);
    if (row) rows.push(row);
    else skipped += 1;
  }
  const count = parseCount(json[countKey]);
  return { count: count?.value ?? null, hasNext: typeof json.next === 'string' && json.next !== '', rows, skipped };
}

/** GET /v2/search/repositories: { count, next, previous, results: [{ repo_name, ... }] }. */
export function parseHubSearchJson(json: unknown): HubJsonPage<HubRepository> | null {
  return readPage(json, readSearchRow, 'count');
}

/** GET /api/search/v4: { total, results: [{ id, name, badge, ... }] }, paged by from and size. */
export function parseHubSearchV4Json(json: unknown): HubJsonPage<HubRepository> | null {
  return readPage(json, readSearchRow, 'total');
}

export function parseHubTagsJson(json: unknown): HubJsonPage<HubTag> | null {
  return readPage(json, readTagRow, 'count');
}

/** Official images come as "redis" or "library/redis"; Berth always says "library/redis". */
export function normaliseRepoName(name: string): string {
  return name.includes('/') ? name : `library/${name}`;
}

/** What a user types after `docker pull`: "redis" for official images. */
export function displayNameOf(repoName: string): string {
  return repoName.startsWith('library/') ? repoName.slice('library/'.length) : repoName;
}

/** One search row as a repository, or null when it names none Berth could pull. */
export function readSearchRow(item: unknown): HubRepository | null {
  const parsed = searchRowSchema.safeParse(item);
  if (!parsed.success) return null;
  const row = parsed.data;
  // v2 says repo_name; the catalog search says id "library/golang" and name "golang".
  const name = [row.repo_name, row.id, row.name, row.slug].find(
    (candidate): candidate is string => typeof candidate === 'string' && hubRepositoryNamePattern.test(candidate),
  );
  if (!name) return null;
  const repoName = normaliseRepoName(name);
  const planRepository = row.rate_plans?.[0]?.repositories?.[0];
  const pulls = parseCount(row.raw_pull_count) ?? parseCount(row.pull_count) ?? parseCount(planRepository?.pull_count);
  return {
    repoName,
    displayName: displayNameOf(repoName),
    shortDescription: row.short_description ?? '',
    starCount: parseCount(row.star_count)?.value ?? 0,
    pullCount: pulls?.value ?? null,
    pullCountAtLeast: pulls?.atLeast ?? false,
    // Only Docker Official Images live in the library namespace.
    isOfficial:
      row.is_official === true ||
      row.badge === 'official' ||
      planRepository?.is_official === true ||
      repoName.startsWith('library/'),
    isVerifiedPublisher: isVerifiedPublisher(row),
    isAutomated: row.is_automated === true,
    isArchived: row.archived === true,
  };
}

/**
 * The v2 answer carries no publisher badge; the other Hub answers say it in one of these: v4's
 * badge (its published enum spells it "verfified_publisher" once), v3's source, or a boolean.
 */
function isVerifiedPublisher(row: SearchRow): boolean {
  return (
    row.is_verified_publisher === true ||
    row.verified_publisher === true ||
    row.badge === 'verified_publisher' ||
    row.badge === 'verfified_publisher' ||
    row.source === 'verified_publisher'
  );
}

export function engineResultToHubRepository(result: EngineSearchResult): HubRepository {
  const repoName = normaliseRepoName(result.name);
  return {
    repoName,
    displayName: displayNameOf(repoName),
    shortDescription: result.description ?? '',
    starCount: parseCount(result.star_count)?.value ?? 0,
    // The engine's search (the Hub's old v1 API) has no pull counts or publisher badges.
    pullCount: null,
    pullCountAtLeast: false,
    isOfficial: result.is_official === true,
    isVerifiedPublisher: false,
    isAutomated: result.is_automated === true,
    isArchived: false,
  };
}

export function readTagRow(item: unknown): HubTag | null {
  const parsed = tagRowSchema.safeParse(item);
  if (!parsed.success) return null;
  const row = parsed.data;
  const images = (row.images ?? [])
    .map(readTagImage)
    .filter((image): image is HubTagImage => image !== null)
    // Build attestations are listed as unknown/unknown: they are not images anyone can run.
    .filter((image) => !(image.architecture === 'unknown' && image.os === 'unknown'));
  const status = row.tag_status ?? row.status;
  return {
    name: row.name,
    digest: row.digest || null,
    fullSize: parseCount(row.full_size)?.value ?? 0,
    lastUpdated: row.last_updated || row.tag_last_pushed || null,
    status: status === 'active' || status === 'inactive' ? status : null,
    images,
  };
}

function readTagImage(item: unknown): HubTagImage | null {
  const parsed = tagImageSchema.safeParse(item);
  if (!parsed.success) return null;
  const image = parsed.data;
  return {
    architecture: image.architecture || 'unknown',
    os: image.os || 'unknown',
    variant: image.variant || null,
    size: parseCount(image.size)?.value ?? 0,
    digest: image.digest || null,
  };
}

const suffixes: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9 };

/**
 * A count: a number, digits in a string, or the Hub's display form ("10K+", "1B+", "1.2M").
 * Null when there is none, or nothing a count can be read from.
 */
export function parseCount(value: unknown): { value: number; atLeast: boolean } | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? { value: Math.max(0, Math.trunc(value)), atLeast: false } : null;
  }
  if (typeof value !== 'string') return null;
  const match = /^\s*(\d+(?:[.,]\d+)*)\s*([KMB])?\s*(\+)?\s*$/i.exec(value);
  if (!match?.[1]) return null;
  const digits = match[2] ? match[1].replace(',', '.') : match[1].replace(/,/g, '');
  const number = Number(digits) * (match[2] ? (suffixes[match[2].toUpperCase()] ?? 1) : 1);
  if (!Number.isFinite(number)) return null;
  return { value: Math.max(0, Math.round(number)), atLeast: match[3] === '+' };
}
