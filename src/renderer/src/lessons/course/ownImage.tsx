import { useTranslation } from 'react-i18next';
import { SITE_DOCKERFILE, SITE_IMAGE } from '../../../../shared/siteExample';
import { useBerthClient } from '../../app/clientContext';
import { useNavigate } from '../../app/navigation';
import { buildFileProblemText } from '../../build/buildFileProblem';
import { BuildJobView } from '../../build/BuildJobView';
import { isBuildRunning, useBuildJobs } from '../../build/useBuildJobs';
import { useEngineAvailable } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { Button } from '../../ui/Button';
import { InlineCode } from '../../ui/InlineCode';
import { PathPicker } from '../../ui/PathPicker';
import { useAction } from '../../ui/useAction';
import type { LessonExtras, LessonIntroProps, LessonStepActionProps } from '../lessonExtras';

function FileBlock({ name, text }: { name: string; text: string }) {
  return (
    <figure className="min-w-0">
      <figcaption className="font-mono text-xs font-medium text-slate-600 dark:text-slate-400">{name}</figcaption>
      <pre className="mt-1 overflow-x-auto rounded-lg bg-slate-950 p-3 font-mono text-xs leading-5 text-slate-100">
        {text}
      </pre>
    </figure>
  );
}

/** The two files, for a learner who makes the folder by hand in a terminal. */
function SiteFiles(_props: LessonIntroProps) {
  const { t } = useTranslation();
  return (
    <section className="mt-4" data-testid="lesson-site-files" aria-labelledby="lesson-site-files-title">
      <h2 id="lesson-site-files-title" className="font-semibold">
        {t('course.ownImage.files.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">
        <InlineCode text={t('course.ownImage.files.body')} />
      </p>
      <div className="mt-2 grid gap-3 md:grid-cols-2">
        <FileBlock name={t('course.ownImage.files.dockerfile')} text={SITE_DOCKERFILE} />
        <FileBlock name={t('course.ownImage.files.indexHtml')} text={`${t('course.ownImage.files.indexHtmlText')}\n`} />
      </div>
    </section>
  );
}

/** Berth's way to have the project: the example copied into a folder the user picks or types. */
function CopyExample() {
  const { t } = useTranslation();
  const client = useBerthClient();
  return (
    <div data-testid="lesson-site-copy">
      <PathPicker
        open={(folder) => client.request('lessons.copyExample', { lesson: 'ownImage', folder })}
        // The lesson's state (its folder) comes back on the lessons.progress stream.
        onOpened={() => undefined}
        label={t('course.ownImage.folder.label')}
        help={t('course.ownImage.folder.help')}
        openLabel={t('course.ownImage.folder.copy')}
        busyLabel={t('course.ownImage.folder.copying')}
        testIdPrefix="lesson-site-folder"
        problemText={(error) => buildFileProblemText(t, error)}
      />
    </div>
  );
}

/** Builds the copied example as my-site, opens it in the Build page, and shows the latest build's steps. */
function SiteBuildControls({ folder, stepId }: { folder: string; stepId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const engine = useEngineAvailable();
  const { job, start } = useBuildJobs(folder);
  const { busy, failure, run } = useAction();
  const running = isBuildRunning(job);
  const build = () =>
    run(async () => {
      await start({
        contextPath: folder,
        dockerfile: 'Dockerfile',
        tag: SITE_IMAGE,
        buildArgs: [],
        target: '',
        noCache: false,
        pull: false,
      });
    });
  const openInBuild = () => navigate('build', folder);
  return (
    <div className="space-y-3" data-testid="lesson-site-build">
      <p className="text-sm">{t('course.ownImage.folder.copied', { folder })}</p>
      <div className="flex flex-wrap items-center gap-2">
        <Button
          variant="primary"
          disabled={busy || running}
          onClick={() => void build()}
          data-testid="lesson-site-build-start"
          {...engine.actionProps}
        >
          <InlineCode
            text={t(
              `course.ownImage.steps.${stepId === 'rebuild' ? 'rebuild' : stepId === 'edit' ? 'edit' : 'build'}.action`,
            )}
          />
        </Button>
        <Button onClick={openInBuild} data-testid="lesson-site-open-build">
          {t('course.ownImage.folder.openInBuild')}
        </Button>
      </div>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <InlineCode text={t('course.ownImage.folder.openInBuildHelp')} />
      </p>
      {failure && <ProblemCard problem={failure.toWire()} />}
      <section aria-labelledby={`lesson-site-job-${stepId}`} className="space-y-2">
        <h3 id={`lesson-site-job-${stepId}`} className="text-sm font-semibold">
          <InlineCode text={t('course.ownImage.job.title')} />
        </h3>
        {job ? (
          <BuildJobView job={job} onShowLine={openInBuild} />
        ) : (
          <p className="text-sm text-slate-600 dark:text-slate-400">
            <InlineCode text={t('course.ownImage.job.none')} />
          </p>
        )}
      </section>
    </div>
  );
}

/**
 * The Berth way of each step, offered at the step the learner is on:
 * the example's copy first, then a build of it as my-site. In a terminal, the step's command does it.
 */
function SiteStepAction({ lesson, step }: LessonStepActionProps) {
  if (lesson.current !== step.id) return null;
  // Copied at the first step, or later: my-site may be built already (in a terminal, before).
  if (!lesson.folder) return <CopyExample />;
  return <SiteBuildControls folder={lesson.folder} stepId={step.id} />;
}

/** Lesson 5's parts: the project's two files, and the Berth way of each step. */
export const ownImageExtras: LessonExtras = {
  Intro: SiteFiles,
  steps: { build: SiteStepAction, rebuild: SiteStepAction, edit: SiteStepAction },
};
