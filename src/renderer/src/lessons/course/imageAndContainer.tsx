import { useTranslation } from 'react-i18next';
import { useBerthClient } from '../../app/clientContext';
import { useNavigate } from '../../app/navigation';
import { useEngineAvailable } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { Button } from '../../ui/Button';
import { InlineCode } from '../../ui/InlineCode';
import { Spinner } from '../../ui/Spinner';
import { useAction } from '../../ui/useAction';
import type { LessonExtras, LessonIntroProps, LessonStepActionProps } from '../lessonExtras';

/** Which containers the checks look at, said once under the intro. */
function Intro(_props: LessonIntroProps) {
  const { t } = useTranslation();
  return <p className="text-sm leading-6">{t('course.imageAndContainer.which')}</p>;
}

/**
 * Runs busybox with a command that keeps it running, under the name the step's command suggests
 * (the lesson's facts): the same container `docker run -d --name … busybox sleep 3600` makes.
 */
function RunBusybox({ name, label, testId }: { name: string | undefined; label: string; testId: string }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const action = useAction();
  const start = () =>
    action.run(async () => {
      await client.request('run.start', { image: 'busybox', name: name ?? null, command: ['sleep', '3600'] });
    });
  return (
    <div className="space-y-2">
      <Button
        variant="primary"
        {...actionProps}
        disabled={actionProps.disabled || action.busy}
        onClick={() => void start()}
        data-testid={testId}
      >
        {action.busy && <Spinner />}
        {action.busy ? t('course.imageAndContainer.run.running') : label}
      </Button>
      {action.failure && (
        <ProblemCard problem={action.failure.toWire()} heading={t('course.imageAndContainer.run.failed')} />
      )}
    </div>
  );
}

function RunFirst({ lesson }: LessonStepActionProps) {
  const { t } = useTranslation();
  return (
    <RunBusybox
      name={lesson.facts.first}
      label={t('course.imageAndContainer.steps.first.action')}
      testId="lesson-action-first"
    />
  );
}

function RunSecond({ lesson }: LessonStepActionProps) {
  const { t } = useTranslation();
  return (
    <RunBusybox
      name={lesson.facts.second}
      label={t('course.imageAndContainer.steps.second.action')}
      testId="lesson-action-second"
    />
  );
}

/** The two containers' pages: the Terminal tab is where the file is written and looked for. */
function OpenTerminals({ lesson }: LessonStepActionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { first, second } = lesson.facts;
  if (!first || !second) return null;
  return (
    <div className="space-y-2">
      <p className="text-sm leading-6">
        <InlineCode text={t('course.imageAndContainer.steps.separate.terminalHint', lesson.facts)} />
      </p>
      <div className="flex flex-wrap gap-2">
        <Button
          variant="primary"
          onClick={() => navigate('containers', first, { tab: 'terminal' })}
          data-testid="lesson-action-separate"
        >
          {t('course.imageAndContainer.steps.separate.action', lesson.facts)}
        </Button>
        <Button onClick={() => navigate('containers', second, { tab: 'terminal' })}>
          {t('course.imageAndContainer.steps.separate.openSecond', lesson.facts)}
        </Button>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <InlineCode text={t('course.imageAndContainer.steps.separate.waiting')} />
      </p>
    </div>
  );
}

export const imageAndContainerExtras: LessonExtras = {
  Intro,
  steps: { first: RunFirst, second: RunSecond, separate: OpenTerminals },
};
