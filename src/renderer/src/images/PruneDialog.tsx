import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError, toBerthError } from '../../../shared/errors';
import type { LocalImage } from '../../../shared/images';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { formatBytes } from '../ui/format';
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
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<BerthError | null>(null);

  const prune = async () => {
    setBusy(true);
    try {
      const result = await client.request('images.prune', { ids: images.map((image) => image.id) });
      onDone(
        t('images.confirmPrune.reclaimed', {
          count: result.removed.length,
          size: formatBytes(result.reclaimedBytes, i18n.language),
        }),
      );
    } catch (error) {
      setFailure(toBerthError(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open
      testId="prune-dialog"
      title={t('images.confirmPrune.title', { count: images.length })}
      onClose={onClose}
      footer={
        <>
          <Button onClick={onClose} data-autofocus>
            {t('images.cancel')}
          </Button>
          <Button
            variant="primary"
            className="!bg-rose-600 hover:!bg-rose-500"
            disabled={busy}
            onClick={() => void prune()}
            data-testid="confirm-prune"
          >
            {t('images.confirmPrune.confirm')}
          </Button>
        </>
      }
    >
      <p className="text-sm">{t('images.confirmPrune.body')}</p>
      <ul className="mt-2 space-y-1 font-mono text-xs">
        {images.map((image) => (
          <li key={image.id}>
            {shortImageId(image.id)} · {formatBytes(image.size, i18n.language)}
          </li>
        ))}
      </ul>
      {failure && <ProblemCard problem={failure.toWire()} />}
    </Dialog>
  );
}
