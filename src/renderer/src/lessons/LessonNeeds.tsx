import { useTranslation } from 'react-i18next';
import { lessonIds, type LessonNeed } from '../../../shared/lessons';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { InlineCode } from '../ui/InlineCode';

const linkClass = 'font-medium text-sky-700 underline dark:text-sky-300';

/**
 * What the lesson needs that is not there now, each with its way to the fix: the Docker server (the
 * one engine-down view, with Retry and the installation check), compose (the Compose page says how
 * to install it), an earlier lesson (a link to it), the example's folder (the lesson's own part below
 * offers the copy).
 */
export function LessonNeeds({ unmet }: { unmet: readonly LessonNeed[] }) {
  const { t } = useTranslation();
  const { available } = useEngineAvailable();
  const others = unmet.filter((need) => need.kind !== 'engine');
  const engineNeeded = unmet.some((need) => need.kind === 'engine');
  return (
    <>
      {/* Shown whenever the renderer cannot reach the server, whatever the last lesson state said. */}
      <EngineUnavailable className="mt-4" consequence={t('lessons.unmet.engine')} />
      {engineNeeded && available && (
        <p role="status" className="mt-4 text-sm text-slate-600 dark:text-slate-400" data-testid="lesson-engine-back">
          {t('lessons.unmet.engineBack')}
        </p>
      )}
      {others.length > 0 && (
        <section
          aria-labelledby="lesson-needs-title"
          className="mt-4 rounded-lg border border-amber-300 bg-amber-50 p-4 text-sm text-amber-950 dark:border-amber-700/60 dark:bg-amber-950/40 dark:text-amber-100"
          data-testid="lesson-needs"
        >
          <h2 id="lesson-needs-title" className="font-semibold">
            {t('lessons.unmet.title')}
          </h2>
          <ul className="mt-2 space-y-2">
            {others.map((need) => (
              <li key={need.kind === 'lesson' ? `lesson-${need.lesson}` : need.kind} data-need={need.kind}>
                <NeedText need={need} />
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}

function NeedText({ need }: { need: Exclude<LessonNeed, { kind: 'engine' }> }) {
  const { t } = useTranslation();
  switch (need.kind) {
    case 'compose':
      return (
        <>
          <InlineCode text={t('lessons.unmet.compose')} />{' '}
          <a href="#/compose" className={linkClass} data-testid="lesson-need-compose">
            {t('lessons.unmet.composeLink')}
          </a>
        </>
      );
    case 'lesson': {
      const index = lessonIds.indexOf(need.lesson) + 1;
      return (
        <>
          {t('lessons.unmet.lesson', { index, title: t(`course.${need.lesson}.title`) })}{' '}
          <a href={`#/lessons/${need.lesson}`} className={linkClass} data-testid="lesson-need-lesson">
            {t('lessons.unmet.lessonLink', { index })}
          </a>
        </>
      );
    }
    case 'folder':
      return <>{t('lessons.unmet.folder')}</>;
  }
}
