import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toBerthError, type WireError } from '../../../shared/errors';
import type { Network, NetworkMember } from '../../../shared/networks';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { useEngineAvailable } from '../engine/engineStatus';
import { ConfirmDialog } from '../ui/ConfirmDialog';

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
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<WireError | null>(null);
  const names = { container: member.name, network: network.name };

  const disconnect = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await client.request('networks.disconnect', { network: network.id, container: member.id, confirm: member.name });
      onDone();
    } catch (error) {
      setFailure(toBerthError(error).toWire());
    } finally {
      setBusy(false);
    }
  };

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
      confirmProps={actionProps}
      onCancel={onClose}
      onConfirm={() => void disconnect()}
    >
      {failure && (
        <div className="mt-3">
          <ProblemCard problem={failure} />
        </div>
      )}
    </ConfirmDialog>
  );
}
