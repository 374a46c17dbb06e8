import { useTranslation } from 'react-i18next';
import { useNavigate } from '../../app/navigation';
import { Button } from '../../ui/Button';
import { InlineCode } from '../../ui/InlineCode';
import type { LessonExtras, LessonIntroProps, LessonStepActionProps } from '../lessonExtras';

/** Something to remove when nothing is: 50 MB written into a container's own files, then it stops. */
const PRACTICE_COMMAND = 'docker run --name cleanup-practice busybox dd if=/dev/zero of=/practice bs=1M count=50';

/** The disk usage Berth measured for the lesson: what Docker uses, and the reclaimable space before and after. */
function Measured({ lesson }: LessonIntroProps) {
  const { t } = useTranslation();
  const { facts } = lesson;
  const cleaned = lesson.steps.find((step) => step.id === 'clean')?.done ?? false;
  const rows: [label: string, value: string | undefined, testId: string][] = cleaned
    ? [
        [t('course.cleanUp.measured.before'), facts.before, 'before'],
        [t('course.cleanUp.measured.after'), facts.after, 'after'],
        [t('course.cleanUp.measured.total'), facts.total, 'total'],
      ]
    : [
        [t('course.cleanUp.measured.total'), facts.total, 'total'],
        [t('course.cleanUp.measured.reclaimable'), facts.reclaimable, 'reclaimable'],
      ];
  return (
    <section
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
      aria-labelledby="lesson-clean-up-measured-title"
      data-testid="lesson-clean-up-measured"
    >
      <h2 id="lesson-clean-up-measured-title" className="text-sm font-semibold">
        {t('course.cleanUp.measured.title')}
      </h2>
      {facts.total === undefined ? (
        <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('course.cleanUp.measured.waiting')}</p>
      ) : (
        <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-1 text-sm">
          {rows.map(([label, value, testId]) => (
            <div key={testId} className="contents">
              <dt className="text-slate-600 dark:text-slate-400">{label}</dt>
              <dd className="font-mono" data-testid={`lesson-clean-up-${testId}`}>
                {value}
              </dd>
            </div>
          ))}
        </dl>
      )}
    </section>
  );
}

/** Opens the Disk usage page, where the clean-up lists each item it removes and asks to confirm. */
function OpenDiskUsage({ step }: LessonStepActionProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <Button variant="primary" onClick={() => navigate('disk')} data-testid={`lesson-clean-up-open-disk-${step.id}`}>
      {t(`course.cleanUp.steps.${step.id === 'clean' ? 'clean' : 'measure'}.action`)}
    </Button>
  );
}

/**
 * Cleaning: the Disk usage page, what the prune commands remove beyond the lesson's, and, when
 * nothing is reclaimable, something to make first (the space cannot go down from nothing).
 */
function CleanStepAction(props: LessonStepActionProps) {
  const { t } = useTranslation();
  const { lesson, step } = props;
  const nothing = !step.done && lesson.facts.reclaimableBytes === '0';
  return (
    <div className="space-y-2">
      {nothing && (
        <div
          className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900 dark:border-amber-700 dark:bg-amber-950 dark:text-amber-200"
          data-testid="lesson-clean-up-nothing"
        >
          <p>
            <InlineCode text={t('course.cleanUp.nothing')} />
          </p>
          <code className="mt-2 block font-mono text-xs break-all select-all" data-value="">
            {PRACTICE_COMMAND}
          </code>
        </div>
      )}
      <OpenDiskUsage {...props} />
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <InlineCode text={t('course.cleanUp.pruneWarning')} />
      </p>
    </div>
  );
}

/** Lesson 8's own parts: the measurements as facts, the way to the clean-up. */
export const cleanUpExtras: LessonExtras = {
  Intro: Measured,
  steps: {
    measure: OpenDiskUsage,
    clean: CleanStepAction,
  },
};
