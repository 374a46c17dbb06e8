import { useTranslation } from 'react-i18next';
import type { ComposeJob } from '../../../shared/compose';
import { BuildStepOutput } from '../build/BuildStepOutput';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { useCopy } from '../ui/useCopy';

const stateTone = { running: 'sky', done: 'emerald', failed: 'rose', cancelled: 'slate' } as const;
/** How many of compose's last lines a failure quotes. */
const QUOTED_LINES = 5;

/** The last compose command for a project: its command line to copy, its output as it comes, how it ended. */
export function ComposeJobPanel({
  job,
  onCancel,
  onDismiss,
}: {
  job: ComposeJob;
  onCancel: () => void;
  onDismiss: () => void;
}) {
  const { t } = useTranslation();
  const [copyState, copy] = useCopy();
  const running = job.state === 'running';
  const lastLines = job.output
    .slice(-QUOTED_LINES)
    .map((line) => line.text)
    .filter((text) => text.trim() !== '');

  return (
    <section
      aria-labelledby="compose-job-title"
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
      data-testid="compose-job"
      data-state={job.state}
      data-action={job.action}
    >
      <div className="flex flex-wrap items-center gap-2">
        <h2 id="compose-job-title" className="text-sm font-semibold">
          {t('compose.job.title')}
        </h2>
        <Badge tone={stateTone[job.state]} testId="compose-job-state">
          {t(`compose.job.state.${job.state}`)}
        </Badge>
        {job.exitCode !== null && (
          <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="compose-job-exit">
            {t('compose.job.exitCode', { code: job.exitCode })}
          </span>
        )}
        <span className="ml-auto flex gap-2">
          {running ? (
            <Button onClick={onCancel} data-testid="compose-job-cancel">
              {t('compose.job.cancel')}
            </Button>
          ) : (
            <Button variant="ghost" onClick={onDismiss} data-testid="compose-job-dismiss">
              {t('compose.job.dismiss')}
            </Button>
          )}
        </span>
      </div>
      <div className="mt-2 flex min-w-0 items-center gap-2">
        <code
          className="min-w-0 flex-1 truncate rounded bg-slate-100 px-2 py-1 font-mono text-xs dark:bg-slate-800"
          title={job.commandLine}
          data-testid="compose-job-command"
        >
          {job.commandLine}
        </code>
        <Button
          variant="ghost"
          className="!px-2 !py-0.5 text-xs"
          onClick={() => void copy(job.commandLine)}
          aria-label={t('compose.job.copyLabel')}
          data-testid="compose-job-copy"
        >
          {copyState === 'copied'
            ? t('compose.job.copied')
            : copyState === 'failed'
              ? t('compose.job.copyFailed')
              : t('compose.job.copy')}
        </Button>
      </div>
      <p className="mt-2 text-sm" role="status" data-testid="compose-job-summary">
        {summaryOf(t, job)}
      </p>
      {job.state === 'failed' && lastLines.length > 0 && (
        <div className="mt-2 text-sm" data-testid="compose-job-last-lines">
          <p>{t('compose.job.lastLines')}</p>
          <pre className="mt-1 overflow-x-auto rounded bg-rose-50 p-2 font-mono text-xs whitespace-pre-wrap text-rose-900 dark:bg-rose-950/40 dark:text-rose-200">
            {lastLines.join('\n')}
          </pre>
        </div>
      )}
      {job.error && <ProblemCard problem={job.error} />}
      {job.output.length > 0 && (
        <details open={running} className="mt-2">
          <summary className="cursor-pointer text-xs text-slate-600 dark:text-slate-400">
            {t('compose.job.output', { count: job.output.length })}
          </summary>
          <BuildStepOutput
            id={`compose-job-output-${job.id}`}
            label={t('compose.job.outputLabel')}
            lines={job.output.map((line) => line.text)}
            truncated={job.outputTruncated}
            follow={running}
          />
        </details>
      )}
    </section>
  );
}

function summaryOf(t: ReturnType<typeof useTranslation>['t'], job: ComposeJob): string {
  const action = t(`compose.action.${job.action}`);
  switch (job.state) {
    case 'running':
      return t('compose.job.running', { action });
    case 'cancelled':
      return t('compose.job.cancelled', { action });
    case 'failed':
      return job.exitCode === null
        ? t('compose.job.failedNoCode', { action })
        : t('compose.job.failed', { action, code: job.exitCode });
    case 'done':
      if (job.action !== 'down') return t(`compose.job.done.${job.action}`);
      return job.removedVolumes.length > 0
        ? t('compose.job.done.downWithVolumes', { volumes: job.removedVolumes.join(', ') })
        : t('compose.job.done.down');
  }
}
