import { useTranslation } from 'react-i18next';
import type { LessonState } from '../../../../shared/lessons';
import { useBerthClient } from '../../app/clientContext';
import { useNavigate } from '../../app/navigation';
import { useCompose } from '../../compose/composeStore';
import { composeOpenProblemText } from '../../compose/composeText';
import { ProblemCard } from '../../engine/ProblemCard';
import { Button } from '../../ui/Button';
import { InlineCode } from '../../ui/InlineCode';
import { PathPicker } from '../../ui/PathPicker';
import { useAction } from '../../ui/useAction';
import type { LessonExtras, LessonIntroProps, LessonStepActionProps } from '../lessonExtras';

/** The page the example's web service publishes (compose.yaml: 127.0.0.1:8089:80). */
const PAGE_URL = 'http://127.0.0.1:8089/';

/** The project compose makes of the copied folder: its name, as compose lowercases it. */
function folderProject(folder: string): string {
  return (folder.split(/[\\/]/).filter(Boolean).at(-1) ?? '').toLowerCase();
}

/** The example, copied to a folder the learner picks (or where it was copied, and how to go there). */
function ExampleCard({ lesson }: LessonIntroProps) {
  const { t } = useTranslation();
  const client = useBerthClient();
  return (
    <section
      className="mt-4 rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
      aria-labelledby="lesson-compose-example-title"
      data-testid="lesson-compose-example"
    >
      <h2 id="lesson-compose-example-title" className="text-sm font-semibold">
        <InlineCode text={t('course.compose.example.title')} />
      </h2>
      <p className="mt-1 text-sm leading-6 text-slate-600 dark:text-slate-400">
        <InlineCode text={t('course.compose.example.body')} />
      </p>
      {lesson.folder ? (
        <div className="mt-3 space-y-2 text-sm">
          <p data-testid="lesson-compose-folder">
            <InlineCode text={t('course.compose.example.copied', { folder: lesson.folder })} />
          </p>
          <p className="text-slate-600 dark:text-slate-400">
            <InlineCode
              text={t('course.compose.example.terminal', {
                project: lesson.facts.project ?? folderProject(lesson.folder),
              })}
            />
          </p>
          <div className="flex flex-wrap gap-2">
            <OpenInCompose lesson={lesson} />
            <OpenPage />
          </div>
        </div>
      ) : (
        <div className="mt-3">
          <PathPicker
            open={(folder) => client.request('lessons.copyExample', { lesson: 'compose', folder })}
            // The lesson's state (with its folder) comes back on lessons.progress.
            onOpened={() => undefined}
            label={t('course.compose.example.label')}
            help={t('course.compose.example.help')}
            openLabel={t('course.compose.example.copy')}
            busyLabel={t('course.compose.example.copying')}
            testIdPrefix="lesson-compose-copy"
            // A typed path is refused where the OS dialog exists (Berth writes only where the user chose).
            problemText={(failure) =>
              failure.code === 'forbidden'
                ? t('course.compose.example.chooseInDialog')
                : composeOpenProblemText(t, failure)
            }
          />
          <p className="mt-2 text-xs leading-5 text-slate-600 dark:text-slate-400">
            <InlineCode text={t('course.compose.example.ownCopy')} />
          </p>
        </div>
      )}
    </section>
  );
}

/** Opens the project in the Compose screen, where Up and Down run it and show compose's output. */
function OpenInCompose({ lesson }: { lesson: LessonState }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const navigate = useNavigate();
  const { remember } = useCompose();
  const opening = useAction();
  const folder = lesson.folder;
  const project = lesson.facts.project ?? null;
  if (!folder && !project) return null;
  const open = () =>
    opening.run(async () => {
      if (folder) {
        const document = await client.request('compose.open', { path: folder });
        remember(document);
        navigate('compose', project ?? document.projectName);
      } else if (project) navigate('compose', project);
    });
  return (
    <>
      <Button
        variant="primary"
        disabled={opening.busy}
        onClick={() => void open()}
        data-testid="lesson-compose-open-compose"
      >
        {t('course.compose.example.openCompose')}
      </Button>
      {opening.failure && <ProblemCard problem={opening.failure.toWire()} />}
    </>
  );
}

/** The counter page, in the browser (Electron's shell sends web links to the OS browser). */
function OpenPage() {
  const { t } = useTranslation();
  return (
    <a
      href={PAGE_URL}
      target="_blank"
      rel="noreferrer"
      className="inline-flex items-center rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-sky-700 hover:bg-slate-50 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:border-slate-600 dark:bg-slate-800 dark:text-sky-300 dark:hover:bg-slate-700"
      data-testid="lesson-compose-open-page"
    >
      {t('course.compose.example.openPage')}
    </a>
  );
}

/** Up and down run in the Compose screen (its confirmation names what down removes). */
function ComposeStepAction({ lesson }: LessonStepActionProps) {
  return (
    <div className="flex flex-wrap gap-2">
      <OpenInCompose lesson={lesson} />
    </div>
  );
}

/** A visit: open the page, then come back (a visit sends no event, so Berth checks again on return). */
function VisitStepAction() {
  const { t } = useTranslation();
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        <OpenPage />
      </div>
      <p className="text-sm text-slate-600 dark:text-slate-400">
        <InlineCode text={t('course.compose.example.backHint')} />
      </p>
    </div>
  );
}

/** Lesson 7's own parts: the example's copy, Open in Compose, and the counter page. */
export const composeExtras: LessonExtras = {
  Intro: ExampleCard,
  steps: {
    up: ComposeStepAction,
    counted: VisitStepAction,
    down: ComposeStepAction,
    upAgain: ComposeStepAction,
  },
};
