import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Network } from '../../../shared/networks';
import { Badge } from '../ui/Badge';
import { InlineCode } from '../ui/InlineCode';

/** host and none join no container to another: they have no place in a picture of who reaches whom. */
const pictured = (network: Network) => network.name !== 'host' && network.name !== 'none';

/**
 * Networks as boxes and containers as nodes inside: containers in one box reach each other. The
 * picture is for the eyes; the same facts follow as text for screen readers (and anyone who opens it).
 */
export function NetworkDiagram({
  networks,
  colors,
}: {
  networks: readonly Network[];
  /** Each container's color (containerColors), the same in every box and in the list. */
  colors: ReadonlyMap<string, string>;
}) {
  const { t } = useTranslation();
  const titleId = useId();
  const shown = networks.filter(pictured);
  return (
    <section aria-labelledby={titleId} className="mt-6" data-testid="network-diagram">
      <h2 id={titleId} className="font-semibold">
        {t('networks.diagram.title')}
      </h2>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('networks.diagram.intro')}</p>
      <div aria-hidden className="mt-3 grid gap-3 [grid-template-columns:repeat(auto-fill,minmax(14rem,1fr))]">
        {shown.map((network) => (
          <div
            key={network.id}
            data-testid="diagram-network"
            data-network={network.name}
            className={`rounded-xl border-2 p-3 ${network.namesResolve ? 'border-sky-300 dark:border-sky-700' : 'border-dashed border-slate-300 dark:border-slate-600'}`}
          >
            <div className="flex flex-wrap items-center gap-1.5">
              <span className="font-mono text-sm font-semibold break-all" data-value>
                {network.name}
              </span>
              <Badge tone={network.namesResolve ? 'sky' : 'slate'}>
                {network.namesResolve ? t('networks.badge.names') : t('networks.badge.noNames')}
              </Badge>
            </div>
            <div className="mt-1 font-mono text-[11px] text-slate-500 dark:text-slate-400">
              {network.subnets.map((s) => s.subnet).join(', ') || t('networks.noSubnet')}
            </div>
            <ul className="mt-2 flex flex-wrap gap-1.5">
              {network.containers
                .filter((member) => member.running)
                .map((member) => (
                  <li
                    key={member.id}
                    data-testid="diagram-node"
                    data-container={member.name}
                    className={`rounded-lg border px-2 py-1 text-xs ${colors.get(member.id) ?? ''}`}
                  >
                    <div className="font-medium break-all">{member.name}</div>
                    <div className="font-mono text-[10px]">{member.ipv4 || member.ipv6}</div>
                  </li>
                ))}
            </ul>
            {network.containers.some((member) => !member.running) && (
              // A stopped container reaches nothing: named, not drawn.
              <p className="mt-2 text-[11px] text-slate-600 dark:text-slate-400" data-testid="diagram-stopped">
                {t('networks.diagram.stopped', {
                  names: network.containers
                    .filter((member) => !member.running)
                    .map((member) => member.name)
                    .join(', '),
                })}
              </p>
            )}
          </div>
        ))}
      </div>
      <p className="mt-2 text-xs text-slate-600 dark:text-slate-400">
        <InlineCode text={t('networks.diagram.hostNone')} />
      </p>
      <details className="mt-2 text-sm" data-testid="diagram-text">
        <summary className="cursor-pointer text-sky-700 select-none dark:text-sky-300">
          {t('networks.diagram.textTitle')}
        </summary>
        <ul className="mt-1 list-inside list-disc">
          {shown.map((network) => (
            <li key={network.id}>
              {network.containers.length > 0
                ? t('networks.diagram.textLine', {
                    network: network.name,
                    containers: network.containers
                      .map((member) => `${member.name} (${member.running ? member.ipv4 : t('networks.stopped')})`)
                      .join(', '),
                  })
                : t('networks.diagram.textEmpty', { network: network.name })}
            </li>
          ))}
        </ul>
      </details>
    </section>
  );
}
