import { useTranslation } from 'react-i18next';
import type { HubRepository } from '../../../shared/hub';
import { useEngineAvailable } from '../engine/engineStatus';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { formatCount } from '../ui/format';

export function RepositoryRow({
  repository,
  onOpen,
  onPull,
  onRun,
}: {
  repository: HubRepository;
  onOpen: () => void;
  onPull: () => void;
  onRun: () => void;
}) {
  const { t, i18n } = useTranslation();
  const { starCount, pullCount } = repository;
  const engine = useEngineAvailable();
  return (
    <li
      data-testid="hub-result"
      data-repo={repository.displayName}
      className="flex items-start gap-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-800 dark:bg-slate-900"
    >
      <div className="min-w-0 flex-1">
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            onClick={onOpen}
            className="font-mono text-[15px] font-semibold text-sky-700 hover:underline dark:text-sky-300"
          >
            {repository.displayName}
          </button>
          {repository.isOfficial && (
            <Badge tone="emerald" testId="badge-official">
              {t('hub.official')}
            </Badge>
          )}
          {repository.isVerifiedPublisher && (
            <Badge tone="sky" testId="badge-verified">
              {t('hub.verified')}
            </Badge>
          )}
          {repository.isArchived && (
            <span title={t('hub.archivedTitle')}>
              <Badge tone="amber" testId="badge-archived">
                {t('hub.archived')}
              </Badge>
            </span>
          )}
        </div>
        <p className="mt-1 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">{repository.shortDescription}</p>
        <p className="mt-1.5 flex gap-3 text-xs text-slate-500">
          <span data-testid="star-count">
            ★ {t('hub.stars', { count: starCount, value: formatCount(starCount, i18n.language) })}
          </span>
          {/* The engine's search has no pull counts: none is shown rather than a false 0. */}
          {pullCount !== null && (
            <span data-testid="pull-count">
              ↓{' '}
              {t(repository.pullCountAtLeast ? 'hub.pullsAtLeast' : 'hub.pulls', {
                count: pullCount,
                value: formatCount(pullCount, i18n.language),
              })}
            </span>
          )}
        </p>
      </div>
      <div className="flex shrink-0 gap-2">
        <Button onClick={onPull} data-testid="hub-pull" {...engine.actionProps}>
          {t('pulls.pull')}
        </Button>
        <Button variant="primary" onClick={onRun} data-testid="hub-run" {...engine.actionProps}>
          {t('images.run')}
        </Button>
      </div>
    </li>
  );
}
