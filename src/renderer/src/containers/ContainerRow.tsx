import { memo, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary, StatsSample } from '../../../shared/containers';
import { ActionMenu } from '../ui/ActionMenu';
import { useEngineAvailable } from '../engine/engineStatus';
import { Badge } from '../ui/Badge';
import { formatMemory, formatPercent } from '../../../shared/dockerUnits';
import { formatRelativeTime } from '../ui/format';
import { TrashIcon } from '../ui/icons';
import { Popover } from '../ui/Popover';
import {
  availableActions,
  exitedWithError,
  portsToShow,
  publishedPorts,
  stateText,
  stateToneOf,
} from './containerText';
import { PublishedPort } from './PublishedPort';
import { portText } from '../../../shared/portText';
import type { PendingAction } from './useContainerActions';

export const ROW_HEIGHT = 56;

/** Lines of ports a row has room for; more are summed up as "+K more" on the last one. */
const PORT_LINES = 2;

/**
 * The list's columns, shared by its header and its rows. The list is a size container: below 72rem
 * the image moves under the name and "Created" goes (both stay in the details), so CPU, memory and
 * the actions fit from an 800 px window up.
 */
export const ROW_GRID =
  'grid grid-cols-[1.25rem_minmax(6rem,1fr)_7.5rem_6.5rem_3.75rem_4.75rem_7.25rem] gap-2 px-3 @min-[72rem]:grid-cols-[1.25rem_minmax(10rem,1.4fr)_minmax(7rem,1fr)_8.5rem_7rem_6rem_4.5rem_6rem_7.25rem]';
/** A column only the wide layout has. */
export const WIDE_ONLY = 'hidden @min-[72rem]:block';

interface Props {
  container: ContainerSummary;
  selected: boolean;
  /** Just run: shown even when stopped ones are hidden, and marked. */
  highlighted: boolean;
  pending: PendingAction | undefined;
  sample: StatsSample | undefined;
  now: number;
  onSelect: (selected: boolean) => void;
  onOpen: () => void;
  onAction: (action: ContainerAction) => void;
  onRemove: () => void;
}

type Port = ReturnType<typeof publishedPorts>[number];

/** One container: what it is, how it is, what it uses, and what you can do with it. */
export const ContainerRow = memo(function ContainerRow({
  container,
  selected,
  highlighted,
  pending,
  sample,
  now,
  onSelect,
  onOpen,
  onAction,
  onRemove,
}: Props) {
  const { t, i18n } = useTranslation();
  const ports = publishedPorts(container.ports);
  const running = container.state === 'running';
  const [primary, ...others] = availableActions(container.state);

  const portLink = (port: Port) => (
    <PublishedPort key={`${port.ip}:${port.publicPort}/${port.type}`} port={port} running={running} />
  );

  const engine = useEngineAvailable();
  return (
    <div
      role="row"
      data-testid="container-row"
      data-name={container.name}
      data-state={container.state}
      data-highlighted={highlighted ? 'true' : undefined}
      className={`${ROW_GRID} h-full items-center border-b border-slate-100 text-sm dark:border-slate-800/60 ${
        highlighted ? 'bg-sky-50 ring-2 ring-sky-400 ring-inset dark:bg-sky-950/40 dark:ring-sky-600' : ''
      }`}
    >
      <span role="cell" className="flex items-center">
        <input
          type="checkbox"
          aria-label={t('containers.select', { name: container.name })}
          checked={selected}
          onChange={(event) => onSelect(event.target.checked)}
        />
      </span>
      <span role="cell" className="flex min-w-0 flex-col">
        <button
          type="button"
          onClick={onOpen}
          className="truncate text-left font-medium text-sky-700 hover:underline dark:text-sky-300"
          title={`${container.name} (${container.id.slice(0, 12)})`}
        >
          {container.name}
        </button>
        <span
          className="truncate font-mono text-xs text-slate-600 @min-[72rem]:hidden dark:text-slate-400"
          title={container.image}
        >
          {container.image}
        </span>
      </span>
      <span
        role="cell"
        className={`${WIDE_ONLY} truncate font-mono text-xs text-slate-600 dark:text-slate-400`}
        title={container.image}
      >
        {container.image}
      </span>
      <span
        role="cell"
        className="flex min-w-0 flex-wrap items-center gap-x-1.5 gap-y-0.5"
        data-testid="container-state"
      >
        <Badge tone={stateToneOf(container)} testId="container-state-badge">
          {stateText(t, container)}
        </Badge>
        {container.health && (
          <Badge
            tone={container.health === 'healthy' ? 'emerald' : container.health === 'unhealthy' ? 'rose' : 'amber'}
          >
            {t(`containers.health.${container.health}`)}
          </Badge>
        )}
        {exitedWithError(container) && (
          <a
            href={`#/containers/${encodeURIComponent(container.id)}`}
            onClick={(event) => {
              event.preventDefault();
              onOpen();
            }}
            aria-label={t('containers.seeLogsOf', { name: container.name, code: container.exitCode })}
            data-testid="container-see-logs"
            className="text-xs whitespace-nowrap text-amber-800 underline hover:no-underline dark:text-amber-300"
          >
            {t('containers.seeLogs')}
          </a>
        )}
      </span>
      <Ports name={container.name} ports={ports} render={portLink} />
      <span role="cell" className={`${WIDE_ONLY} truncate text-xs whitespace-nowrap text-slate-500`}>
        {formatRelativeTime(container.created * 1000, i18n.language, now)}
      </span>
      <span
        role="cell"
        className="text-right font-mono text-xs whitespace-nowrap tabular-nums"
        data-testid="container-cpu"
      >
        {running && sample?.cpuPercent != null ? formatPercent(sample.cpuPercent) : '—'}
      </span>
      <span
        role="cell"
        className="text-right font-mono text-xs whitespace-nowrap tabular-nums"
        data-testid="container-memory"
      >
        {running && sample ? formatMemory(sample.memoryUsage) : '—'}
      </span>
      <span role="cell" className="flex min-w-0 items-center justify-end gap-0.5" data-testid="container-actions">
        {/* One structure in every state, so the menu keeps focus while an action runs. */}
        {pending ? (
          <span
            className="truncate text-xs whitespace-nowrap text-slate-500"
            data-testid="container-pending"
            title={t(`containers.pending.${pending}`)}
          >
            {t(`containers.pending.${pending}`)}
          </span>
        ) : (
          primary && (
            <button
              type="button"
              data-testid={`container-${primary}`}
              onClick={() => onAction(primary)}
              {...engine.actionProps}
              className="rounded px-2 py-1 text-xs font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
            >
              {t(`containers.action.${primary}`)}
            </button>
          )
        )}
        {!pending && (
          <button
            type="button"
            data-testid="container-remove"
            onClick={onRemove}
            aria-label={t('containers.removeOne', { name: container.name })}
            title={t('containers.removeOne', { name: container.name })}
            {...engine.actionProps}
            className="shrink-0 rounded p-1 text-rose-700 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-950/40"
          >
            <TrashIcon className="h-4 w-4" />
          </button>
        )}
        <ActionMenu
          label={t('containers.moreActions', { name: container.name })}
          testId="container-more"
          actions={[
            { key: 'logs', label: t('containers.action.logs'), onSelect: onOpen, testId: 'container-menu-logs' },
            ...(pending || !engine.available ? [] : others).map((action) => ({
              key: action,
              label: t(`containers.action.${action}`),
              onSelect: () => onAction(action),
              testId: `container-menu-${action}`,
            })),
            ...(pending || !engine.available
              ? []
              : [
                  {
                    key: 'remove',
                    label: t('containers.action.remove'),
                    onSelect: onRemove,
                    danger: true,
                    testId: 'container-menu-remove',
                  },
                ]),
          ]}
        />
      </span>
    </div>
  );
});

/** The published ports, as many as fit; the rest behind "+K more", which lists them all. */
function Ports({ name, ports, render }: { name: string; ports: Port[]; render: (port: Port) => ReactNode }) {
  const { t } = useTranslation();
  const { shown, more } = portsToShow(ports, PORT_LINES);
  const [open, setOpen] = useState(false);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const summary = ports.map(portText).join(', ');
  return (
    <span role="cell" className="flex max-h-full min-w-0 flex-col items-start overflow-hidden text-xs leading-4">
      {shown.map(render)}
      {more > 0 && (
        <>
          <button
            ref={buttonRef}
            type="button"
            data-testid="container-ports-more"
            aria-expanded={open}
            title={summary}
            onClick={() => setOpen((now) => !now)}
            className="whitespace-nowrap text-slate-600 underline decoration-dotted hover:text-slate-900 dark:text-slate-400 dark:hover:text-slate-100"
          >
            {t('containers.morePorts', { count: more })}
          </button>
          <Popover
            open={open}
            anchorRef={buttonRef}
            onClose={() => setOpen(false)}
            role="group"
            aria-label={t('containers.allPorts', { name, count: ports.length })}
            data-testid="container-ports-all"
            className="text-xs"
          >
            <p className="px-2 pt-1 pb-1.5 font-medium">{t('containers.allPorts', { name, count: ports.length })}</p>
            <ul className="space-y-1 px-2 pb-1">
              {ports.map((port) => (
                <li key={`${port.ip}:${port.publicPort}/${port.type}`}>{render(port)}</li>
              ))}
            </ul>
          </Popover>
        </>
      )}
    </span>
  );
}
