import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../shared/containers';
import type { Navigate } from '../app/useRoute';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemSummary } from '../engine/ProblemSummary';
import { problemText } from '../engine/problemText';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';
import { TextInput } from '../ui/Field';
import { ContainersIcon } from '../ui/icons';
import { ContainerRow, ROW_HEIGHT } from './ContainerRow';
import { groupContainers, matchesFilter } from './containerGroups';
import { useContainers } from './containersStore';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { useContainerActions } from './useContainerActions';
import { useStatsFor } from './useStatsFor';

const GROUP_HEIGHT = 36;

/** The live containers list: virtualized, grouped by Compose project, idle when nothing happens. */
export function ContainersPage({ navigate }: { navigate: Navigate }) {
  const { t } = useTranslation();
  const engine = useEngineAvailable();
  const { containers, stale } = useContainers();
  const { pending, failures, act, remove, dismiss } = useContainerActions();
  const [filter, setFilter] = useState('');
  const [showAll, setShowAll] = useState(false);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<ContainerSummary[] | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const scrollRef = useRef<HTMLDivElement>(null);

  // A display clock for "created 5 minutes ago"; the engine is not asked anything.
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(timer);
  }, []);

  const shown = useMemo(
    () =>
      (containers ?? []).filter(
        (container) =>
          (showAll ||
            container.state === 'running' ||
            container.state === 'paused' ||
            container.state === 'restarting') &&
          matchesFilter(container, filter),
      ),
    [containers, showAll, filter],
  );
  const items = useMemo(() => groupContainers(shown), [shown]);
  const runningCount = (containers ?? []).filter((container) => container.state === 'running').length;

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (items[index]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    // Rows keyed by container, not position: a container appearing above keeps focus on the same row.
    getItemKey: (index) => {
      const item = items[index];
      if (!item) return index;
      return item.kind === 'group' ? `group:${item.project}` : item.container.id;
    },
    overscan: 8,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const visibleRunning = virtualItems.flatMap((item) => {
    const entry = items[item.index];
    return entry?.kind === 'container' && entry.container.state === 'running' ? [entry.container.id] : [];
  });
  const samples = useStatsFor(visibleRunning);

  // Without the Docker server an empty list is unknown, not empty: no "No containers yet".
  if (!engine.available && !containers?.length) {
    return (
      <div className="p-6" data-testid="containers-page">
        <h1 className="text-xl font-semibold">{t('containers.title')}</h1>
        <EngineUnavailable className="mt-4" consequence={t('engineUnavailable.containersNone')} navigate={navigate} />
      </div>
    );
  }
  if (containers && containers.length === 0) {
    return (
      <EmptyState
        icon={<ContainersIcon className="h-7 w-7" />}
        title={t('containers.empty.title')}
        body={t('containers.empty.body')}
        action={t('containers.empty.action')}
        onAction={() => navigate('hub')}
      />
    );
  }

  const selectedContainers = shown.filter((container) => selected.has(container.id));
  const toggle = (id: string, on: boolean) =>
    setSelected((previous) => {
      const next = new Set(previous);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });

  return (
    <div className="flex h-full flex-col p-6" data-testid="containers-page">
      <h1 className="text-xl font-semibold">{t('containers.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('containers.intro')}</p>
      <EngineUnavailable className="mt-3" consequence={t('engineUnavailable.containers')} navigate={navigate} />
      {stale && engine.available && (
        <p
          role="status"
          data-testid="containers-stale"
          className="mt-3 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/40 dark:text-amber-200"
        >
          {t('containers.stale')}
        </p>
      )}
      <div className="mt-4 flex flex-wrap items-center gap-3">
        <TextInput
          aria-label={t('containers.filter')}
          placeholder={t('containers.filter')}
          value={filter}
          onChange={(event) => setFilter(event.target.value)}
          className="max-w-xs"
          data-testid="containers-filter"
        />
        <label className="flex items-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={showAll}
            onChange={(event) => setShowAll(event.target.checked)}
            data-testid="containers-show-all"
          />
          {t('containers.showAll')}
        </label>
        <span className="text-xs text-slate-500" data-testid="containers-counts">
          {t('containers.running', { count: runningCount })} ·{' '}
          {t('containers.total', { count: containers?.length ?? 0 })}
        </span>
        {selectedContainers.length > 0 && (
          <span className="ml-auto flex items-center gap-2" data-testid="bulk-actions">
            <span className="text-sm">{t('containers.selected', { count: selectedContainers.length })}</span>
            <Button
              className="!py-1 text-xs"
              onClick={() => selectedContainers.forEach((container) => void act(container.id, container.name, 'start'))}
              {...engine.actionProps}
            >
              {t('containers.action.start')}
            </Button>
            <Button
              className="!py-1 text-xs"
              onClick={() => selectedContainers.forEach((container) => void act(container.id, container.name, 'stop'))}
              {...engine.actionProps}
            >
              {t('containers.action.stop')}
            </Button>
            <Button
              className="!py-1 text-xs text-rose-700"
              onClick={() => setRemoving(selectedContainers)}
              {...engine.actionProps}
            >
              {t('containers.action.remove')}
            </Button>
          </span>
        )}
      </div>

      {failures.length > 0 && (
        <ul className="mt-3 space-y-1" data-testid="action-failures">
          {failures.map((failure) => (
            <li
              key={failure.id}
              role="alert"
              className="flex items-start gap-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:bg-rose-950/40 dark:text-rose-200"
            >
              <span className="flex-1">
                <ProblemSummary
                  problem={failure.error}
                  lead={t('containers.failed', { name: failure.name, message: problemText(t, failure.error).title })}
                />
              </span>
              <button
                type="button"
                onClick={() => dismiss(failure.id)}
                aria-label={t('containers.dismissFailure', { name: failure.name })}
              >
                <span aria-hidden="true">✕</span>
              </button>
            </li>
          ))}
        </ul>
      )}

      <div className="mt-3 grid grid-cols-[2rem_minmax(9rem,1.4fr)_minmax(7rem,1fr)_9rem_7rem_6rem_4.5rem_6rem_minmax(12rem,auto)] gap-2 border-b border-slate-200 px-3 pb-2 text-xs text-slate-500 dark:border-slate-800">
        <input
          type="checkbox"
          aria-label={t('containers.selectAll')}
          checked={shown.length > 0 && selectedContainers.length === shown.length}
          onChange={(event) =>
            setSelected(event.target.checked ? new Set(shown.map((container) => container.id)) : new Set())
          }
        />
        <span>{t('containers.column.name')}</span>
        <span>{t('containers.column.image')}</span>
        <span>{t('containers.column.state')}</span>
        <span>{t('containers.column.ports')}</span>
        <span>{t('containers.column.created')}</span>
        <span className="text-right">{t('containers.column.cpu')}</span>
        <span className="text-right">{t('containers.column.memory')}</span>
        <span />
      </div>
      {shown.length === 0 && containers && (
        <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400" data-testid="containers-none-shown">
          {filter ? t('containers.empty.filtered', { filter }) : t('containers.empty.running')}
        </p>
      )}
      <div
        ref={scrollRef}
        className={`min-h-0 flex-1 overflow-y-auto ${engine.available ? '' : 'grayscale'}`}
        data-testid="containers-scroll"
        // A list, not an ARIA table: the rows hold controls, and the column names sit outside it.
        role="list"
        aria-label={t('containers.title')}
      >
        <div style={{ height: virtualizer.getTotalSize() }} className="relative w-full">
          {virtualItems.map((virtualItem) => {
            const item = items[virtualItem.index];
            if (!item) return null;
            return (
              <div
                key={virtualItem.key}
                className="absolute top-0 left-0 w-full"
                style={{ height: virtualItem.size, transform: `translateY(${virtualItem.start}px)` }}
              >
                {item.kind === 'group' ? (
                  <div
                    role="listitem"
                    className="flex h-full items-center gap-3 bg-slate-100/70 px-3 text-xs font-semibold dark:bg-slate-800/50"
                    data-testid="compose-group"
                  >
                    <span>{t('containers.group', { project: item.project })}</span>
                    <Button
                      variant="ghost"
                      className="!px-2 !py-0 text-xs"
                      onClick={() =>
                        item.containers.forEach((container) => void act(container.id, container.name, 'start'))
                      }
                      {...engine.actionProps}
                    >
                      {t('containers.action.start')}
                    </Button>
                    <Button
                      variant="ghost"
                      className="!px-2 !py-0 text-xs"
                      onClick={() =>
                        item.containers.forEach((container) => void act(container.id, container.name, 'stop'))
                      }
                      {...engine.actionProps}
                    >
                      {t('containers.action.stop')}
                    </Button>
                  </div>
                ) : (
                  <ContainerRow
                    container={item.container}
                    selected={selected.has(item.container.id)}
                    pending={pending.get(item.container.id)}
                    sample={samples.get(item.container.id)}
                    now={now}
                    onSelect={(on) => toggle(item.container.id, on)}
                    onOpen={() => navigate('containers', item.container.id)}
                    onAction={(action) => void act(item.container.id, item.container.name, action)}
                    onRemove={() => setRemoving([item.container])}
                  />
                )}
              </div>
            );
          })}
        </div>
      </div>
      {removing && (
        <RemoveContainersDialog
          containers={removing}
          onClose={() => setRemoving(null)}
          onConfirm={(options) => {
            const targets = removing;
            setRemoving(null);
            setSelected(new Set());
            for (const container of targets) void remove(container.id, container.name, options);
          }}
        />
      )}
    </div>
  );
}
