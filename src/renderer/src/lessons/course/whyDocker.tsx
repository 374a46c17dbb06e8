import { useTranslation } from 'react-i18next';
import { useEngineAvailable } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { usePulls } from '../../pulls/pullsStore';
import { useRunDialog } from '../../run/runDialogContext';
import { Button } from '../../ui/Button';
import { Spinner } from '../../ui/Spinner';
import { useAction } from '../../ui/useAction';
import type { LessonExtras } from '../lessonExtras';

const IMAGE = 'redis';

const wayLooks = {
  old: {
    box: 'border-slate-200 bg-slate-50 dark:border-slate-800 dark:bg-slate-900/60',
    title: 'text-slate-800 dark:text-slate-200',
  },
  new: {
    box: 'border-sky-200 bg-sky-50 dark:border-sky-900 dark:bg-sky-950/40',
    title: 'text-sky-900 dark:text-sky-200',
  },
} as const;

/** One way to get redis running: its title and what it takes. */
function Way({ way }: { way: 'old' | 'new' }) {
  const { t } = useTranslation();
  const key = way === 'old' ? 'oldWay' : 'newWay';
  return (
    <section aria-labelledby={`why-docker-${way}`} className={`rounded-lg border p-4 ${wayLooks[way].box}`}>
      <h2 id={`why-docker-${way}`} className={`font-semibold ${wayLooks[way].title}`}>
        {t(`course.whyDocker.${key}.title`)}
      </h2>
      <p className="mt-1 text-sm leading-6 text-slate-700 dark:text-slate-300">{t(`course.whyDocker.${key}.body`)}</p>
    </section>
  );
}

/** The old way against Docker's, side by side: what installing redis by hand takes, and the one command. */
function OldWayNewWay() {
  return (
    <div className="grid gap-3 md:grid-cols-2" data-testid="why-docker-ways">
      <Way way="old" />
      <Way way="new" />
    </div>
  );
}

/** Pulls redis; the pulls panel opens and shows its progress, and the step turns done when the image is in. */
function PullRedis() {
  const { t } = useTranslation();
  const { jobs, startPull } = usePulls();
  const { actionProps } = useEngineAvailable();
  const { busy, failure, run } = useAction();
  const pulling = jobs.some((job) => job.state === 'pulling' && /^redis(:latest)?$/.test(job.reference));
  return (
    <>
      <Button
        variant="primary"
        {...actionProps}
        disabled={actionProps.disabled || busy || pulling}
        onClick={() => void run(async () => void (await startPull(IMAGE)))}
        data-testid="lesson-action-pull"
      >
        {(busy || pulling) && <Spinner />}
        {t('course.whyDocker.steps.pull.action')}
      </Button>
      {failure && (
        <div className="mt-2">
          <ProblemCard problem={failure.toWire()} />
        </div>
      )}
    </>
  );
}

/** Opens the run dialog with redis in it (it pulls redis first when it is missing). */
function RunRedis() {
  const { t } = useTranslation();
  const { openRun } = useRunDialog();
  const { actionProps } = useEngineAvailable();
  return (
    <Button variant="primary" {...actionProps} onClick={() => openRun(IMAGE)} data-testid="lesson-action-run">
      {t('course.whyDocker.steps.run.action')}
    </Button>
  );
}

/** Lesson 1's own parts: the two ways side by side, and the pull and run buttons. */
export const whyDockerExtras: LessonExtras = {
  Intro: OldWayNewWay,
  steps: { pull: PullRedis, run: RunRedis },
};
