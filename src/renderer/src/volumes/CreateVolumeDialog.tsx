import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError } from '../../../shared/errors';
import type { Volume } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { pathsAfterRemoving, replaceAt } from '../run/runForm';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field, TextInput } from '../ui/Field';
import { useAction } from '../ui/useAction';
import { validateVolumeForm, type VolumeForm } from './volumeForm';

const formId = 'create-volume-form';

/** "New volume": a name and optional labels, checked inline with the contract's schema; a taken name is said on the field. */
export function CreateVolumeDialog({
  onClose,
  onCreated,
}: {
  onClose: () => void;
  onCreated: (volume: Volume) => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const [form, setForm] = useState<VolumeForm>({ name: '', labels: [] });
  // A field's own mistakes show once the user left it or tried to create, not at the first keystroke.
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [submitted, setSubmitted] = useState(false);
  const [takenName, setTakenName] = useState<string | null>(null);
  const { busy, failure, run } = useAction();

  const { input, errors } = validateVolumeForm(t, form);
  const shown = (path: string): string | null => {
    if (path === 'name' && takenName !== null && takenName === form.name.trim())
      return t('volumes.create.error.name-in-use', { name: takenName });
    return submitted || touched.has(path) ? (errors[path] ?? null) : null;
  };
  const leave = (path: string) => setTouched((previous) => new Set(previous).add(path));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (!input) return;
    await run(async () => {
      try {
        onCreated(await client.request('volumes.create', input));
      } catch (error) {
        // A taken name is the name field's error, not a card.
        if (!(error instanceof BerthError && error.code === 'name-in-use')) throw error;
        setTakenName(input.name);
      }
    });
  };

  return (
    <Dialog
      open
      testId="create-volume-dialog"
      title={t('volumes.create.title')}
      onClose={onClose}
      failure={failure}
      footer={
        <>
          <Button onClick={onClose}>{t('volumes.create.cancel')}</Button>
          <Button
            variant="primary"
            type="submit"
            form={formId}
            {...actionProps}
            disabled={busy || actionProps.disabled}
            data-testid="create-volume-submit"
          >
            {t('volumes.create.submit')}
          </Button>
        </>
      }
    >
      <form id={formId} noValidate onSubmit={(event) => void submit(event)} className="space-y-4">
        <Field label={t('volumes.create.name')} help={t('volumes.create.nameHelp')} error={shown('name')}>
          {(props) => (
            <TextInput
              {...props}
              data-autofocus
              autoComplete="off"
              spellCheck={false}
              className="font-mono"
              value={form.name}
              onChange={(event) => setForm({ ...form, name: event.target.value })}
              onBlur={() => leave('name')}
              placeholder="redis-data"
              data-testid="create-volume-name"
            />
          )}
        </Field>
        <fieldset>
          <legend className="text-sm font-medium">{t('volumes.create.labels')}</legend>
          <p className="text-xs text-slate-500 dark:text-slate-400">{t('volumes.create.labelsHelp')}</p>
          <ul className="mt-2 space-y-2">
            {form.labels.map((row, index) => {
              const keyError = shown(`labels.${index}.key`);
              const valueError = shown(`labels.${index}.value`);
              const number = index + 1;
              return (
                <li key={index} data-testid="create-volume-label">
                  <div className="flex gap-2">
                    <TextInput
                      aria-label={t('volumes.create.labelKey', { index: number })}
                      aria-invalid={Boolean(keyError)}
                      placeholder={t('volumes.create.keyPlaceholder')}
                      className="font-mono"
                      value={row.key}
                      onChange={(event) =>
                        setForm({ ...form, labels: replaceAt(form.labels, index, { key: event.target.value }) })
                      }
                      onBlur={() => leave(`labels.${index}.key`)}
                      data-testid="create-volume-label-key"
                    />
                    <TextInput
                      aria-label={t('volumes.create.labelValue', { index: number })}
                      aria-invalid={Boolean(valueError)}
                      placeholder={t('volumes.create.valuePlaceholder')}
                      className="font-mono"
                      value={row.value}
                      onChange={(event) =>
                        setForm({ ...form, labels: replaceAt(form.labels, index, { value: event.target.value }) })
                      }
                      onBlur={() => leave(`labels.${index}.value`)}
                    />
                    <Button
                      variant="ghost"
                      aria-label={t('volumes.create.removeLabel', { index: number })}
                      onClick={() => {
                        setForm({ ...form, labels: form.labels.filter((_, i) => i !== index) });
                        setTouched(pathsAfterRemoving(touched, 'labels', index));
                      }}
                    >
                      ×
                    </Button>
                  </div>
                  {(keyError ?? valueError) && (
                    <p role="alert" className="mt-1 text-xs text-rose-600 dark:text-rose-400">
                      {keyError ?? valueError}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
          <Button
            variant="ghost"
            className="mt-2 text-xs"
            onClick={() => setForm({ ...form, labels: [...form.labels, { key: '', value: '' }] })}
            data-testid="create-volume-add-label"
          >
            {t('volumes.create.addLabel')}
          </Button>
        </fieldset>
      </form>
    </Dialog>
  );
}
