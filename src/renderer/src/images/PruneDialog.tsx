import { useTranslation } from 'react-i18next';
import type { LocalImage } from '../../../shared/images';
import { useBerthClient } from '../app/clientContext';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatBytes } from '../ui/format';
import { useAction } from '../ui/useAction';
import { shortImageId } from './imageName';

/** Lists exactly what prune will remove, and removes only those. */
export function PruneDialog({
  images,
  onClose,
  onDone,
}: {
  images: LocalImage[];
  onClose: () => void;
  onDone: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const { busy, failure, run } = useAction();

  const prune = () =>
    run(async () => {
      const result = await client.request('images.prune', { ids: images.map((image) => image.id) });
      onDone(
        t('images.confirmPrune.reclaimed', {
          count: result.removed.length,
          size: formatBytes(result.reclaimedBytes, i18n.language),
        }),
      );
    });

  return (
    <ConfirmDialog
      testId="prune-dialog"
      confirmTestId="confirm-prune"
      title={t('images.confirmPrune.title', { count: images.length })}
      body={<p>{t('images.confirmPrune.body')}</p>}
      items={images.map((image) => ({
        key: image.id,
        label: `${shortImageId(image.id)} · ${formatBytes(image.size, i18n.language)}`,
      }))}
      cancelLabel={t('images.cancel')}
      confirmLabel={t('images.confirmPrune.confirm')}
      busy={busy}
      failure={failure}
      onCancel={onClose}
      onConfirm={() => void prune()}
    />
  );
}
