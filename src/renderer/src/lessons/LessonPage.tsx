import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { lessonIds, type LessonId, type LessonState } from '../../../shared/lessons';
import { useNavigate } from '../app/navigation';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { CheckIcon } from '../ui/icons';
import { Spinner } from '../ui/Spinner';
import { useAction } from '../ui/useAction';
import { lessonExtras } from './course';
import { LessonNeeds } from './LessonNeeds';
import { LessonStep } from './LessonStep';
import { useLessons } from './lessonsStore';

const linkClass = 'font-medium text-sky-700 underline dark:text-sky-300';

/**
 * One lesson (#/lessons/<id>): its intro and its own parts, then its steps in order, each checked on
 * the live engine by the main process. Opening it starts it (the engine's events check it from then
 * on); coming back to the window checks it again, for what no engine event announces.
 */
export function LessonPage({ lessonId }: { lessonId: LessonId }) {
  const { t } = useTranslation();
  const { lessons, error, start, recheck } = useLessons();
  const [startError, setStartError] = useState<BerthError | null>(null);
  const checking = useAction();
  const [resetting, setResetting] = useState(false);
  const lesson = lessons?.find((candidate) => candidate.id === lessonId) ?? null;
  const extras = lessonExtras[lessonId];
  const index = lessonIds.indexOf(lessonId);

  // The page is keyed by its lesson (App), so this runs once a lesson opened.
  useEffect(() => {
    start(lessonId).catch((failure: unknown) => setStartError(toBerthError(failure)));
  }, [start, lessonId]);

  // Back in the window: the learner may have opened a page or edited a file no engine event tells of.
  useEffect(() => {
    const onFocus = () => void recheck(lessonId).catch(() => undefined);
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [recheck, lessonId]);

  const problem = startError ?? (lesson ? null : error);
  return (
    <div className="mx-auto max-w-4xl p-6" data-testid="lesson-page" data-lesson={lessonId}>
      <p className="text-sm">
        <a href="#/lessons" className={linkClass} data-testid="lesson-all">
          ← {t('lessons.allLessons')}
        </a>
      </p>
      <p className="mt-3 text-xs font-medium tracking-wide text-slate-600 uppercase dark:text-slate-400">
        {t('lessons.numberOf', { index: index + 1, count: lessonIds.length })}
      </p>
      <h1 className="mt-1 text-xl font-semibold">{t(`course.${lessonId}.title`)}</h1>
      <p className="mt-2 max-w-3xl text-sm leading-6 text-slate-700 dark:text-slate-300" data-testid="lesson-intro">
        {t(`course.${lessonId}.intro`)}
      </p>
      {/* What blocks the lesson comes before its own parts: it is what to do first. */}
      <LessonNeeds unmet={lesson?.unmet ?? []} />
      {lesson && extras.Intro && (
        <div className="mt-4" data-testid="lesson-extra-intro">
          <extras.Intro lesson={lesson} />
        </div>
      )}
      {problem && (
        <div className="mt-4">
          <ProblemCard problem={problem.toWire()} />
        </div>
      )}
      {!lesson ? (
        !problem && (
          <p role="status" className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="lesson-loading">
            {t('lessons.loading')}
          </p>
        )
      ) : (
        <>
          <div className="mt-6 flex flex-wrap items-center gap-3">
            <p className="min-w-0 flex-1 basis-72 text-xs leading-5 text-slate-600 dark:text-slate-400">
              {t('lessons.howChecked')}
            </p>
            <Button
              onClick={() => void checking.run(() => recheck(lessonId))}
              disabled={checking.busy}
              data-testid="lesson-check-again"
            >
              {checking.busy && <Spinner />}
              {checking.busy ? t('lessons.checking') : t('lessons.checkAgain')}
            </Button>
            {lesson.steps.some((step) => step.done) && (
              <Button onClick={() => setResetting(true)} data-testid="lesson-start-over">
                {t('lessons.startOver')}
              </Button>
            )}
          </div>
          {checking.failure && (
            <div className="mt-3">
              <ProblemCard problem={checking.failure.toWire()} />
            </div>
          )}
          <ol aria-label={t('lessons.stepsLabel')} className="mt-4 space-y-3" data-testid="lesson-steps">
            {lesson.steps.map((step, position) => (
              <LessonStep
                key={step.id}
                lesson={lesson}
                step={step}
                index={position + 1}
                Action={extras.steps?.[step.id]}
              />
            ))}
          </ol>
          {lesson.finished && <LessonDone lessonId={lessonId} />}
          {resetting && <StartOverDialog lesson={lesson} onClose={() => setResetting(false)} />}
        </>
      )}
      <LessonNeighbours lessonId={lessonId} />
    </div>
  );
}

/** The lesson is done: say so, and offer the next one. */
function LessonDone({ lessonId }: { lessonId: LessonId }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const next = lessonIds[lessonIds.indexOf(lessonId) + 1];
  return (
    <section
      aria-labelledby="lesson-done-title"
      className="mt-6 rounded-lg border border-emerald-300 bg-emerald-50 p-4 dark:border-emerald-800 dark:bg-emerald-950/40"
      data-testid="lesson-done"
    >
      <h2
        id="lesson-done-title"
        className="flex items-center gap-2 font-semibold text-emerald-900 dark:text-emerald-200"
      >
        <CheckIcon className="h-5 w-5" strokeWidth={2.4} />
        {t('lessons.done.title')}
      </h2>
      <p className="mt-1 text-sm leading-6 text-emerald-900 dark:text-emerald-100">{t('lessons.done.body')}</p>
      <div className="mt-3">
        {next ? (
          <Button variant="primary" onClick={() => navigate('lessons', next)} data-testid="lesson-done-next">
            {t('lessons.done.next', { title: t(`course.${next}.title`) })} →
          </Button>
        ) : (
          <p className="text-sm font-medium text-emerald-900 dark:text-emerald-100">{t('lessons.done.last')}</p>
        )}
      </div>
    </section>
  );
}

/** Previous and next lesson, in the course's order. */
function LessonNeighbours({ lessonId }: { lessonId: LessonId }) {
  const { t } = useTranslation();
  const at = lessonIds.indexOf(lessonId);
  const previous = at > 0 ? lessonIds[at - 1] : undefined;
  const next = lessonIds[at + 1];
  return (
    <nav
      aria-label={t('lessons.listLabel')}
      className="mt-8 flex flex-wrap justify-between gap-3 border-t border-slate-200 pt-4 text-sm dark:border-slate-800"
    >
      {previous ? (
        <a href={`#/lessons/${previous}`} className={linkClass} data-testid="lesson-previous">
          ← {t('lessons.previous', { title: t(`course.${previous}.title`) })}
        </a>
      ) : (
        <span />
      )}
      {next && (
        <a href={`#/lessons/${next}`} className={linkClass} data-testid="lesson-next">
          {t('lessons.next', { title: t(`course.${next}.title`) })} →
        </a>
      )}
    </nav>
  );
}

/** Forgets the lesson's progress after a confirmation that says nothing on the server goes. */
function StartOverDialog({ lesson, onClose }: { lesson: LessonState; onClose: () => void }) {
  const { t } = useTranslation();
  const { reset, start } = useLessons();
  const { busy, failure, run } = useAction();
  const title = t(`course.${lesson.id}.title`);
  return (
    <ConfirmDialog
      testId="lesson-reset-dialog"
      confirmTestId="lesson-reset-confirm"
      title={t('lessons.reset.title', { lesson: title })}
      body={<p data-testid="lesson-reset-body">{t('lessons.reset.body', { lesson: title })}</p>}
      cancelLabel={t('lessons.reset.cancel')}
      confirmLabel={t('lessons.reset.confirm')}
      busy={busy}
      failure={failure}
      onCancel={onClose}
      onConfirm={() =>
        void run(async () => {
          await reset(lesson.id);
          // A reset lesson is not started; this page is open on it, so it starts again at step 1.
          await start(lesson.id);
          onClose();
        })
      }
    />
  );
}
