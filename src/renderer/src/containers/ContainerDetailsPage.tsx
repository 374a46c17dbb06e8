import { lazy, Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '../app/navigation';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemSummary } from '../engine/ProblemSummary';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { TabList } from '../ui/TabList';
import { ViewLoading } from '../ui/ViewLoading';
import { availableActions, stateText, stateToneOf } from './containerText';
import { useContainers } from './containersStore';
import { RemoveContainersDialog } from './RemoveContainersDialog';
import { useContainerActions } from './useContainerActions';

// Each tab's code (xterm.js for the terminal, the charts, the log viewer) loads when the tab is first opened.
const ContainerLogsView = lazy(() =>
  import('./details/LogsView').then((module) => ({ default: module.ContainerLogsView })),
);
const StatsView = lazy(() => import('./details/StatsView').then((module) => ({ default: module.StatsView })));
const InspectView = lazy(() => import('./details/InspectView').then((module) => ({ default: module.InspectView })));
const TerminalView = lazy(() => import('./details/TerminalView').then((module) => ({ default: module.TerminalView })));

const tabs = ['logs', 'stats', 'inspect', 'terminal'] as const;
type Tab = (typeof tabs)[number];

const isTab = (name: string | null): name is Tab => (tabs as readonly (string | null)[]).includes(name);

/**
 * One container: its logs, resource usage, details and a terminal, with its actions on top. `tab`
 * (from #/containers/web?tab=terminal) is the tab it opens on; logs otherwise.
 */
export function ContainerDetailsPage({ id, tab: initialTab = null }: { id: string; tab?: string | null }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { byId, containers } = useContainers();
  const { pending, failures, act, remove } = useContainerActions();
  const [tab, setTab] = useState<Tab>(isTab(initialTab) ? initialTab : 'logs');
  const [removing, setRemoving] = useState(false);
  const engine = useEngineAvailable();
  const container = byId.get(id) ?? [...byId.values()].find((candidate) => candidate.name === id);

  if (!container) {
    return (
      <div className="p-6">
        <Button variant="ghost" className="-ml-3" onClick={() => navigate('containers')}>
          ← {t('details.back')}
        </Button>
        <p className="mt-4 text-sm">{containers ? t('details.notFound') : t('images.loading')}</p>
      </div>
    );
  }
  const running = container.state === 'running';
  const busy = pending.get(container.id);
  const failure = failures.find((candidate) => candidate.id === container.id);

  return (
    <div className="flex h-full flex-col p-6" data-testid="container-details" data-state={container.state}>
      <Button variant="ghost" className="-ml-3 self-start text-sm" onClick={() => navigate('containers')}>
        ← {t('details.back')}
      </Button>
      <header className="mt-2 flex flex-wrap items-center gap-3">
        <h1 className="text-xl font-semibold">{container.name}</h1>
        <Badge tone={stateToneOf(container)}>{stateText(t, container)}</Badge>
        <span className="font-mono text-xs text-slate-500">{container.image}</span>
        <span className="ml-auto flex gap-1">
          {busy ? (
            <span className="text-sm text-slate-500">{t(`containers.pending.${busy}`)}</span>
          ) : (
            <>
              {availableActions(container.state).map((action) => (
                <Button
                  key={action}
                  className="!py-1 text-xs"
                  onClick={() => void act(container.id, container.name, action)}
                  data-testid={`details-${action}`}
                  {...engine.actionProps}
                >
                  {t(`containers.action.${action}`)}
                </Button>
              ))}
              <Button
                className="!py-1 text-xs text-rose-700"
                onClick={() => setRemoving(true)}
                data-testid="details-remove"
                {...engine.actionProps}
              >
                {t('containers.action.remove')}
              </Button>
            </>
          )}
        </span>
      </header>
      <EngineUnavailable className="mt-3" consequence={t('engineUnavailable.details')} />
      {failure && (
        <p
          role="alert"
          className="mt-2 rounded-md bg-rose-50 px-3 py-2 text-sm text-rose-900 dark:bg-rose-950/40 dark:text-rose-200"
        >
          <ProblemSummary problem={failure.error} />
        </p>
      )}
      <TabList
        tabs={tabs}
        current={tab}
        onChange={setTab}
        label={(name) => t(`details.tabs.${name}`)}
        testId={(name) => `tab-${name}`}
      />
      <div className="mt-3 min-h-0 flex-1 overflow-auto" role="tabpanel">
        <Suspense fallback={<ViewLoading />}>
          {tab === 'logs' && <ContainerLogsView id={container.id} name={container.name} />}
          {tab === 'stats' && <StatsView id={container.id} running={running} />}
          {tab === 'inspect' && (
            <InspectView id={container.id} revision={`${container.state}:${container.name}:${container.status}`} />
          )}
          {tab === 'terminal' && <TerminalView id={container.id} running={running} />}
        </Suspense>
      </div>
      {removing && (
        <RemoveContainersDialog
          containers={[container]}
          onClose={() => setRemoving(false)}
          onConfirm={(options) => {
            setRemoving(false);
            void remove(container.id, container.name, options).then(() => navigate('containers'));
          }}
        />
      )}
    </div>
  );
}
