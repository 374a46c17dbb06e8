import { useTranslation } from 'react-i18next';
import type { Network } from '../../../shared/networks';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useAction } from '../ui/useAction';

/**
 * Names the network it removes. A network in use is refused here already, naming its containers
 * (and by the main process, whatever the dialog says, if one joined meanwhile).
 */
export function RemoveNetworkDialog({
  network,
  onClose,
  onRemoved,
}: {
  network: Network;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const { busy, failure, run } = useAction();
  const { name } = network;
  const inUse = network.containers.length > 0;

  const remove = () =>
    run(async () => {
      await client.request('networks.remove', { id: network.id, confirm: name });
      onRemoved(name);
    });

  return (
    <ConfirmDialog
      testId="remove-network-dialog"
      confirmTestId="confirm-remove-network"
      title={t('networks.confirmRemove.title', { name })}
      body={<p>{t('networks.confirmRemove.body', { name })}</p>}
      items={[{ key: network.id, label: name }]}
      secondConfirmation={
        inUse
          ? {
              // No checkbox: nothing forces a network in use away; its containers go first.
              warning: (
                <>
                  <p>{t('networks.confirmRemove.inUse', { name })}</p>
                  <ul className="mt-1 list-inside list-disc font-mono text-xs" data-testid="network-users">
                    {network.containers.map((container) => (
                      <li key={container.id}>
                        {container.name}
                        {container.running ? '' : ` (${t('networks.stopped')})`}
                      </li>
                    ))}
                  </ul>
                </>
              ),
              warningTestId: 'network-in-use',
            }
          : undefined
      }
      cancelLabel={t('networks.cancel')}
      confirmLabel={t('networks.confirmRemove.confirm')}
      busy={busy}
      failure={failure}
      confirmProps={actionProps}
      onCancel={onClose}
      onConfirm={() => void remove()}
    />
  );
}
