import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toWireError } from '../../../shared/errors';
import { referenceProblemMessage } from '../../../shared/i18n/referenceProblems';
import { parseImageReference } from '../../../shared/imageReference';
import { problemText } from '../../../shared/problemText';
import { useRunDialog } from '../run/runDialogContext';
import { Button } from '../ui/Button';
import { Field, TextInput } from '../ui/Field';
import { usePulls } from './pullsStore';

/**
 * An image name typed by hand (redis, 127.0.0.1:5000/team/app:1.2), pulled or run without Docker
 * Hub's website: the engine pulls through its own mirror or registry even when the Hub's API is out
 * of reach. Checked with the same reference grammar the main process uses, on blur and on submit.
 */
export function PullByNameForm({
  initialReference = '',
  onLeave,
  testId,
}: {
  initialReference?: string;
  /** Called when a pull started or the run dialog opens: a dialog holding the form closes then. */
  onLeave?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  const { startPull } = usePulls();
  const { openRun } = useRunDialog();
  const [value, setValue] = useState(initialReference);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  /** Leaving the field empty is not yet a mistake; submitting it empty is. */
  const problemWith = (text: string, submitting: boolean): string | null => {
    const parsed = parseImageReference(text);
    if (parsed.ok || (!submitting && parsed.problem === 'empty')) return null;
    return referenceProblemMessage(t, text, parsed.problem);
  };

  const submit = async (action: 'pull' | 'run') => {
    const problem = problemWith(value, true);
    setError(problem);
    if (problem) {
      inputRef.current?.focus();
      return;
    }
    const reference = value.trim();
    if (action === 'run') {
      onLeave?.();
      openRun(reference);
      return;
    }
    setBusy(true);
    try {
      await startPull(reference);
      setValue('');
      onLeave?.();
    } catch (caught) {
      const { title, body } = problemText(t, toWireError(caught));
      setError(`${title}. ${body}`);
    } finally {
      setBusy(false);
    }
  };

  return (
    <form
      data-testid={testId}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit('pull');
      }}
    >
      <Field label={t('pullByName.label')} help={t('pullByName.help')} error={error}>
        {(fieldProps) => (
          <div className="flex gap-2">
            <TextInput
              {...fieldProps}
              ref={inputRef}
              data-testid="pull-by-name-input"
              className="min-w-0 flex-1 font-mono"
              value={value}
              autoComplete="off"
              spellCheck={false}
              onChange={(event) => {
                setValue(event.target.value);
                // Once a message shows, it follows the typing until the name reads well.
                if (error) setError(problemWith(event.target.value, false));
              }}
              onBlur={() => setError(problemWith(value, false))}
            />
            <Button type="submit" variant="primary" disabled={busy} data-testid="pull-by-name-pull">
              {t('pullByName.pull')}
            </Button>
            <Button disabled={busy} data-testid="pull-by-name-run" onClick={() => void submit('run')}>
              {t('pullByName.run')}
            </Button>
          </div>
        )}
      </Field>
    </form>
  );
}
