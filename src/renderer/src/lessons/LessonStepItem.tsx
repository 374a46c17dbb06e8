import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/errors';
import type { VolumeLessonStep } from '../../../shared/volumes';
import { ProblemCard } from '../engine/ProblemCard';
import { Command } from '../onboarding/steps';
import { Button } from '../ui/Button';
import { CheckIcon } from '../ui/icons';
import { InlineCode } from '../ui/InlineCode';
import { Spinner } from '../ui/Spinner';

export interface LessonStepItemProps {
  step: VolumeLessonStep;
  index: number;
  status: 'done' | 'next' | 'waiting';
  buttonLabel: string;
  /** A name inside the button's label (the container it removes or runs), marked as a value. */
  buttonValue?: string;
  /** The step is under way. */
  busy: boolean;
  /** Another step is under way, or the Docker server is not there: the button waits. */
  blocked: boolean;
  blockedTitle?: string;
  onRun: () => void;
  /** What the step saw, once done (`backticked` parts are values). */
  observed: string;
  /** What is happening while it runs (the pull of redis, when it is missing). */
  progress: ReactNode;
  failure: BerthError | null;
  command: string | null;
  /** Links to what the step made (the container, the volume). */
  links?: ReactNode;
}

/** One numbered step of a lesson: why, its button (only the next one enabled), what it saw, and its docker command. */
export function LessonStepItem({
  step,
  index,
  status,
  buttonLabel,
  buttonValue,
  busy,
  blocked,
  blockedTitle,
  onRun,
  observed,
  progress,
  failure,
  command,
  links,
}: LessonStepItemProps) {
  const { t } = useTranslation();
  const titleId = `lesson-step-${step}-title`;
  return (
    <li
      aria-labelledby={titleId}
      data-testid={`lesson-step-${step}`}
      data-state={status}
      className={`rounded-lg border p-4 ${
        status === 'next'
          ? 'border-sky-300 bg-white shadow-sm dark:border-sky-700 dark:bg-slate-900'
          : 'border-slate-200 bg-white/60 dark:border-slate-800 dark:bg-slate-900/60'
      }`}
    >
      <div className="flex gap-3">
        <span
          aria-hidden="true"
          className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
            status === 'done'
              ? 'text-emerald-600 dark:text-emerald-400'
              : status === 'next'
                ? 'bg-sky-700 text-white'
                : 'bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300'
          }`}
        >
          {status === 'done' ? <CheckIcon className="h-7 w-7" strokeWidth={2.2} /> : index}
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold">
            <span className="sr-only">{t('volumeLesson.stepNumber', { index })}: </span>
            {t(`volumeLesson.steps.${step}.title`)}
            <span
              className="ml-2 text-xs font-normal text-slate-500 dark:text-slate-400"
              data-testid="lesson-step-status"
            >
              {t(`volumeLesson.state.${status}`)}
            </span>
          </h2>
          <p className="mt-1 text-sm leading-6 text-slate-700 dark:text-slate-300">
            <InlineCode text={t(`volumeLesson.steps.${step}.body`)} />
          </p>
          {status !== 'done' && (
            <div className="mt-3 flex flex-wrap items-center gap-3">
              <Button
                variant={status === 'next' ? 'primary' : 'secondary'}
                disabled={status !== 'next' || blocked || busy}
                title={status === 'next' && blocked ? blockedTitle : undefined}
                onClick={onRun}
                data-testid={`lesson-run-${step}`}
              >
                {busy && <Spinner />}
                <LabelWithValue label={buttonLabel} value={buttonValue} />
              </Button>
              {busy && (
                <span role="status" className="text-sm text-slate-600 dark:text-slate-400">
                  {t(`volumeLesson.steps.${step}.busy`)}
                </span>
              )}
            </div>
          )}
          {busy && progress}
          {failure && (
            <div className="mt-3" data-testid="lesson-step-failure">
              {failure.code === 'name-in-use' ? (
                // The general "that name is taken" speaks of containers; here it may be the volume.
                <ProblemCard problem={failure.toWire()} advice={<InlineCode text={t('volumeLesson.nameTaken')} />} />
              ) : (
                <ProblemCard problem={failure.toWire()}>
                  <p className="mt-2 text-sm font-medium" data-testid="lesson-step-what-to-do">
                    {t('volumeLesson.failed')}
                  </p>
                </ProblemCard>
              )}
            </div>
          )}
          {status === 'done' && (
            <p
              className="mt-2 text-sm font-medium text-emerald-800 dark:text-emerald-300"
              data-testid="lesson-observed"
            >
              <InlineCode text={observed} />
            </p>
          )}
          {links && <div className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-sm">{links}</div>}
          {command && (
            <div className="mt-3">
              <p className="mb-1 text-xs text-slate-500 dark:text-slate-400">{t('volumeLesson.command')}</p>
              <Command text={command} testId="lesson-command" copyLabel={t('volumeLesson.copyLabel', { index })} />
            </div>
          )}
        </div>
      </div>
    </li>
  );
}

/** A label with a name in it, the name marked as a value (kept as it is in every language). */
function LabelWithValue({ label, value }: { label: string; value?: string }) {
  const at = value ? label.indexOf(value) : -1;
  if (!value || at < 0) return <span>{label}</span>;
  return (
    <span>
      {label.slice(0, at)}
      <span data-value className="font-mono">
        {value}
      </span>
      {label.slice(at + value.length)}
    </span>
  );
}
