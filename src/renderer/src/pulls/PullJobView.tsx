import { useTranslation } from 'react-i18next';
import type { PullJob, PullLayer } from '../../../shared/pulls';
import { useEngineAvailable } from '../engine/engineStatus';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { formatBytes, formatDuration, formatSpeed } from '../ui/format';
import { ProgressBar } from '../ui/ProgressBar';

const stateTone = { pulling: 'sky', done: 'emerald', failed: 'rose', cancelled: 'slate' } as const;

const downloaded = new Set<PullLayer['state']>(['verifying-checksum', 'download-complete', 'extracting']);

function layerPercent(layer: PullLayer): number {
  if (layer.state === 'pull-complete' || layer.state === 'already-exists') return 100;
  // Downloading is the first half of a layer's work, extracting the second.
  const download = downloaded.has(layer.state) ? 50 : layer.size ? (50 * layer.downloaded) / layer.size : 0;
  const extract = layer.state === 'extracting' && layer.size ? (50 * layer.extracted) / layer.size : 0;
  return Math.min(100, download + extract);
}

/** One pull: overall bar with bytes, speed and time left, and a bar per layer. */
export function PullJobView({
  job,
  onCancel,
  onDismiss,
  onRetry,
  showLayers = true,
}: {
  job: PullJob;
  onCancel?: () => void;
  onDismiss?: () => void;
  /** Pulls the same reference again, for a pull that failed or was cancelled. */
  onRetry?: () => void;
  showLayers?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const engine = useEngineAvailable();
  // No byte counts from the engine (Podman): no percent, speed or time left to show.
  const indeterminate = job.state === 'pulling' && !job.bytesKnown;
  return (
    <article data-testid="pull-job" data-reference={job.reference} data-state={job.state} className="space-y-2">
      <header className="flex items-center gap-2">
        <span className="min-w-0 flex-1 truncate font-mono text-sm font-medium">{job.reference}</span>
        <Badge tone={stateTone[job.state]} testId="pull-state">
          {t(`pulls.state.${job.state}`)}
        </Badge>
        {job.state === 'pulling' && onCancel && (
          <Button
            className="!px-2 !py-0.5 text-xs"
            onClick={onCancel}
            aria-label={t('pulls.cancelLabel', { reference: job.reference })}
            data-testid="pull-cancel"
          >
            {t('pulls.cancel')}
          </Button>
        )}
        {(job.state === 'failed' || job.state === 'cancelled') && onRetry && (
          <Button
            className="!px-2 !py-0.5 text-xs"
            onClick={onRetry}
            aria-label={t('pulls.retryLabel', { reference: job.reference })}
            data-testid="pull-retry"
            {...engine.actionProps}
          >
            {t('pulls.retry')}
          </Button>
        )}
        {job.state !== 'pulling' && onDismiss && (
          <Button
            variant="ghost"
            className="!px-2 !py-0.5 text-xs"
            onClick={onDismiss}
            aria-label={t('pulls.dismissLabel', { reference: job.reference })}
            data-testid="pull-dismiss"
          >
            {t('pulls.dismiss')}
          </Button>
        )}
      </header>
      <ProgressBar
        percent={job.percent}
        label={job.reference}
        tone={job.state === 'failed' ? 'rose' : job.state === 'done' ? 'emerald' : 'sky'}
        indeterminate={indeterminate}
      />
      <div className="flex flex-wrap justify-between gap-x-3 text-xs text-slate-600 dark:text-slate-400">
        {indeterminate ? (
          <span data-testid="pull-no-sizes">{t('pulls.noSizes')}</span>
        ) : (
          <span data-testid="pull-percent">{Math.floor(job.percent)}%</span>
        )}
        {job.bytesTotal > 0 && (
          <span>
            {t('pulls.progress', {
              done: formatBytes(job.bytesDone, locale),
              total: formatBytes(job.bytesTotal, locale),
            })}
          </span>
        )}
        {job.state === 'pulling' && job.speed > 0 && job.secondsLeft !== null && (
          <span>
            {t('pulls.speed', { speed: formatSpeed(job.speed, locale), left: formatDuration(job.secondsLeft) })}
          </span>
        )}
      </div>
      {job.outcome && (
        <p className="text-xs text-emerald-700 dark:text-emerald-400" data-testid="pull-outcome">
          {t(`pulls.outcome.${job.outcome}`)}
          {job.digest && (
            <span className="ml-1 font-mono break-all text-slate-500">
              · {t('pulls.digest')} {job.digest}
            </span>
          )}
        </p>
      )}
      {job.error && job.state === 'failed' && <ProblemCard problem={job.error} />}
      {showLayers && job.layers.length > 0 && (
        <details open={job.state === 'pulling'} className="text-xs">
          <summary className="cursor-pointer text-slate-500 select-none">
            {t('pulls.showLayers', { count: job.layers.length })}
          </summary>
          <ul className="mt-2 space-y-1.5">
            {job.layers.map((layer) => (
              <li
                key={layer.id}
                data-testid="pull-layer"
                data-layer-state={layer.state}
                className="grid grid-cols-[7rem_1fr_8rem] items-center gap-2"
              >
                <span className="font-mono text-slate-600 dark:text-slate-400">{layer.id}</span>
                <ProgressBar
                  size="sm"
                  percent={layerPercent(layer)}
                  label={layer.id}
                  indeterminate={
                    job.state === 'pulling' &&
                    layer.size === null &&
                    layer.state !== 'pull-complete' &&
                    layer.state !== 'already-exists'
                  }
                  tone={layer.state === 'pull-complete' || layer.state === 'already-exists' ? 'emerald' : 'sky'}
                />
                <span className="truncate text-slate-600 dark:text-slate-400">{t(`pulls.layer.${layer.state}`)}</span>
              </li>
            ))}
          </ul>
        </details>
      )}
    </article>
  );
}
