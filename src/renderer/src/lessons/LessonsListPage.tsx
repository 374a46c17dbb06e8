import { useTranslation } from 'react-i18next';
import type { LessonState } from '../../../shared/lessons';
import { useNavigate } from '../app/navigation';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { CheckIcon } from '../ui/icons';
import { lessonProgress, nextLessonToDo, useLessons } from './lessonsStore';

/**
 * The course (#/lessons): the eight lessons in order, how far each is, and where to go on. A
 * beginner sees lesson 1 marked "Begin here"; later, the first lesson not finished.
 */
export function LessonsListPage() {
  const { t } = useTranslation();
  const { lessons, error } = useLessons();
  const next = lessons ? nextLessonToDo(lessons) : null;
  // A beginner is told where to begin; someone under way, what comes next.
  const underWay = lessons?.some((lesson) => lesson.started) ?? false;
  return (
    <div className="mx-auto max-w-4xl p-6" data-testid="lessons-list-page">
      <h1 className="text-xl font-semibold">{t('lessons.title')}</h1>
      <p className="mt-2 max-w-3xl text-sm leading-6 text-slate-700 dark:text-slate-300">{t('lessons.intro')}</p>
      {!lessons ? (
        error ? (
          <div className="mt-4">
            <ProblemCard problem={error.toWire()} />
          </div>
        ) : (
          <p role="status" className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="lessons-loading">
            {t('lessons.loading')}
          </p>
        )
      ) : (
        <>
          {!next && (
            <p className="mt-4 font-medium text-emerald-800 dark:text-emerald-300" data-testid="lessons-all-done">
              {t('lessons.allDone')}
            </p>
          )}
          <ol aria-label={t('lessons.listLabel')} className="mt-6 space-y-3" data-testid="lessons-list">
            {lessons.map((lesson, position) => (
              <LessonRow
                key={lesson.id}
                lesson={lesson}
                index={position + 1}
                recommended={lesson.id === next?.id ? (underWay ? 'upNext' : 'beginHere') : null}
              />
            ))}
          </ol>
        </>
      )}
    </div>
  );
}

function LessonRow({
  lesson,
  index,
  recommended,
}: {
  lesson: LessonState;
  index: number;
  /** The lesson to do next, and how to say it; null for the others. */
  recommended: 'beginHere' | 'upNext' | null;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { done, count } = lessonProgress(lesson);
  const title = t(`course.${lesson.id}.title`);
  const action = lesson.finished
    ? t('lessons.review')
    : lesson.started && done > 0
      ? t('lessons.continue')
      : t('lessons.start');
  return (
    <li
      data-testid={`lesson-row-${lesson.id}`}
      data-finished={lesson.finished}
      data-recommended={recommended !== null}
      className={`flex flex-wrap items-center gap-4 rounded-lg border p-4 ${
        recommended
          ? 'border-sky-300 bg-white shadow-sm dark:border-sky-700 dark:bg-slate-900'
          : 'border-slate-200 bg-white/60 dark:border-slate-800 dark:bg-slate-900/60'
      }`}
    >
      <span
        aria-hidden="true"
        className={`flex h-8 w-8 shrink-0 items-center justify-center rounded-full text-sm font-semibold ${
          lesson.finished
            ? 'text-emerald-600 dark:text-emerald-400'
            : recommended
              ? 'bg-sky-700 text-white'
              : 'bg-slate-200 text-slate-600 dark:bg-slate-700 dark:text-slate-300'
        }`}
      >
        {lesson.finished ? <CheckIcon className="h-8 w-8" strokeWidth={2.2} /> : index}
      </span>
      <div className="min-w-0 flex-1 basis-64">
        <h2 className="font-semibold">
          <span className="sr-only">{t('lessons.number', { index })}: </span>
          <a
            href={`#/lessons/${lesson.id}`}
            onClick={(event) => {
              event.preventDefault();
              navigate('lessons', lesson.id);
            }}
            className="hover:underline focus-visible:outline-2 focus-visible:outline-sky-500"
          >
            {title}
          </a>
        </h2>
        <p className="mt-0.5 text-sm text-slate-700 dark:text-slate-300">{t(`course.${lesson.id}.summary`)}</p>
        <div className="mt-1.5 flex flex-wrap items-center gap-2 text-xs text-slate-600 dark:text-slate-400">
          {count > 0 && <span data-testid="lesson-progress">{t('lessons.progress', { done, count })}</span>}
          {lesson.finished && (
            <Badge tone="emerald" testId="lesson-finished">
              {t('lessons.finished')}
            </Badge>
          )}
          {recommended && (
            <Badge tone="sky" testId="lesson-recommended">
              {t(`lessons.${recommended}`)}
            </Badge>
          )}
        </div>
      </div>
      <Button
        variant={recommended !== null ? 'primary' : 'secondary'}
        onClick={() => navigate('lessons', lesson.id)}
        aria-label={t('lessons.openLesson', { action, index, title })}
        data-testid="lesson-open"
      >
        {action}
      </Button>
    </li>
  );
}
