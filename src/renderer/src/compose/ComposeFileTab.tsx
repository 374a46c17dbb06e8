import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ComposeDocument, ComposeFile, ComposeProblem } from '../../../shared/compose';
import { type BerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { useKeptState } from '../build/useKeptState';
import { ProblemCard } from '../engine/ProblemCard';
import { CodeEditor, type CodeEditorHandle, type LineProblem } from '../ui/CodeEditor';
import { EditedFileHeader } from '../ui/EditedFileHeader';
import { openedFile, useFileSave, type FileEdit, type SaveAnswer } from '../ui/useFileSave';
import { composeProblemMessage } from '../../../shared/i18n/composeProblems';

/** How long typing pauses before the text is checked. */
const CHECK_PAUSE_MS = 400;

/** The project's files as the tab has them: each one's edit, kept while the user is away. */
interface ComposeEdits {
  folder: string;
  edits: Record<string, FileEdit<ComposeFile>>;
}

function editsOf(document: ComposeDocument): ComposeEdits {
  return {
    folder: document.folder,
    edits: Object.fromEntries(document.files.map((file) => [file.name, openedFile(file)])),
  };
}

/**
 * The project's compose files (the main one, then its overrides) in a YAML editor: checked against
 * the Compose Specification while the user types, each problem on its line and in a list under the
 * editor, and saved only when asked, never over a file that changed on disk.
 */
export function ComposeFileTab({
  document,
  onSaved,
  show = null,
}: {
  document: ComposeDocument;
  onSaved: (document: ComposeDocument) => void;
  /** A place to show when the tab opens or this changes ("show in file" for a service or a problem). */
  show?: { file: string; line: number | null } | null;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [kept, setKept] = useKeptState<ComposeEdits>(`compose.edits:${document.folder}`, () => editsOf(document));
  const [fileName, setFileName] = useState(show?.file ?? document.files[0]?.name ?? '');
  // A line to put the cursor on once its file's editor is there (each request once).
  const [lineWanted, setLineWanted] = useState(show);
  const lineShown = useRef<typeof show>(null);
  const [shown, setShown] = useState(show);
  if (shown !== show) {
    setShown(show);
    if (show) {
      setFileName(show.file);
      setLineWanted(show);
    }
  }
  const [problems, setProblems] = useState<ComposeProblem[]>(document.problems);
  const [checking, setChecking] = useState(false);
  const [checkFailed, setCheckFailed] = useState(false);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const editor = useRef<CodeEditorHandle>(null);

  // A newer document (saved elsewhere, opened again): files without unsaved edits take it.
  const [seen, setSeen] = useState(document);
  if (seen !== document) {
    setSeen(document);
    setProblems(document.problems);
    setKept((previous) => {
      if (previous.folder !== document.folder) return editsOf(document);
      const edits = { ...previous.edits };
      for (const file of document.files) {
        const edit = edits[file.name];
        if (!edit) edits[file.name] = openedFile(file);
        else if (edit.base?.version !== file.version && edit.text === edit.base?.content)
          edits[file.name] = { ...openedFile(file), generation: edit.generation + 1 };
      }
      return { ...previous, edits };
    });
  }

  const file = document.files.find((candidate) => candidate.name === fileName) ?? document.files[0];
  const name = file?.name ?? '';
  const edit = kept.edits[name] ?? null;

  const setEdit = useCallback(
    (update: (edit: FileEdit<ComposeFile>) => FileEdit<ComposeFile>) =>
      setKept((previous) => {
        const current = previous.edits[name];
        return current ? { ...previous, edits: { ...previous.edits, [name]: update(current) } } : previous;
      }),
    [name, setKept],
  );
  const write = useCallback(
    async (base: ComposeFile, text: string): Promise<SaveAnswer<ComposeFile>> => {
      const result = await client.request('compose.save', {
        folder: document.folder,
        file: base.name,
        content: text,
        version: base.version,
      });
      if (!result.saved) return result;
      setProblems(result.document.problems);
      onSaved(result.document);
      const written = result.document.files.find((candidate) => candidate.name === base.name);
      return { saved: true, file: written ?? { ...base, content: text } };
    },
    [client, document.folder, onSaved],
  );
  const fileSave = useFileSave({ edit, setEdit, write, onError: setFailure });

  // After a pause in typing, the text is checked (with the project's other files).
  const text = edit?.text;
  const lastChecked = useRef<Record<string, string>>({});
  useEffect(() => {
    if (text === undefined) return;
    const previous = lastChecked.current[name] ?? kept.edits[name]?.base?.content;
    if (text === previous) return;
    let current = true;
    const timer = setTimeout(() => {
      lastChecked.current[name] = text;
      setChecking(true);
      client.request('compose.check', { folder: document.folder, file: name, content: text }).then(
        (result) => {
          if (!current) return;
          setProblems(result.problems);
          setCheckFailed(false);
          setChecking(false);
        },
        () => {
          if (!current) return;
          setCheckFailed(true);
          setChecking(false);
        },
      );
    }, CHECK_PAUSE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
    // kept.edits is read for the file's first text only; a change of text is what starts a check.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [client, document.folder, name, text]);

  const here = useMemo(() => problems.filter((problem) => problem.file === name), [problems, name]);
  const elsewhere = useMemo(() => problems.filter((problem) => problem.file !== name), [problems, name]);
  useEffect(() => {
    if (!lineWanted || lineWanted.file !== name || lineShown.current === lineWanted) return;
    lineShown.current = lineWanted;
    if (lineWanted.line === null) return;
    editor.current?.markLine(lineWanted.line);
    editor.current?.focus();
  }, [lineWanted, name]);

  const marks = useMemo<LineProblem[]>(
    () =>
      here.flatMap((problem) =>
        problem.line === null ? [] : [{ line: problem.line, message: composeProblemMessage(t, problem) }],
      ),
    [here, t],
  );

  if (!file || !edit) return null;

  /** Shows a problem's line, in its own file. */
  const goTo = (problem: ComposeProblem) => {
    if (problem.line === null) return;
    if (problem.file === name) {
      editor.current?.markLine(problem.line);
      editor.current?.focus();
    } else if (document.files.some((candidate) => candidate.name === problem.file)) {
      setFileName(problem.file);
      setLineWanted({ file: problem.file, line: problem.line });
    }
  };

  const title =
    document.files.length > 1 ? (
      <div role="group" aria-label={t('composeEditor.file')} className="flex flex-wrap gap-1">
        {document.files.map((candidate, index) => {
          const candidateEdit = kept.edits[candidate.name];
          const unsaved = candidateEdit !== undefined && candidateEdit.text !== candidateEdit.base?.content;
          const chosen = candidate.name === name;
          return (
            <button
              key={candidate.name}
              type="button"
              aria-pressed={chosen}
              data-testid="compose-file-switch"
              data-file={candidate.name}
              onClick={() => setFileName(candidate.name)}
              className={`flex items-center gap-1.5 rounded-md border px-2 py-1 font-mono text-xs focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 ${
                chosen
                  ? 'border-sky-600 bg-sky-50 font-semibold text-sky-900 dark:border-sky-400 dark:bg-sky-950/60 dark:text-sky-100'
                  : 'border-slate-300 bg-white text-slate-700 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-200 dark:hover:bg-slate-700'
              }`}
            >
              {candidate.name}
              {index > 0 && (
                <span className="font-sans font-normal text-slate-600 dark:text-slate-300">
                  ({t('composeEditor.override')})
                </span>
              )}
              {unsaved && (
                <span className="h-2 w-2 rounded-full bg-amber-500" role="img" aria-label={t('build.editor.unsaved')} />
              )}
            </button>
          );
        })}
      </div>
    ) : (
      <h2 className="font-mono text-sm font-semibold">{name}</h2>
    );

  return (
    <div className="space-y-3" data-testid="compose-file-tab">
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('composeEditor.intro')}</p>
      {failure && <ProblemCard problem={failure.toWire()} />}
      <section className="min-w-0">
        <EditedFileHeader title={title} path={name} edit={edit} fileSave={fileSave} testIdPrefix="compose-file" />
        <div className="overflow-hidden rounded-lg border border-slate-200 dark:border-slate-700">
          <CodeEditor
            key={`${document.folder}:${name}:${edit.generation}`}
            ref={editor}
            language="yaml"
            testId="compose-editor"
            initialText={edit.text}
            label={t('composeEditor.editorLabel', { path: name })}
            problems={marks}
            onChange={fileSave.changeText}
            onSave={() => void fileSave.save()}
          />
        </div>
      </section>
      <section
        aria-labelledby="compose-problems-title"
        data-testid="compose-file-problems"
        data-count={problems.length}
      >
        <h3 id="compose-problems-title" className="flex items-center gap-2 text-sm font-semibold">
          {t('composeEditor.problems.title', { file: name })}
          {checking && (
            <span role="status" className="text-xs font-normal text-slate-500">
              {t('composeEditor.problems.checking')}
            </span>
          )}
        </h3>
        {checkFailed && (
          <p className="mt-1 text-sm text-rose-700 dark:text-rose-300">{t('composeEditor.problems.checkFailed')}</p>
        )}
        {problems.length === 0 ? (
          <p className="mt-1 text-sm text-emerald-700 dark:text-emerald-300" data-testid="compose-file-problems-none">
            {t('composeEditor.problems.none')}
          </p>
        ) : (
          <ul className="mt-1 space-y-1 text-sm">
            {here.map((problem, index) => (
              <li key={`here-${index}`}>
                <ProblemRow problem={problem} onGoTo={goTo} />
              </li>
            ))}
            {elsewhere.map((problem, index) => (
              <li key={`elsewhere-${index}`}>
                <ProblemRow problem={problem} onGoTo={goTo} otherFile />
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}

/** One problem: "Line 12: …"; a problem in this file moves the cursor to its line when clicked. */
function ProblemRow({
  problem,
  onGoTo,
  otherFile = false,
}: {
  problem: ComposeProblem;
  onGoTo?: (problem: ComposeProblem) => void;
  otherFile?: boolean;
}) {
  const { t } = useTranslation();
  const where = [
    otherFile ? t('composeEditor.problems.inOtherFile', { file: problem.file }) : null,
    problem.line !== null ? t('composeEditor.problems.line', { line: problem.line }) : null,
  ].filter((part): part is string => part !== null);
  const sentence = (
    <>
      {where.length > 0 && <span className="font-semibold">{where.join(', ')}: </span>}
      <QuotedValues text={composeProblemMessage(t, problem)} />
    </>
  );
  const className =
    'flex w-full items-start gap-2 rounded-md border border-rose-200 bg-rose-50 px-3 py-1.5 text-left text-rose-950 dark:border-rose-800/60 dark:bg-rose-950/40 dark:text-rose-100';
  if (!onGoTo || problem.line === null)
    return (
      <p
        className={className}
        data-testid="compose-file-problem"
        data-line={problem.line ?? ''}
        data-kind={problem.kind}
      >
        {sentence}
      </p>
    );
  const line = problem.line;
  return (
    <button
      type="button"
      data-testid="compose-file-problem"
      data-line={line}
      data-kind={problem.kind}
      title={t('composeEditor.problems.goTo', { line })}
      onClick={() => onGoTo(problem)}
      className={`${className} hover:bg-rose-100 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-sky-500 dark:hover:bg-rose-900/50`}
    >
      <span>{sentence}</span>
    </button>
  );
}

/** A sentence whose “quoted” parts are the user's own names and values (marked so for the Korean-text check). */
function QuotedValues({ text }: { text: string }) {
  return (
    <>
      {text.split(/(“[^”]*”)/).map((part, index) =>
        index % 2 === 1 ? (
          <span key={index} data-value>
            {part}
          </span>
        ) : (
          part
        ),
      )}
    </>
  );
}
