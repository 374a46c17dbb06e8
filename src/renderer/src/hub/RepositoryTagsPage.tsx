import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError, toBerthError } from '../../../shared/errors';
import { imageForPlatform, platformLabel, platformLabels, type HubTag } from '../../../shared/hub';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useEngineAvailable, useEngineStatus } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { usePullByName } from '../pulls/pullByNameContext';
import { usePulls } from '../pulls/pullsStore';
import { useRunDialog } from '../run/runDialogContext';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { formatBytes, formatRelativeTime } from '../ui/format';

/** "library/redis" → "redis", the name people type. */
export function familiarRepositoryName(repository: string): string {
  return repository.startsWith('library/') ? repository.slice('library/'.length) : repository;
}

/** A Hub repository's tags, each with its size for this engine's CPU, and Pull and Run. */
export function RepositoryTagsPage({ repository }: { repository: string }) {
  const navigate = useNavigate();
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const { status } = useEngineStatus();
  const engine = useEngineAvailable();
  const { startPull } = usePulls();
  const { openRun } = useRunDialog();
  const { openPullByName } = usePullByName();
  const [tags, setTags] = useState<HubTag[] | null>(null);
  const [nextPage, setNextPage] = useState<number | null>(null);
  const [error, setError] = useState<BerthError | null>(null);
  const [loading, setLoading] = useState(true);
  // The engine's own platform; until it is known, sizes are shown for linux/amd64 and nothing is refused.
  const server = status?.server ?? null;
  const platform = { os: server?.os ?? 'linux', arch: server?.arch ?? 'amd64' };
  const platformName = platformLabel({ os: platform.os, architecture: platform.arch, variant: null });
  const name = familiarRepositoryName(repository);
  const [now] = useState(() => Date.now());

  const [page, setPage] = useState(1);

  // Page 1 when the repository changes, then each "More tags" asks for the next page.
  useEffect(() => {
    let current = true;
    client.request('hub.tags', { repository, page, pageSize: 25 }).then(
      (result) => {
        if (!current) return;
        setTags((previous) => (page === 1 || !previous ? result.tags : [...previous, ...result.tags]));
        setNextPage(result.nextPage);
        setError(null);
        setLoading(false);
      },
      (caught: unknown) => {
        if (!current) return;
        setError(toBerthError(caught));
        setLoading(false);
      },
    );
    return () => {
      current = false;
    };
  }, [client, repository, page]);

  const loadMore = () => {
    if (nextPage === null) return;
    setLoading(true);
    setPage(nextPage);
  };

  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="tags-page">
      <Button variant="ghost" className="-ml-3 text-sm" onClick={() => navigate('hub')}>
        ← {t('hub.tags.back')}
      </Button>
      <h1 className="mt-2 font-mono text-xl font-semibold">{name}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('hub.tags.intro')}</p>
      <EngineUnavailable className="mt-4" consequence={t('engineUnavailable.hub')} />
      <div className="mt-4">
        {error && (
          <ProblemCard problem={error.toWire()}>
            {/* The tags cannot be listed, but the engine may still pull the image by its name. */}
            <p className="mt-3 text-sm">{t('pullByName.hubHint')}</p>
            <Button
              variant="primary"
              className="mt-3"
              onClick={() => openPullByName(name)}
              data-testid="hub-pull-by-name"
            >
              {t('pullByName.openWith', { name })}
            </Button>
          </ProblemCard>
        )}
        {loading && !tags && <p className="text-sm text-slate-500">{t('hub.searching')}</p>}
        {tags && tags.length === 0 && <p className="text-sm">{t('hub.tags.none')}</p>}
        {tags && tags.length > 0 && (
          <table className="w-full text-left text-sm">
            <thead className="border-b border-slate-200 text-xs whitespace-nowrap text-slate-500 dark:border-slate-800">
              <tr>
                <th className="py-2 pr-4 font-medium">{t('hub.tags.name')}</th>
                <th className="py-2 pr-4 font-medium">{t('hub.tags.size', { arch: platformName })}</th>
                <th className="py-2 pr-4 font-medium">{t('hub.tags.pushed')}</th>
                <th className="py-2 pr-4 font-medium">{t('hub.tags.architectures')}</th>
                <th>
                  <span className="sr-only">{t('hub.tags.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tags.map((tag) => {
                const forPlatform = imageForPlatform(tag.images, platform);
                // A tag that lists its images and none for this engine would pull nothing it can run.
                const notHere = server !== null && tag.images.length > 0 && !forPlatform;
                const reference = `${name}:${tag.name}`;
                return (
                  <tr
                    key={tag.name}
                    data-testid="hub-tag"
                    data-tag={tag.name}
                    data-status={tag.status ?? undefined}
                    data-runs-here={notHere ? 'false' : 'true'}
                    className="border-b border-slate-100 dark:border-slate-800/60"
                  >
                    <td className="py-2 pr-4 font-mono font-medium">
                      <span className="inline-flex items-center gap-2">
                        {tag.name}
                        {tag.status === 'inactive' && (
                          <span title={t('hub.tags.inactiveTitle')} className="font-sans">
                            <Badge tone="slate" testId="tag-inactive">
                              {t('hub.tags.inactive')}
                            </Badge>
                          </span>
                        )}
                      </span>
                    </td>
                    <td className="py-2 pr-4">
                      {forPlatform ? (
                        formatBytes(forPlatform.size, i18n.language)
                      ) : notHere ? (
                        <span className="text-amber-800 dark:text-amber-300" data-testid="tag-not-here">
                          {t('hub.tags.notForPlatform', { platform: platformName })}
                        </span>
                      ) : (
                        <span className="text-slate-400">—</span>
                      )}
                    </td>
                    <td className="py-2 pr-4 whitespace-nowrap text-slate-600 dark:text-slate-400">
                      {tag.lastUpdated ? formatRelativeTime(Date.parse(tag.lastUpdated), i18n.language, now) : '—'}
                    </td>
                    <td className="py-2 pr-4 text-xs text-slate-600 dark:text-slate-400" data-testid="tag-platforms">
                      {/* A line may break between platforms, never inside one. */}
                      {platformLabels(tag.images).map((label, index) => (
                        <span key={label} className="whitespace-nowrap">
                          {index > 0 && ', '}
                          {label}
                        </span>
                      ))}
                    </td>
                    <td className="py-2 text-right whitespace-nowrap">
                      <Button
                        className="mr-2 !py-1 text-xs"
                        title={
                          notHere
                            ? t('hub.tags.pullNotForPlatform', { reference, platform: platformName })
                            : t('pulls.pullTitle', { reference })
                        }
                        data-testid="tag-pull"
                        onClick={() => void startPull(reference).catch(() => undefined)}
                        {...engine.actionProps}
                      >
                        {t('pulls.pull')}
                      </Button>
                      <Button
                        variant="primary"
                        className="!py-1 text-xs"
                        data-testid="tag-run"
                        disabled={notHere}
                        title={notHere ? t('hub.tags.runNotForPlatform', { platform: platformName }) : undefined}
                        onClick={() => openRun(reference)}
                        {...engine.actionProps}
                      >
                        {t('images.run')}
                      </Button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        )}
        {nextPage !== null && (
          <Button className="mt-3" disabled={loading} onClick={loadMore}>
            {t('hub.tags.loadMore')}
          </Button>
        )}
      </div>
    </div>
  );
}
