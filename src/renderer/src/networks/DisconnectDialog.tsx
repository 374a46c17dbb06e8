import { useTranslation } from 'react-i18next';
import type { Network, NetworkMember } from '../../../shared/networks';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useAction } from '../ui/useAction';

/** `docker network disconnect`, after a confirmation that names the container. */
export function DisconnectDialog({
  network,
  member,
  onClose,
  onDone,
}: {
  network: Network;
  member: NetworkMember;
  onClose: () => void;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const { busy, failure, run } = useAction();
  const names = { container: member.name, network: network.name };

  const disconnect = () =>
    run(async () => {
      await client.request('networks.disconnect', { network: network.id, container: member.id, confirm: member.name });
      onDone();
    });

  return (
    <ConfirmDialog
      testId="disconnect-dialog"
      confirmTestId="confirm-disconnect"
      title={t('networks.confirmDisconnect.title', names)}
      body={<p>{t('networks.confirmDisconnect.body', names)}</p>}
      items={[{ key: member.id, label: `${member.name}${member.ipv4 ? ` (${member.ipv4})` : ''}` }]}
      cancelLabel={t('networks.cancel')}
      confirmLabel={t('networks.confirmDisconnect.confirm')}
      busy={busy}
      failure={failure}
      confirmProps={actionProps}
      onCancel={onClose}
      onConfirm={() => void disconnect()}
    />
  );
}
