import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import type { LessonState, LessonStepState } from '../../../shared/lessons';
import { Command } from '../onboarding/steps';
import { CheckIcon } from '../ui/icons';
import { InlineCode } from '../ui/InlineCode';
import type { LessonStepActionProps } from './lessonExtras';

export type LessonStepStatus = 'done' | 'current' | 'waiting';

export function stepStatus(lesson: LessonState, step: LessonStepState): LessonStepStatus {
  return step.done ? 'done' : lesson.current === step.id ? 'current' : 'waiting';
}

const linkClass = 'font-medium text-sky-700 underline dark:text-sky-300';

/**
 * One numbered step of a lesson: what to do and why, the docker commands that do it in a terminal,
 * the lesson's own way to do it in Berth, the screen that shows it, and, once the engine showed it
 * happened, what Berth saw. The current step is marked (aria-current="step"); done steps stay.
 */
export function LessonStep({
  lesson,
  step,
  index,
  Action,
}: {
  lesson: LessonState;
  step: LessonStepState;
  index: number;
  Action?: ComponentType<LessonStepActionProps>;
}) {
  const { t } = useTranslation();
  const status = stepStatus(lesson, step);
  const texts = `course.${lesson.id}.steps.${step.id}`;
  const titleId = `lesson-step-${step.id}-title`;
  return (
    <li
      aria-labelledby={titleId}
      aria-current={status === 'current' ? 'step' : undefined}
      data-testid={`lesson-step-${step.id}`}
      data-state={status}
      className={`rounded-lg border p-4 ${
        status === 'current'
          ? 'border-sky-400 bg-white shadow-sm ring-1 ring-sky-300 dark:border-sky-600 dark:bg-slate-900 dark:ring-sky-800'
          : 'border-slate-200 bg-white/60 dark:border-slate-800 dark:bg-slate-900/60'
      }`}
    >
      <div className="flex gap-3">
        <span
          aria-hidden="true"
          className={`flex h-7 w-7 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
            status === 'done'
              ? 'text-emerald-600 dark:text-emerald-400'
              : status === 'current'
                ? 'bg-sky-700 text-white'
                : 'bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300'
          }`}
        >
          {status === 'done' ? <CheckIcon className="h-7 w-7" strokeWidth={2.2} /> : index}
        </span>
        <div className="min-w-0 flex-1">
          <h2 id={titleId} className="font-semibold">
            <span className="sr-only">{t('lessons.stepNumber', { index })}: </span>
            {t(`${texts}.title`)}
            <span
              className={`ml-2 text-xs font-normal ${
                status === 'current' ? 'text-sky-700 dark:text-sky-300' : 'text-slate-500 dark:text-slate-400'
              }`}
              data-testid="lesson-step-status"
            >
              {t(`lessons.stepState.${status}`)}
            </span>
          </h2>
          <p className="mt-1 text-sm leading-6 text-slate-700 dark:text-slate-300">
            <InlineCode text={t(`${texts}.body`)} />
          </p>
          {step.done && (
            <p
              className="mt-2 flex items-start gap-1.5 text-sm font-medium text-emerald-800 dark:text-emerald-300"
              data-testid="lesson-step-done"
            >
              <CheckIcon className="mt-0.5 h-4 w-4 shrink-0" strokeWidth={2.4} />
              <span>
                <InlineCode text={t(`${texts}.done`, lesson.facts)} />
              </span>
            </p>
          )}
          {!step.done && Action && (
            <div className="mt-3" data-testid="lesson-step-action">
              <Action lesson={lesson} step={step} />
            </div>
          )}
          {step.commands.length > 0 && (
            <div className="mt-3 space-y-1.5">
              <p className="text-xs text-slate-600 dark:text-slate-400">
                {step.commands.length > 1 ? t('lessons.commands') : t('lessons.command')}
              </p>
              {step.commands.map((command, line) => (
                <Command
                  key={line}
                  text={command}
                  testId="lesson-command"
                  copyLabel={
                    step.commands.length > 1
                      ? `${t('lessons.copyLabel', { index })} (${line + 1})`
                      : t('lessons.copyLabel', { index })
                  }
                />
              ))}
            </div>
          )}
          {step.screen && (
            <p className="mt-2 text-sm">
              <a href={step.screen} className={linkClass} data-testid="lesson-step-screen">
                {t('lessons.screen')}
                <span className="sr-only"> ({t('lessons.stepNumber', { index })})</span> →
              </a>
            </p>
          )}
        </div>
      </div>
    </li>
  );
}
