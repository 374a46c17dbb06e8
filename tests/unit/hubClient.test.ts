import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createHubClient, HubError, type EngineSearch } from '../../src/main/hub/hubClient';
import { parseRetryAt } from '../../src/main/hub/hubHttp';
import { parseCount, readSearchRow } from '../../src/main/hub/hubMapping';
import { BerthError } from '../../src/shared/errors';
import {
  hubSearchResultSchema,
  hubTagsResultSchema,
  imageForPlatform,
  platformLabels,
  uniqueRepositories,
  type HubRepository,
} from '../../src/shared/hub';
import {
  capturedHubAnswer,
  fakeHubCatalogue,
  fakeHubSearch,
  fakeHubV4Extras,
  startFakeHub,
  type FakeHub,
} from '../fixtures/fakeHub';
import { freePort } from '../fixtures/freePort';

const NOW = Date.parse('2025-06-01T10:00:00Z');
const now = () => NOW;

/** The error a promise rejects with, so its code, message and wire form can all be checked. */
async function failure(promise: Promise<unknown>): Promise<HubError> {
  const error = await promise.then(
    () => null,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(HubError);
  return error as HubError;
}

const engineRedis: EngineSearch = async () => [
  {
    name: 'redis',
    description: 'Redis is an open source key-value store.',
    star_count: 13187,
    is_official: true,
    is_automated: false,
  },
  {
    name: 'bitnami/redis',
    description: 'Bitnami Redis Docker Image',
    star_count: 317,
    is_official: false,
    is_automated: true,
  },
];

function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' }, ...init });
}

describe('Hub client against the fake Hub', () => {
  let hub: FakeHub;

  beforeAll(async () => {
    hub = await startFakeHub();
  });
  afterAll(async () => {
    await hub.close();
  });
  beforeEach(() => {
    hub.setMode('normal');
    hub.requests.length = 0;
  });

  describe('search', () => {
    it('pages through every match: nextPage until the last page, then null', async () => {
      const client = createHubClient({ baseUrl: hub.url, now });
      const expected = fakeHubSearch('redis');
      expect(expected.length).toBeGreaterThan(8);

      const seen: string[] = [];
      const pages: Array<number | null> = [];
      let page: number | null = 1;
      while (page !== null) {
        const result = hubSearchResultSchema.parse(await client.search({ query: 'redis', page, pageSize: 4 }));
        expect(result).toMatchObject({ query: 'redis', page, total: expected.length, source: 'hub', hubProblem: null });
        expect(result.results.length).toBeLessThanOrEqual(4);
        seen.push(...result.results.map((repo) => repo.repoName));
        pages.push(result.nextPage);
        page = result.nextPage;
      }

      const pageCount = Math.ceil(expected.length / 4);
      expect(pages).toEqual([...Array.from({ length: pageCount - 1 }, (_, index) => index + 2), null]);
      expect(seen).toEqual(expected.map((repo) => (repo.is_official ? `library/${repo.repo_name}` : repo.repo_name)));
      expect(hub.requests.map((request) => request.query)).toEqual(
        Array.from({ length: pageCount }, (_, index) => ({ query: 'redis', page: String(index + 1), page_size: '4' })),
      );
      expect(hub.requests.every((request) => request.path === '/v2/search/repositories/')).toBe(true);
    });

    it('names official images library/NAME and shows them as NAME, first', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'redis', pageSize: 100 }));
      expect(result.nextPage).toBeNull();
      expect(result.results[0]).toEqual({
        repoName: 'library/redis',
        displayName: 'redis',
        shortDescription: fakeHubCatalogue.find((repo) => repo.repo_name === 'redis')?.short_description,
        starCount: 13_187,
        pullCount: 8_314_201_377,
        pullCountAtLeast: false,
        isOfficial: true,
        isVerifiedPublisher: false,
        isAutomated: false,
        isArchived: false,
      });
      expect(result.results.find((repo) => repo.repoName === 'bitnami/redis')).toMatchObject({
        displayName: 'bitnami/redis',
        isOfficial: false,
      });
    });

    it('matches descriptions case-insensitively and says so when nothing matches', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const byDescription = await client.search({ query: 'MINIMAL DOCKERIZATION' });
      expect(byDescription.results.map((repo) => repo.displayName)).toEqual(['hello-world']);
      const none = hubSearchResultSchema.parse(await client.search({ query: 'no-such-image-anywhere' }));
      expect(none).toMatchObject({ total: 0, nextPage: null, results: [], source: 'hub' });
    });

    it('is rate-limited on 429, with retryAt from Retry-After, and does not fall back to the engine', async () => {
      hub.setMode('rate-limited');
      const engineSearch = vi.fn(engineRedis);
      const client = createHubClient({ baseUrl: hub.url, now, engineSearch });
      const error = await failure(client.search({ query: 'redis' }));
      expect(error.code).toBe('hub-rate-limited');
      expect(error.retryAt).toBe(NOW + 30_000);
      expect(error.message).toContain('works again in 30 s, at 2025-06-01T10:00:30.000Z');
      expect(error.toWire()).toEqual({ code: 'hub-rate-limited', message: error.message, retryAt: NOW + 30_000 });
      expect(engineSearch).not.toHaveBeenCalled();
    });

    it('falls back to the engine on a 500, saying why', async () => {
      hub.setMode('server-error');
      const engineSearch = vi.fn(engineRedis);
      const client = createHubClient({ baseUrl: hub.url, engineSearch });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'redis', pageSize: 10 }));
      expect(engineSearch).toHaveBeenCalledWith('redis', 10);
      expect(result).toMatchObject({ source: 'engine', page: 1, total: 2, nextPage: null });
      expect(result.hubProblem?.code).toBe('hub-error');
      expect(result.hubProblem?.message).toContain('500');
      expect(result.results).toEqual([
        {
          repoName: 'library/redis',
          displayName: 'redis',
          shortDescription: 'Redis is an open source key-value store.',
          starCount: 13187,
          // The engine's search has no pull counts: none rather than a false 0.
          pullCount: null,
          pullCountAtLeast: false,
          isOfficial: true,
          isVerifiedPublisher: false,
          isAutomated: false,
          isArchived: false,
        },
        expect.objectContaining({ repoName: 'bitnami/redis', displayName: 'bitnami/redis', isAutomated: true }),
      ]);
    });

    it('has nothing past page 1 from the engine', async () => {
      hub.setMode('server-error');
      const engineSearch = vi.fn(engineRedis);
      const client = createHubClient({ baseUrl: hub.url, engineSearch });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'redis', page: 2 }));
      expect(result).toMatchObject({ source: 'engine', page: 2, total: 0, nextPage: null, results: [] });
      expect(result.hubProblem?.code).toBe('hub-error');
      expect(engineSearch).not.toHaveBeenCalled();
    });

    it('is hub-error on a 500 without an engine to ask', async () => {
      hub.setMode('server-error');
      const error = await failure(createHubClient({ baseUrl: hub.url }).search({ query: 'redis' }));
      expect(error.code).toBe('hub-error');
      expect(error.message).toContain('500');
    });

    it('throws the Hub error, not the engine one, when the engine cannot search either', async () => {
      hub.setMode('server-error');
      const engineSearch: EngineSearch = () => Promise.reject(new Error('(HTTP code 500) server error - no such host'));
      const error = await failure(createHubClient({ baseUrl: hub.url, engineSearch }).search({ query: 'redis' }));
      expect(error.code).toBe('hub-error');
      expect(error.message).toMatch(/500.*The engine could not search either: \(HTTP code 500\) server error/);
    });

    it('gives up on an engine search that hangs, after the same timeout', async () => {
      hub.setMode('server-error');
      const engineSearch: EngineSearch = () => new Promise(() => undefined);
      const client = createHubClient({ baseUrl: hub.url, engineSearch, timeoutMs: 200 });
      const error = await failure(client.search({ query: 'redis' }));
      expect(error.code).toBe('hub-error');
      expect(error.message).toContain('The engine could not search either: no answer within 200 ms.');
    });

    it('times out on a Hub that never answers', async () => {
      hub.setMode('slow');
      const error = await failure(createHubClient({ baseUrl: hub.url, timeoutMs: 300 }).search({ query: 'redis' }));
      expect(error.code).toBe('hub-timeout');
      expect(error.message).toContain('300 ms');
      expect(hub.requests).toHaveLength(1);
    });

    it('falls back to the engine after a timeout', async () => {
      hub.setMode('slow');
      const client = createHubClient({ baseUrl: hub.url, timeoutMs: 300, engineSearch: engineRedis });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'redis' }));
      expect(result.source).toBe('engine');
      expect(result.hubProblem?.code).toBe('hub-timeout');
    });

    it('is hub-error on a body that is not JSON', async () => {
      hub.setMode('invalid-json');
      const error = await failure(createHubClient({ baseUrl: hub.url }).search({ query: 'redis' }));
      expect(error.code).toBe('hub-error');
      expect(error.message).toContain('not JSON');
    });

    it('refuses a 10 MB body over a 5 MB limit', async () => {
      hub.setMode('huge');
      const client = createHubClient({ baseUrl: hub.url, maxBodyBytes: 5 * 1024 * 1024 });
      const error = await failure(client.search({ query: 'redis' }));
      expect(error.code).toBe('hub-error');
      expect(error.message).toContain(`larger than ${5 * 1024 * 1024} bytes`);
    });

    it('reads the 10 MB body when the limit allows it (the fault is the size, nothing else)', async () => {
      hub.setMode('huge');
      const client = createHubClient({ baseUrl: hub.url, maxBodyBytes: 11 * 1024 * 1024 });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'redis' }));
      expect(result.results[0]?.shortDescription.length).toBe(10 * 1024 * 1024);
    });
  });

  describe('tags', () => {
    it('maps the tags of an official image, newest first, from the library namespace', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubTagsResultSchema.parse(await client.tags({ repository: 'redis', pageSize: 3 }));
      expect(hub.requests[0]).toEqual({
        method: 'GET',
        path: '/v2/namespaces/library/repositories/redis/tags',
        query: { page: '1', page_size: '3' },
      });
      expect(result).toMatchObject({ repository: 'library/redis', page: 1, total: 8, nextPage: 2 });
      expect(result.tags.map((tag) => tag.name)).toEqual(['latest', '8.0', '8.0.2']);
      const latest = result.tags[0];
      expect(latest).toMatchObject({ fullSize: 45_218_744, lastUpdated: '2025-05-28T09:14:02.511903Z' });
      expect(latest?.digest).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(latest?.images.map((image) => [image.os, image.architecture, image.variant])).toEqual([
        ['linux', 'amd64', null],
        ['linux', 'arm64', 'v8'],
        ['linux', 'arm', 'v7'],
      ]);
      expect(latest?.images[0]).toMatchObject({ size: 45_218_744, digest: expect.stringMatching(/^sha256:/) });

      const last = hubTagsResultSchema.parse(await client.tags({ repository: 'library/redis', page: 3, pageSize: 3 }));
      expect(last).toMatchObject({ page: 3, nextPage: null });
      expect(last.tags.map((tag) => tag.name)).toEqual(['7-alpine', '6.2']);
    });

    it('asks the namespace of other repositories', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubTagsResultSchema.parse(await client.tags({ repository: 'bitnami/redis' }));
      expect(hub.requests[0]?.path).toBe('/v2/namespaces/bitnami/repositories/redis/tags');
      expect(result).toMatchObject({ repository: 'bitnami/redis', total: 1, nextPage: null });
      for (const name of ['busybox', 'hello-world', 'nginx']) {
        expect((await client.tags({ repository: name })).tags.length).toBeGreaterThan(1);
      }
    });

    it('is not-found for a repository the Hub does not have', async () => {
      const error = await failure(createHubClient({ baseUrl: hub.url }).tags({ repository: 'nobody/nothing' }));
      expect(error.code).toBe('not-found');
      expect(error.message).toContain('nobody/nothing');
    });

    it('is rate-limited on tags too, and hub-error on a 500', async () => {
      const client = createHubClient({ baseUrl: hub.url, now });
      hub.setMode('rate-limited');
      expect(await failure(client.tags({ repository: 'redis' }))).toMatchObject({
        code: 'hub-rate-limited',
        retryAt: NOW + 30_000,
      });
      hub.setMode('server-error');
      expect((await failure(client.tags({ repository: 'redis' }))).code).toBe('hub-error');
    });
  });

  it('can switch modes over HTTP, for a harness in another process', async () => {
    const set = await fetch(`${hub.url}/__fake/mode/server-error`, { method: 'POST' });
    expect(await set.json()).toEqual({ mode: 'server-error' });
    expect((await fetch(`${hub.url}/v2/search/repositories/?query=redis`)).status).toBe(500);
    const recorded = (await (await fetch(`${hub.url}/__fake/requests`)).json()) as unknown[];
    expect(recorded).toHaveLength(1);
  });

  describe('on real Hub answers (tests/fixtures/hub)', () => {
    beforeEach(() => hub.setMode('captured'));

    it('reads the captured v2 answer for nginx as the Hub sent it', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'nginx', pageSize: 3 }));
      expect(result).toMatchObject({ total: 284_295, nextPage: 2, skipped: 0, source: 'hub', hubProblem: null });
      expect(result.results).toEqual([
        {
          repoName: 'library/nginx',
          displayName: 'nginx',
          shortDescription: 'Official build of Nginx.',
          starCount: 21_268,
          pullCount: 12_981_954_060,
          pullCountAtLeast: false,
          isOfficial: true,
          // The v2 answer has no publisher badge at all.
          isVerifiedPublisher: false,
          isAutomated: false,
          isArchived: false,
        },
        expect.objectContaining({ repoName: 'nginx/nginx-ingress', starCount: 120, pullCount: 1_085_123_768 }),
        expect.objectContaining({ repoName: 'nginx/nginx-prometheus-exporter', isOfficial: false }),
      ]);
      expect(hub.requests.map((request) => request.path)).toEqual(['/v2/search/repositories/']);
    });

    it('asks the v4 search when v2 answers 410, and reads its badges and rounded pull counts', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'golang' }));
      expect(hub.requests.map((request) => [request.path, request.query])).toEqual([
        ['/v2/search/repositories/', { query: 'golang', page: '1', page_size: '25' }],
        ['/api/search/v4', { query: 'golang', from: '0', size: '25', type: 'image' }],
      ]);
      expect(result).toMatchObject({ total: 10_000, nextPage: 2, skipped: 0, source: 'hub', hubProblem: null });
      expect(result.results).toEqual([
        expect.objectContaining({
          repoName: 'library/golang',
          displayName: 'golang',
          isOfficial: true,
          isVerifiedPublisher: false,
          pullCount: 1_000_000_000,
          pullCountAtLeast: true,
        }),
        expect.objectContaining({
          repoName: 'rancher/golang',
          isOfficial: false,
          isVerifiedPublisher: true,
          starCount: 0,
          pullCount: 10_000,
          pullCountAtLeast: true,
        }),
      ]);
    });

    it('reads the v3 catalog rows: the verified publisher from `source`, pulls from rate_plans', async () => {
      const answer = capturedHubAnswer('v3-search-golang.json') as { results: unknown[] };
      const [golang, rancher] = answer.results.map(readSearchRow);
      expect(golang).toMatchObject({ repoName: 'library/golang', isOfficial: true, pullCount: null });
      expect(rancher).toMatchObject({
        repoName: 'rancher/golang',
        isVerifiedPublisher: true,
        isOfficial: false,
        pullCount: 10_000,
        pullCountAtLeast: true,
      });
    });

    it('reads the captured tag list: tag_status "inactive" marks the tag', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubTagsResultSchema.parse(await client.tags({ repository: 'gcmirrors/kube-apiserver' }));
      expect(hub.requests[0]?.path).toBe('/v2/namespaces/gcmirrors/repositories/kube-apiserver/tags');
      expect(result).toMatchObject({ total: 564, nextPage: 2, skipped: 0 });
      expect(result.tags).toEqual([
        {
          name: 'v1.18.7-rc.0',
          digest: null,
          fullSize: 51_074_491,
          lastUpdated: '2020-07-16T07:29:28.81499Z',
          status: 'inactive',
          images: [
            {
              architecture: 'amd64',
              os: 'linux',
              variant: null,
              size: 51_074_491,
              digest: 'sha256:c3557736f3b86cba3890d0aadbaffd7d6360336c85d7a8e03331c5581eeff42f',
            },
          ],
        },
      ]);
    });
  });

  describe('when the Hub answers oddly', () => {
    it('mends or skips an odd row instead of failing the page: "1B+", "12", count null, no repo_name', async () => {
      hub.setMode('odd-rows');
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'redis', pageSize: 5 }));
      expect(result.results.map((repo) => repo.repoName)).toEqual(catalogueNames('redis').slice(0, 5));
      expect(result.skipped).toBe(1);
      expect(result.results[0]).toMatchObject({ repoName: 'library/redis', pullCount: 1e9, pullCountAtLeast: true });
      expect(result.results[1]?.starCount).toBe(12);
      // count: null is mended to what the page shows exists; next still says there is more.
      expect(result).toMatchObject({ total: 6, nextPage: 2, source: 'hub' });
    });

    it('mends each field that does not fit, and skips only a row with no usable name', () => {
      expect(
        readSearchRow({
          repo_name: 'library/postgres',
          short_description: 5,
          star_count: { many: true },
          pull_count: '42',
          is_official: 'yes',
        }),
      ).toEqual({
        repoName: 'library/postgres',
        displayName: 'postgres',
        shortDescription: '',
        starCount: 0,
        pullCount: 42,
        pullCountAtLeast: false,
        // A library/ name is an official image whatever is_official says.
        isOfficial: true,
        isVerifiedPublisher: false,
        isAutomated: false,
        isArchived: false,
      });
      for (const nameless of [{}, { repo_name: '' }, { repo_name: 'Not A Name!' }, null, 'redis', []]) {
        expect(readSearchRow(nameless), JSON.stringify(nameless)).toBeNull();
      }
    });

    it('reads counts as the Hub writes them', () => {
      expect(parseCount(12_981_954_060)).toEqual({ value: 12_981_954_060, atLeast: false });
      expect(parseCount('1B+')).toEqual({ value: 1_000_000_000, atLeast: true });
      expect(parseCount('500K+')).toEqual({ value: 500_000, atLeast: true });
      expect(parseCount('1.2M')).toEqual({ value: 1_200_000, atLeast: false });
      expect(parseCount('1,234')).toEqual({ value: 1234, atLeast: false });
      expect(parseCount('42')).toEqual({ value: 42, atLeast: false });
      for (const odd of [null, undefined, '', 'many', {}, Number.NaN, '1B++']) expect(parseCount(odd)).toBeNull();
    });

    it('drops a row listed twice on one page', async () => {
      hub.setMode('repeats');
      const client = createHubClient({ baseUrl: hub.url });
      const first = hubSearchResultSchema.parse(await client.search({ query: 'redis', pageSize: 10 }));
      expect(first.results.map((repo) => repo.repoName)).toEqual(catalogueNames('redis').slice(0, 10));
      // Page 2 starts with page 1's last three again; merged pages keep each repository once.
      const second = hubSearchResultSchema.parse(await client.search({ query: 'redis', page: 2, pageSize: 10 }));
      expect(second.results.slice(0, 3).map((repo) => repo.repoName)).toEqual(catalogueNames('redis').slice(7, 10));
      const merged = uniqueRepositories([...first.results, ...second.results] as HubRepository[]);
      expect(merged.map((repo) => repo.repoName)).toEqual(catalogueNames('redis').slice(0, 20));
    });

    it('asks the v4 search when v2 is gone (410), and keeps asking v4 first afterwards', async () => {
      hub.setMode('v2-gone');
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubSearchResultSchema.parse(await client.search({ query: 'redis', pageSize: 10 }));
      expect(result).toMatchObject({ source: 'hub', hubProblem: null, total: fakeHubSearch('redis').length });
      expect(result.results.map((repo) => repo.repoName)).toEqual(catalogueNames('redis').slice(0, 10));
      // The badge v2 never carries comes from v4's badge field.
      const verified = result.results.filter((repo) => repo.isVerifiedPublisher).map((repo) => repo.repoName);
      expect(verified).toEqual(
        catalogueNames('redis')
          .slice(0, 10)
          .filter((name) => fakeHubV4Extras[name]?.badge === 'verified_publisher'),
      );
      expect(verified.length).toBeGreaterThan(0);
      expect(result.results.find((repo) => repo.repoName === 'redislabs/rejson')?.isArchived).toBe(true);

      const next = hubSearchResultSchema.parse(await client.search({ query: 'redis', page: 2, pageSize: 10 }));
      expect(next.results.map((repo) => repo.repoName)).toEqual(catalogueNames('redis').slice(10, 20));
      expect(hub.requests.map((request) => request.path)).toEqual([
        '/v2/search/repositories/',
        '/api/search/v4',
        '/api/search/v4',
      ]);
      expect(hub.requests[2]?.query).toMatchObject({ from: '10', size: '10' });
    });

    it('asks the v4 search when v2 answers 200 with an empty body', async () => {
      hub.setMode('v2-empty');
      const result = hubSearchResultSchema.parse(
        await createHubClient({ baseUrl: hub.url }).search({ query: 'nginx' }),
      );
      expect(result.source).toBe('hub');
      expect(result.results[0]?.repoName).toBe('library/nginx');
      expect(hub.requests.map((request) => request.path)).toEqual(['/v2/search/repositories/', '/api/search/v4']);
    });

    it('says "search has changed" when both searches are gone or empty, and falls back to the engine', async () => {
      for (const mode of ['search-gone', 'search-empty'] as const) {
        hub.setMode(mode);
        const error = await failure(createHubClient({ baseUrl: hub.url }).search({ query: 'redis' }));
        expect(error.code, mode).toBe('hub-search-changed');
        expect(error.message, mode).toMatch(
          mode === 'search-gone'
            ? /\/v2\/search\/repositories is gone \(HTTP 410 Gone\)\..*\/api\/search\/v4 is gone \(HTTP 410 Gone\)/
            : /\/v2\/search\/repositories answered 200 with an empty body\..*\/api\/search\/v4 answered 200 with an empty body/,
        );

        const engineSearch = vi.fn(engineRedis);
        const fallback = hubSearchResultSchema.parse(
          await createHubClient({ baseUrl: hub.url, engineSearch }).search({ query: 'redis' }),
        );
        expect(fallback).toMatchObject({ source: 'engine', total: 2 });
        expect(fallback.hubProblem?.code, mode).toBe('hub-search-changed');
      }
    });

    it('pages the v4 search by from and size, and stops at its 2,500 results', async () => {
      hub.setMode('v2-gone');
      const client = createHubClient({ baseUrl: hub.url });
      const total = fakeHubSearch('a').length;
      const last = Math.ceil(total / 10);
      const page = hubSearchResultSchema.parse(await client.search({ query: 'a', page: last, pageSize: 10 }));
      expect(page).toMatchObject({ nextPage: null, total });
      expect(page.results.length).toBe(total - (last - 1) * 10);
      hub.requests.length = 0;
      const beyond = hubSearchResultSchema.parse(await client.search({ query: 'a', page: 101, pageSize: 25 }));
      expect(beyond).toMatchObject({ results: [], nextPage: null });
      // v4 answered last, so it goes first, and it is not asked past its 2,500 results.
      expect(hub.requests).toEqual([]);
    });

    it('reads the status of a tag, and the tags of one platform under one label', async () => {
      const client = createHubClient({ baseUrl: hub.url });
      const result = hubTagsResultSchema.parse(await client.tags({ repository: 'busybox' }));
      const old = result.tags.find((tag) => tag.name === '1.31');
      expect(old?.status).toBe('inactive');
      expect(result.tags.find((tag) => tag.name === 'latest')?.status).toBe('active');
      // 1.31 lists arm64 without a variant, latest says arm64/v8: the same platform, the same label.
      expect(platformLabels(old?.images ?? [])).toEqual(['linux/amd64', 'linux/arm64/v8']);
      expect(platformLabels(result.tags[0]?.images ?? [])).toEqual(['linux/amd64', 'linux/arm64/v8', 'linux/arm/v7']);
    });
  });
});

describe('Hub client offline', () => {
  it('is hub-unreachable when nothing answers, and falls back to the engine', async () => {
    const baseUrl = `http://127.0.0.1:${await freePort()}`;
    const error = await failure(createHubClient({ baseUrl }).search({ query: 'redis' }));
    expect(error.code).toBe('hub-unreachable');
    expect(error.message).toContain('ECONNREFUSED');

    const result = hubSearchResultSchema.parse(
      await createHubClient({ baseUrl, engineSearch: engineRedis }).search({ query: 'redis' }),
    );
    expect(result).toMatchObject({ source: 'engine', total: 2 });
    expect(result.hubProblem?.code).toBe('hub-unreachable');
  });

  it('is hub-unreachable when the name does not resolve', async () => {
    const fetch = vi.fn(() =>
      Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND', message: 'getaddrinfo ENOTFOUND' } })),
    );
    const error = await failure(createHubClient({ fetch }).search({ query: 'redis' }));
    expect(error.code).toBe('hub-unreachable');
    expect(error.message).toMatch(/https:\/\/hub\.docker\.com.*ENOTFOUND.*offline/);
    expect(fetch).toHaveBeenCalledWith(
      'https://hub.docker.com/v2/search/repositories/?query=redis&page=1&page_size=25',
      expect.anything(),
    );
  });
});

describe('Hub client with an injected fetch', () => {
  it('keeps library/NAME as it is and reads verified-publisher markers', async () => {
    const fetch = vi.fn(async () =>
      jsonResponse({
        count: 3,
        next: null,
        previous: null,
        results: [
          { repo_name: 'library/redis', short_description: null, star_count: 1, pull_count: 2, is_official: true },
          { repo_name: 'redis/redis-stack', star_count: 3, pull_count: 4, is_verified_publisher: true },
          { repo_name: 'bitnami/redis', star_count: 5, pull_count: 6, badge: 'verified_publisher' },
        ],
      }),
    );
    const result = hubSearchResultSchema.parse(await createHubClient({ fetch }).search({ query: 'redis' }));
    expect(result.results.map((repo) => [repo.repoName, repo.displayName, repo.isVerifiedPublisher])).toEqual([
      ['library/redis', 'redis', false],
      ['redis/redis-stack', 'redis/redis-stack', true],
      ['bitnami/redis', 'bitnami/redis', true],
    ]);
    expect(result.results[0]?.shortDescription).toBe('');
  });

  it('says the search has changed on JSON without a results list, from either search', async () => {
    const fetch = vi.fn(async () => jsonResponse({ hello: 'portal' }));
    const error = await failure(createHubClient({ fetch }).search({ query: 'redis' }));
    expect(error.code).toBe('hub-search-changed');
    expect(error.message).toContain('/v2/search/repositories answered 200 with JSON without a results list.');
    expect(error.message).toContain('/api/search/v4 answered 200 with JSON without a results list.');
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('is hub-error on tags JSON that is not the Hub API', async () => {
    const fetch = async () => jsonResponse({ hello: 'portal' });
    const error = await failure(createHubClient({ fetch }).tags({ repository: 'redis' }));
    expect(error.code).toBe('hub-error');
  });

  it('leaves out attestation entries (unknown/unknown) and turns empty variants into null', async () => {
    const fetch = async () =>
      jsonResponse({
        count: 1,
        next: null,
        results: [
          {
            name: 'latest',
            full_size: 100,
            last_updated: '2025-01-01T00:00:00Z',
            images: [
              { architecture: 'amd64', os: 'linux', variant: '', size: 100, digest: 'sha256:a' },
              { architecture: 'unknown', os: 'unknown', variant: null, size: 1, digest: 'sha256:b' },
            ],
          },
        ],
      });
    const result = hubTagsResultSchema.parse(await createHubClient({ fetch }).tags({ repository: 'redis' }));
    expect(result.tags).toEqual([
      {
        name: 'latest',
        digest: null,
        fullSize: 100,
        lastUpdated: '2025-01-01T00:00:00Z',
        status: null,
        images: [{ architecture: 'amd64', os: 'linux', variant: null, size: 100, digest: 'sha256:a' }],
      },
    ]);
  });

  it('stops reading an endless body once it passes the limit', async () => {
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(1024 * 1024));
      },
    });
    const fetch = async () => new Response(endless, { status: 200 });
    const error = await failure(createHubClient({ fetch, maxBodyBytes: 5 * 1024 * 1024 }).search({ query: 'redis' }));
    expect(error.code).toBe('hub-error');
    // Six 1 MB chunks pass 5 MB; a stream's read-ahead may pull one or two more, never all of it.
    expect(pulled).toBeLessThanOrEqual(8);
  });

  it('refuses a body whose Content-Length is over the limit without reading it', async () => {
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 1;
        controller.enqueue(new Uint8Array(16));
      },
    });
    const fetch = async () =>
      new Response(body, { status: 200, headers: { 'content-length': String(10 * 1024 * 1024) } });
    const error = await failure(createHubClient({ fetch, maxBodyBytes: 5 * 1024 * 1024 }).search({ query: 'redis' }));
    expect(error.code).toBe('hub-error');
    expect(pulled).toBeLessThanOrEqual(1);
  });

  it('says to try again in a minute when a 429 does not say when', async () => {
    const fetch = async () => jsonResponse({ message: 'Too Many Requests' }, { status: 429 });
    const error = await failure(createHubClient({ fetch, now }).search({ query: 'redis' }));
    expect(error.code).toBe('hub-rate-limited');
    expect(error.retryAt).toBeUndefined();
    expect(error.toWire()).not.toHaveProperty('retryAt');
    expect(error.message).toContain('Try again in a minute');
  });

  it('is a BerthError, so the contract server puts it on the wire as it is', async () => {
    const fetch = async () => jsonResponse({}, { status: 503, statusText: 'Service Unavailable' });
    const error = await failure(createHubClient({ fetch }).search({ query: 'redis' }));
    expect(error).toBeInstanceOf(BerthError);
    expect(error.toWire()).toEqual({ code: 'hub-error', message: expect.stringContaining('503 Service Unavailable') });
  });
});

describe('parseRetryAt', () => {
  const headers = (init: Record<string, string>) => new Headers(init);

  it('reads Retry-After in seconds', () => {
    expect(parseRetryAt(headers({ 'retry-after': '30' }), NOW)).toBe(NOW + 30_000);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(parseRetryAt(headers({ 'retry-after': 'Sun, 01 Jun 2025 10:02:00 GMT' }), NOW)).toBe(NOW + 120_000);
  });

  it('reads X-RateLimit-Reset in epoch seconds when there is no Retry-After', () => {
    expect(parseRetryAt(headers({ 'x-ratelimit-reset': String(NOW / 1000 + 45) }), NOW)).toBe(NOW + 45_000);
  });

  it('never says a time in the past, and nothing when no header says', () => {
    expect(parseRetryAt(headers({ 'retry-after': 'Sun, 01 Jun 2025 09:00:00 GMT' }), NOW)).toBe(NOW);
    expect(parseRetryAt(headers({ 'retry-after': 'soon' }), NOW)).toBeUndefined();
    expect(parseRetryAt(headers({}), NOW)).toBeUndefined();
  });
});

/** The repository names Berth shows for a search of the fake Hub's catalogue, in the Hub's order. */
function catalogueNames(query: string): string[] {
  return fakeHubSearch(query).map((repo) =>
    repo.repo_name.includes('/') ? repo.repo_name : `library/${repo.repo_name}`,
  );
}

describe('platforms', () => {
  const image = (os: string, architecture: string, variant: string | null) => ({
    os,
    architecture,
    variant,
    size: 1,
    digest: null,
  });

  it('gives one label per platform, as docker manifest inspect names it', () => {
    expect(
      platformLabels([
        image('linux', 'arm64', null),
        image('linux', 'arm64', 'v8'),
        image('linux', 'amd64', null),
        image('linux', 'arm', 'v6'),
        image('linux', 'arm', 'v7'),
        image('windows', 'amd64', null),
      ]),
    ).toEqual(['linux/arm64/v8', 'linux/amd64', 'linux/arm/v6', 'linux/arm/v7', 'windows/amd64']);
  });

  it("finds the image for the engine's platform, or none", () => {
    const images = [image('linux', 'amd64', null), image('linux', 'arm64', 'v8')];
    expect(imageForPlatform(images, { os: 'linux', arch: 'arm64' })).toBe(images[1]);
    expect(imageForPlatform([image('windows', 'amd64', null)], { os: 'linux', arch: 'amd64' })).toBeUndefined();
  });
});
