import Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { createHubClient, HubError, type EngineSearch } from '../../src/main/hub/hubClient';
import { hubSearchResultSchema } from '../../src/shared/hub';
import { requireEngine } from '../fixtures/dockerCli';
import { freePort } from '../fixtures/freePort';

describe.skipIf(!requireEngine.available)('Hub search falling back to the real engine', () => {
  const docker = new Docker({ socketPath: '/var/run/docker.sock' });
  // What the backend passes: the engine's GET /images/search through dockerode.
  const engineSearch: EngineSearch = (term, limit) => docker.searchImages({ term, limit });

  it('with the Hub API unreachable, does what the engine can: search, or say it cannot either', async () => {
    const client = createHubClient({ baseUrl: `http://127.0.0.1:${await freePort()}`, engineSearch });
    // The engine asks index.docker.io itself: offline (this testbed) it fails too; online it answers.
    const engineCanSearch = await docker.searchImages({ term: 'redis', limit: 1 }).then(
      () => true,
      () => false,
    );

    const outcome = await client.search({ query: 'redis', pageSize: 5 }).then(
      (result) => ({ result, error: null }),
      (error: unknown) => ({ result: null, error }),
    );

    if (engineCanSearch) {
      const result = hubSearchResultSchema.parse(outcome.result);
      expect(result).toMatchObject({ source: 'engine', nextPage: null });
      expect(result.hubProblem?.code).toBe('hub-unreachable');
      expect(result.results.length).toBeGreaterThan(0);
      expect(result.results.length).toBeLessThanOrEqual(5);
      expect(result.results.some((repo) => repo.repoName === 'library/redis' && repo.displayName === 'redis')).toBe(
        true,
      );
    } else {
      expect(outcome.error).toBeInstanceOf(HubError);
      const error = outcome.error as HubError;
      // The Hub's error is the one the user sees; the engine's failure is added to its message.
      expect(error.code).toBe('hub-unreachable');
      expect(error.message).toMatch(/Cannot reach Docker Hub at http:\/\/127\.0\.0\.1:\d+: nothing answers there/);
      expect(error.message).toContain('The engine could not search either:');
      expect(error.message).toMatch(/index\.docker\.io|HTTP code 500/);
    }
  });
});
