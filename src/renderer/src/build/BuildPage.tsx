import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  DOCKERFILE_ABSENT_VERSION,
  type BuildFolder,
  type BuildOptions,
  type DockerfileDocument,
} from '../../../shared/builds';
import { dockerBuildCommand } from '../../../shared/dockerBuildCommand';
import { parseDockerfile } from '../../../shared/dockerfile';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { pathsAfterRemoving, visibleErrors } from '../run/runForm';
import { Button } from '../ui/Button';
import { CodeEditor, type CodeEditorHandle } from '../ui/CodeEditor';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { Dialog } from '../ui/Dialog';
import { EditedFileHeader } from '../ui/EditedFileHeader';
import { openedFile, useFileSave, type FileEdit, type SaveAnswer } from '../ui/useFileSave';
import { AboutBuilder } from './AboutBuilder';
import { buildFileProblemText } from './buildFileProblem';
import { BuildJobView } from './BuildJobView';
import { BuildOptionsForm } from './BuildOptionsForm';
import { emptyBuildForm, suggestedTag, undeclaredArgs, validateBuildForm, type BuildForm } from './buildForm';
import { ContextSummary } from './ContextSummary';
import { FolderPicker } from './FolderPicker';
import { isBuildRunning, useBuildJobs } from './useBuildJobs';
import { useKeptState } from './useKeptState';

/** The folder open on the Build page, and its Dockerfile as the editor has it. */
interface OpenFolder extends FileEdit<DockerfileDocument> {
  folder: BuildFolder;
}

/**
 * The Build page: a folder and its Dockerfile, an editor that saves only when asked (and never over
 * a file that changed on disk), the build's options, what the build context sends, and the build
 * itself, which goes on in the main process when the page is left.
 */
export function BuildPage({ folder = null }: { folder?: string | null } = {}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const engine = useEngineAvailable();
  const [open, setOpen] = useKeptState<OpenFolder | null>('build.open', null);
  const [form, setForm] = useKeptState<BuildForm>('build.form', () => emptyBuildForm());
  const [left, setLeft] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const [discardAsked, setDiscardAsked] = useState<(() => void) | null>(null);
  const [saveFirstAsked, setSaveFirstAsked] = useState(false);
  const [starting, setStarting] = useState(false);
  const [cancelling, setCancelling] = useState(false);
  // Counts saves and .dockerignore changes: the context summary counts again after each.
  const [revision, setRevision] = useState(0);
  const editor = useRef<CodeEditorHandle>(null);
  const jobSection = useRef<HTMLElement>(null);
  // The build started here: its steps are scrolled into view once they show.
  const [startedHere, setStartedHere] = useState<string | null>(null);
  const optionsRef = useRef<HTMLDivElement>(null);

  const contextPath = open?.folder.contextPath ?? null;
  const { job, start, cancel } = useBuildJobs(contextPath);
  const running = isBuildRunning(job);
  const base = open?.base ?? null;
  const setEdit = useCallback(
    (update: (edit: FileEdit<DockerfileDocument>) => FileEdit<DockerfileDocument>) =>
      setOpen((previous) => previous && { ...previous, ...update(previous) }),
    [setOpen],
  );
  const write = useCallback(
    async (file: DockerfileDocument, text: string): Promise<SaveAnswer<DockerfileDocument>> => {
      const result = await client.request('builds.saveDockerfile', {
        contextPath: contextPath ?? '/',
        dockerfile: file.path,
        content: text,
        version: file.version,
      });
      return result.saved ? { saved: true, file: result.document } : result;
    },
    [client, contextPath],
  );
  const countAgain = useCallback(() => setRevision((count) => count + 1), []);
  const fileSave = useFileSave({
    edit: open,
    setEdit,
    write,
    onError: setFailure,
    onSaved: countAgain,
    onReloaded: countAgain,
  });
  const { dirty, save } = fileSave;

  const parsed = useMemo(() => parseDockerfile(open?.text ?? ''), [open?.text]);
  const { options, errors } = useMemo(
    () =>
      validateBuildForm(t, form, {
        contextPath: contextPath ?? '/',
        dockerfile: base?.path ?? 'Dockerfile',
        stages: parsed.stages,
      }),
    [t, form, contextPath, base?.path, parsed.stages],
  );
  // A stage the Dockerfile no longer has is a fact about the text, shown at once.
  const shownErrors = visibleErrors(errors, left, submitted, errors.target ? { target: errors.target } : {});
  const command = options && base ? dockerBuildCommand(options) : null;
  // A file problem (not opened, write failed...) is one sentence; anything else a problem card.
  const failureSentence = failure ? buildFileProblemText(t, failure) : null;

  const opened = (folder: BuildFolder, keepOptions = false) => {
    setOpen({ folder, ...openedFile(folder.dockerfile) });
    if (!keepOptions) setForm(emptyBuildForm(suggestedTag(folder.contextPath)));
    setLeft(new Set());
    setSubmitted(false);
    setFailure(null);
    fileSave.setSavedNotice(false);
  };

  /** Runs `then` at once, or after the user agrees to lose unsaved edits. */
  const unlessDirty = (then: () => void) => (dirty ? setDiscardAsked(() => then) : then());

  const openOtherFile = (path: string) =>
    unlessDirty(() => {
      if (!contextPath) return;
      client.request('builds.openFolder', { folder: contextPath, dockerfile: path }).then(
        (folder) => opened(folder, true),
        (caught: unknown) => setFailure(toBerthError(caught)),
      );
    });

  /** A Dockerfile the folder does not have yet: a small start in the editor, created on disk by Save. */
  const writeNew = () =>
    setOpen((previous) =>
      previous
        ? {
            ...previous,
            base: { path: 'Dockerfile', content: '', version: DOCKERFILE_ABSENT_VERSION },
            text: `# ${t('build.noDockerfile.starterComment')}\nFROM busybox\nCMD ["echo", "Hello from my image"]\n`,
            generation: previous.generation + 1,
          }
        : previous,
    );

  const startBuild = async (buildOptions: BuildOptions) => {
    setStarting(true);
    setFailure(null);
    try {
      setStartedHere((await start(buildOptions)).id);
    } catch (caught) {
      setFailure(toBerthError(caught));
    } finally {
      setStarting(false);
    }
  };

  const build = () => {
    setSubmitted(true);
    if (!options) {
      optionsRef.current?.querySelector<HTMLElement>('[aria-invalid=true]')?.focus();
      return;
    }
    if (dirty) setSaveFirstAsked(true);
    else void startBuild(options);
  };

  // #/build/<folder> (a lesson's "Open in Build"): that folder, unless it is open already.
  useEffect(() => {
    if (!folder || folder === contextPath) return;
    client.request('builds.openFolder', { folder, dockerfile: null }).then(
      (found) => unlessDirty(() => opened(found)),
      (caught: unknown) => setFailure(toBerthError(caught)),
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new route opens a folder; the rest is read as it is then
  }, [folder]);

  useEffect(() => {
    if (!startedHere || job?.id !== startedHere) return;
    jobSection.current?.scrollIntoView?.({ behavior: 'smooth', block: 'start' });
  }, [startedHere, job?.id]);

  const cancelBuild = async () => {
    if (!job) return;
    setCancelling(true);
    try {
      await cancel(job.id);
    } catch (caught) {
      setFailure(toBerthError(caught));
    } finally {
      setCancelling(false);
    }
  };

  const header = (
    <>
      <h1 className="text-xl font-semibold">{t('build.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('build.intro')}</p>
    </>
  );

  if (!open) {
    return (
      <div className="mx-auto max-w-3xl p-6" data-testid="build-page" data-state="empty">
        {header}
        <section className="mt-6 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900/60">
          <h2 className="font-semibold">{t('build.start.title')}</h2>
          <p className="mt-1 mb-5 text-sm leading-6 text-slate-600 dark:text-slate-400">{t('build.start.body')}</p>
          {failure && (
            <div className="mb-4">
              <ProblemCard problem={failure.toWire()} />
            </div>
          )}
          <FolderPicker onOpened={(picked) => opened(picked)} />
        </section>
        <div className="mt-6">
          <AboutBuilder command={null} />
        </div>
      </div>
    );
  }

  const path = base?.path ?? 'Dockerfile';
  const candidates = open.folder.candidates;
  return (
    <div className="mx-auto max-w-6xl p-6" data-testid="build-page" data-state="open">
      {header}
      <div className="mt-4 flex flex-wrap items-center gap-x-3 gap-y-2 text-sm">
        <span className="text-slate-500">{t('build.folder.current')}</span>
        <code className="min-w-0 font-mono break-all" data-testid="build-folder-current">
          {open.folder.contextPath}
        </code>
        {base && candidates.length > 1 && (
          <label className="flex items-center gap-2">
            <span className="text-slate-500">{t('build.folder.otherFile')}</span>
            <select
              data-testid="build-other-file"
              className="rounded-md border border-slate-300 bg-white px-2 py-1 font-mono text-xs dark:border-slate-600 dark:bg-slate-800"
              value={base.path}
              onChange={(event) => openOtherFile(event.target.value)}
            >
              {candidates.map((candidate) => (
                <option key={candidate} value={candidate}>
                  {candidate}
                </option>
              ))}
            </select>
          </label>
        )}
        <Button
          variant="ghost"
          className="ml-auto"
          data-testid="build-close-folder"
          onClick={() => unlessDirty(() => setOpen(null))}
        >
          {t('build.folder.close')}
        </Button>
      </div>
      {failure && (
        <div className="mt-3" data-testid="build-failure">
          {failureSentence ? (
            <p
              role="alert"
              className="rounded-md border border-rose-300 bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:border-rose-700/60 dark:bg-rose-950/40 dark:text-rose-100"
            >
              {failureSentence}
            </p>
          ) : (
            <ProblemCard problem={failure.toWire()} />
          )}
        </div>
      )}

      {!base ? (
        <section
          className="mt-4 rounded-xl border border-slate-200 bg-white p-5 dark:border-slate-800 dark:bg-slate-900/60"
          data-testid="build-no-dockerfile"
        >
          <h2 className="font-semibold">{t('build.noDockerfile.title')}</h2>
          <p className="mt-1 text-sm leading-6">{t('build.noDockerfile.body', { folder: open.folder.contextPath })}</p>
          {candidates.length > 0 ? (
            <>
              <p className="mt-3 text-sm">{t('build.noDockerfile.candidates')}</p>
              <ul className="mt-2 flex flex-wrap gap-2">
                {candidates.map((candidate) => (
                  <li key={candidate}>
                    <Button
                      data-testid="build-candidate"
                      className="font-mono"
                      onClick={() => openOtherFile(candidate)}
                    >
                      {candidate}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <p className="mt-3 text-sm leading-6 text-slate-600 dark:text-slate-400">{t('build.noDockerfile.none')}</p>
          )}
          <Button variant="primary" className="mt-3" onClick={writeNew} data-testid="build-new-dockerfile">
            {t('build.noDockerfile.create')}
          </Button>
          <div className="mt-6 border-t border-slate-200 pt-5 dark:border-slate-800">
            <FolderPicker onOpened={(picked) => opened(picked)} />
          </div>
        </section>
      ) : (
        <div className="mt-4 grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
          <section aria-labelledby="build-editor-title" className="min-w-0">
            <EditedFileHeader
              title={
                <h2 id="build-editor-title" className="font-mono text-sm font-semibold">
                  {path}
                </h2>
              }
              path={path}
              edit={open}
              fileSave={fileSave}
              testIdPrefix="build"
            />
            <div className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-700">
              <CodeEditor
                key={`${open.folder.contextPath}:${path}:${open.generation}`}
                ref={editor}
                language="dockerfile"
                testId="build-editor"
                initialText={open.text}
                label={t('build.editor.label', { path })}
                onChange={fileSave.changeText}
                onSave={() => void save()}
              />
            </div>
          </section>

          <div className="space-y-6" ref={optionsRef}>
            <BuildOptionsForm
              form={form}
              errors={shownErrors}
              stages={parsed.stages}
              undeclared={undeclaredArgs(form, parsed)}
              onChange={(patch) => setForm((previous) => ({ ...previous, ...patch }))}
              onRemoveArg={(index) => {
                setForm((previous) => ({ ...previous, buildArgs: previous.buildArgs.filter((_, i) => i !== index) }));
                setLeft((previous) => pathsAfterRemoving(previous, 'buildArgs', index));
              }}
              onLeave={(field) => setLeft((previous) => new Set(previous).add(field))}
            />
            <ContextSummary contextPath={open.folder.contextPath} dockerfile={path} revision={revision} />
            <div className="space-y-2">
              <div className="flex flex-wrap gap-2">
                <Button
                  variant="primary"
                  className="flex-1 justify-center"
                  onClick={build}
                  disabled={running || starting}
                  data-testid="build-submit"
                  {...engine.actionProps}
                >
                  {starting
                    ? t('build.action.starting')
                    : running
                      ? t('build.action.running', { tag: job?.options.tag || t('build.action.untagged') })
                      : t('build.action.build')}
                </Button>
                {running && (
                  <Button onClick={() => void cancelBuild()} disabled={cancelling} data-testid="build-cancel">
                    {cancelling ? t('build.action.cancelling') : t('build.action.cancel')}
                  </Button>
                )}
              </div>
              <EngineUnavailable consequence={t('build.action.engine')} />
            </div>
          </div>
        </div>
      )}

      {job && (
        <section
          ref={jobSection}
          aria-labelledby="build-job-title"
          className="mt-8 scroll-mt-4"
          data-testid="build-job-section"
        >
          <h2 id="build-job-title" className="mb-2 font-semibold">
            {t('build.action.lastBuild')}
          </h2>
          <BuildJobView job={job} onShowLine={(line) => editor.current?.markLine(line)} />
        </section>
      )}
      <div className="mt-8">
        <AboutBuilder command={command} />
      </div>

      {discardAsked && (
        <ConfirmDialog
          testId="build-discard-dialog"
          confirmTestId="build-discard-confirm"
          title={t('build.editor.discardConfirm.title', { path })}
          body={t('build.editor.discardConfirm.body', { path })}
          cancelLabel={t('build.editor.discardConfirm.cancel')}
          confirmLabel={t('build.editor.discardConfirm.confirm')}
          onCancel={() => setDiscardAsked(null)}
          onConfirm={() => {
            const then = discardAsked;
            setDiscardAsked(null);
            then();
          }}
        />
      )}
      {saveFirstAsked && (
        <Dialog
          open
          testId="build-save-first"
          title={t('build.action.saveFirst.title', { path })}
          onClose={() => setSaveFirstAsked(false)}
          footer={
            <>
              <Button onClick={() => setSaveFirstAsked(false)}>{t('build.action.saveFirst.cancel')}</Button>
              <Button
                variant="primary"
                data-autofocus
                data-testid="build-save-and-build"
                onClick={() => {
                  setSaveFirstAsked(false);
                  void save().then((saved) => {
                    if (saved && options) void startBuild(options);
                  });
                }}
              >
                {t('build.action.saveFirst.confirm')}
              </Button>
            </>
          }
        >
          <p className="text-sm">{t('build.action.saveFirst.body')}</p>
        </Dialog>
      )}
    </div>
  );
}
