import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import {
  uniqueRepositories,
  type HubRepository,
  type HubSearchResult,
  type HubTagsResult,
  type hubSearchInputSchema,
  type hubTagsInputSchema,
} from '../../shared/hub';
import { getHubJson, HubError, type HubRequestOptions } from './hubHttp';
import {
  engineResultToHubRepository,
  normaliseRepoName,
  parseHubSearchJson,
  parseHubSearchV4Json,
  parseHubTagsJson,
  type EngineSearchResult,
  type HubJsonPage,
} from './hubMapping';

export { HubError } from './hubHttp';
export type { EngineSearchResult } from './hubMapping';

export const DEFAULT_HUB_URL = 'https://hub.docker.com';
export const DEFAULT_HUB_TIMEOUT_MS = 10_000;
export const DEFAULT_HUB_MAX_BODY_BYTES = 5 * 1024 * 1024;

/** The engine's GET /images/search (dockerode's `docker.searchImages({ term, limit })`). */
export type EngineSearch = (term: string, limit: number) => Promise<EngineSearchResult[]>;

export interface HubClientOptions {
  /** Default https://hub.docker.com; tests and the harness point it at a fake Hub. */
  baseUrl?: string;
  /** Per request, body included. Default 10 s. */
  timeoutMs?: number;
  fetch?: typeof globalThis.fetch;
  /** Searches through the engine when the Hub API cannot be used. */
  engineSearch?: EngineSearch;
  now?: () => number;
  /** A larger answer is refused. Default 5 MB. */
  maxBodyBytes?: number;
}

export type HubSearchInput = z.input<typeof hubSearchInputSchema>;
export type HubTagsInput = z.input<typeof hubTagsInputSchema>;

export interface HubClient {
  search(input: HubSearchInput): Promise<HubSearchResult>;
  tags(input: HubTagsInput): Promise<HubTagsResult>;
}

/**
 * Failures after which the engine's own search is worth a try: the Hub is down or out of reach
 * from here. A rate limit is not among them: the UI says when searching works again instead.
 */
const FALLBACK_CODES: readonly ErrorCode[] = ['hub-unreachable', 'hub-timeout', 'hub-error', 'hub-search-changed'];

/**
 * The Hub's two public searches, neither in Docker's Hub API reference. /v2/search/repositories is
 * asked first: exact pull counts and page/page_size paging, and it answered as ever in May 2026
 * (tests/fixtures/hub). /api/search/v4 is what Docker pointed users to when it retired its previous
 * search (docker/roadmap#756) and what Docker's own Hub MCP server asks; it carries the publisher
 * badges v2 lacks but rounds pull counts ("1B+") and stops at 2,500 results. So it is the fallback
 * when v2 is gone (404/410) or answers without results, before the engine's search.
 */
type SearchEndpoint = 'v2' | 'v4';

/** The v4 search serves no result past from + size = 2,500 (its published schema). */
const V4_MAX_RESULTS = 2500;

interface HubSearchPage {
  total: number;
  nextPage: number | null;
  results: HubRepository[];
  skipped: number;
}

export function createHubClient(options: HubClientOptions = {}): HubClient {
  const baseUrl = (options.baseUrl || DEFAULT_HUB_URL).replace(/\/+$/, '');
  const http: HubRequestOptions = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_HUB_MAX_BODY_BYTES,
    now: options.now ?? Date.now,
  };
  const { engineSearch } = options;

  // The endpoint that last answered goes first: after one 410, every keystroke need not see it again.
  let endpoints: SearchEndpoint[] = ['v2', 'v4'];

  async function search(input: HubSearchInput): Promise<HubSearchResult> {
    const query = input.query.trim();
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 25;
    try {
      const found = await searchHub(query, page, pageSize);
      return { query, page, ...found, source: 'hub', hubProblem: null };
    } catch (error) {
      if (!(error instanceof HubError) || !engineSearch || !FALLBACK_CODES.includes(error.code)) throw error;
      return searchThroughEngine(engineSearch, query, page, pageSize, error);
    }
  }

  /** The first endpoint that answers a search; 'hub-search-changed' only when none does. */
  async function searchHub(query: string, page: number, pageSize: number): Promise<HubSearchPage> {
    const changed: HubError[] = [];
    for (const endpoint of endpoints) {
      try {
        const found = await (endpoint === 'v2' ? searchV2 : searchV4)(query, page, pageSize);
        endpoints = [endpoint, ...endpoints.filter((other) => other !== endpoint)];
        return found;
      } catch (error) {
        // Any other failure (offline, 429, 5xx) is the Hub's, not the endpoint's: the other would fail too.
        if (!(error instanceof HubError) || error.code !== 'hub-search-changed') throw error;
        changed.push(error);
      }
    }
    throw new HubError(
      'hub-search-changed',
      `Docker Hub's search has changed: ${changed.map((error) => error.message).join(' ')}`,
    );
  }

  async function searchV2(query: string, page: number, pageSize: number): Promise<HubSearchPage> {
    const params = new URLSearchParams({ query, page: String(page), page_size: String(pageSize) });
    const json = await getHubJson(`${baseUrl}/v2/search/repositories/?${params}`, {
      ...http,
      goneMessage: '/v2/search/repositories is gone',
    });
    const found = parseHubSearchJson(json);
    if (!found) throw searchChanged('/v2/search/repositories', json);
    return {
      // count: null is mended to what this page proves exists.
      total: Math.max(found.count ?? 0, (page - 1) * pageSize + found.rows.length + found.skipped),
      nextPage: found.hasNext ? page + 1 : null,
      ...uniqueRows(found),
    };
  }

  async function searchV4(query: string, page: number, pageSize: number): Promise<HubSearchPage> {
    const from = (page - 1) * pageSize;
    if (from >= V4_MAX_RESULTS) return { total: 0, nextPage: null, results: [], skipped: 0 };
    const size = Math.min(pageSize, V4_MAX_RESULTS - from);
    const params = new URLSearchParams({ query, from: String(from), size: String(size), type: 'image' });
    const json = await getHubJson(`${baseUrl}/api/search/v4?${params}`, {
      ...http,
      goneMessage: '/api/search/v4 is gone',
    });
    const found = parseHubSearchV4Json(json);
    if (!found) throw searchChanged('/api/search/v4', json);
    const total = Math.max(found.count ?? 0, from + found.rows.length + found.skipped);
    return {
      total,
      nextPage:
        from + size < Math.min(total, V4_MAX_RESULTS) && found.rows.length + found.skipped > 0 ? page + 1 : null,
      ...uniqueRows(found),
    };
  }

  async function searchThroughEngine(
    engine: EngineSearch,
    query: string,
    page: number,
    pageSize: number,
    hubError: HubError,
  ): Promise<HubSearchResult> {
    const answer = {
      query,
      page,
      nextPage: null,
      skipped: 0,
      source: 'engine' as const,
      hubProblem: hubError.toWire(),
    };
    // The engine's search has no pages: all it has came on page 1.
    if (page > 1) return { ...answer, total: 0, results: [] };
    try {
      // The engine asks the Hub's old index itself and can hang just as long; it gets the same timeout.
      const found = await withTimeout(engine(query, pageSize), http.timeoutMs);
      const results = uniqueRepositories(found.map(engineResultToHubRepository));
      return { ...answer, total: results.length, results };
    } catch (error) {
      // The Hub's error is what the user needs to see; the engine's is only a footnote.
      const detail = (error instanceof Error ? error.message : String(error)).trim();
      throw new HubError(
        hubError.code,
        `${hubError.message} The engine could not search either: ${detail}`,
        hubError.retryAt,
      );
    }
  }

  async function tags(input: HubTagsInput): Promise<HubTagsResult> {
    const repository = normaliseRepoName(input.repository.trim());
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 25;
    const [namespace = '', name = ''] = repository.split('/');
    const params = new URLSearchParams({ page: String(page), page_size: String(pageSize) });
    const url = `${baseUrl}/v2/namespaces/${encodeURIComponent(namespace)}/repositories/${encodeURIComponent(name)}/tags?${params}`;
    const json = parseHubTagsJson(
      await getHubJson(url, { ...http, notFoundMessage: `Docker Hub has no repository named ${repository}.` }),
    );
    if (!json) throw unexpectedShape();
    return {
      repository,
      page,
      total: Math.max(json.count ?? 0, (page - 1) * pageSize + json.rows.length + json.skipped),
      nextPage: json.hasNext ? page + 1 : null,
      tags: json.rows,
      skipped: json.skipped,
    };
  }

  return { search, tags };
}

function uniqueRows(page: HubJsonPage<HubRepository>): Pick<HubSearchPage, 'results' | 'skipped'> {
  return { results: uniqueRepositories(page.rows), skipped: page.skipped };
}

/** A 200 whose body is empty or has no results list: not an answer of the search Berth knows. */
function searchChanged(endpoint: string, json: unknown): HubError {
  const what = json === undefined ? 'an empty body' : 'JSON without a results list';
  return new HubError('hub-search-changed', `${endpoint} answered 200 with ${what}.`);
}

function unexpectedShape(): HubError {
  return new HubError('hub-error', 'Docker Hub answered JSON that does not look like its API; has the API changed?');
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms.`)), timeoutMs);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
