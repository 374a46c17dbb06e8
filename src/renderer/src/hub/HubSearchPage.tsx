import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommand } from '../app/commands';
import { useNavigate } from '../app/navigation';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { useSecondsUntil } from '../engine/engineStatus';
import { usePullByName } from '../pulls/pullByNameContext';
import { usePulls } from '../pulls/pullsStore';
import { useRunDialog } from '../run/runDialogContext';
import { Button } from '../ui/Button';
import { SearchIcon } from '../ui/icons';
import { RepositoryRow } from './RepositoryRow';
import { useHubSearch } from './useHubSearch';

const suggestions = ['hello-world', 'redis', 'nginx', 'busybox'];
const isMac = typeof navigator !== 'undefined' && /Mac/.test(navigator.platform);

/** Docker Hub search: type, see results as you type, pull or run any of them. */
export function HubSearchPage({ initialQuery }: { initialQuery: string }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const [input, setInput] = useState(initialQuery);
  const { query, state, loading, error, loadMore, retry } = useHubSearch(input);
  const { startPull } = usePulls();
  const { openRun } = useRunDialog();
  const { openPullByName } = usePullByName();
  const inputRef = useRef<HTMLInputElement>(null);
  const sentinelRef = useRef<HTMLDivElement>(null);
  const retrySeconds = useSecondsUntil(error?.retryAt ?? null);

  useCommand(
    'focus-search',
    useCallback(() => inputRef.current?.focus(), []),
  );

  // More results when the end of the list scrolls into view.
  useEffect(() => {
    const sentinel = sentinelRef.current;
    if (!sentinel) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) loadMore();
    });
    observer.observe(sentinel);
    return () => observer.disconnect();
  }, [loadMore, state]);

  const pull = (name: string) => void startPull(name).catch(() => undefined);

  return (
    <div className="mx-auto max-w-4xl p-6" data-testid="hub-page">
      <h1 className="text-xl font-semibold">{t('hub.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('hub.intro')}</p>
      <EngineUnavailable className="mt-4" consequence={t('engineUnavailable.hub')} />
      <div className="relative mt-4">
        <SearchIcon className="pointer-events-none absolute top-2.5 left-3 h-5 w-5 text-slate-400" />
        <input
          ref={inputRef}
          type="search"
          autoFocus
          data-testid="hub-search"
          aria-label={t('hub.title')}
          placeholder={t('hub.placeholder')}
          value={input}
          onChange={(event) => setInput(event.target.value)}
          className="w-full rounded-lg border border-slate-300 bg-white py-2 pr-16 pl-10 text-base shadow-sm focus:border-sky-500 focus:ring-2 focus:ring-sky-500/30 focus:outline-none dark:border-slate-600 dark:bg-slate-900"
        />
        {!input && (
          <kbd className="absolute top-2.5 right-3 rounded border border-slate-300 px-1.5 text-xs text-slate-500 dark:border-slate-600">
            {t('hub.shortcut', { key: isMac ? '⌘' : 'Ctrl' })}
          </kbd>
        )}
      </div>

      <div className="mt-4 space-y-3" aria-live="polite">
        {!query && (
          <section className="rounded-lg border border-dashed border-slate-300 p-5 text-center dark:border-slate-700">
            <h2 className="font-medium">{t('hub.start.title')}</h2>
            <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('hub.start.body')}</p>
            <div className="mt-3 flex flex-wrap justify-center gap-2">
              <span className="text-sm text-slate-500">{t('hub.start.suggestions')}:</span>
              {suggestions.map((name) => (
                <Button key={name} className="!py-0.5 font-mono text-xs" onClick={() => setInput(name)}>
                  {name}
                </Button>
              ))}
            </div>
          </section>
        )}
        {error && (
          <ProblemCard problem={error.toWire()}>
            {retrySeconds !== null && retrySeconds > 0 && (
              <p className="mt-2 text-sm font-medium" data-testid="retry-countdown">
                {t('hub.rateLimitedUntil', { seconds: retrySeconds })}
              </p>
            )}
            {/* The engine may still pull by name (a mirror, a registry) when the Hub's website is out of reach. */}
            <p className="mt-3 text-sm">{t('pullByName.hubHint')}</p>
            <div className="mt-3 flex flex-wrap gap-2">
              <Button onClick={retry} disabled={retrySeconds !== null && retrySeconds > 0}>
                {t('hub.retry')}
              </Button>
              <Button variant="primary" onClick={() => openPullByName(query)} data-testid="hub-pull-by-name">
                {query ? t('pullByName.openWith', { name: query }) : t('pullByName.open')}
              </Button>
            </div>
          </ProblemCard>
        )}
        {state?.source === 'engine' && (
          <p
            data-testid="engine-fallback"
            className="rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:bg-sky-950/50 dark:text-sky-200"
          >
            {t(state.hubProblem?.code === 'hub-search-changed' ? 'hub.fromEngineSearchChanged' : 'hub.fromEngine')}
          </p>
        )}
        {loading && !state && <p className="text-sm text-slate-500">{t('hub.searching')}</p>}
        {state && state.results.length === 0 && !error && (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('hub.noResults', { query })}</p>
        )}
        {state && state.results.length > 0 && (
          <ul className="space-y-2" data-testid="hub-results">
            {state.results.map((repository) => (
              <RepositoryRow
                key={repository.repoName}
                repository={repository}
                onOpen={() => navigate('hub', repository.repoName)}
                onPull={() => pull(repository.displayName)}
                onRun={() => openRun(repository.displayName)}
              />
            ))}
          </ul>
        )}
        <div ref={sentinelRef} />
        {state && state.nextPage !== null && loading && (
          <p className="text-center text-sm text-slate-500">{t('hub.loadingMore')}</p>
        )}
        {state && state.nextPage === null && state.results.length > 0 && (
          <p className="text-center text-xs text-slate-500">{t('hub.end', { query })}</p>
        )}
        {state && state.skipped > 0 && (
          <p className="text-center text-xs text-slate-500" data-testid="hub-skipped">
            {t('hub.skipped', { count: state.skipped })}
          </p>
        )}
      </div>
    </div>
  );
}
