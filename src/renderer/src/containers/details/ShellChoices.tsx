import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { terminalShells } from '../../../../shared/containers';
import { splitShellWords } from '../../../../shared/shellWords';
import { Button } from '../../ui/Button';
import { Field, TextInput } from '../../ui/Field';
import { InlineCode } from '../../ui/InlineCode';

type Shell = (typeof terminalShells)[number];

/**
 * What to open when the container has no sh (or the last command was not found): why, the shells
 * it does have, and a command of the user's own (e.g. a program's full path).
 */
export function ShellChoices({
  shells,
  notFound,
  onChoose,
}: {
  shells: Shell[];
  /** The program the last attempt asked for and the container does not have. */
  notFound: string | null;
  onChoose: (command: string[]) => void;
}) {
  const { t } = useTranslation();
  const [custom, setCustom] = useState('');
  const [error, setError] = useState<string | null>(null);

  // The user asked to change shells: nothing is missing, so there is nothing to explain.
  const missing = notFound !== null || !shells.includes('sh');
  let message: string;
  if (notFound !== null) message = t('details.terminal.notFound', { command: notFound });
  else if (shells.length === 0) message = t('details.terminal.noShell');
  else if (!shells.includes('sh')) message = t('details.terminal.noSh', { shells: shells.join(', ') });
  else message = t('details.terminal.choose');

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const split = splitShellWords(custom.trim());
    if (!split.ok) return setError(t(`run.error.command.${split.problem}`, { position: split.position }));
    if (split.words.length === 0) return setError(t('details.terminal.customEmpty'));
    setError(null);
    onChoose(split.words);
  };

  return (
    <section className="max-w-2xl space-y-4" data-testid="terminal-choices">
      {missing ? (
        <div className="space-y-1 rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700/60 dark:bg-amber-950/30">
          <p className="font-medium" data-testid="terminal-no-shell">
            <InlineCode text={message} />
          </p>
          <p className="text-slate-700 dark:text-slate-300">
            <InlineCode text={t('details.terminal.whyNoShell')} />
          </p>
        </div>
      ) : (
        <p className="text-sm">{message}</p>
      )}
      {shells.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {shells.map((shell) => (
            <Button key={shell} data-testid={`terminal-shell-${shell}`} onClick={() => onChoose([shell])}>
              {t('details.terminal.openShell', { shell })}
            </Button>
          ))}
        </div>
      )}
      <form onSubmit={submit}>
        <Field label={t('details.terminal.customLabel')} help={t('details.terminal.customHelp')} error={error}>
          {(props) => (
            <div className="flex gap-2">
              <TextInput
                {...props}
                data-testid="terminal-custom"
                value={custom}
                onChange={(event) => setCustom(event.target.value)}
                placeholder="/busybox sh"
                spellCheck={false}
                autoCapitalize="off"
                className="font-mono"
              />
              <Button type="submit" variant="primary" data-testid="terminal-custom-run">
                {t('details.terminal.customRun')}
              </Button>
            </div>
          )}
        </Field>
      </form>
    </section>
  );
}
