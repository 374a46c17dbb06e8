import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Network } from '../../../shared/networks';
import { containerNamePattern } from '../../../shared/run';
import { useBerthClient } from '../app/clientContext';
import { useContainers } from '../containers/containersStore';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { Field, TextInput, inputClass } from '../ui/Field';
import { useAction } from '../ui/useAction';

/** `docker network connect [--alias …]`: a container from the live list, and optional other names. */
export function ConnectDialog({
  network,
  onClose,
  onDone,
}: {
  network: Network;
  onClose: () => void;
  onDone: (container: string) => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const { containers } = useContainers();
  const onIt = new Set(network.containers.map((member) => member.id));
  const candidates = (containers ?? []).filter((container) => !onIt.has(container.id));
  const [container, setContainer] = useState('');
  const [aliasText, setAliasText] = useState('');
  const { busy, failure, run } = useAction();
  const aliases = aliasText.split(/[\s,]+/).filter(Boolean);
  const aliasError = aliases.some((alias) => !containerNamePattern.test(alias) || alias.length > 128)
    ? t('networks.connectDialog.aliasInvalid')
    : null;
  const picked = candidates.find((candidate) => candidate.id === container);

  const connect = async () => {
    if (!picked || aliasError) return;
    await run(async () => {
      await client.request('networks.connect', { network: network.id, container: picked.id, aliases });
      onDone(picked.name);
    });
  };

  return (
    <Dialog
      open
      testId="connect-dialog"
      title={t('networks.connectDialog.title', { network: network.name })}
      onClose={onClose}
      failure={failure}
      footer={
        <>
          <Button onClick={onClose}>{t('networks.cancel')}</Button>
          <Button
            variant="primary"
            {...actionProps}
            disabled={busy || !picked || aliasError !== null || actionProps.disabled === true}
            onClick={() => void connect()}
            data-testid="connect-submit"
          >
            {t('networks.connectDialog.submit')}
          </Button>
        </>
      }
    >
      {candidates.length === 0 ? (
        <p className="text-sm">{t('networks.connectDialog.none')}</p>
      ) : (
        <div className="space-y-4">
          <Field label={t('networks.connectDialog.container')}>
            {(props) => (
              <select
                {...props}
                data-autofocus
                className={inputClass}
                value={container}
                onChange={(event) => setContainer(event.target.value)}
                data-testid="connect-container"
              >
                <option value="">{t('networks.connectDialog.pick')}</option>
                {candidates.map((candidate) => (
                  <option key={candidate.id} value={candidate.id}>
                    {candidate.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field
            label={t('networks.connectDialog.aliases')}
            help={t('networks.connectDialog.aliasesHelp')}
            error={aliasError}
          >
            {(props) => (
              <TextInput
                {...props}
                autoComplete="off"
                spellCheck={false}
                value={aliasText}
                onChange={(event) => setAliasText(event.target.value)}
                data-testid="connect-aliases"
              />
            )}
          </Field>
        </div>
      )}
    </Dialog>
  );
}
