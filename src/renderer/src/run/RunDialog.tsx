import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dockerRunCommand } from '../../../shared/dockerRunCommand';
import { BerthError, toBerthError } from '../../../shared/errors';
import { parseImageReference } from '../../../shared/imageReference';
import type { ExposedPorts } from '../../../shared/run';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field, TextInput } from '../ui/Field';
import { InlineCode } from '../ui/InlineCode';
import { useCopy } from '../ui/useCopy';
import { EnvRows } from './EnvRows';
import { PortRows } from './PortRows';
import { ErrorText, rowInput } from './rowParts';
import {
  checkIssueErrors,
  pathsAfterRemoving,
  portRowsFor,
  startIssueErrors,
  toRunInput,
  validateRunForm,
  visibleErrors,
  type FieldErrors,
  type PortRow,
  type RunForm,
} from './runForm';
import { VolumeRows } from './VolumeRows';

/**
 * The run dialog. A field's own mistakes show once the user leaves it or presses Run (then the
 * first one is scrolled to and focused); the engine is asked about names, ports and folders while
 * the user types, before anything is created.
 */
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
  // Field paths the user has left (blurred), and whether Run was pressed: when mistakes may show.
  const [left, setLeft] = useState<ReadonlySet<string>>(() => new Set());
  const [submitted, setSubmitted] = useState(false);
  const [engineErrors, setEngineErrors] = useState<FieldErrors>({});
  // What run.start refused on the files (a missing folder…), kept until the form changes: the
  // debounced run.check must not wipe it.
  const [startErrors, setStartErrors] = useState<FieldErrors>({});
  const [submitting, setSubmitting] = useState(false);
  const [failure, setFailure] = useState<BerthError | null>(null);
  // The image's EXPOSEd ports fill the port rows until the user changes them.
  const [portsEdited, setPortsEdited] = useState(initial.ports.length > 0);
  // What the image last looked up EXPOSEs, and which image that was (the hint names its ports).
  const [exposed, setExposed] = useState<{ image: string; ports: ExposedPorts['ports'] }>({ image: '', ports: [] });
  // A new row's first field, focused once it is rendered; and each Run that found mistakes.
  const focusPath = useRef<string | null>(null);
  const [focusErrorRequest, setFocusErrorRequest] = useState(0);
  const formRef = useRef<HTMLFormElement>(null);
  const failureRef = useRef<HTMLDivElement>(null);
  const [copyState, copy] = useCopy();
  const engine = useEngineAvailable();

  const { input, errors } = useMemo(() => validateRunForm(t, form), [t, form]);
  // What goes to the main process: the form as typed (the Command as a line), which its schema
  // validates and splits exactly as validateRunForm just did.
  const wireInput = useMemo(() => toRunInput(form), [form]);
  const shownErrors = visibleErrors(errors, left, submitted, engineErrors, startErrors);
  const command = input ? dockerRunCommand(input) : null;

  // Ask the engine about names, ports and folders while the user types (debounced), not only on submit.
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

  // The local image's EXPOSEd ports (redis: 6379) become port rows, following the image field
  // until the user edits the ports themselves.
  const image = form.image.trim();
  useEffect(() => {
    if (portsEdited) return;
    let current = true;
    const timer = setTimeout(() => {
      const lookup = parseImageReference(image).ok
        ? client.request('run.exposedPorts', { image })
        : Promise.resolve({ present: false, ports: [] });
      lookup.then(
        (result) => {
          if (!current) return;
          setExposed({ image, ports: result.ports });
          setForm((previous) => ({ ...previous, ports: portRowsFor(result.ports) }));
        },
        () => undefined,
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [client, image, portsEdited]);

  useEffect(() => {
    if (focusPath.current === null) return;
    formRef.current?.querySelector<HTMLElement>(`[data-field="${focusPath.current}"]`)?.focus();
    focusPath.current = null;
  });

  // After Run found mistakes: the first field showing one, in the order of the form, is brought
  // into view and focused, so Run never "does nothing".
  useEffect(() => {
    if (focusErrorRequest === 0) return;
    const field = formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]');
    if (!field) return;
    field.scrollIntoView({ block: 'center' });
    field.focus();
  }, [focusErrorRequest]);

  // A refusal that is about no field is shown under the form: brought into view, not left below it.
  useEffect(() => {
    if (failure) failureRef.current?.scrollIntoView({ block: 'nearest' });
  }, [failure]);

  const update = (patch: Partial<RunForm>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setEngineErrors({});
    setStartErrors({});
    setFailure(null);
  };
  const updatePorts = (ports: PortRow[]) => {
    setPortsEdited(true);
    update({ ports });
  };
  const leave = (path: string) => setLeft((previous) => (previous.has(path) ? previous : new Set(previous).add(path)));
  const removeRow = (list: 'ports' | 'env' | 'volumes', index: number) => {
    if (list === 'ports') setPortsEdited(true);
    update({ [list]: form[list].filter((_, i) => i !== index) });
    setLeft((previous) => pathsAfterRemoving(previous, list, index));
  };
  const focusFirstError = () => setFocusErrorRequest((count) => count + 1);

  const submit = async () => {
    setSubmitted(true);
    if (!input) {
      focusFirstError();
      return;
    }
    // Enter in a field submits too: nothing is started while the Docker server cannot be reached.
    if (!engine.available) return;
    setSubmitting(true);
    setFailure(null);
    try {
      const check = await client.request('run.check', wireInput);
      if (check.issues.length > 0) {
        setEngineErrors(checkIssueErrors(t, form, check.issues));
        focusFirstError();
        return;
      }
      const { runId } = await client.request('run.start', wireInput);
      onStarted(runId);
    } catch (error) {
      const failed = toBerthError(error);
      // A folder refused on the files themselves (missing, or a link to /) is said on its row.
      const onRows = startIssueErrors(t, form, failed.issues);
      if (Object.keys(onRows).length > 0) {
        setStartErrors(onRows);
        focusFirstError();
      } else setFailure(failed);
    } finally {
      setSubmitting(false);
    }
  };

  // Still true once the rows are edited, as long as it is about the image in the field.
  const exposedHint =
    exposed.image === image && exposed.ports.length > 0
      ? t('run.dialog.exposedHint', { ports: exposed.ports.map((port) => `${port.port}/${port.protocol}`).join(', ') })
      : null;

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
        ref={formRef}
        noValidate
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
                data-field="image"
                onBlur={() => leave('image')}
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
                data-field="name"
                onBlur={() => leave('name')}
                value={form.name}
                onChange={(event) => update({ name: event.target.value })}
              />
            )}
          </Field>
        </div>

        <PortRows
          rows={form.ports}
          errors={shownErrors}
          exposedHint={exposedHint}
          onChange={(ports) => updatePorts(ports)}
          onAdd={() => {
            updatePorts([...form.ports, { hostIp: '127.0.0.1', hostPort: '', containerPort: '', protocol: 'tcp' }]);
            focusPath.current = `ports.${form.ports.length}.hostPort`;
          }}
          onRemove={(index) => removeRow('ports', index)}
          onLeave={leave}
        />
        <EnvRows
          rows={form.env}
          errors={shownErrors}
          onChange={(env) => update({ env })}
          onAdd={() => {
            update({ env: [...form.env, { key: '', value: '' }] });
            focusPath.current = `env.${form.env.length}.key`;
          }}
          onRemove={(index) => removeRow('env', index)}
          onLeave={leave}
        />
        <VolumeRows
          rows={form.volumes}
          errors={shownErrors}
          onChange={(volumes) => update({ volumes })}
          onAdd={() => {
            update({ volumes: [...form.volumes, { kind: 'named', name: '', containerPath: '', readOnly: false }] });
            focusPath.current = `volumes.${form.volumes.length}.name`;
          }}
          onRemove={(index) => removeRow('volumes', index)}
          onLeave={leave}
        />

        <Field label={t('run.dialog.command')} help={t('run.dialog.commandHelp')} error={shownErrors.command}>
          {(props) => (
            <TextInput
              {...props}
              data-testid="run-command"
              data-field="command"
              onBlur={() => leave('command')}
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
              className={`${rowInput} !w-auto`}
              data-field="restartPolicy"
              data-testid="run-restart"
              aria-invalid={Boolean(shownErrors.restartPolicy)}
              onBlur={() => leave('restartPolicy')}
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
        {failure && (
          <div ref={failureRef}>
            <ProblemCard problem={failure.toWire()} />
          </div>
        )}
        <EngineUnavailable consequence={t('engineUnavailable.run')} offerCheck={false} />
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
