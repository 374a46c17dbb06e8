import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Volume, VolumePruneResult } from '../../../shared/volumes';
import { useBerthClient } from '../app/clientContext';
import { useEngineAvailable } from '../engine/engineStatus';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { formatBytes } from '../ui/format';
import { useAction } from '../ui/useAction';

/**
 * Lists every unused volume before asking (name, anonymous or not, size when measured), and asks the
 * main process to remove exactly those names: not the engine's prune, whose rules differ by version.
 */
export function PruneVolumesDialog({
  volumes,
  sizes,
  onClose,
  onDone,
}: {
  volumes: readonly Volume[];
  /** From "Show sizes", when the user measured them. */
  sizes: Readonly<Record<string, number | null>> | null;
  onClose: () => void;
  onDone: (result: VolumePruneResult) => void;
}) {
  const { t, i18n } = useTranslation();
  const client = useBerthClient();
  const { actionProps } = useEngineAvailable();
  const { busy, failure, run } = useAction();
  // The names as first shown: a volume that becomes unused while the dialog is open is not added under the user's eyes.
  const [names] = useState(() => volumes.map((volume) => volume.name));
  const listed = names.map((name) => volumes.find((volume) => volume.name === name) ?? null);

  const prune = () => run(async () => onDone(await client.request('volumes.prune', { names })));

  return (
    <ConfirmDialog
      testId="prune-volumes-dialog"
      confirmTestId="confirm-prune-volumes"
      itemsTestId="prune-volumes-items"
      title={t('volumes.prune.title', { count: names.length })}
      body={<p>{t('volumes.prune.body')}</p>}
      items={names.map((name, index) => {
        const size = sizes?.[name];
        const details = [
          listed[index]?.anonymous ? t('volumes.prune.anonymous') : null,
          typeof size === 'number' ? formatBytes(size, i18n.language) : null,
        ].filter(Boolean);
        return {
          key: name,
          label: <span className="break-all">{[name, ...details].join(' · ')}</span>,
        };
      })}
      cancelLabel={t('volumes.create.cancel')}
      confirmLabel={t('volumes.prune.confirm')}
      busy={busy || names.length === 0}
      failure={failure}
      confirmProps={actionProps}
      onCancel={onClose}
      onConfirm={() => void prune()}
    >
      <p className="mt-3 text-xs text-slate-600 dark:text-slate-400">{t('volumes.prune.only')}</p>
      {!sizes && <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t('volumes.prune.sizesHint')}</p>}
    </ConfirmDialog>
  );
}
