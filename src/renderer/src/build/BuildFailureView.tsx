import { useTranslation } from 'react-i18next';
import type { BuildFailure, BuildJob } from '../../../shared/builds';
import { stripAnsi } from '../containers/details/logBuffer';
import { Button } from '../ui/Button';
import { WarningIcon } from '../ui/icons';
import { buildFailureText } from './buildFailureText';

/**
 * Where and why the build stopped: the sentence for its kind, the line to look at, and what the
 * command printed last. The engine's own words stay folded under it for a kind Berth explains.
 */
export function BuildFailureView({
  job,
  failure,
  onShowLine,
}: {
  job: BuildJob;
  failure: BuildFailure;
  onShowLine: (line: number) => void;
}) {
  const { t } = useTranslation();
  const sentence = buildFailureText(t, job, failure);
  const step = failure.step;
  return (
    <section
      role="alert"
      data-testid="build-job-failure"
      data-kind={failure.kind}
      className="rounded-lg border border-rose-300 bg-rose-50 p-3 text-rose-950 dark:border-rose-700/60 dark:bg-rose-950/40 dark:text-rose-100"
    >
      <div className="flex gap-3">
        <WarningIcon className="mt-0.5 h-5 w-5 shrink-0 text-rose-600 dark:text-rose-400" />
        <div className="min-w-0 flex-1 space-y-2">
          <h4 className="font-semibold">
            {step !== null ? t('buildSteps.failure.heading', { step }) : t('buildSteps.failure.headingNoStep')}
          </h4>
          <p className="text-sm leading-6" data-testid="build-failure-sentence">
            {sentence}
          </p>
          {failure.line !== null && (
            <Button
              className="!px-2 !py-0.5 text-xs"
              onClick={() => onShowLine(failure.line as number)}
              data-testid="build-failure-show-line"
            >
              {t('buildSteps.failure.showLine', { line: failure.line })}
            </Button>
          )}
          {failure.lastOutput.length > 0 && (
            <div>
              <p className="text-xs font-medium">{t('buildSteps.failure.lastOutput')}</p>
              <pre
                className="mt-1 max-h-40 overflow-auto rounded-md bg-slate-950 p-2 dark:ring-1 dark:ring-slate-700 font-mono text-xs whitespace-pre-wrap text-slate-100"
                data-testid="build-failure-output"
                tabIndex={0}
                aria-label={t('buildSteps.failure.lastOutput')}
              >
                {stripAnsi(failure.lastOutput.join('\n'))}
              </pre>
            </div>
          )}
          {failure.kind !== 'other' && job.error && (
            <details className="text-xs">
              <summary className="cursor-pointer opacity-80 select-none">{t('problem.details')}</summary>
              <p className="mt-1 font-mono break-all" data-testid="build-failure-detail">
                {job.error.message}
              </p>
            </details>
          )}
        </div>
      </div>
    </section>
  );
}
