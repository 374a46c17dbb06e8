import { lazy, Suspense, useEffect, useRef } from 'react';
import type { BerthClient } from '../../../shared/client';
import { ComposeProvider } from '../compose/composeStore';
import { ContainersProvider } from '../containers/containersStore';
import { EngineStatusProvider, useEngineStatus } from '../engine/engineStatus';
import { StatusBar } from '../engine/StatusBar';
import { HubSearchPage } from '../hub/HubSearchPage';
import { InstallationCheckPage } from '../installation/InstallationCheckPage';
import { LessonsProvider } from '../lessons/lessonsStore';
import { PullByNameProvider } from '../pulls/pullByNameContext';
import { PullsPanel } from '../pulls/PullsPanel';
import { PullsProvider } from '../pulls/pullsStore';
import { RunDialogProvider } from '../run/runDialogContext';
import { SettingsProvider, useSettings } from '../settings/settingsStore';
import { ViewLoading } from '../ui/ViewLoading';
import { lessonIdSchema } from '../../../shared/lessons';
import { ClientContext } from './clientContext';
import { CommandsProvider, useCommands } from './commands';
import { NavigateContext, useNavigate } from './navigation';
import { routeFromHash, type Route } from './sections';
import { Sidebar } from './Sidebar';
import { useRoute } from './useRoute';

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
const ImageLayersPage = lazy(() =>
  import('../images/ImageLayersPage').then((module) => ({ default: module.ImageLayersPage })),
);
const BuildPage = lazy(() => import('../build/BuildPage').then((module) => ({ default: module.BuildPage })));
const ComposePage = lazy(() => import('../compose/ComposePage').then((module) => ({ default: module.ComposePage })));
const ComposeProjectPage = lazy(() =>
  import('../compose/ComposeProjectPage').then((module) => ({ default: module.ComposeProjectPage })),
);
const VolumesPage = lazy(() => import('../volumes/VolumesPage').then((module) => ({ default: module.VolumesPage })));
const VolumeDetailsPage = lazy(() =>
  import('../volumes/VolumeDetailsPage').then((module) => ({ default: module.VolumeDetailsPage })),
);
const NetworksPage = lazy(() =>
  import('../networks/NetworksPage').then((module) => ({ default: module.NetworksPage })),
);
const DiskUsagePage = lazy(() => import('../disk/DiskUsagePage').then((module) => ({ default: module.DiskUsagePage })));
const VolumeLessonPage = lazy(() =>
  import('../lessons/VolumeLessonPage').then((module) => ({ default: module.VolumeLessonPage })),
);
const LessonsListPage = lazy(() =>
  import('../lessons/LessonsListPage').then((module) => ({ default: module.LessonsListPage })),
);
const LessonPage = lazy(() => import('../lessons/LessonPage').then((module) => ({ default: module.LessonPage })));
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

  return (
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={navigate}>
        <CommandsProvider>
          <SettingsProvider>
            <EngineStatusProvider>
              <ContainersProvider>
                <PullsProvider>
                  <ComposeProvider>
                    <RunDialogProvider>
                      <PullByNameProvider>
                        <LessonsProvider>
                          <div className="flex h-full flex-col">
                            <div className="flex min-h-0 flex-1">
                              <Sidebar current={route.section} />
                              <main className="min-w-0 flex-1 overflow-y-auto" data-section={route.section}>
                                <Suspense fallback={<ViewLoading />}>
                                  <RouteView route={route} />
                                </Suspense>
                              </main>
                            </div>
                            <StatusBar />
                            <FirstRunRedirect />
                            <KeyboardShortcuts />
                            <PullsPanel />
                          </div>
                        </LessonsProvider>
                      </PullByNameProvider>
                    </RunDialogProvider>
                  </ComposeProvider>
                </PullsProvider>
              </ContainersProvider>
            </EngineStatusProvider>
          </SettingsProvider>
        </CommandsProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>
  );
}

function RouteView({ route }: { route: Route }) {
  switch (route.section) {
    case 'installation':
      return <InstallationCheckPage />;
    case 'hub':
      return route.param ? (
        <RepositoryTagsPage key={route.param} repository={route.param} />
      ) : (
        // Keyed by the query: a link to another search (#/hub?q=…) starts that search afresh.
        <HubSearchPage key={route.query ?? ''} initialQuery={route.query ?? ''} />
      );
    case 'images':
      // #/images/<id>: that image's layers (the Images rows and the build page link there).
      return route.param ? <ImageLayersPage key={route.param} id={route.param} /> : <ImagesPage />;
    case 'build':
      return <BuildPage />;
    case 'compose':
      // #/compose/<project>: one project's services, file, logs and commands.
      return route.param ? <ComposeProjectPage key={route.param} name={route.param} /> : <ComposePage />;
    case 'volumes':
      // #/volumes/<name>: that volume's files, backup and restore.
      return route.param ? <VolumeDetailsPage key={route.param} name={route.param} /> : <VolumesPage />;
    case 'networks':
      return <NetworksPage />;
    case 'disk':
      return <DiskUsagePage />;
    case 'lessons': {
      // #/lessons: the course; #/lessons/<lesson id>: one lesson. #/lessons/volumes: the older
      // volume lesson, until lesson 6 takes its place.
      if (route.param === 'volumes') return <VolumeLessonPage />;
      const lesson = lessonIdSchema.safeParse(route.param);
      return lesson.success ? <LessonPage key={lesson.data} lessonId={lesson.data} /> : <LessonsListPage />;
    }
    case 'run':
      return route.param ? <RunFlowPage key={route.param} runId={route.param} /> : <ImagesPage />;
    case 'containers':
      return route.param ? (
        <ContainerDetailsPage key={route.param} id={route.param} />
      ) : (
        <ContainersPage show={route.show ?? null} />
      );
    case 'settings':
      return <SettingsPage />;
    case 'tray':
      return <TrayPreviewPage />;
    case 'onboarding':
      return <OnboardingPage />;
  }
}

/**
 * Opens the guide on first launch (until it is finished or skipped) and whenever no engine can be
 * found at all, unless the window was opened on a particular screen.
 */
function FirstRunRedirect() {
  const navigate = useNavigate();
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

/** Cmd/Ctrl+K: Docker Hub search from anywhere. */
function KeyboardShortcuts() {
  const navigate = useNavigate();
  const commands = useCommands();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if ((event.metaKey || event.ctrlKey) && event.key.toLowerCase() === 'k') {
        event.preventDefault();
        navigate('hub');
        commands.run('focus-search');
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [navigate, commands]);
  return null;
}
