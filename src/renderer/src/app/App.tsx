import { lazy, Suspense, useEffect, useRef } from 'react';
import type { BerthClient } from '../../../shared/client';
import { ContainersProvider } from '../containers/containersStore';
import { EngineStatusProvider, useEngineStatus } from '../engine/engineStatus';
import { StatusBar } from '../engine/StatusBar';
import { FOCUS_SEARCH_EVENT, HubSearchPage } from '../hub/HubSearchPage';
import { InstallationCheckPage } from '../installation/InstallationCheckPage';
import { PullByNameProvider } from '../pulls/pullByNameContext';
import { PullsPanel } from '../pulls/PullsPanel';
import { PullsProvider } from '../pulls/pullsStore';
import { RunDialogProvider } from '../run/runDialogContext';
import { SettingsProvider, useSettings } from '../settings/settingsStore';
import { ViewLoading } from '../ui/ViewLoading';
import { ClientContext } from './clientContext';
import { routeFromHash, type Route } from './sections';
import { Sidebar } from './Sidebar';
import { useRoute, type Navigate } from './useRoute';

// The pages behind the first screen load when first opened, so the first screen's script stays small.
// The installation check (the default route) and Docker Hub search (Cmd/Ctrl+K) stay in the entry.
const ContainerDetailsPage = lazy(() =>
  import('../containers/ContainerDetailsPage').then((module) => ({ default: module.ContainerDetailsPage })),
);
const ContainersPage = lazy(() =>
  import('../containers/ContainersPage').then((module) => ({ default: module.ContainersPage })),
);
const RepositoryTagsPage = lazy(() =>
  import('../hub/RepositoryTagsPage').then((module) => ({ default: module.RepositoryTagsPage })),
);
const ImagesPage = lazy(() => import('../images/ImagesPage').then((module) => ({ default: module.ImagesPage })));
const RunFlowPage = lazy(() => import('../run/RunFlowPage').then((module) => ({ default: module.RunFlowPage })));
const OnboardingPage = lazy(() =>
  import('../onboarding/OnboardingPage').then((module) => ({ default: module.OnboardingPage })),
);
const SettingsPage = lazy(() =>
  import('../settings/SettingsPage').then((module) => ({ default: module.SettingsPage })),
);
const TrayPreviewPage = lazy(() =>
  import('../tray/TrayPreviewPage').then((module) => ({ default: module.TrayPreviewPage })),
);

export function App({ client }: { client: BerthClient }) {
  const [route, navigate] = useRoute('installation');

  // Cmd/Ctrl+K: Docker Hub search from anywhere.
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        navigate('hub');
        window.dispatchEvent(new Event(FOCUS_SEARCH_EVENT));
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate]);

  return (
    <ClientContext.Provider value={client}>
      <SettingsProvider>
        <EngineStatusProvider>
          <ContainersProvider>
            <PullsProvider>
              <RunDialogProvider navigate={navigate}>
                <PullByNameProvider>
                  <div className="flex h-full flex-col">
                    <div className="flex min-h-0 flex-1">
                      <Sidebar current={route.section} onNavigate={navigate} />
                      <main className="min-w-0 flex-1 overflow-y-auto" data-section={route.section}>
                        <Suspense fallback={<ViewLoading />}>
                          <RouteView route={route} navigate={navigate} />
                        </Suspense>
                      </main>
                    </div>
                    <StatusBar navigate={navigate} />
                    <FirstRunRedirect navigate={navigate} />
                    <PullsPanel />
                  </div>
                </PullByNameProvider>
              </RunDialogProvider>
            </PullsProvider>
          </ContainersProvider>
        </EngineStatusProvider>
      </SettingsProvider>
    </ClientContext.Provider>
  );
}

function RouteView({ route, navigate }: { route: Route; navigate: Navigate }) {
  switch (route.section) {
    case 'installation':
      return <InstallationCheckPage onNavigate={navigate} />;
    case 'hub':
      return route.param ? (
        <RepositoryTagsPage key={route.param} repository={route.param} navigate={navigate} />
      ) : (
        // Keyed by the query: a link to another search (#/hub?q=…) starts that search afresh.
        <HubSearchPage key={route.query ?? ''} navigate={navigate} initialQuery={route.query ?? ''} />
      );
    case 'images':
      return <ImagesPage navigate={navigate} />;
    case 'run':
      return route.param ? (
        <RunFlowPage key={route.param} runId={route.param} navigate={navigate} />
      ) : (
        <ImagesPage navigate={navigate} />
      );
    case 'containers':
      return route.param ? (
        <ContainerDetailsPage key={route.param} id={route.param} navigate={navigate} />
      ) : (
        <ContainersPage navigate={navigate} show={route.show ?? null} />
      );
    case 'settings':
      return <SettingsPage />;
    case 'tray':
      return <TrayPreviewPage />;
    case 'onboarding':
      return <OnboardingPage navigate={navigate} />;
  }
}

/**
 * Opens the guide on first launch (until it is finished or skipped) and whenever no engine can be
 * found at all, unless the window was opened on a particular screen.
 */
function FirstRunRedirect({ navigate }: { navigate: Navigate }) {
  const { state } = useSettings();
  const { status } = useEngineStatus();
  // Decided once, from the first settings and the first settled engine status.
  const decided = useRef(routeFromHash(window.location.hash) !== null);
  useEffect(() => {
    if (decided.current || !state || !status || status.state === 'connecting') return;
    decided.current = true;
    if (!state.settings.onboarding.finished || status.problem?.code === 'engine-not-found') navigate('onboarding');
  }, [state, status, navigate]);
  return null;
}
