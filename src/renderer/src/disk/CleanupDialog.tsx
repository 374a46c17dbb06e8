import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  cleanupKinds,
  freesAtLeast,
  type CleanupKind,
  type CleanupPlan,
  type CleanupResult,
  type DiskItem,
} from '../../../shared/diskUsage';
import { BerthError, toBerthError } from '../../../shared/errors';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { Button } from '../ui/Button';
import { Dialog } from '../ui/Dialog';
import { CleanupResultView } from './CleanupResultView';
import { diskSize } from './diskText';

/** Ticked when the dialog opens: what is safe to lose. Unused images and volumes wait for the user. */
const tickedAtFirst: readonly CleanupKind[] = ['stoppedContainers', 'danglingImages', 'buildCache'];

const itemKey = (kind: CleanupKind, id: string) => `${kind}\n${id}`;

/**
 * The clean-up: the user ticks kinds (and may untick single items), sees every item that will go
 * with the space it frees (from disk.plan), confirms volumes by name a second time, and afterwards
 * sees what changed per category and what stayed.
 */
export function CleanupDialog({ onClose, onDone }: { onClose: () => void; onDone: (result: CleanupResult) => void }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [plan, setPlan] = useState<CleanupPlan | null>(null);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const [ticked, setTicked] = useState<ReadonlySet<CleanupKind>>(() => new Set(tickedAtFirst));
  const [left, setLeft] = useState<ReadonlySet<string>>(() => new Set());
  const [volumesConfirmed, setVolumesConfirmed] = useState(false);
  const [running, setRunning] = useState(false);
  const [result, setResult] = useState<CleanupResult | null>(null);

  useEffect(() => {
    let open = true;
    client.request('disk.plan', { kinds: [...cleanupKinds] }).then(
      (next) => open && setPlan(next),
      (error: unknown) => open && setFailure(toBerthError(error)),
    );
    return () => {
      open = false;
    };
  }, [client]);

  const chosen = useMemo(() => {
    const byKind = new Map<CleanupKind, DiskItem[]>();
    for (const group of plan?.groups ?? []) {
      if (!ticked.has(group.kind)) continue;
      byKind.set(
        group.kind,
        group.items.filter((item) => !left.has(itemKey(group.kind, item.id))),
      );
    }
    return byKind;
  }, [plan, ticked, left]);
  const ids = (...kinds: CleanupKind[]) => kinds.flatMap((kind) => (chosen.get(kind) ?? []).map((item) => item.id));
  const volumes = ids('unusedVolumes');
  const count = [...chosen.values()].reduce((total, items) => total + items.length, 0);
  const bytes = [...chosen.values()].flat().reduce((total, item) => total + item.size, 0);
  const volumesWaiting = volumes.length > 0 && !volumesConfirmed;

  const toggleKind = (kind: CleanupKind, on: boolean) => {
    const next = new Set(ticked);
    if (on) next.add(kind);
    else next.delete(kind);
    setTicked(next);
    if (kind === 'unusedVolumes') setVolumesConfirmed(false);
  };
  const toggleItem = (kind: CleanupKind, id: string, on: boolean) => {
    const next = new Set(left);
    if (on) next.delete(itemKey(kind, id));
    else next.add(itemKey(kind, id));
    setLeft(next);
    // The confirmation names the volumes: another list needs it again.
    if (kind === 'unusedVolumes') setVolumesConfirmed(false);
  };

  const cleanUp = async () => {
    setRunning(true);
    setFailure(null);
    try {
      const done = await client.request('disk.cleanUp', {
        containers: ids('stoppedContainers'),
        images: ids('danglingImages', 'unusedImages'),
        buildCache: ids('buildCache'),
        volumes,
        confirmVolumes: volumesConfirmed ? volumes : [],
      });
      setResult(done);
      onDone(done);
    } catch (error) {
      setFailure(toBerthError(error));
    } finally {
      setRunning(false);
    }
  };

  if (result) {
    return (
      <Dialog
        open
        wide
        title={t('disk.result.title')}
        onClose={onClose}
        testId="cleanup-dialog"
        footer={
          // The Remove button that had the focus is gone: Close takes it.
          <Button variant="primary" onClick={onClose} autoFocus data-autofocus data-testid="cleanup-close">
            {t('disk.cleanup.close')}
          </Button>
        }
      >
        <CleanupResultView result={result} />
      </Dialog>
    );
  }

  return (
    <Dialog
      open
      wide
      title={t('disk.cleanup.title')}
      onClose={onClose}
      testId="cleanup-dialog"
      footer={
        <>
          <span className="mr-auto self-center text-sm font-medium" data-testid="cleanup-frees">
            {volumesWaiting ? (
              <span className="text-rose-700 dark:text-rose-300">{t('disk.cleanup.volumesWaiting')}</span>
            ) : (
              plan &&
              count > 0 &&
              (freesAtLeast([...chosen.values()].flat())
                ? t('disk.cleanup.freesAtLeast', { size: diskSize(bytes) })
                : t('disk.cleanup.frees', { size: diskSize(bytes) }))
            )}
          </span>
          <Button onClick={onClose} data-autofocus>
            {t('disk.cleanup.cancel')}
          </Button>
          <Button
            variant="primary"
            disabled={!plan || count === 0 || volumesWaiting || running}
            title={volumesWaiting ? t('disk.cleanup.volumesWaiting') : undefined}
            onClick={() => void cleanUp()}
            data-testid="cleanup-confirm"
          >
            {running ? t('disk.cleanup.running') : t('disk.cleanup.confirm', { count })}
          </Button>
        </>
      }
    >
      <p className="text-sm text-slate-600 dark:text-slate-400">{t('disk.cleanup.intro')}</p>
      {failure && <ProblemCard problem={failure.toWire()} />}
      {!plan && !failure && (
        <p role="status" className="mt-3 text-sm text-slate-500">
          {t('disk.cleanup.planning')}
        </p>
      )}
      {plan &&
        cleanupKinds.map((kind) => {
          const group = plan.groups.find((candidate) => candidate.kind === kind);
          const items = group?.items ?? [];
          const on = ticked.has(kind);
          const kept = chosen.get(kind) ?? [];
          const kindName = t(`disk.cleanup.kind.${kind}`);
          return (
            <fieldset
              key={kind}
              className="mt-3 rounded-md border border-slate-200 p-3 dark:border-slate-700"
              data-testid="cleanup-kind"
              data-kind={kind}
            >
              <legend className="sr-only">{kindName}</legend>
              <label className="flex items-start gap-2 text-sm">
                <input
                  type="checkbox"
                  className="mt-0.5"
                  checked={on}
                  onChange={(event) => toggleKind(kind, event.target.checked)}
                  data-testid="cleanup-kind-toggle"
                />
                <span>
                  <span className="font-medium">
                    {t('disk.cleanup.kindCount', {
                      kind: kindName,
                      count: on ? kept.length : items.length,
                      size: diskSize(on ? kept.reduce((total, item) => total + item.size, 0) : (group?.bytes ?? 0)),
                    })}
                  </span>
                  <span className="block text-xs text-slate-600 dark:text-slate-400">
                    {t(`disk.cleanup.kindHelp.${kind}`)}
                  </span>
                </span>
              </label>
              {on && items.length === 0 && (
                <p className="mt-2 ml-6 text-xs text-slate-500">{t('disk.cleanup.nothing')}</p>
              )}
              {on && items.length > 0 && (
                <ul className="mt-2 ml-6 max-h-48 space-y-0.5 overflow-y-auto text-xs" data-testid="cleanup-items">
                  {items.map((item) => (
                    <li key={item.id} className="flex items-center gap-2" data-testid="cleanup-item" data-id={item.id}>
                      <input
                        type="checkbox"
                        checked={!left.has(itemKey(kind, item.id))}
                        aria-label={t('disk.cleanup.item', { name: item.label })}
                        onChange={(event) => toggleItem(kind, item.id, event.target.checked)}
                      />
                      <span className="min-w-0 flex-1 truncate font-mono" title={item.label}>
                        {item.label}
                      </span>
                      <span className="tabular-nums whitespace-nowrap">{diskSize(item.size)}</span>
                    </li>
                  ))}
                </ul>
              )}
              {kind === 'unusedVolumes' && on && volumes.length > 0 && (
                <div
                  className="mt-3 ml-6 rounded-md border border-rose-300 bg-rose-50 p-3 text-sm text-rose-900 dark:border-rose-800 dark:bg-rose-950/50 dark:text-rose-100"
                  data-testid="cleanup-volumes-warning"
                >
                  <p className="font-medium">{t('disk.cleanup.volumesTitle')}</p>
                  <ul className="mt-1 list-disc pl-5 font-mono text-xs">
                    {volumes.map((name) => (
                      <li key={name}>{name}</li>
                    ))}
                  </ul>
                  <label className="mt-2 flex items-center gap-2">
                    <input
                      type="checkbox"
                      checked={volumesConfirmed}
                      onChange={(event) => setVolumesConfirmed(event.target.checked)}
                      data-testid="cleanup-volumes-confirm"
                    />
                    {t('disk.cleanup.volumesConfirm')}
                  </label>
                </div>
              )}
            </fieldset>
          );
        })}
      {plan && count === 0 && (
        <p className="mt-3 text-sm text-slate-600 dark:text-slate-400" data-testid="cleanup-nothing-ticked">
          {t('disk.cleanup.nothingTicked')}
        </p>
      )}
    </Dialog>
  );
}
