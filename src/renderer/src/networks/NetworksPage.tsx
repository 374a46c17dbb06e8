import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Network, NetworkMember } from '../../../shared/networks';
import { useStreamValue } from '../app/useStream';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { useEngineAvailable } from '../engine/engineStatus';
import { Button } from '../ui/Button';
import { NetworksIcon } from '../ui/icons';
import { ConnectDialog } from './ConnectDialog';
import { containerColors } from './containerColor';
import { CreateNetworkDialog } from './CreateNetworkDialog';
import { DisconnectDialog } from './DisconnectDialog';
import { NetworkCard } from './NetworkCard';
import { NetworkDiagram } from './NetworkDiagram';
import { ReachCheck } from './ReachCheck';
import { RemoveNetworkDialog } from './RemoveNetworkDialog';

type Open =
  | { kind: 'create' }
  | { kind: 'remove'; id: string }
  | { kind: 'connect'; id: string }
  | { kind: 'disconnect'; id: string; member: NetworkMember }
  | null;

/** The networks (`docker network ls` and who is on each), live from the Docker server's events. */
export function NetworksPage() {
  const { t } = useTranslation();
  const { available: connected, actionProps } = useEngineAvailable();
  const { value: networks, error } = useStreamValue('networks.list', {}, connected);
  const [open, setOpen] = useState<Open>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Dialogs follow the live list by id: a container that joined meanwhile shows in the remove dialog.
  const byId = (id: string): Network | undefined => networks?.find((network) => network.id === id);
  const close = () => setOpen(null);
  const done = (message: string) => {
    setOpen(null);
    setNotice(message);
  };

  if (!connected) {
    return (
      <div className="mx-auto max-w-5xl p-6" data-testid="networks-page">
        <h1 className="text-xl font-semibold">{t('networks.title')}</h1>
        <EngineUnavailable className="mt-4" consequence={t('networks.unavailable')} />
      </div>
    );
  }

  const colors = containerColors(networks ?? []);
  const own = (networks ?? []).filter((network) => !network.builtIn);
  const dialogNetwork = open && open.kind !== 'create' ? byId(open.id) : undefined;

  return (
    <div className="mx-auto max-w-5xl p-6" data-testid="networks-page">
      <div className="flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{t('networks.title')}</h1>
        <Button
          variant="primary"
          className="ml-auto"
          {...actionProps}
          disabled={!networks || actionProps.disabled === true}
          onClick={() => setOpen({ kind: 'create' })}
          data-testid="network-new"
        >
          <NetworksIcon className="h-4 w-4" />
          {t('networks.new')}
        </Button>
      </div>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('networks.intro')}</p>
      {error && (
        <div className="mt-3">
          <ProblemCard problem={error.toWire()} />
        </div>
      )}
      {notice && (
        <p
          role="status"
          className="mt-3 rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-900 dark:bg-emerald-950/50 dark:text-emerald-200"
          data-testid="networks-notice"
        >
          {notice}
        </p>
      )}
      {!networks ? (
        <p className="mt-4 text-sm text-slate-500" data-testid="networks-loading">
          {t('networks.loading')}
        </p>
      ) : (
        <>
          {own.length === 0 && (
            <div
              className="mt-4 rounded-lg border border-dashed border-sky-300 p-4 text-sm dark:border-sky-800"
              data-testid="networks-empty"
            >
              <h2 className="font-semibold">{t('networks.empty.title')}</h2>
              <p className="mt-1 text-slate-600 dark:text-slate-400">{t('networks.empty.body')}</p>
              <Button variant="primary" className="mt-3" {...actionProps} onClick={() => setOpen({ kind: 'create' })}>
                {t('networks.new')}
              </Button>
            </div>
          )}
          <NetworkDiagram networks={networks} colors={colors} />
          <ReachCheck networks={networks} />
          <ul className="mt-8 space-y-3" aria-label={t('networks.title')} data-testid="network-list">
            {networks.map((network) => (
              <NetworkCard
                key={network.id}
                network={network}
                colors={colors}
                onRemove={() => setOpen({ kind: 'remove', id: network.id })}
                onConnect={() => setOpen({ kind: 'connect', id: network.id })}
                onDisconnect={(member) => setOpen({ kind: 'disconnect', id: network.id, member })}
              />
            ))}
          </ul>
        </>
      )}
      {open?.kind === 'create' && networks && (
        <CreateNetworkDialog
          networks={networks}
          onClose={close}
          onCreated={(network) => done(t('networks.created', { name: network.name }))}
        />
      )}
      {open?.kind === 'remove' && dialogNetwork && (
        <RemoveNetworkDialog
          network={dialogNetwork}
          onClose={close}
          onRemoved={(name) => done(t('networks.removed', { name }))}
        />
      )}
      {open?.kind === 'connect' && dialogNetwork && (
        <ConnectDialog
          network={dialogNetwork}
          onClose={close}
          onDone={(container) => done(t('networks.connected', { container, network: dialogNetwork.name }))}
        />
      )}
      {open?.kind === 'disconnect' && dialogNetwork && (
        <DisconnectDialog
          network={dialogNetwork}
          member={open.member}
          onClose={close}
          onDone={() => done(t('networks.disconnected', { container: open.member.name, network: dialogNetwork.name }))}
        />
      )}
    </div>
  );
}
