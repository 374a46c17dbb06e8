import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError, toBerthError } from '../../../shared/errors';
import type { LocalImage } from '../../../shared/images';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { useEngineStatus } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { imageDisplayName, shortImageId } from './imageName';

/** Names what it destroys; an image in use needs a second, explicit confirmation naming the containers. */
export function RemoveImageDialog({
  image,
  onClose,
  onRemoved,
}: {
  image: LocalImage;
  onClose: () => void;
  onRemoved: (name: string) => void;
}) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [force, setForce] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const name = imageDisplayName(image);
  const inUse = image.containers.length > 0;
  const running = image.containers.some((container) => container.running);
  // Podman removes the containers with the image (Berth removes them first, by name): say so.
  const onPodman = useEngineStatus().status?.server?.family === 'podman';

  const remove = async () => {
    setBusy(true);
    setFailure(null);
    try {
      await client.request('images.remove', {
        id: image.id,
        confirm: name,
        force: inUse && force,
        confirmContainers: inUse && force ? image.containers.map((container) => container.id) : [],
      });
      onRemoved(name);
    } catch (error) {
      setFailure(toBerthError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      testId="remove-image-dialog"
      title={t('images.confirmRemove.title', { name })}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            {t('images.cancel')}
          </Button>
          <Button
            variant="primary"
            className="!bg-rose-600 hover:!bg-rose-500"
            disabled={busy || running || (inUse && !force)}
            onClick={() => void remove()}
            data-testid="confirm-remove"
          >
            {t('images.confirmRemove.confirm')}
          </Button>
        </>
      }
    >
      <p className="text-sm">{t('images.confirmRemove.body', { name, id: shortImageId(image.id) })}</p>
      {image.repoTags.length > 1 && (
        <div className="mt-2 text-sm">
          <p>{t('images.confirmRemove.alsoTags')}</p>
          <ul className="mt-1 list-inside list-disc font-mono text-xs" data-testid="other-tags">
            {image.repoTags.slice(1).map((tag) => (
              <li key={tag}>{tag}</li>
            ))}
          </ul>
        </div>
      )}
      {inUse && (
        <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700/60 dark:bg-amber-950/40">
          <p data-testid="in-use-text">
            {running
              ? t('images.confirmRemove.inUseRunning')
              : onPodman
                ? t('images.confirmRemove.inUsePodman')
                : t('images.confirmRemove.inUse')}
          </p>
          <ul className="mt-1 list-inside list-disc font-mono text-xs" data-testid="using-containers">
            {image.containers.map((container) => (
              <li key={container.id}>
                {container.name}
                {container.running ? ` (${t('run.flow.state.running')})` : ''}
              </li>
            ))}
          </ul>
          {!running && (
            <label className="mt-2 flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                checked={force}
                onChange={(event) => setForce(event.target.checked)}
                data-testid="force-remove"
              />
              {onPodman ? t('images.confirmRemove.forcePodman') : t('images.confirmRemove.force')}
            </label>
          )}
        </div>
      )}
      {failure && (
        <div className="mt-3">
          <ProblemCard problem={failure.toWire()} />
        </div>
      )}
    </Dialog>
  );
}
