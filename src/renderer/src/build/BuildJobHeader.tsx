import { useTranslation } from 'react-i18next';
import type { BuildJob } from '../../../shared/builds';
import { Badge } from '../ui/Badge';
import { formatBytes, formatDuration } from '../ui/format';
import { currentStep, failedStepIndex, stepCounts } from './buildJobFacts';
import { useNow } from '../ui/useNow';

const stateTone = { sending: 'sky', building: 'sky', done: 'emerald', failed: 'rose', cancelled: 'slate' } as const;

/** What the build is doing, said once for the eye and once for a screen reader (aria-live). */
function useStateText(job: BuildJob): string {
  const { t } = useTranslation();
  const total = job.steps.length;
  switch (job.state) {
    case 'sending':
      return t('buildSteps.state.sending');
    case 'building': {
      const step = currentStep(job.steps);
      return step ? t('buildSteps.state.building', { current: step.index, total }) : t('buildSteps.state.starting');
    }
    case 'failed': {
      const step = failedStepIndex(job);
      return step ? t('buildSteps.state.failed', { step, total }) : t('buildSteps.state.failedNoStep');
    }
    default:
      return t(`buildSteps.state.${job.state}`);
  }
}

/** The build at a glance: its state, the context sent, the time so far, and how many steps the cache saved. */
export function BuildJobHeader({ job }: { job: BuildJob }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language;
  const live = job.state === 'sending' || job.state === 'building';
  const now = useNow(live);
  const stateText = useStateText(job);
  const counts = stepCounts(job.steps);
  const elapsedMs = Math.max(0, (job.finishedAt ?? now) - job.startedAt);
  return (
    <header className="space-y-1" data-testid="build-header">
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="text-base font-semibold" data-testid="build-state" data-state={job.state}>
          <span role="status" aria-live="polite" aria-atomic="true">
            {stateText}
          </span>
        </h3>
        <Badge tone={stateTone[job.state]} testId="build-counts">
          {t('buildSteps.counts', { cached: counts.cached, ran: counts.ran })}
        </Badge>
      </div>
      <p className="flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400">
        <span data-testid="build-context">
          {t('buildSteps.context', { count: job.context.files, size: formatBytes(job.context.bytes, locale) })}
        </span>
        <span data-testid="build-elapsed">{t('buildSteps.elapsed', { time: formatDuration(elapsedMs / 1000) })}</span>
      </p>
    </header>
  );
}
