import { useTranslation } from 'react-i18next';
import type { HubRepository } from '../../../shared/hub';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { formatCount } from '../ui/format';

export function RepositoryRow({
  repository,
  showPulls,
  onOpen,
  onPull,
  onRun,
}: {
  repository: HubRepository;
  /** The engine's search has no pull counts: show none rather than a false 0. */
  showPulls: boolean;
  onOpen: () => void;
  onPull: () => void;
  onRun: () => void;
}) {
  const { t, i18n } = useTranslation();
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
        </div>
        <p className="mt-1 line-clamp-2 text-sm text-slate-600 dark:text-slate-400">{repository.shortDescription}</p>
        <p className="mt-1.5 flex gap-3 text-xs text-slate-500">
          <span>★ {t('hub.stars', { value: formatCount(repository.starCount, i18n.language) })}</span>
          {showPulls && (
            <span data-testid="pull-count">
              ↓ {t('hub.pulls', { value: formatCount(repository.pullCount, i18n.language) })}
            </span>
          )}
        </p>
      </div>
      <div className="flex shrink-0 gap-2">
        <Button onClick={onPull} data-testid="hub-pull">
          {t('pulls.pull')}
        </Button>
        <Button variant="primary" onClick={onRun} data-testid="hub-run">
          {t('images.run')}
        </Button>
      </div>
    </li>
  );
}
