import { useNow } from '../ui/useNow';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerSummary } from '../../../shared/containers';
import { useNavigate } from '../app/navigation';
import { routeHash } from '../app/sections';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemSummary } from '../engine/ProblemSummary';
import { problemText } from '../../../shared/problemText';
import { usePullByName } from '../pulls/pullByNameContext';
import { useSettings } from '../settings/settingsStore';
import { Button } from '../ui/Button';
import { EmptyState } from '../ui/EmptyState';
import { TextInput } from '../ui/Field';
import { ContainersIcon } from '../ui/icons';
import { ContainerRow, ROW_GRID, ROW_HEIGHT, WIDE_ONLY } from './ContainerRow';
import { findContainer, groupContainers, matchesFilter } from './containerGroups';
import { useContainers } from './containersStore';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { useContainerActions } from './useContainerActions';
import { useStatsFor } from './useStatsFor';

const GROUP_HEIGHT = 36;

/**
 * The live containers list: virtualized, grouped by Compose project, idle when nothing happens.
 * `show` (a name or id, from `#/containers?show=`) is a container just run: it is listed and marked
 * even when stopped ones are hidden, so a finished hello-world does not seem to vanish.
 */
export function ContainersPage({ show = null }: { show?: string | null }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const engine = useEngineAvailable();
  const { containers, stale } = useContainers();
  const { pending, failures, act, remove, dismiss } = useContainerActions();
  const { openPullByName } = usePullByName();
  const [filter, setFilter] = useState('');
  const { state: settings, update: updateSettings } = useSettings();
  // Remembered in the settings; the local value answers the click at once, before the save.
  const [showAllNow, setShowAllNow] = useState<boolean | null>(null);
  const showAll = showAllNow ?? settings?.settings.showStoppedContainers ?? false;
  const setShowAll = (value: boolean) => {
    setShowAllNow(value);
    void updateSettings({ showStoppedContainers: value }).catch(() => undefined);
  };
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [removing, setRemoving] = useState<ContainerSummary[] | null>(null);
  // A display clock for "created 5 minutes ago"; the engine is not asked anything.
  const now = useNow(true, 30_000);
  const scrollRef = useRef<HTMLDivElement>(null);

  const highlighted = useMemo(() => (show ? findContainer(containers ?? [], show) : undefined), [containers, show]);
  const shown = useMemo(
    () =>
      (containers ?? []).filter(
        (container) =>
          (showAll ||
            container === highlighted ||
            container.state === 'running' ||
            container.state === 'paused' ||
            container.state === 'restarting') &&
          matchesFilter(container, filter),
      ),
    [containers, showAll, highlighted, filter],
  );
  const items = useMemo(() => groupContainers(shown), [shown]);
  const runningCount = (containers ?? []).filter((container) => container.state === 'running').length;

  const virtualizer = useVirtualizer({
    count: items.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: (index) => (items[index]?.kind === 'group' ? GROUP_HEIGHT : ROW_HEIGHT),
    // Keyed by container, not position: a row (and a menu open on it) stays with its container when
    // another one appears above it.
    getItemKey: (index) => {
      const item = items[index];
      return !item ? index : item.kind === 'group' ? `group:${item.project}` : item.container.id;
    },
    overscan: 8,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const visibleRunning = virtualItems.flatMap((item) => {
    const entry = items[item.index];
    return entry?.kind === 'container' && entry.container.state === 'running' ? [entry.container.id] : [];
  });
  const samples = useStatsFor(visibleRunning);

  // Bring the container just run into view, once it is listed.
  const highlightIndex = highlighted
    ? items.findIndex((item) => item.kind === 'container' && item.container.id === highlighted.id)
    : -1;
  const scrolledTo = useRef<string | null>(null);
  useEffect(() => {
    if (highlightIndex < 0 || !highlighted || scrolledTo.current === highlighted.id) return;
    scrolledTo.current = highlighted.id;
    virtualizer.scrollToIndex(highlightIndex, { align: 'auto' });
  }, [highlightIndex, highlighted, virtualizer]);

  // Without the Docker server an empty list is unknown, not empty: no "No containers yet".
  if (!engine.available && !containers?.length) {
    return (
      <div className="p-6" data-testid="containers-page">
        <h1 className="text-xl font-semibold">{t('containers.title')}</h1>
        <EngineUnavailable className="mt-4" consequence={t('engineUnavailable.containersNone')} />
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
        secondaryAction={t('pullByName.open')}
        onSecondaryAction={() => openPullByName()}
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
    <div className="@container flex h-full flex-col p-6" data-testid="containers-page">
      <h1 className="text-xl font-semibold">{t('containers.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('containers.intro')}</p>
      <EngineUnavailable className="mt-3" consequence={t('engineUnavailable.containers')} />
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
        <span className="text-xs whitespace-nowrap text-slate-500" data-testid="containers-counts">
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

      {highlighted && !showAll && (highlighted.state === 'exited' || highlighted.state === 'dead') && (
        <p
          role="status"
          data-testid="containers-shown-stopped"
          className="mt-3 rounded-md bg-sky-50 px-3 py-2 text-sm text-sky-900 dark:bg-sky-950/40 dark:text-sky-200"
        >
          {t('containers.shownStopped', { name: highlighted.name })}
        </p>
      )}
      {/* A table for assistive technology; a grid of divs on screen, so the rows can be virtual. */}
      <div
        role="table"
        aria-label={t('containers.title')}
        className={`mt-3 flex flex-col ${shown.length > 0 ? 'min-h-0 flex-1' : ''}`}
      >
        <div role="rowgroup">
          <div
            className={`${ROW_GRID} border-b border-slate-200 pb-2 text-xs whitespace-nowrap text-slate-500 dark:border-slate-800`}
            role="row"
          >
            <span role="columnheader" className="flex items-center">
              <input
                type="checkbox"
                aria-label={t('containers.selectAll')}
                checked={shown.length > 0 && selectedContainers.length === shown.length}
                onChange={(event) =>
                  setSelected(event.target.checked ? new Set(shown.map((container) => container.id)) : new Set())
                }
              />
            </span>
            <span role="columnheader">{t('containers.column.name')}</span>
            <span role="columnheader" className={WIDE_ONLY}>
              {t('containers.column.image')}
            </span>
            <span role="columnheader">{t('containers.column.state')}</span>
            <span role="columnheader">{t('containers.column.ports')}</span>
            <span role="columnheader" className={WIDE_ONLY}>
              {t('containers.column.created')}
            </span>
            <span role="columnheader" className="text-right">
              {t('containers.column.cpu')}
            </span>
            <span role="columnheader" className="text-right">
              {t('containers.column.memory')}
            </span>
            <span role="columnheader" className="sr-only">
              {t('containers.column.actions')}
            </span>
          </div>
        </div>
        <div
          ref={scrollRef}
          className={`min-h-0 flex-1 overflow-y-auto ${engine.available ? '' : 'grayscale'}`}
          data-testid="containers-scroll"
          role="rowgroup"
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
                      role="row"
                      className="flex h-full items-center gap-3 bg-slate-100/70 px-3 text-xs font-semibold dark:bg-slate-800/50"
                      data-testid="compose-group"
                    >
                      <span role="cell">
                        <a
                          href={routeHash({ section: 'compose', param: item.project })}
                          aria-label={t('composeProjects.openProject', { project: item.project })}
                          data-testid="compose-group-link"
                          className="rounded text-sky-700 underline hover:no-underline dark:text-sky-300"
                          onClick={(event) => {
                            event.preventDefault();
                            navigate('compose', item.project);
                          }}
                        >
                          {t('containers.group', { project: item.project })}
                        </a>
                      </span>
                      <span role="cell" className="flex gap-3">
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
                      </span>
                    </div>
                  ) : (
                    <ContainerRow
                      container={item.container}
                      selected={selected.has(item.container.id)}
                      highlighted={item.container === highlighted}
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
      </div>
      {shown.length === 0 && containers && (
        <p className="mt-6 text-center text-sm text-slate-600 dark:text-slate-400" data-testid="containers-none-shown">
          {filter ? t('containers.empty.filtered', { filter }) : t('containers.empty.running')}
        </p>
      )}
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
