import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../shared/containers';
import { useEngineAvailable } from '../engine/engineStatus';
import { ConfirmDialog } from '../ui/ConfirmDialog';

const isActive = (container: ContainerSummary) =>
  container.state === 'running' || container.state === 'paused' || container.state === 'restarting';

/** Names every container it removes; running ones need a second, explicit confirmation. */
export function RemoveContainersDialog({
  containers,
  onClose,
  onConfirm,
}: {
  containers: ContainerSummary[];
  onClose: () => void;
  onConfirm: (options: { removeVolumes: boolean; force: boolean }) => void;
}) {
  const { t } = useTranslation();
  const running = containers.filter(isActive);
  const one = containers.length === 1 ? containers[0] : undefined;
  const engine = useEngineAvailable();
  return (
    <ConfirmDialog
      testId="remove-container-dialog"
      confirmTestId="confirm-remove-container"
      title={
        one
          ? t('containers.remove.title', { name: one.name })
          : t('containers.remove.titleMany', { count: containers.length })
      }
      body={<p>{one ? t('containers.remove.body', { name: one.name }) : t('containers.remove.bodyMany')}</p>}
      items={one ? undefined : containers.map((container) => ({ key: container.id, label: container.name }))}
      volumesLabel={t('containers.remove.volumes')}
      secondConfirmation={
        running.length > 0
          ? {
              warning: (
                <p>
                  {one
                    ? t('containers.remove.running', { name: one.name })
                    : t('containers.remove.runningMany', {
                        names: running.map((container) => container.name).join(', '),
                      })}
                </p>
              ),
              label: t('containers.remove.force'),
              warningTestId: 'remove-running-warning',
              checkboxTestId: 'force-remove-container',
            }
          : undefined
      }
      cancelLabel={t('containers.remove.cancel')}
      confirmLabel={t('containers.remove.confirm')}
      confirmProps={engine.actionProps}
      onCancel={onClose}
      onConfirm={onConfirm}
    />
  );
}
