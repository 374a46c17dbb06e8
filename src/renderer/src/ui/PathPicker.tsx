import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError, type BerthError } from '../../../shared/errors';
import { absolutePathSchema } from '../../../shared/paths';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from './Button';
import { Field, TextInput } from './Field';
import { useAction } from './useAction';

export interface PathPickerProps<T> {
  /** Opens what the user typed or chose (a build folder, a compose project). */
  open: (path: string) => Promise<T>;
  onOpened: (opened: T) => void;
  label: string;
  help: string;
  /** The typed path's button and its busy words ("Copy here"): Open and Opening… unless said. */
  openLabel?: { idle: string; busy: string };
  /** Test ids: `${testIdPrefix}-path`, `-open`, `-choose`. */
  testIdPrefix: string;
  /** A known file problem in a sentence (shown under the path); null for others, shown in a card. */
  problemText?: (error: BerthError) => string | null;
  /** More ways to open something (examples), given the picker's `attempt` so they share its busy state and errors. */
  children?: (attempt: (open: () => Promise<T | null>) => Promise<void>, busy: boolean) => ReactNode;
}

/**
 * How a folder is opened: chosen in the OS dialog (Electron's shell has one) or typed as a path
 * (the harness, a browser). The Build and Compose pages both start here.
 */
export function PathPicker<T>({
  open,
  onOpened,
  label,
  help,
  testIdPrefix,
  problemText,
  openLabel,
  children,
}: PathPickerProps<T>) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [path, setPath] = useState('');
  const [pathError, setPathError] = useState<string | null>(null);
  const { busy, failure, run } = useAction();
  // The preload transport is Electron's: only there can the shell open the OS folder dialog.
  const [dialogAvailable, setDialogAvailable] = useState(() => window.berthTransport !== undefined);

  const attempt = (opening: () => Promise<T | null>) =>
    run(async () => {
      try {
        const opened = await opening();
        if (opened !== null) onOpened(opened);
      } catch (caught) {
        // A known file problem (no folder there, not a folder...) is said under the path; others in a card.
        const problem = problemText?.(toBerthError(caught)) ?? null;
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
    void attempt(() => open(path.trim()));
  };

  const choose = () =>
    attempt(async () => {
      const picked = await client.request('builds.pickFolder', {});
      if (!picked.available) setDialogAvailable(false);
      return picked.path ? open(picked.path) : null;
    });

  return (
    <div className="space-y-6">
      <form
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          openPath();
        }}
      >
        <Field label={label} help={help} error={pathError}>
          {(fieldProps) => (
            <div className="flex flex-wrap gap-2">
              <TextInput
                {...fieldProps}
                data-testid={`${testIdPrefix}-path`}
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
                data-testid={`${testIdPrefix}-open`}
              >
                {busy ? (openLabel?.busy ?? t('build.folder.opening')) : (openLabel?.idle ?? t('build.folder.open'))}
              </Button>
              {dialogAvailable && (
                <Button
                  variant="primary"
                  disabled={busy}
                  onClick={() => void choose()}
                  data-testid={`${testIdPrefix}-choose`}
                >
                  {t('build.folder.choose')}
                </Button>
              )}
            </div>
          )}
        </Field>
      </form>
      {failure && <ProblemCard problem={failure.toWire()} />}
      {children?.(attempt, busy)}
    </div>
  );
}
