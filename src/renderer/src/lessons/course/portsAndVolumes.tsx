import { useTranslation } from 'react-i18next';
import { useBerthClient } from '../../app/clientContext';
import { useEngineAvailable } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { useRunDialog } from '../../run/runDialogContext';
import type { VolumeRow } from '../../run/runForm';
import { Button } from '../../ui/Button';
import { InlineCode } from '../../ui/InlineCode';
import { Spinner } from '../../ui/Spinner';
import { useAction } from '../../ui/useAction';
import type { LessonExtras, LessonIntroProps, LessonStepActionProps } from '../lessonExtras';

/** The names the lesson's texts and commands use (src/main/lessons/course/portsAndVolumes.ts). */
const SITE_IMAGE = 'my-site';
const NOTES_VOLUME = 'berth-notes';
const notesMount: VolumeRow = { kind: 'named', name: NOTES_VOLUME, containerPath: '/data', readOnly: false };

/** -p and -v, each in a sentence, beside each other: what the two halves of the lesson are about. */
function PortsAndVolumesIntro(_props: LessonIntroProps) {
  const { t } = useTranslation();
  return (
    <div className="grid gap-3 md:grid-cols-2" data-testid="ports-and-volumes-intro">
      {(['ports', 'volumes'] as const).map((part) => (
        <section
          key={part}
          aria-labelledby={`ports-and-volumes-${part}`}
          className="rounded-lg border border-slate-200 bg-slate-50 p-4 dark:border-slate-800 dark:bg-slate-900/60"
        >
          <h2 id={`ports-and-volumes-${part}`} className="font-semibold text-slate-800 dark:text-slate-200">
            {t(`course.portsAndVolumes.${part}.title`)}
          </h2>
          <p className="mt-1 text-sm leading-6 text-slate-700 dark:text-slate-300">
            <InlineCode text={t(`course.portsAndVolumes.${part}.body`)} />
          </p>
        </section>
      ))}
    </div>
  );
}

/** Opens the run dialog with my-site: the image's EXPOSE 8080 fills in the port, published on 8080. */
function RunSite({ lesson }: LessonStepActionProps) {
  const { t } = useTranslation();
  const { openRun } = useRunDialog();
  const { actionProps } = useEngineAvailable();
  // Without lesson 5's image the dialog would look for my-site on Docker Hub: say where it comes from instead.
  if (lesson.unmet.some((need) => need.kind === 'lesson' && need.lesson === 'ownImage')) {
    return (
      <p className="text-sm text-slate-700 dark:text-slate-300" data-testid="lesson-site-missing">
        <InlineCode text={t('course.portsAndVolumes.steps.run.missingImage')} />
      </p>
    );
  }
  return (
    <Button variant="primary" {...actionProps} onClick={() => openRun(SITE_IMAGE)} data-testid="lesson-action-run">
      <InlineCode onColor text={t('course.portsAndVolumes.steps.run.action')} />
    </Button>
  );
}

/** The page in the browser (Electron hands web links to the OS browser), as the containers list opens a port. */
function OpenPage({ lesson, step }: LessonStepActionProps) {
  const { t } = useTranslation();
  const url = lesson.facts.url;
  if (!url) return null;
  return (
    <div className="flex flex-wrap items-center gap-3">
      <a
        href={url}
        target="_blank"
        rel="noreferrer"
        data-testid="lesson-action-open"
        className="inline-flex items-center gap-2 rounded-md bg-sky-700 px-3 py-1.5 text-sm font-medium text-white hover:bg-sky-800 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500"
      >
        <InlineCode onColor text={t('course.portsAndVolumes.steps.open.action', { url })} />
      </a>
      {!step.done && (
        <span className="inline-flex items-center gap-2 text-sm text-slate-600 dark:text-slate-400">
          <Spinner />
          {t('course.portsAndVolumes.steps.open.waiting')}
        </span>
      )}
    </div>
  );
}

/** `docker volume create berth-notes`, through the same request as the Volumes page's New volume. */
function MakeVolume() {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const { busy, failure, run } = useAction();
  return (
    <>
      <Button
        variant="primary"
        {...actionProps}
        disabled={actionProps.disabled || busy}
        onClick={() => void run(async () => void (await client.request('volumes.create', { name: NOTES_VOLUME })))}
        data-testid="lesson-action-volume"
      >
        {busy && <Spinner />}
        <InlineCode onColor text={t('course.portsAndVolumes.steps.volume.action')} />
      </Button>
      {failure && (
        <div className="mt-2">
          <ProblemCard problem={failure.toWire()} />
        </div>
      )}
    </>
  );
}

/** Opens the run dialog with busybox, the volume at /data and the step's command filled in. */
function runBusybox(step: 'write' | 'read', name: string, command: string) {
  function RunBusybox({ lesson }: LessonStepActionProps) {
    const { t } = useTranslation();
    const { openRun } = useRunDialog();
    const { actionProps } = useEngineAvailable();
    const file = lesson.facts.file ?? 'hello.txt';
    return (
      <Button
        variant="primary"
        {...actionProps}
        onClick={() => openRun('busybox', { name, volumes: [notesMount], command: command.replace('{{file}}', file) })}
        data-testid={`lesson-action-${step}`}
      >
        <InlineCode onColor text={t(`course.portsAndVolumes.steps.${step}.action`)} />
      </Button>
    );
  }
  return RunBusybox;
}

/** Lesson 6's own parts: -p and -v explained, and the steps done through Berth's run dialog and volumes. */
export const portsAndVolumesExtras: LessonExtras = {
  Intro: PortsAndVolumesIntro,
  steps: {
    run: RunSite,
    open: OpenPage,
    volume: MakeVolume,
    write: runBusybox('write', 'notes-writer', 'sh -c "echo hello > /data/{{file}}"'),
    read: runBusybox('read', 'notes-reader', 'cat /data/{{file}}'),
  },
};
