import { useTranslation } from 'react-i18next';
import type { Volume } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useAction } from '../ui/useAction';
import { BackupVolumeButton } from './BackupVolumeButton';
import { VolumeUsers } from './VolumeUsers';

/**
 * Names the volume and says its data is gone for good, offering a backup first. A volume in use
 * cannot be removed: the dialog names the containers and Confirm stays disabled (the main process
 * refuses it too, and its refusal names them).
 */
export function RemoveVolumeDialog({
  volume,
  onClose,
  onRemoved,
}: {
  volume: Volume;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const { busy, failure, run } = useAction();
  const { name } = volume;

  const remove = () =>
    run(async () => {
      const { removed } = await client.request('volumes.remove', { name, confirm: name });
      onRemoved(removed);
    });

  return (
    <ConfirmDialog
      testId="remove-volume-dialog"
      confirmTestId="confirm-remove-volume"
      title={t('volumes.remove.title', { name })}
      body={
        <>
          <p>{t('volumes.remove.body', { name })}</p>
          <div className="mt-3 flex flex-wrap items-center gap-2">
            <p className="text-slate-600 dark:text-slate-400">{t('volumes.remove.backupFirst')}</p>
            <BackupVolumeButton name={name} />
          </div>
        </>
      }
      secondConfirmation={
        volume.containers.length > 0
          ? {
              warningTestId: 'volume-in-use',
              warning: (
                <>
                  <p>{t('volumes.remove.inUse')}</p>
                  <VolumeUsers users={volume.containers} className="mt-1" testId="volume-in-use-containers" />
                </>
              ),
            }
          : undefined
      }
      cancelLabel={t('volumes.create.cancel')}
      confirmLabel={t('volumes.remove.confirm')}
      busy={busy}
      failure={failure}
      failureHeading={
        failure?.code === 'in-use' && volume.containers.length > 0
          ? t('volumes.remove.refused', { name, containers: volume.containers.map((c) => c.name).join(', ') })
          : undefined
      }
      confirmProps={actionProps}
      onCancel={onClose}
      onConfirm={() => void remove()}
    />
  );
}
