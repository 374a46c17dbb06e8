import { useTranslation } from 'react-i18next';
import type { LocalImage } from '../../../shared/images';
import { useBerthClient } from '../app/clientContext';
import { useEngineStatus } from '../engine/engineStatus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { useAction } from '../ui/useAction';
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
  const { busy, failure, run } = useAction();
  const name = imageDisplayName(image);
  const inUse = image.containers.length > 0;
  const running = image.containers.some((container) => container.running);
  // Podman removes the containers with the image (Berth removes them first, by name): say so.
  const onPodman = useEngineStatus().status?.server?.family === 'podman';

  const remove = (force: boolean) =>
    run(async () => {
      await client.request('images.remove', {
        id: image.id,
        confirm: name,
        force,
        confirmContainers: force ? image.containers.map((container) => container.id) : [],
      });
      onRemoved(name);
    });

  return (
    <ConfirmDialog
      testId="remove-image-dialog"
      confirmTestId="confirm-remove"
      title={t('images.confirmRemove.title', { name })}
      body={
        <>
          <p>{t('images.confirmRemove.body', { name, id: shortImageId(image.id) })}</p>
          {image.repoTags.length > 1 && (
            <div className="mt-2">
              <p>{t('images.confirmRemove.alsoTags')}</p>
              <ul className="mt-1 list-inside list-disc font-mono text-xs" data-testid="other-tags">
                {image.repoTags.slice(1).map((tag) => (
                  <li key={tag}>{tag}</li>
                ))}
              </ul>
            </div>
          )}
        </>
      }
      secondConfirmation={
        inUse
          ? {
              warning: (
                <>
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
                </>
              ),
              // A running container blocks removal outright: no checkbox, Confirm stays disabled.
              label: running
                ? undefined
                : onPodman
                  ? t('images.confirmRemove.forcePodman')
                  : t('images.confirmRemove.force'),
              checkboxTestId: 'force-remove',
            }
          : undefined
      }
      cancelLabel={t('images.cancel')}
      confirmLabel={t('images.confirmRemove.confirm')}
      busy={busy}
      failure={failure}
      onCancel={onClose}
      onConfirm={({ force }) => void remove(force)}
    />
  );
}
