import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ContainerAction, ContainerSummary, StatsSample } from '../../../shared/containers';
import { useEngineAvailable } from '../engine/engineStatus';
import { Badge } from '../ui/Badge';
import { formatBytes, formatRelativeTime } from '../ui/format';
import { availableActions, publishedPorts, stateText, stateTone } from './containerText';
import type { PendingAction } from './useContainerActions';

export const ROW_HEIGHT = 52;

interface Props {
  container: ContainerSummary;
  selected: boolean;
  pending: PendingAction | undefined;
  sample: StatsSample | undefined;
  now: number;
  onSelect: (selected: boolean) => void;
  onOpen: () => void;
  onAction: (action: ContainerAction) => void;
  onRemove: () => void;
}

/** One container: what it is, how it is, what it uses, and what you can do with it. */
export const ContainerRow = memo(function ContainerRow({
  container,
  selected,
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
  const engine = useEngineAvailable();
  return (
    <div
      role="listitem"
      data-testid="container-row"
      data-name={container.name}
      data-state={container.state}
      className="grid h-full grid-cols-[2rem_minmax(9rem,1.4fr)_minmax(7rem,1fr)_9rem_7rem_6rem_4.5rem_6rem_minmax(12rem,auto)] items-center gap-2 border-b border-slate-100 px-3 text-sm dark:border-slate-800/60"
    >
      <input
        type="checkbox"
        aria-label={t('containers.select', { name: container.name })}
        checked={selected}
        onChange={(event) => onSelect(event.target.checked)}
      />
      <button
        type="button"
        onClick={onOpen}
        className="truncate text-left font-medium text-sky-700 hover:underline dark:text-sky-300"
        title={container.id.slice(0, 12)}
      >
        {container.name}
      </button>
      <span className="truncate font-mono text-xs text-slate-600 dark:text-slate-400" title={container.image}>
        {container.image}
      </span>
      <span className="flex flex-wrap items-center gap-1" data-testid="container-state">
        <Badge tone={stateTone[container.state]}>{stateText(t, container)}</Badge>
        {container.health && (
          <Badge
            tone={container.health === 'healthy' ? 'emerald' : container.health === 'unhealthy' ? 'rose' : 'amber'}
          >
            {t(`containers.health.${container.health}`)}
          </Badge>
        )}
      </span>
      <span className="flex flex-wrap gap-1 text-xs">
        {ports.map((port) => (
          <a
            key={`${port.publicPort}/${port.type}`}
            href={`http://localhost:${port.publicPort}`}
            target="_blank"
            rel="noreferrer"
            data-testid="container-port"
            title={t('containers.openPort', { port: port.publicPort })}
            className="font-mono text-sky-700 hover:underline dark:text-sky-300"
          >
            {port.publicPort}→{port.privatePort}
          </a>
        ))}
      </span>
      <span className="truncate text-xs text-slate-500">
        {formatRelativeTime(container.created * 1000, i18n.language, now)}
      </span>
      <span className="text-right font-mono text-xs" data-testid="container-cpu">
        {running && sample?.cpuPercent != null ? `${sample.cpuPercent.toFixed(1)}%` : '—'}
      </span>
      <span className="text-right font-mono text-xs" data-testid="container-memory">
        {running && sample ? formatBytes(sample.memoryUsage, i18n.language) : '—'}
      </span>
      <span className="flex justify-end gap-1">
        {pending ? (
          <span className="text-xs text-slate-500" data-testid="container-pending">
            {t(`containers.pending.${pending}`)}
          </span>
        ) : (
          <>
            {availableActions(container.state)
              .slice(0, 2)
              .map((action) => (
                <button
                  key={action}
                  type="button"
                  data-testid={`container-${action}`}
                  onClick={() => onAction(action)}
                  {...engine.actionProps}
                  className="rounded px-2 py-1 text-xs font-medium text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800"
                >
                  {t(`containers.action.${action}`)}
                </button>
              ))}
            <button
              type="button"
              data-testid="container-remove"
              onClick={onRemove}
              {...engine.actionProps}
              className="rounded px-2 py-1 text-xs font-medium text-rose-700 hover:bg-rose-50 dark:text-rose-300 dark:hover:bg-rose-950/40"
            >
              {t('containers.action.remove')}
            </button>
          </>
        )}
      </span>
    </div>
  );
});
