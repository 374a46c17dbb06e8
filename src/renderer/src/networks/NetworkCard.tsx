import { useTranslation } from 'react-i18next';
import type { Network, NetworkMember } from '../../../shared/networks';
import { useEngineAvailable } from '../engine/engineStatus';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';

/** One network: what it is, its range, the containers on it (links), and what can be done with it. */
export function NetworkCard({
  network,
  colors,
  onRemove,
  onConnect,
  onDisconnect,
}: {
  network: Network;
  colors: ReadonlyMap<string, string>;
  onRemove: () => void;
  onConnect: () => void;
  onDisconnect: (member: NetworkMember) => void;
}) {
  const { t } = useTranslation();
  const { actionProps } = useEngineAvailable();
  // host and none take no other containers: connecting one there is refused by the Docker server.
  const connectable = network.name !== 'host' && network.name !== 'none';
  return (
    <li
      data-testid="network-row"
      data-network={network.name}
      className="rounded-lg border border-slate-200 p-4 dark:border-slate-800"
    >
      <div className="flex flex-wrap items-center gap-2">
        <h3 className="font-mono font-semibold break-all" data-value>
          {network.name}
        </h3>
        {network.builtIn && <Badge testId="badge-built-in">{t('networks.badge.builtIn')}</Badge>}
        {network.internal && (
          <Badge tone="amber" testId="badge-internal">
            {t('networks.badge.internal')}
          </Badge>
        )}
        <Badge tone={network.namesResolve ? 'sky' : 'slate'} testId="badge-names">
          {network.namesResolve ? t('networks.badge.names') : t('networks.badge.noNames')}
        </Badge>
        <div className="ml-auto flex flex-wrap gap-2">
          {connectable && (
            <Button
              className="!py-1 text-xs"
              aria-label={t('networks.connectLabel', { name: network.name })}
              {...actionProps}
              onClick={onConnect}
              data-testid="network-connect"
            >
              {t('networks.connect')}
            </Button>
          )}
          {!network.builtIn && (
            <Button
              className="!py-1 text-xs"
              aria-label={t('networks.removeLabel', { name: network.name })}
              {...actionProps}
              onClick={onRemove}
              data-testid="network-remove"
            >
              {t('networks.remove')}
            </Button>
          )}
        </div>
      </div>
      <dl className="mt-2 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5 text-sm sm:grid-cols-[auto_1fr_auto_1fr]">
        <dt className="text-slate-500 dark:text-slate-400">{t('networks.column.driver')}</dt>
        <dd className="font-mono" data-value>
          {network.driver}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">{t('networks.column.scope')}</dt>
        <dd className="font-mono" data-value>
          {network.scope}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">{t('networks.column.subnet')}</dt>
        <dd className="font-mono" data-testid="row-subnet">
          {network.subnets.map((s) => s.subnet).join(', ') || t('networks.noSubnet')}
        </dd>
        <dt className="text-slate-500 dark:text-slate-400">{t('networks.column.gateway')}</dt>
        <dd className="font-mono" data-testid="row-gateway">
          {network.subnets
            .map((s) => s.gateway)
            .filter(Boolean)
            .join(', ') || t('networks.noSubnet')}
        </dd>
      </dl>
      {network.builtIn && (
        <p className="mt-2 text-xs text-slate-500 dark:text-slate-400" data-testid="built-in-why">
          {t('networks.builtInWhy')}
        </p>
      )}
      {!network.namesResolve && connectable && !network.builtIn && (
        <p className="mt-2 text-xs text-amber-800 dark:text-amber-300">{t('networks.namesResolveNoCustom')}</p>
      )}
      <h4 className="sr-only">{t('networks.column.containers')}</h4>
      {network.containers.length === 0 ? (
        <p className="mt-2 text-sm text-slate-500 dark:text-slate-400">{t('networks.noContainers')}</p>
      ) : (
        <ul className="mt-2 space-y-1" data-testid="network-members">
          {network.containers.map((member) => (
            <li key={member.id} className="flex flex-wrap items-center gap-2 text-sm" data-testid="network-member">
              <span aria-hidden className={`inline-block h-3 w-3 rounded-full border ${colors.get(member.id) ?? ''}`} />
              <a
                href={`#/containers/${encodeURIComponent(member.id)}`}
                className="font-medium text-sky-700 underline-offset-2 hover:underline dark:text-sky-300"
                aria-label={t('networks.containerLink', { name: member.name })}
              >
                {member.name}
              </a>
              {!member.running && <Badge>{t('networks.stopped')}</Badge>}
              {member.ipv4 && <span className="font-mono text-xs">{member.ipv4}</span>}
              {member.ipv6 && <span className="font-mono text-xs">{member.ipv6}</span>}
              {member.aliases.length > 0 && (
                <span className="text-xs text-slate-600 dark:text-slate-400" data-testid="member-aliases">
                  {t('networks.aliases', { aliases: member.aliases.join(', ') })}
                </span>
              )}
              <Button
                variant="ghost"
                className="ml-auto !py-0.5 text-xs"
                aria-label={t('networks.disconnectLabel', { container: member.name, network: network.name })}
                {...actionProps}
                onClick={() => onDisconnect(member)}
                data-testid="member-disconnect"
              >
                {t('networks.disconnect')}
              </Button>
            </li>
          ))}
        </ul>
      )}
    </li>
  );
}
