import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BerthError } from '../../../shared/errors';
import {
  VOLUME_LESSON,
  volumeLessonSteps,
  type VolumeLessonState,
  type VolumeLessonStep,
} from '../../../shared/volumes';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { usePulls } from '../pulls/pullsStore';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CheckIcon } from '../ui/icons';
import { InlineCode } from '../ui/InlineCode';
import { useAction } from '../ui/useAction';
import { LessonStepItem } from './LessonStepItem';
import { useVolumeLesson } from './useVolumeLesson';

const linkClass = 'font-medium text-sky-700 underline dark:text-sky-300';

/**
 * The volume lesson (#/lessons/volumes): run redis on a named volume, write a key, remove the
 * container, run a new one on the same volume, and read the key back. The main process does each
 * step on the Docker server and checks it; this page shows where the lesson stands.
 */
export function VolumeLessonPage() {
  const { t } = useTranslation();
  const { available, actionProps } = useEngineAvailable();
  const lesson = useVolumeLesson(available);
  const { state } = lesson;
  const [resetting, setResetting] = useState(false);

  return (
    <div className="mx-auto max-w-4xl p-6" data-testid="volume-lesson-page">
      <h1 className="text-xl font-semibold">{t('volumeLesson.title')}</h1>
      <p className="mt-2 max-w-3xl text-sm leading-6 text-slate-700 dark:text-slate-300">{t('volumeLesson.why')}</p>
      {!available ? (
        <EngineUnavailable className="mt-4" consequence={t('volumeLesson.engineDown')} />
      ) : !state ? (
        lesson.loadError ? (
          <div className="mt-4">
            <ProblemCard problem={lesson.loadError.toWire()} />
          </div>
        ) : (
          <p role="status" className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="lesson-loading">
            {t('volumeLesson.loading')}
          </p>
        )
      ) : null}
      {state && (
        <>
          {lesson.loadError && available && (
            <div className="mt-4">
              <ProblemCard problem={lesson.loadError.toWire()} />
            </div>
          )}
          <ol aria-label={t('volumeLesson.stepsLabel')} className="mt-6 space-y-3" data-testid="lesson-steps">
            {volumeLessonSteps.map((step, position) => (
              <StepOf
                key={step}
                step={step}
                index={position + 1}
                state={state}
                busy={lesson.busy}
                failure={lesson.failure?.step === step ? lesson.failure.error : null}
                blocked={!available || lesson.busy !== null}
                blockedTitle={actionProps.title}
                onRun={() => void lesson.run(step)}
              />
            ))}
          </ol>
          {state.done.includes('read') && <Celebration state={state} />}
          {(state.done.length > 0 || state.container !== null) && (
            <div className="mt-6 flex justify-end">
              <Button
                onClick={() => setResetting(true)}
                disabled={lesson.busy !== null || !available}
                data-testid="lesson-start-over"
              >
                {t('volumeLesson.startOver')}
              </Button>
            </div>
          )}
          {resetting && <StartOverDialog state={state} reset={lesson.reset} onClose={() => setResetting(false)} />}
        </>
      )}
    </div>
  );
}

/** One step, with what it saw, its command and its links, from the lesson's state. */
function StepOf({
  step,
  index,
  state,
  busy,
  failure,
  blocked,
  blockedTitle,
  onRun,
}: {
  step: VolumeLessonStep;
  index: number;
  state: VolumeLessonState;
  busy: VolumeLessonStep | null;
  failure: BerthError | null;
  blocked: boolean;
  blockedTitle?: string;
  onRun: () => void;
}) {
  const { t } = useTranslation();
  const { jobs, setPanelOpen } = usePulls();
  const done = state.done.includes(step);
  const next = volumeLessonSteps[state.done.length] === step;
  const command = state.commands.find((line) => line.step === step)?.command ?? null;
  const names = { container: VOLUME_LESSON.first, volume: VOLUME_LESSON.volume };
  const buttonValue = step === 'remove' ? VOLUME_LESSON.first : step === 'runAgain' ? VOLUME_LESSON.second : undefined;
  const buttonLabel = t(`volumeLesson.steps.${step}.button`, { name: buttonValue });

  const observed =
    step === 'write'
      ? state.written !== null
        ? t('volumeLesson.steps.write.observed', { value: state.written })
        : t('volumeLesson.steps.write.observedUnknown')
      : step === 'read'
        ? t('volumeLesson.steps.read.observed', { value: state.readBack ?? '' })
        : t(`volumeLesson.steps.${step}.observed`, names);

  // While redis is pulled for step 1 or 4, its progress (the pulls panel has the details).
  const pull =
    busy === step && (step === 'run' || step === 'runAgain')
      ? jobs.find((job) => job.state === 'pulling' && /^redis(:latest)?$/.test(job.reference))
      : undefined;
  const progress = pull ? (
    <div className="mt-2 flex flex-wrap items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
      <p data-testid="lesson-pulling">
        {pull.bytesKnown
          ? t('volumeLesson.pulling', { percent: Math.round(pull.percent) })
          : t('volumeLesson.pullingNoPercent')}
      </p>
      <Button variant="ghost" className="!px-2 !py-0.5 text-xs" onClick={() => setPanelOpen(true)}>
        {t('volumeLesson.showPulls')}
      </Button>
    </div>
  ) : null;

  const madeContainer =
    (step === 'run' && state.containerName === VOLUME_LESSON.first) ||
    (step === 'runAgain' && state.containerName === VOLUME_LESSON.second);
  const links =
    done && (step === 'run' || step === 'runAgain') ? (
      <>
        {madeContainer && state.container && (
          <a
            href={`#/containers/${encodeURIComponent(state.container)}`}
            className={linkClass}
            data-testid="lesson-container-link"
          >
            <InlineCode text={t('volumeLesson.openContainer', { name: state.containerName })} />
          </a>
        )}
        {step === 'run' && (
          <a
            href={`#/volumes/${encodeURIComponent(state.volume)}`}
            className={linkClass}
            data-testid="lesson-volume-link"
          >
            <InlineCode text={t('volumeLesson.openVolume', { name: state.volume })} />
          </a>
        )}
      </>
    ) : undefined;

  return (
    <LessonStepItem
      step={step}
      index={index}
      status={done ? 'done' : next ? 'next' : 'waiting'}
      buttonLabel={buttonLabel}
      buttonValue={buttonValue}
      busy={busy === step}
      blocked={blocked}
      blockedTitle={blockedTitle}
      onRun={onRun}
      observed={observed}
      progress={progress}
      failure={failure}
      command={command}
      links={links}
    />
  );
}

/** The end: the key read from the new container is the one the old one wrote, and why. */
function Celebration({ state }: { state: VolumeLessonState }) {
  const { t } = useTranslation();
  return (
    <section
      role="status"
      aria-labelledby="lesson-celebrate-title"
      data-testid="lesson-celebrate"
      className="mt-6 rounded-lg border border-emerald-300 bg-emerald-50 p-5 text-emerald-950 dark:border-emerald-700/60 dark:bg-emerald-950/40 dark:text-emerald-100"
    >
      <h2 id="lesson-celebrate-title" className="flex items-center gap-2 text-lg font-semibold">
        <CheckIcon className="h-6 w-6 shrink-0 text-emerald-600 dark:text-emerald-400" strokeWidth={2.2} />
        {t('volumeLesson.celebrate.title')}
      </h2>
      <dl className="mt-3 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
        {state.written !== null && (
          <>
            <dt>
              <InlineCode text={t('volumeLesson.celebrate.writtenBy', { name: VOLUME_LESSON.first })} />
            </dt>
            <dd className="font-mono" data-testid="lesson-celebrate-written">
              lesson = {state.written}
            </dd>
          </>
        )}
        <dt>
          <InlineCode text={t('volumeLesson.celebrate.readBy', { name: VOLUME_LESSON.second })} />
        </dt>
        <dd className="font-mono font-semibold" data-testid="lesson-celebrate-value">
          lesson = {state.readBack}
        </dd>
      </dl>
      <p className="mt-2 text-sm leading-6">
        <InlineCode
          text={t('volumeLesson.celebrate.body', {
            first: VOLUME_LESSON.first,
            second: VOLUME_LESSON.second,
            volume: VOLUME_LESSON.volume,
          })}
        />
      </p>
      <p className="mt-2 text-sm leading-6">{t('volumeLesson.celebrate.next')}</p>
    </section>
  );
}

/** Names what starting over removes: the lesson's volume (with the key in it) and its container. */
function StartOverDialog({
  state,
  reset,
  onClose,
}: {
  state: VolumeLessonState;
  reset: () => Promise<void>;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { busy, failure, run } = useAction();
  const items = [
    ...(state.containerName
      ? [
          {
            key: state.containerName,
            label: <InlineCode text={t('volumeLesson.reset.container', { name: state.containerName })} />,
          },
        ]
      : []),
    { key: state.volume, label: <InlineCode text={t('volumeLesson.reset.volume', { name: state.volume })} /> },
  ];
  const confirm = () =>
    run(async () => {
      await reset();
      onClose();
    });
  return (
    <ConfirmDialog
      testId="lesson-reset-dialog"
      confirmTestId="lesson-reset-confirm"
      itemsTestId="lesson-reset-items"
      title={t('volumeLesson.reset.title')}
      body={<p>{t('volumeLesson.reset.body')}</p>}
      items={items}
      cancelLabel={t('volumeLesson.reset.cancel')}
      confirmLabel={t('volumeLesson.reset.confirm')}
      busy={busy}
      failure={failure}
      onCancel={onClose}
      onConfirm={() => void confirm()}
    />
  );
}
