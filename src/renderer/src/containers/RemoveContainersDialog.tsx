import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../shared/containers';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';

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
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [force, setForce] = useState(false);
  const running = containers.filter(isActive);
  const one = containers.length === 1 ? containers[0] : undefined;
  const engine = useEngineAvailable();
  return (
    <Dialog
      open
      testId="remove-container-dialog"
      title={
        one
          ? t('containers.remove.title', { name: one.name })
          : t('containers.remove.titleMany', { count: containers.length })
      }
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            {t('containers.remove.cancel')}
          </Button>
          <Button
            variant="primary"
            className="!bg-rose-600 hover:!bg-rose-500"
            disabled={running.length > 0 && !force}
            onClick={() => onConfirm({ removeVolumes, force: running.length > 0 && force })}
            data-testid="confirm-remove-container"
            {...engine.actionProps}
          >
            {t('containers.remove.confirm')}
          </Button>
        </>
      }
    >
      {one ? (
        <p className="text-sm">{t('containers.remove.body', { name: one.name })}</p>
      ) : (
        <>
          <p className="text-sm">{t('containers.remove.bodyMany')}</p>
          <ul className="mt-1 list-inside list-disc font-mono text-xs">
            {containers.map((container) => (
              <li key={container.id}>{container.name}</li>
            ))}
          </ul>
        </>
      )}
      <label className="mt-3 flex items-center gap-2 text-sm">
        <input type="checkbox" checked={removeVolumes} onChange={(event) => setRemoveVolumes(event.target.checked)} />
        {t('containers.remove.volumes')}
      </label>
      {running.length > 0 && (
        <div
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700/60 dark:bg-amber-950/40"
          data-testid="remove-running-warning"
        >
          <p>
            {one
              ? t('containers.remove.running', { name: one.name })
              : t('containers.remove.runningMany', { names: running.map((container) => container.name).join(', ') })}
          </p>
          <label className="mt-2 flex items-center gap-2 font-medium">
            <input
              type="checkbox"
              checked={force}
              onChange={(event) => setForce(event.target.checked)}
              data-testid="force-remove-container"
            />
            {t('containers.remove.force')}
          </label>
        </div>
      )}
    </Dialog>
  );
}
