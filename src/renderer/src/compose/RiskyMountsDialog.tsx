import { useTranslation } from 'react-i18next';
import type { ComposeRiskyMount } from '../../../shared/compose';
import { ConfirmDialog } from '../ui/ConfirmDialog';

/**
 * Before up, when the file shares the whole disk, the Docker server's socket or a system folder
 * with a container: each named with its service and the run dialog's reason, and up runs only
 * after the user says so.
 */
export function RiskyMountsDialog({
  mounts,
  onCancel,
  onConfirm,
}: {
  mounts: ComposeRiskyMount[];
  onCancel: () => void;
  onConfirm: () => void;
}) {
  const { t } = useTranslation();
  return (
    <ConfirmDialog
      testId="compose-risky-dialog"
      itemsTestId="compose-risky-items"
      confirmTestId="compose-risky-confirm"
      title={t('compose.risky.title')}
      body={<p>{t('compose.risky.body')}</p>}
      items={mounts.map((mount) => ({
        key: `${mount.service}:${mount.source}`,
        label: (
          <span>
            {t('compose.risky.item', { service: mount.service, source: mount.source })}{' '}
            <span className="font-sans">{t(`run.error.forbidden.${mount.kind}`)}</span>
          </span>
        ),
      }))}
      cancelLabel={t('compose.risky.cancel')}
      confirmLabel={t('compose.risky.confirm')}
      onCancel={onCancel}
      onConfirm={onConfirm}
    />
  );
}
