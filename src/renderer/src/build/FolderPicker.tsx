import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { buildExampleNames, type BuildExampleName, type BuildFolder } from '../../../shared/builds';
import { toBerthError } from '../../../shared/errors';
import { absolutePathSchema } from '../../../shared/paths';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { Field, TextInput } from '../ui/Field';
import { useAction } from '../ui/useAction';
import { buildFileProblemText } from './buildFileProblem';

/**
 * How a build starts: a folder, chosen in the OS dialog (Electron's shell has one) or typed as a
 * path (the harness, a browser), or one of the two examples Berth ships.
 */
export function FolderPicker({ onOpened }: { onOpened: (folder: BuildFolder) => void }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const { busy, failure, run } = useAction();
  // The preload transport is Electron's: only there can the shell open the OS folder dialog.
  const [dialogAvailable, setDialogAvailable] = useState(() => window.berthTransport !== undefined);

  const attempt = (open: () => Promise<BuildFolder | null>) =>
    run(async () => {
      try {
        const folder = await open();
        if (folder) onOpened(folder);
      } catch (caught) {
        // A known file problem (no folder there, not a folder...) is said under the path; others in a card.
        const problem = buildFileProblemText(t, toBerthError(caught));
        if (!problem) throw caught;
        setPathError(problem);
      }
    });

  const problemWith = (text: string): string | null => {
    if (text.trim() === '') return t('build.folder.empty');
    return absolutePathSchema.safeParse(text.trim()).success ? null : t('build.folder.notAbsolute');
  };

  const openPath = () => {
    const problem = problemWith(path);
    setPathError(problem);
    if (problem) return;
    void attempt(() => client.request('builds.openFolder', { folder: path.trim(), dockerfile: null }));
  };

  const choose = () =>
    attempt(async () => {
      const picked = await client.request('builds.pickFolder', {});
      if (!picked.available) setDialogAvailable(false);
      return picked.path ? client.request('builds.openFolder', { folder: picked.path, dockerfile: null }) : null;
    });

  const openExample = (name: BuildExampleName) => attempt(() => client.request('builds.openExample', { name }));

  return (
    <div className="space-y-6" data-testid="build-folder-picker">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          openPath();
        }}
      >
        <Field label={t('build.folder.label')} help={t('build.folder.help')} error={pathError}>
          {(fieldProps) => (
            <div className="flex flex-wrap gap-2">
              <TextInput
                {...fieldProps}
                data-testid="build-folder-path"
                className="min-w-0 flex-1 font-mono"
                placeholder={t('build.folder.placeholder')}
                value={path}
                autoComplete="off"
                spellCheck={false}
                onChange={(event) => {
                  setPath(event.target.value);
                  if (pathError) setPathError(event.target.value.trim() ? problemWith(event.target.value) : null);
                }}
                onBlur={() => setPathError(path.trim() ? problemWith(path) : null)}
              />
              <Button
                type="submit"
                variant={dialogAvailable ? 'secondary' : 'primary'}
                disabled={busy}
                data-testid="build-folder-open"
              >
                {busy ? t('build.folder.opening') : t('build.folder.open')}
              </Button>
              {dialogAvailable && (
                <Button
                  variant="primary"
                  disabled={busy}
                  onClick={() => void choose()}
                  data-testid="build-folder-choose"
                >
                  {t('build.folder.choose')}
                </Button>
              )}
            </div>
          )}
        </Field>
      </form>
      {failure && <ProblemCard problem={failure.toWire()} />}
      <section aria-labelledby="build-examples-title">
        <h2 id="build-examples-title" className="text-sm font-semibold">
          {t('build.examples.title')}
        </h2>
        <ul className="mt-2 grid gap-3 sm:grid-cols-2">
          {buildExampleNames.map((name) => (
            <li key={name}>
              <button
                type="button"
                disabled={busy}
                onClick={() => void openExample(name)}
                data-testid={`build-example-${name}`}
                className="h-full w-full rounded-lg border border-slate-200 bg-white p-4 text-left hover:border-sky-400 hover:bg-sky-50/50 focus-visible:outline-2 focus-visible:outline-sky-500 dark:border-slate-700 dark:bg-slate-900 dark:hover:border-sky-600 dark:hover:bg-slate-800"
              >
                <span className="block text-sm font-medium text-sky-700 dark:text-sky-300">
                  {t(`build.examples.${name}.name`)}
                </span>
                <span className="mt-1 block text-sm text-slate-600 dark:text-slate-400">
                  {t(`build.examples.${name}.description`)}
                </span>
              </button>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
