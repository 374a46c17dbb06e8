import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DiskUsage } from '../../../shared/diskUsage';
import { BerthError, toBerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { formatRelativeTime } from '../ui/format';
import { useNow } from '../ui/useNow';
import { CategoryCard } from './CategoryCard';
import { CleanupDialog } from './CleanupDialog';
import { categoryOrder, diskSize } from './diskText';
import { InlineCode } from '../ui/InlineCode';

/**
 * Disk usage as `docker system df` counts it, measured when the page opens and when asked (GET
 * /system/df is slow on big engines, so it is not measured on every change), and the clean-up.
 */
export function DiskUsagePage() {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const { available: connected } = useEngineAvailable();
  const [usage, setUsage] = useState<DiskUsage | null>(null);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const [measuring, setMeasuring] = useState(false);
  const [cleaning, setCleaning] = useState(false);
  const now = useNow(usage !== null, 30_000);

  const measure = useCallback(async () => {
    setMeasuring(true);
    setFailure(null);
    try {
      setUsage(await client.request('disk.usage', {}));
    } catch (error) {
      setFailure(toBerthError(error));
    } finally {
      setMeasuring(false);
    }
  }, [client]);

  // Measured when the page opens and when the Docker server comes back.
  useEffect(() => {
    if (!connected) return;
    let open = true;
    client.request('disk.usage', {}).then(
      (next) => {
        if (!open) return;
        setUsage(next);
        setFailure(null);
      },
      (error: unknown) => open && setFailure(toBerthError(error)),
    );
    return () => {
      open = false;
    };
  }, [client, connected]);

  const heading = (
    <div className="flex flex-wrap items-start gap-3">
      <div className="min-w-0 flex-1">
        <h1 className="text-xl font-semibold">{t('disk.title')}</h1>
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
          <InlineCode text={t('disk.intro')} />
        </p>
      </div>
      {connected && (
        <div className="flex items-center gap-2">
          <Button onClick={() => void measure()} disabled={measuring} data-testid="disk-measure">
            {measuring ? t('disk.measuring') : t('disk.measure')}
          </Button>
          <Button variant="primary" onClick={() => setCleaning(true)} disabled={!usage} data-testid="disk-clean-up">
            {t('disk.cleanUp')}
          </Button>
        </div>
      )}
    </div>
  );

  if (!connected) {
    return (
      <div className="mx-auto max-w-5xl p-6" data-testid="disk-page">
        {heading}
        <EngineUnavailable className="mt-4" consequence={t('disk.engineUnavailable')} />
      </div>
    );
  }

  const empty = usage !== null && categoryOrder.every((category) => usage[category].count === 0);
  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="disk-page">
      {heading}
      {failure && <ProblemCard problem={failure.toWire()} />}
      {!usage && !failure && (
        <p role="status" className="mt-4 text-sm text-slate-500" data-testid="disk-loading">
          {t('disk.loading')}
        </p>
      )}
      {usage && (
        <>
          <p className="mt-4 flex flex-wrap items-baseline gap-x-3 text-sm" data-testid="disk-total">
            <span className="text-base font-semibold">
              {usage.reclaimable > 0 ? t('disk.total', { size: diskSize(usage.reclaimable) }) : t('disk.totalNone')}
            </span>
            <span className="text-xs text-slate-500 dark:text-slate-400">
              {t('disk.measuredAt', { time: formatRelativeTime(usage.measuredAt, i18n.language, now) })}
            </span>
          </p>
          {empty && (
            <p className="mt-2 text-sm text-slate-600 dark:text-slate-400" data-testid="disk-empty">
              {t('disk.empty')}
            </p>
          )}
          <div className="mt-4 grid gap-4 md:grid-cols-2">
            {categoryOrder.map((category) => (
              <CategoryCard key={category} category={category} usage={usage[category]} />
            ))}
          </div>
        </>
      )}
      {cleaning && (
        <CleanupDialog
          onClose={() => setCleaning(false)}
          onDone={(result) => {
            setUsage(result.after);
          }}
        />
      )}
    </div>
  );
}
