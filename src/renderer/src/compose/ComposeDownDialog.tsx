import { useTranslation } from 'react-i18next';
import type { ComposeDownPlan } from '../../../shared/compose';
import type { BerthError } from '../../../shared/errors';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { InlineCode } from '../ui/InlineCode';

/** A volume as the dialog names it: its name, or "anonymous volume 1a2b3c4d5e6f" for compose's nameless ones. */
function volumeLabel(t: ReturnType<typeof useTranslation>['t'], volume: ComposeDownPlan['volumes'][number]) {
  return volume.anonymous ? t('compose.down.anonymousVolume', { name: volume.name.slice(0, 12) }) : volume.name;
}

/**
 * `docker compose down`'s confirmation: the containers and networks it removes, by name, and the
 * project's volumes, kept unless "Also remove volumes" is ticked; a volume another container uses
 * is named but not offered. `onConfirm` gets exactly the volumes to remove.
 */
export function ComposeDownDialog({
  plan,
  command,
  busy,
  failure,
  onCancel,
  onConfirm,
}: {
  plan: ComposeDownPlan;
  /** The compose command as the user types it ("docker compose", "docker-compose"). */
  command: string;
  busy: boolean;
  failure: BerthError | null;
  onCancel: () => void;
  onConfirm: (removeVolumes: string[]) => void;
}) {
  const { t } = useTranslation();
  const offered = plan.volumes.filter((volume) => volume.inUseByOthers.length === 0);
  const kept = plan.volumes.filter((volume) => volume.inUseByOthers.length > 0);
  const items = [
    ...plan.containers.map((name) => ({ key: `c:${name}`, label: t('compose.down.container', { name }) })),
    ...plan.networks.map((name) => ({ key: `n:${name}`, label: t('compose.down.network', { name }) })),
  ];
  return (
    <ConfirmDialog
      testId="compose-down-dialog"
      itemsTestId="compose-down-items"
      confirmTestId="compose-down-confirm"
      title={t('compose.down.title', { name: plan.projectName })}
      body={
        <p>
          <InlineCode text={items.length > 0 ? t('compose.down.body', { command }) : t('compose.down.nothing')} />
        </p>
      }
      items={items}
      volumesLabel={
        offered.length > 0 ? (
          <span>
            {t('compose.down.alsoVolumes')}{' '}
            <span className="font-mono text-xs" data-testid="compose-down-volumes">
              {offered.map((volume) => volumeLabel(t, volume)).join(', ')}
            </span>
          </span>
        ) : undefined
      }
      failure={failure}
      busy={busy}
      cancelLabel={t('compose.down.cancel')}
      confirmLabel={t('compose.down.confirm')}
      onCancel={onCancel}
      onConfirm={(flags) => onConfirm(flags.removeVolumes ? offered.map((volume) => volume.name) : [])}
    >
      {offered.length > 0 && (
        <p className="mt-1 text-xs text-slate-600 dark:text-slate-400">{t('compose.down.volumesKept')}</p>
      )}
      {kept.length > 0 && (
        <div className="mt-3 text-sm" data-testid="compose-down-volumes-in-use">
          <p>{t('compose.down.inUseTitle')}</p>
          <ul className="mt-1 list-inside list-disc text-xs">
            {kept.map((volume) => (
              <li key={volume.name}>
                {t('compose.down.inUse', { name: volumeLabel(t, volume), containers: volume.inUseByOthers.join(', ') })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </ConfirmDialog>
  );
}
