import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { absolutePathSchema } from '../../../shared/paths';
import type { SavedFile } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { Field, TextInput } from '../ui/Field';
import { formatBytes } from '../ui/format';
import { useAction } from '../ui/useAction';

/** Whether this window has the OS dialogs: only Electron's preload transport does. */
export const hasOsDialogs = (): boolean => window.berthTransport !== undefined;

/** A path field's problem in the user's language, or null: empty, or not a full path. */
export function pathProblem(t: (key: string) => string, text: string): string | null {
  if (text.trim() === '') return t('volumeFiles.save.empty');
  return absolutePathSchema.safeParse(text.trim()).success ? null : t('volumeFiles.save.notAbsolute');
}

/** A saving failure that is about the destination, said under the path field; null for others (a card). */
function destinationProblem(t: (key: string) => string, error: BerthError): string | null {
  if (error.code === 'not-found' && /folder of/.test(error.message)) return t('volumeFiles.save.folderMissing');
  if (error.code === 'forbidden') return t('volumeFiles.save.forbidden');
  if (error.code === 'invalid-input' && /is a folder: give a file name/.test(error.message)) {
    return t('volumeFiles.save.isFolder');
  }
  return null;
}

/**
 * Saves something of a volume to this computer: the OS save dialog where there is one (Electron),
 * else a path field in place (the harness, a browser). Says where it was saved, or what went wrong.
 */
export function SaveFileButton({
  label,
  accessibleName,
  busyLabel,
  savedText,
  suggestedName,
  kind,
  save,
  onSaved,
  variant = 'secondary',
  icon,
  testId,
}: {
  label: string;
  accessibleName?: string;
  busyLabel: string;
  savedText: (path: string, size: string) => string;
  suggestedName: string;
  kind: 'tar' | 'any';
  save: (destination: string) => Promise<SavedFile>;
  onSaved?: (savedTo: string) => void;
  variant?: 'primary' | 'secondary';
  icon?: ReactNode;
  testId: string;
}) {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const engine = useEngineAvailable();
  const [asking, setAsking] = useState(false);
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const { busy, failure: saveFailure, run, clear } = useAction();
  // Asking the OS where to save is a request of its own: its failure shows the same way.
  const picking = useAction();
  const failure = saveFailure ?? picking.failure;
  const [saved, setSaved] = useState<SavedFile | null>(null);

  const saveTo = (destination: string) =>
    run(async () => {
      picking.clear();
      setSaved(null);
      try {
        const result = await save(destination);
        setSaved(result);
        setAsking(false);
        onSaved?.(result.savedTo);
      } catch (caught) {
        const problem = destinationProblem(t, toBerthError(caught));
        if (!(problem && asking)) throw caught;
        setPathError(problem);
      }
    });

  const start = async () => {
    setSaved(null);
    clear();
    picking.clear();
    if (!hasOsDialogs()) {
      setAsking(true);
      return;
    }
    let destination: string | null = null;
    await picking.run(async () => {
      const picked = await client.request('files.pickSave', { suggestedName, kind });
      if (!picked.available) setAsking(true);
      else destination = picked.path ?? null;
    });
    if (destination) await saveTo(destination);
  };

  const submit = () => {
    const problem = pathProblem(t, path);
    setPathError(problem);
    if (!problem) void saveTo(path.trim());
  };

  return (
    <div className="max-w-2xl min-w-0 space-y-2" data-testid={testId}>
      {!asking && (
        <Button
          variant={variant}
          aria-label={accessibleName}
          disabled={busy || picking.busy || !engine.available}
          title={engine.actionProps.title}
          onClick={() => void start()}
          data-testid={`${testId}-button`}
        >
          {icon}
          {busy ? busyLabel : label}
        </Button>
      )}
      {asking && (
        <form
          noValidate
          className="rounded-md border border-slate-200 p-3 dark:border-slate-700"
          onSubmit={(event) => {
            event.preventDefault();
            submit();
          }}
        >
          <Field
            label={t('volumeFiles.save.pathLabel')}
            help={t('volumeFiles.save.pathHelp', { name: suggestedName })}
            error={pathError}
          >
            {(fieldProps) => (
              <TextInput
                {...fieldProps}
                autoFocus
                className="font-mono"
                value={path}
                placeholder={`/home/me/Downloads/${suggestedName}`}
                autoComplete="off"
                spellCheck={false}
                data-testid={`${testId}-path`}
                onChange={(event) => {
                  setPath(event.target.value);
                  if (pathError) setPathError(null);
                }}
              />
            )}
          </Field>
          <div className="mt-2 flex gap-2">
            <Button type="submit" variant="primary" disabled={busy} data-testid={`${testId}-save`}>
              {busy ? busyLabel : t('volumeFiles.save.save')}
            </Button>
            <Button onClick={() => setAsking(false)} disabled={busy}>
              {t('volumeFiles.save.cancel')}
            </Button>
          </div>
        </form>
      )}
      {saved && (
        <p
          role="status"
          className="text-sm wrap-anywhere text-emerald-700 dark:text-emerald-400"
          data-testid={`${testId}-saved`}
        >
          {savedText(saved.savedTo, formatBytes(saved.bytes, i18n.language))}
        </p>
      )}
      {failure && <ProblemCard problem={failure.toWire()} />}
    </div>
  );
}
