import { useCallback, useEffect, useRef, useState } from 'react';
import { BerthError, toBerthError } from '../../../shared/errors';
import { uniqueRepositories, type HubRepository, type HubSearchResult } from '../../../shared/hub';
import { useBerthClient } from '../app/clientContext';

export const SEARCH_DEBOUNCE_MS = 300;

interface SearchState {
  query: string;
  results: HubRepository[];
  nextPage: number | null;
  total: number;
  /** Rows the Hub sent that could not be read, over every page shown. */
  skipped: number;
  source: HubSearchResult['source'];
  hubProblem: HubSearchResult['hubProblem'];
}

/**
 * Docker Hub search as the user types: debounced, paged on demand, and answers to an older query
 * are dropped when a newer one was asked.
 */
export function useHubSearch(input: string) {
  const client = useBerthClient();
  const [state, setState] = useState<SearchState | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<BerthError | null>(null);
  const latest = useRef(0);
  const query = input.trim();

  const run = useCallback(
    async (q: string, page: number) => {
      const ticket = ++latest.current;
      setLoading(true);
      try {
        const result = await client.request('hub.search', { query: q, page, pageSize: 25 });
        if (ticket !== latest.current) return;
        setError(null);
        setState((previous) => {
          const fresh = page === 1 || !previous || previous.query !== q;
          return {
            query: q,
            // Pages can overlap when the Hub's results shift between requests: each repository once.
            results: fresh
              ? uniqueRepositories(result.results)
              : uniqueRepositories([...previous.results, ...result.results]),
            nextPage: result.nextPage,
            total: result.total,
            skipped: (fresh ? 0 : previous.skipped) + result.skipped,
            source: result.source,
            hubProblem: result.hubProblem,
          };
        });
      } catch (caught) {
        if (ticket !== latest.current) return;
        setError(toBerthError(caught));
      } finally {
        if (ticket === latest.current) setLoading(false);
      }
    },
    [client],
  );

  useEffect(() => {
    if (!query) {
      latest.current++;
      return;
    }
    const timer = setTimeout(() => void run(query, 1), SEARCH_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [query, run]);

  const loadMore = useCallback(() => {
    if (!loading && state?.nextPage && state.query === query) void run(query, state.nextPage);
  }, [loading, state, query, run]);

  const retry = useCallback(() => {
    if (query) void run(query, 1);
  }, [query, run]);

  const current = query && state?.query === query ? state : null;
  return { query, state: current, loading: Boolean(query) && loading, error: query ? error : null, loadMore, retry };
}
