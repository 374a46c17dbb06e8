import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dockerRunCommand } from '../../../shared/dockerRunCommand';
import { BerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field, inputClass, TextInput } from '../ui/Field';
import { InlineCode } from '../ui/InlineCode';
import { useCopy } from '../ui/useCopy';
import {
  checkIssueErrors,
  startIssueErrors,
  toRunInput,
  validateRunForm,
  type FieldErrors,
  type RunForm,
  type VolumeRow,
} from './runForm';

const smallInput = `${inputClass} !py-1`;

function ErrorText({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-xs text-rose-600 dark:text-rose-400">
      {message}
    </p>
  );
}

/** The run dialog: every field validated as it is typed, the engine asked before anything is created. */
export function RunDialog({
  initial,
  onClose,
  onStarted,
}: {
  initial: RunForm;
  onClose: () => void;
  onStarted: (runId: string) => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [form, setForm] = useState<RunForm>(initial);
  const [touched, setTouched] = useState(false);
  const [engineErrors, setEngineErrors] = useState<FieldErrors>({});
  // What run.start refused on the files (a missing folder…), kept until the form changes: the
  // debounced run.check must not wipe it.
  const [startErrors, setStartErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const [copyState, copy] = useCopy();
  const engine = useEngineAvailable();

  const { input, errors } = useMemo(() => validateRunForm(t, form), [t, form]);
  // What goes to the main process: the form as typed (the Command as a line), which its schema
  // validates and splits exactly as validateRunForm just did.
  const wireInput = useMemo(() => toRunInput(form), [form]);
  const shownErrors: FieldErrors = { ...(touched || form.image ? errors : {}), ...engineErrors, ...startErrors };
  const command = input ? dockerRunCommand(input) : null;

  // Ask the engine about names and ports while the user types (debounced), not only on submit.
  useEffect(() => {
    if (!input) return;
    let current = true;
    const timer = setTimeout(() => {
      client.request('run.check', wireInput).then(
        (result) => current && setEngineErrors(checkIssueErrors(t, form, result.issues)),
        () => current && setEngineErrors({}),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, input, wireInput, form, t]);

  const update = (patch: Partial<RunForm>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setEngineErrors({});
    setStartErrors({});
    setFailure(null);
  };

  const submit = async () => {
    setTouched(true);
    // Enter in a field submits too: nothing is started while the Docker server cannot be reached.
    if (!input || !engine.available) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const check = await client.request('run.check', wireInput);
      if (check.issues.length > 0) {
        setEngineErrors(checkIssueErrors(t, form, check.issues));
        return;
      }
      const { runId } = await client.request('run.start', wireInput);
      onStarted(runId);
    } catch (error) {
      const failed = error instanceof BerthError ? error : new BerthError('internal', String(error));
      // A folder refused on the files themselves (missing, or a link to /) is said on its row.
      const onRows = startIssueErrors(t, form, failed.issues);
      if (Object.keys(onRows).length > 0) setStartErrors(onRows);
      else setFailure(failed);
    } finally {
      setSubmitting(false);
    }
  };

  const setVolume = (index: number, patch: Partial<VolumeRow>) =>
    update({ volumes: form.volumes.map((row, i) => (i === index ? ({ ...row, ...patch } as VolumeRow) : row)) });

  return (
    <Dialog
      open
      wide
      testId="run-dialog"
      title={t('run.dialog.title')}
      onClose={onClose}
      footer={
        <>
          <Button
            className="mr-auto"
            disabled={!command}
            onClick={() => command && void copy(command)}
            data-testid="copy-run-command"
          >
            {copyState === 'copied' ? t('run.dialog.copied') : t('run.dialog.copyCommand')}
          </Button>
          <Button onClick={onClose}>{t('run.dialog.cancel')}</Button>
          <Button
            variant="primary"
            onClick={() => void submit()}
            disabled={submitting}
            data-testid="run-submit"
            {...engine.actionProps}
          >
            {submitting ? t('run.dialog.starting') : t('run.dialog.submit')}
          </Button>
        </>
      }
    >
      <form
        className="space-y-4"
        onSubmit={(event) => {
          event.preventDefault();
          void submit();
        }}
      >
        <p className="text-sm text-slate-600 dark:text-slate-400">
          <InlineCode text={t('run.dialog.intro')} />
        </p>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field label={t('run.dialog.image')} help={t('run.dialog.imageHelp')} error={shownErrors.image}>
            {(props) => (
              <TextInput
                {...props}
                data-testid="run-image"
                value={form.image}
                onChange={(event) => update({ image: event.target.value })}
                className="font-mono"
                autoFocus
              />
            )}
          </Field>
          <Field label={t('run.dialog.name')} help={t('run.dialog.nameHelp')} error={shownErrors.name}>
            {(props) => (
              <TextInput
                {...props}
                data-testid="run-name"
                value={form.name}
                onChange={(event) => update({ name: event.target.value })}
              />
            )}
          </Field>
        </div>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('run.dialog.ports')}</legend>
          <p className="text-xs text-slate-500">{t('run.dialog.portsHelp')}</p>
          {form.ports.map((row, index) => (
            <div key={index} data-testid="run-port-row" className="space-y-1">
              <div className="grid grid-cols-[1fr_auto_1fr_6rem_9rem_auto] items-center gap-2">
                <input
                  aria-label={t('run.dialog.hostPort')}
                  data-testid="run-host-port"
                  aria-invalid={Boolean(shownErrors[`ports.${index}.hostPort`])}
                  className={smallInput}
                  inputMode="numeric"
                  placeholder={t('run.dialog.hostPort')}
                  value={row.hostPort}
                  onChange={(event) =>
                    update({
                      ports: form.ports.map((p, i) => (i === index ? { ...p, hostPort: event.target.value } : p)),
                    })
                  }
                />
                <span aria-hidden="true">→</span>
                <input
                  aria-label={t('run.dialog.containerPort')}
                  data-testid="run-container-port"
                  aria-invalid={Boolean(shownErrors[`ports.${index}.containerPort`])}
                  className={smallInput}
                  inputMode="numeric"
                  placeholder={t('run.dialog.containerPort')}
                  value={row.containerPort}
                  onChange={(event) =>
                    update({
                      ports: form.ports.map((p, i) => (i === index ? { ...p, containerPort: event.target.value } : p)),
                    })
                  }
                />
                <select
                  aria-label={t('run.dialog.protocol')}
                  className={smallInput}
                  value={row.protocol}
                  onChange={(event) =>
                    update({
                      ports: form.ports.map((p, i) =>
                        i === index ? { ...p, protocol: event.target.value as 'tcp' | 'udp' } : p,
                      ),
                    })
                  }
                >
                  <option value="tcp">TCP</option>
                  <option value="udp">UDP</option>
                </select>
                <select
                  aria-label={t('run.dialog.network')}
                  className={smallInput}
                  value={row.hostIp}
                  onChange={(event) =>
                    update({
                      ports: form.ports.map((p, i) =>
                        i === index ? { ...p, hostIp: event.target.value as '127.0.0.1' | '0.0.0.0' } : p,
                      ),
                    })
                  }
                >
                  <option value="127.0.0.1">{t('run.dialog.localOnly')}</option>
                  <option value="0.0.0.0">{t('run.dialog.anyNetwork')}</option>
                </select>
                <Button
                  variant="ghost"
                  className="!px-2"
                  onClick={() => update({ ports: form.ports.filter((_, i) => i !== index) })}
                  aria-label={t('run.dialog.remove')}
                >
                  ✕
                </Button>
              </div>
              <ErrorText
                message={shownErrors[`ports.${index}.hostPort`] ?? shownErrors[`ports.${index}.containerPort`]}
              />
            </div>
          ))}
          <Button
            variant="ghost"
            className="text-xs"
            data-testid="run-add-port"
            onClick={() =>
              update({
                ports: [...form.ports, { hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' }],
              })
            }
          >
            + {t('run.dialog.addPort')}
          </Button>
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('run.dialog.env')}</legend>
          {form.env.map((row, index) => (
            <div key={index} className="space-y-1">
              <div className="grid grid-cols-[1fr_2fr_auto] gap-2">
                <input
                  aria-label={t('run.dialog.key')}
                  aria-invalid={Boolean(shownErrors[`env.${index}.key`])}
                  className={`${smallInput} font-mono`}
                  placeholder={t('run.dialog.key')}
                  value={row.key}
                  onChange={(event) =>
                    update({ env: form.env.map((e, i) => (i === index ? { ...e, key: event.target.value } : e)) })
                  }
                />
                <input
                  aria-label={t('run.dialog.value')}
                  className={`${smallInput} font-mono`}
                  placeholder={t('run.dialog.value')}
                  value={row.value}
                  onChange={(event) =>
                    update({ env: form.env.map((e, i) => (i === index ? { ...e, value: event.target.value } : e)) })
                  }
                />
                <Button
                  variant="ghost"
                  className="!px-2"
                  onClick={() => update({ env: form.env.filter((_, i) => i !== index) })}
                  aria-label={t('run.dialog.remove')}
                >
                  ✕
                </Button>
              </div>
              <ErrorText message={shownErrors[`env.${index}.key`]} />
            </div>
          ))}
          <Button
            variant="ghost"
            className="text-xs"
            onClick={() => update({ env: [...form.env, { key: '', value: '' }] })}
          >
            + {t('run.dialog.addEnv')}
          </Button>
        </fieldset>

        <fieldset className="space-y-2">
          <legend className="text-sm font-medium">{t('run.dialog.volumes')}</legend>
          {form.volumes.map((row, index) => (
            <div
              key={index}
              data-testid="run-volume-row"
              className="space-y-1 rounded-md border border-slate-200 p-2 dark:border-slate-700"
            >
              <div className="grid grid-cols-[9rem_1fr_1fr_auto_auto] items-center gap-2">
                <select
                  aria-label={t('run.dialog.volumes')}
                  data-testid="run-volume-kind"
                  className={smallInput}
                  value={row.kind}
                  onChange={(event) =>
                    setVolume(
                      index,
                      event.target.value === 'bind'
                        ? { kind: 'bind', hostPath: '', confirmed: false }
                        : { kind: 'named', name: '' },
                    )
                  }
                >
                  <option value="named">{t('run.dialog.named')}</option>
                  <option value="bind">{t('run.dialog.bind')}</option>
                </select>
                {row.kind === 'named' ? (
                  <input
                    aria-label={t('run.dialog.volumeName')}
                    data-testid="run-volume-name"
                    aria-invalid={Boolean(shownErrors[`volumes.${index}.name`])}
                    className={smallInput}
                    placeholder={t('run.dialog.volumeName')}
                    value={row.name}
                    onChange={(event) => setVolume(index, { name: event.target.value })}
                  />
                ) : (
                  <input
                    aria-label={t('run.dialog.hostPath')}
                    data-testid="run-host-path"
                    aria-invalid={Boolean(shownErrors[`volumes.${index}.hostPath`])}
                    className={`${smallInput} font-mono`}
                    placeholder={t('run.dialog.hostPath')}
                    value={row.hostPath}
                    onChange={(event) => setVolume(index, { hostPath: event.target.value, confirmed: false })}
                  />
                )}
                <input
                  aria-label={t('run.dialog.containerPath')}
                  data-testid="run-container-path"
                  aria-invalid={Boolean(shownErrors[`volumes.${index}.containerPath`])}
                  className={`${smallInput} font-mono`}
                  placeholder={t('run.dialog.containerPath')}
                  value={row.containerPath}
                  onChange={(event) => setVolume(index, { containerPath: event.target.value })}
                />
                <label className="flex items-center gap-1 text-xs whitespace-nowrap">
                  <input
                    type="checkbox"
                    data-testid="run-volume-readonly"
                    checked={row.readOnly}
                    onChange={(event) => setVolume(index, { readOnly: event.target.checked })}
                  />
                  {t('run.dialog.readOnly')}
                </label>
                <Button
                  variant="ghost"
                  className="!px-2"
                  onClick={() => update({ volumes: form.volumes.filter((_, i) => i !== index) })}
                  aria-label={t('run.dialog.remove')}
                >
                  ✕
                </Button>
              </div>
              {row.kind === 'bind' && row.hostPath && (
                <label className="flex items-start gap-2 text-xs text-amber-800 dark:text-amber-300">
                  <input
                    type="checkbox"
                    data-testid="run-bind-confirm"
                    className="mt-0.5"
                    checked={row.confirmed}
                    onChange={(event) => setVolume(index, { confirmed: event.target.checked })}
                  />
                  {t('run.dialog.bindConfirm', { path: row.hostPath })}
                </label>
              )}
              <ErrorText
                message={
                  shownErrors[`volumes.${index}.hostPath`] ??
                  shownErrors[`volumes.${index}.confirmed`] ??
                  shownErrors[`volumes.${index}.containerPath`] ??
                  shownErrors[`volumes.${index}.name`]
                }
              />
            </div>
          ))}
          <Button
            variant="ghost"
            className="text-xs"
            data-testid="run-add-volume"
            onClick={() =>
              update({ volumes: [...form.volumes, { kind: 'named', name: '', containerPath: '', readOnly: false }] })
            }
          >
            + {t('run.dialog.addVolume')}
          </Button>
        </fieldset>

        <Field label={t('run.dialog.command')} help={t('run.dialog.commandHelp')} error={shownErrors.command}>
          {(props) => (
            <TextInput
              {...props}
              data-testid="run-command"
              className="font-mono"
              value={form.command}
              onChange={(event) => update({ command: event.target.value })}
            />
          )}
        </Field>

        <div className="flex flex-wrap items-center gap-6">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              data-testid="run-auto-remove"
              checked={form.autoRemove}
              onChange={(event) => update({ autoRemove: event.target.checked })}
            />
            {t('run.dialog.autoRemove')}
          </label>
          <label className="flex items-center gap-2 text-sm">
            {t('run.dialog.restart')}
            <select
              className={`${smallInput} !w-auto`}
              value={form.restartPolicy}
              onChange={(event) => update({ restartPolicy: event.target.value as RunForm['restartPolicy'] })}
            >
              {(['no', 'always', 'unless-stopped', 'on-failure'] as const).map((policy) => (
                <option key={policy} value={policy}>
                  {t(`run.dialog.restartPolicy.${policy}`)}
                </option>
              ))}
            </select>
          </label>
        </div>
        <ErrorText message={shownErrors.restartPolicy} />

        {command && (
          <div>
            <p className="mb-1 text-xs text-slate-500">{t('run.dialog.equivalent')}</p>
            <pre
              data-testid="run-command-preview"
              className="overflow-x-auto rounded-md bg-slate-900 px-3 py-2 font-mono text-xs text-slate-100"
            >
              $ {command}
            </pre>
          </div>
        )}
        {failure && <ProblemCard problem={failure.toWire()} />}
        <EngineUnavailable consequence={t('engineUnavailable.run')} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
