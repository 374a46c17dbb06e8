import type { z } from 'zod';
import type { ErrorCode } from '../../shared/errors';
import type { HubSearchResult, HubTagsResult, hubSearchInputSchema, hubTagsInputSchema } from '../../shared/hub';
import { getHubJson, HubError, type HubRequestOptions } from './hubHttp';
import {
  engineResultToHubRepository,
  normaliseRepoName,
  parseHubSearchJson,
  parseHubTagsJson,
  toHubRepository,
  toHubTag,
  type EngineSearchResult,
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
const FALLBACK_CODES: readonly ErrorCode[] = ['hub-unreachable', 'hub-timeout', 'hub-error'];

export function createHubClient(options: HubClientOptions = {}): HubClient {
  const baseUrl = (options.baseUrl || DEFAULT_HUB_URL).replace(/\/+$/, '');
  const http: HubRequestOptions = {
    fetch: options.fetch ?? globalThis.fetch,
    timeoutMs: options.timeoutMs ?? DEFAULT_HUB_TIMEOUT_MS,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_HUB_MAX_BODY_BYTES,
    now: options.now ?? Date.now,
  };
  const { engineSearch } = options;

  async function search(input: HubSearchInput): Promise<HubSearchResult> {
    const query = input.query.trim();
    const page = input.page ?? 1;
    const pageSize = input.pageSize ?? 25;
    const params = new URLSearchParams({ query, page: String(page), page_size: String(pageSize) });
    try {
      const json = parseHubSearchJson(await getHubJson(`${baseUrl}/v2/search/repositories/?${params}`, http));
      if (!json) throw unexpectedShape();
      return {
        query,
        page,
        total: Math.max(0, json.count),
        nextPage: json.next ? page + 1 : null,
        results: json.results.map(toHubRepository),
        source: 'hub',
        hubProblem: null,
      };
    } catch (error) {
      if (!(error instanceof HubError) || !engineSearch || !FALLBACK_CODES.includes(error.code)) throw error;
      return searchThroughEngine(engineSearch, query, page, pageSize, error);
    }
  }

  async function searchThroughEngine(
    engine: EngineSearch,
    query: string,
    page: number,
    pageSize: number,
    hubError: HubError,
  ): Promise<HubSearchResult> {
    const answer = { query, page, nextPage: null, source: 'engine' as const, hubProblem: hubError.toWire() };
    // The engine's search has no pages: all it has came on page 1.
    if (page > 1) return { ...answer, total: 0, results: [] };
    try {
      // The engine asks the Hub's old index itself and can hang just as long; it gets the same timeout.
      const found = await withTimeout(engine(query, pageSize), http.timeoutMs);
      const results = found.map(engineResultToHubRepository);
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
      total: Math.max(0, json.count),
      nextPage: json.next ? page + 1 : null,
      tags: json.results.map(toHubTag),
    };
  }

  return { search, tags };
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
