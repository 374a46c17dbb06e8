import { useTranslation } from 'react-i18next';
import type { VolumePruneResult } from '../../../shared/volumes';
import { formatBytes } from '../ui/format';

/** What "Remove unused volumes" did: how many went and what that freed, and each one left with why. */
export function PruneResult({ result }: { result: VolumePruneResult }) {
  const { t, i18n } = useTranslation();
  return (
    <div
      role="status"
      className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
      data-testid="volumes-prune-result"
    >
      <p>
        {t('volumes.prune.done', {
          count: result.removed.length,
          size: formatBytes(result.reclaimedBytes, i18n.language),
        })}
      </p>
      {result.failed.length > 0 && (
        <div className="mt-2 text-amber-900 dark:text-amber-200">
          <p>{t('volumes.prune.failed')}</p>
          <ul className="mt-1 list-inside list-disc font-mono text-xs" data-testid="volumes-prune-failed">
            {result.failed.map((failure) => (
              <li key={failure.name} className="break-all">
                {t(`volumes.prune.reason.${failure.reason ?? 'engine-error'}`, {
                  name: failure.name,
                  containers: (failure.containers ?? []).join(', '),
                  message: failure.message,
                })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
