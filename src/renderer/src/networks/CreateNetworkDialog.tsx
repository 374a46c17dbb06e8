import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError } from '../../../shared/errors';
import type { Network } from '../../../shared/networks';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field, TextInput } from '../ui/Field';
import { useAction } from '../ui/useAction';
import { checkNetworkForm, issuesToFormErrors, type NetworkForm, type NetworkFormErrors } from './networkForm';

/** "New network": a user-defined bridge, with an optional subnet and gateway checked as they are typed. */
export function CreateNetworkDialog({
  networks,
  onClose,
  onCreated,
}: {
  networks: readonly Network[];
  onClose: () => void;
  onCreated: (network: Network) => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const [form, setForm] = useState<NetworkForm>({ name: '', subnet: '', gateway: '', internal: false });
  // A field's error shows once it was left or the form was sent, not while the first letter is typed.
  const [touched, setTouched] = useState<Record<string, boolean>>({});
  const [serverErrors, setServerErrors] = useState<NetworkFormErrors>({});
  const { busy, failure, run, clear } = useAction();
  const errors = { ...checkNetworkForm(form, networks, t), ...serverErrors };
  const shown = (field: keyof NetworkFormErrors) => (touched[field] ? (errors[field] ?? null) : null);

  const change = (patch: Partial<NetworkForm>) => {
    setForm((previous) => ({ ...previous, ...patch }));
    setServerErrors({});
    clear();
  };

  const submit = async () => {
    setTouched({ name: true, subnet: true, gateway: true });
    if (Object.keys(checkNetworkForm(form, networks, t)).length > 0) return;
    await run(async () => {
      try {
        const network = await client.request('networks.create', {
          name: form.name.trim(),
          subnet: form.subnet.trim(),
          gateway: form.gateway.trim(),
          internal: form.internal,
        });
        onCreated(network);
      } catch (error) {
        // A refusal about a field is that field's error, not a card.
        const fieldErrors = issuesToFormErrors(toBerthError(error).toWire(), form, t);
        setServerErrors(fieldErrors);
        if (Object.keys(fieldErrors).length === 0) throw error;
      }
    });
  };

  return (
    <Dialog
      open
      testId="create-network-dialog"
      title={t('networks.create.title')}
      onClose={onClose}
      failure={failure}
      footer={
        <>
          <Button onClick={onClose}>{t('networks.cancel')}</Button>
          <Button
            variant="primary"
            {...actionProps}
            disabled={busy || actionProps.disabled === true}
            onClick={() => void submit()}
            data-testid="create-network-submit"
          >
            {t('networks.create.submit')}
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
        <p className="text-sm text-slate-600 dark:text-slate-400">{t('networks.create.intro')}</p>
        <Field label={t('networks.create.name')} help={t('networks.create.nameHelp')} error={shown('name')}>
          {(props) => (
            <TextInput
              {...props}
              data-autofocus
              autoComplete="off"
              spellCheck={false}
              value={form.name}
              onChange={(event) => change({ name: event.target.value })}
              onBlur={() => setTouched((previous) => ({ ...previous, name: true }))}
              data-testid="network-name"
            />
          )}
        </Field>
        <Field label={t('networks.create.subnet')} help={t('networks.create.subnetHelp')} error={shown('subnet')}>
          {(props) => (
            <TextInput
              {...props}
              autoComplete="off"
              spellCheck={false}
              placeholder="172.30.0.0/16"
              value={form.subnet}
              onChange={(event) => change({ subnet: event.target.value })}
              onBlur={() => setTouched((previous) => ({ ...previous, subnet: true }))}
              data-testid="network-subnet"
            />
          )}
        </Field>
        <Field label={t('networks.create.gateway')} help={t('networks.create.gatewayHelp')} error={shown('gateway')}>
          {(props) => (
            <TextInput
              {...props}
              autoComplete="off"
              spellCheck={false}
              placeholder="172.30.0.1"
              value={form.gateway}
              onChange={(event) => change({ gateway: event.target.value })}
              onBlur={() => setTouched((previous) => ({ ...previous, gateway: true }))}
              data-testid="network-gateway"
            />
          )}
        </Field>
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={form.internal}
            onChange={(event) => change({ internal: event.target.checked })}
            data-testid="network-internal"
          />
          {t('networks.create.internal')}
        </label>
        {/* Enter in a field sends the form. */}
        <button type="submit" hidden aria-hidden tabIndex={-1} />
      </form>
    </Dialog>
  );
}
