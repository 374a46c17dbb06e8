import fs from 'node:fs';
import { BerthError } from '../shared/errors';
import type { InstallationReport } from '../shared/engine';
import type { TFunction } from 'i18next';
import { createTranslator, detectLanguage, type Language } from '../shared/i18n/translator';
import type { EngineChoice, Settings } from '../shared/settings';
import { ignoreFolder, summarizeBuildContext } from './builds/buildContext';
import { BuildManager } from './builds/buildManager';
import { ComposeLogs } from './compose/composeLogs';
import { ComposeProjects, phasesOfJobs } from './compose/composeProjects';
import { ContainerActions } from './containers/containerActions';
import { ContainerModel } from './containers/containerModel';
import { InspectService } from './containers/inspectService';
import { LogsService } from './containers/logsService';
import { StatsService } from './containers/statsService';
import { HttpProbe } from './containers/httpProbe';
import { TerminalService } from './containers/terminalService';
import { DockerfileFiles } from './builds/dockerfileFiles';
import { ComposeFiles } from './compose/composeFiles';
import { createContractServer, type ContractServer } from './contractServer';
import { DiskUsageService } from './disk/diskUsageService';
import { ReclaimableWatcher } from './disk/reclaimableWatcher';
import { createTrayFeed, type TrayFeed } from './tray/trayState';
import { ComposeJobs } from './compose/composeJobs';
import { ComposeToolCache, findComposeTool } from './compose/composeTool';
import { targetRiskyMounts } from './compose/targetRiskyMounts';
import { ContextFollower, watchDirectoryWithFs } from './engine/contextFollower';
import { listEngineOptions, type EngineChoicesWorld } from './engine/engineChoices';
import { resolveEndpoint } from './engine/endpoint';
import { EngineMonitor } from './engine/engineMonitor';
import type { HostSystem } from './host/hostSystem';
import { createHubClient, type HubClient } from './hub/hubClient';
import { ImageLayersService } from './images/imageLayers';
import { ImageService } from './images/imageService';
import { PullManager } from './images/pullManager';
import { checkDockerCli } from './installation/dockerCli';
import type { LessonId } from '../shared/lessons';
import { course } from './lessons/course';
import type { LessonDefinition } from './lessons/lessonDefinition';
import { copyLessonExample } from './lessons/lessonExample';
import { LessonProbeRunner } from './lessons/lessonProbes';
import { LessonProgressStore } from './lessons/lessonProgressStore';
import { LessonWatcher } from './lessons/lessonWatcher';
import { VolumeLesson } from './lessons/volumeLesson';
import { NetworkService } from './networks/networkService';
import { watchPodmanNetworkFiles } from './networks/podmanNetworkFiles';
import { detect } from './onboarding/detector';
import { startEngine } from './onboarding/engineStarter';
import { RunService } from './run/runService';
import { SettingsStore } from './settings/settingsStore';
import { ChosenFiles } from './files/chosenFiles';
import { VolumeFiles } from './volumes/volumeFiles';
import { VolumeService } from './volumes/volumeService';

export interface BackendOptions {
  /** The system's preferred languages, for the "system" language setting (Electron knows them best). */
  systemLanguages?: () => readonly string[];
  system: HostSystem;
  /**
   * The settings file (loaded at once; a corrupt one is moved aside and defaults are used). Without
   * it the settings live in memory, starting from the defaults (tests).
   */
  settingsPath?: string | null;
  requestTimeoutMs?: number;
  /**
   * Berth's own folder for what it makes on disk (the example projects' copies): in Electron
   * userData/examples. Without it a temporary folder, removed at stop() (tests).
   */
  workDir?: string;
  /** The bundled example projects (resources/examples); without it the repository's (development, tests). */
  examplesDir?: string;
  /** The OS folder dialog (the Electron shell's): the chosen folder, or null when cancelled. None in the harness. */
  pickFolder?: () => Promise<string | null>;
  /** The OS save dialog (the Electron shell's): the chosen file, or null when cancelled. None in the harness. */
  pickSaveFile?: (input: { suggestedName: string; kind: 'tar' | 'any' }) => Promise<string | null>;
  /** The OS open dialog for a .tar: the chosen file, or null when cancelled. None in the harness. */
  pickOpenFile?: () => Promise<string | null>;
  /** The lessons' progress file (userData/lessons.json); without it the progress lives in memory (tests). */
  lessonsPath?: string | null;
  /** The course's lessons; tests give their own (a lesson that asks for each kind of probe). */
  lessonCourse?: Readonly<Record<LessonId, LessonDefinition>>;
}

/**
 * Everything the main process does, without Electron: the engine connection, pulls, images, runs,
 * the Hub client, and the contract's handlers. The Electron shell and the browser harness both
 * wrap this same object.
 */
export interface Backend {
  monitor: EngineMonitor;
  pulls: PullManager;
  /** Builds from a Dockerfile (POST /build), as jobs like pulls. */
  builds: BuildManager;
  /** The compose command (up, down…) as jobs, against the connected engine. */
  composeJobs: ComposeJobs;
  images: ImageService;
  runs: RunService;
  containers: ContainerModel;
  /** start, stop, restart… and removal of containers (the tray's actions call it too). */
  actions: ContainerActions;
  /**
   * The user's settings. The backend applies the engine choice and the Hub address itself; the
   * Electron shell reads the rest (language, startAtLogin, menuBarOnly, showTrayIcon, notifications)
   * from settings.state() and follows settings.onChange.
   */
  settings: SettingsStore;
  /** Disk usage as `docker system df` counts it, and the clean-up. */
  disk: DiskUsageService;
  /** The status bar's and the tray's reclaimable-space hint (on engine events, at most once a minute). */
  reclaimable: ReclaimableWatcher;
  /** The menu bar menu, built from the services; the Electron tray and the harness preview both show it. */
  tray: TrayFeed;
  /** The course's lessons, checked on the live engine (the tray shows the one in progress). */
  lessons: LessonWatcher;
  /** Texts for the main process (tray, notifications) in the language the settings choose. */
  translate(): TFunction;
  server: ContractServer;
  start(): Promise<void>;
  stop(): void;
}

export function createBackend(options: BackendOptions): Backend {
  const { system } = options;
  const settings = options.settingsPath
    ? new SettingsStore({ filePath: options.settingsPath })
    : SettingsStore.inMemory();
  settings.load();
  const engineChoice = (): EngineChoice => settings.settings().engine;
  const monitor = new EngineMonitor({
    // Read at every attempt, so a reconnect (and every backoff retry) follows the current choice.
    resolveEndpoint: () => resolveEndpoint(system, engineChoice()),
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const getClient = () => monitor.requireClient();
  const pulls = new PullManager({ getClient });
  const builds = new BuildManager({ getClient, getFamily: () => monitor.getStatus().server?.family ?? null });
  const images = new ImageService({ getClient, monitor });
  const imageLayers = new ImageLayersService({ getClient });
  const networks = new NetworkService({
    getClient,
    monitor,
    isPodman: () => monitor.getStatus().server?.family === 'podman',
    // Podman sends no event when a network is made or removed: its network files say it, where they are on this machine.
    watchNetworkFiles: (onChange) => {
      const status = monitor.getStatus();
      return status.server?.family === 'podman' && status.endpoint?.kind === 'unix'
        ? watchPodmanNetworkFiles(onChange)
        : null;
    },
  });
  const volumes = new VolumeService({
    getClient,
    monitor,
    // volumeFiles is made below; this runs only when a volume is removed.
    releaseVolume: async (name) => void (await volumeFiles.close({ name })),
  });
  const runs = new RunService({ getClient, pulls });
  const containers = new ContainerModel({ getClient, monitor });
  const actions = new ContainerActions({ getClient });
  const logs = new LogsService({ getClient });
  const stats = new StatsService({ getClient });
  const inspector = new InspectService({ getClient });
  const terminals = new TerminalService({ getClient });
  const httpProbe = new HttpProbe();
  const volumeLesson = new VolumeLesson({ getClient, pulls });
  const disk = new DiskUsageService({
    getClient,
    isPodman: () => monitor.getStatus().server?.family === 'podman',
    listImages: () => images.list(),
    onMeasured: (usage) => reclaimable.record(usage),
  });
  const reclaimable: ReclaimableWatcher = new ReclaimableWatcher({
    monitor,
    measure: () => disk.usage(),
    thresholdBytes: () => settings.settings().reclaimableAlertGb * 1e9,
    onThresholdChange: (listener) => settings.onChange(listener),
  });
  const composeTool = new ComposeToolCache(() => findComposeTool(system));
  const composeJobs = new ComposeJobs({
    tool: () => composeTool.current(),
    getEndpoint: () => monitor.requireEndpoint(),
    getClient,
    // The same model the Compose page shows, so up checks the mounts its confirmation named.
    riskyMounts: (target) => targetRiskyMounts(target, system.env),
    env: system.env,
  });
  // What Berth's own compose commands are doing to each service, laid over the projects.
  const composeProjects = new ComposeProjects({ getClient, monitor, phases: phasesOfJobs(composeJobs) });
  const composeLogs = new ComposeLogs({ logs, projects: composeProjects });
  const { pickFolder } = options;
  const dockerfiles = new DockerfileFiles({
    workDir: options.workDir,
    examplesDir: options.examplesDir,
    onlyChosenFolders: pickFolder !== undefined,
  });
  const composeFiles = new ComposeFiles({ workDir: options.workDir, examplesDir: options.examplesDir });
  const pickBuildFolder = async () => {
    if (!pickFolder) return { available: false, path: null };
    const picked = await pickFolder();
    if (picked) dockerfiles.chooseFolder(picked);
    return { available: true, path: picked };
  };

  const { pickSaveFile, pickOpenFile } = options;
  // With the OS dialogs, downloads and backups go only where the user chose, restores read only what they chose.
  const chosenFiles = new ChosenFiles(pickSaveFile !== undefined || pickOpenFile !== undefined);
  const volumeFiles = new VolumeFiles({ getClient, pulls, chosenFiles });
  const pickSave = async (input: { suggestedName: string; kind: 'tar' | 'any' }) => {
    if (!pickSaveFile) return { available: false, path: null };
    const picked = await pickSaveFile(input);
    if (picked) chosenFiles.chooseSave(picked);
    return { available: true, path: picked };
  };
  const pickOpen = async () => {
    if (!pickOpenFile) return { available: false, path: null };
    const picked = await pickOpenFile();
    if (picked) chosenFiles.chooseOpen(picked);
    return { available: true, path: picked };
  };

  const systemLanguages = options.systemLanguages ?? (() => [Intl.DateTimeFormat().resolvedOptions().locale]);
  let language: Language | null = null;
  let t = createTranslator('en');
  const translate = (): TFunction => {
    const setting = settings.settings().language;
    const next = setting === 'system' ? detectLanguage(systemLanguages()) : setting;
    if (next !== language) {
      language = next;
      t = createTranslator(next);
    }
    return t;
  };
  const lessonStore = new LessonProgressStore({ filePath: options.lessonsPath ?? null });
  const lessonProbes = new LessonProbeRunner({
    getClient,
    listVolumeFolder: async (volume, folder) => {
      try {
        return (await volumeFiles.browse({ name: volume, path: folder })).entries.map((entry) => entry.name);
      } finally {
        // The helper goes at once: a lesson checks that no container uses the volume.
        await volumeFiles.close({ name: volume });
      }
    },
    onExecCreated: (execId) => lessons.noteOwnExec(execId),
  });
  const lessons: LessonWatcher = new LessonWatcher({
    lessons: options.lessonCourse,
    store: lessonStore,
    probes: lessonProbes,
    sources: {
      monitor,
      containers,
      images,
      volumes,
      networks,
      composeProjects,
      builds,
      pulls,
      runs,
      composeTool: () => composeTool.refresh(),
      diskUsage: async () => {
        const usage = await disk.usage();
        const categories = [usage.images, usage.containers, usage.volumes, usage.buildCache];
        return { reclaimable: usage.reclaimable, total: categories.reduce((sum, category) => sum + category.size, 0) };
      },
      imageLayers: async (client, imageId) => (await client.getImage(imageId).inspect()).RootFS?.Layers ?? [],
      getClient,
    },
  });

  const tray = createTrayFeed({
    monitor,
    containers,
    pulls,
    images,
    runs,
    reclaimable,
    lessons,
    translate,
    probeHttp: (input) => httpProbe.probe(input),
  });
  const hubUrlFor = (current: Settings): string | undefined => current.hubUrl || system.env.BERTH_HUB_URL || undefined;
  const createHub = (baseUrl: string | undefined): HubClient =>
    createHubClient({
      baseUrl,
      // When the Hub API cannot be reached, the engine's own search (through the daemon's network settings).
      engineSearch: (term, limit) => getClient().searchImages({ term, limit }),
    });
  let hubUrl = hubUrlFor(settings.settings());
  let hub = createHub(hubUrl);

  // What listing the engines reads: the host system, and the contexts' folders.
  const choicesWorld: EngineChoicesWorld = {
    ...system,
    listDirectory(dirPath) {
      try {
        return fs.readdirSync(dirPath);
      } catch {
        return [];
      }
    },
  };

  // `docker context use` in a terminal moves Berth too while the choice is automatic, as it moves the CLI.
  const contextFollower = new ContextFollower({
    world: { ...system, watchDirectory: watchDirectoryWithFs },
    isAutomatic: () => engineChoice().kind === 'automatic',
    onFollow: (contextName) => {
      if (running) void monitor.reconnect(contextName);
    },
  });

  let running = false;
  let appliedEngine = JSON.stringify(engineChoice());
  // Applied on every change, whoever made it (a window, the tray, the Electron shell).
  settings.onChange((state) => {
    tray.refresh();
    const engine = JSON.stringify(state.settings.engine);
    if (engine !== appliedEngine) {
      appliedEngine = engine;
      // The monitor resolves the endpoint afresh from the new choice when it reconnects.
      if (running) void monitor.reconnect();
    }
    const nextHubUrl = hubUrlFor(state.settings);
    if (nextHubUrl !== hubUrl) {
      hubUrl = nextHubUrl;
      hub = createHub(hubUrl);
    }
  });

  async function installationCheck(): Promise<InstallationReport> {
    // Both halves at once, like `docker version`; the engine half also re-checks the connection.
    // The CLI is pointed at the engine Berth chose: the same context, or the same address.
    const choice = engineChoice();
    const cliSystem: HostSystem =
      choice.kind === 'context'
        ? {
            ...system,
            env:
              choice.name === 'default'
                ? { ...system.env, DOCKER_CONTEXT: 'default' }
                : { ...system.env, DOCKER_HOST: undefined, DOCKER_CONTEXT: choice.name },
          }
        : system;
    const override = choice.kind === 'custom' ? choice.url : null;
    const [client, engine] = await Promise.all([checkDockerCli(cliSystem, override), monitor.retryNow()]);
    // Lesson 3: the check seen with the Docker server answering is the client and the server, shown.
    if (engine.state === 'connected' && engine.server) {
      lessons.observe({ kind: 'installationCheck', at: Date.now(), serverVersion: engine.server.version });
    }
    return { client, engine, checkedAt: Date.now() };
  }

  const server = createContractServer({
    requests: {
      'engine.getStatus': async () => monitor.getStatus(),
      'engine.retryNow': () => monitor.retryNow(),
      'installation.check': installationCheck,
      'hub.search': (input) => hub.search(input),
      'hub.tags': (input) => hub.tags(input),
      'pulls.start': async ({ reference }) => pulls.start(reference),
      'pulls.cancel': async ({ id }) => pulls.cancel(id),
      'pulls.dismiss': async ({ id }) => ({ dismissed: pulls.dismiss(id) }),
      'images.list': () => images.list(),
      'images.remove': (input) => images.remove(input),
      'images.prune': (input) => images.prune(input),
      'images.layers': (input) => imageLayers.layers(input),
      'builds.pickFolder': pickBuildFolder,
      'builds.openFolder': (input) => dockerfiles.openFolder(input),
      'builds.openExample': (input) => dockerfiles.openExample(input),
      'builds.saveDockerfile': (input) => dockerfiles.saveDockerfile(input),
      'builds.context': ({ contextPath, dockerfile }) => summarizeBuildContext(contextPath, dockerfile),
      'builds.ignoreFolder': ({ contextPath, dockerfile, folder }) => ignoreFolder(contextPath, dockerfile, folder),
      'builds.start': async (options) => builds.start(options),
      'builds.cancel': async ({ id }) => builds.cancel(id),
      'volumes.list': () => volumes.list(),
      'volumes.sizes': () => volumes.sizes(),
      'volumes.create': (input) => volumes.create(input),
      'volumes.remove': (input) => volumes.remove(input),
      'volumes.prune': (input) => volumes.prune(input),
      'volumes.browse': (input) => volumeFiles.browse(input),
      'volumes.readFile': (input) => volumeFiles.readFile(input),
      'volumes.download': (input) => volumeFiles.download(input),
      'volumes.backup': (input) => volumeFiles.backup(input),
      'volumes.restore': (input) => volumeFiles.restore(input),
      'files.pickSave': pickSave,
      'files.pickOpen': pickOpen,
      'volumeLesson.state': () => volumeLesson.state(),
      'volumeLesson.step': ({ step }) => volumeLesson.step(step),
      'volumeLesson.reset': ({ confirm }) => volumeLesson.reset(confirm),
      'volumes.closeFiles': (input) => volumeFiles.close(input),
      'lessons.state': async () => lessons.state(),
      'lessons.start': ({ lesson }) => lessons.startLesson(lesson),
      'lessons.reset': async ({ lesson }) => lessons.reset(lesson),
      'lessons.recheck': ({ lesson }) => lessons.recheck(lesson),
      'lessons.copyExample': async ({ lesson, folder }) => {
        const copy = await copyLessonExample({
          example: (options.lessonCourse ?? course)[lesson].example,
          folder,
          examplesDir: options.examplesDir,
          mayWrite: (realFolder) => dockerfiles.isChosen(realFolder),
        });
        // Picked by the user for this: the Build page may save and create files in it.
        dockerfiles.chooseFolder(copy);
        return lessons.setFolder(lesson, copy);
      },
      // TODO(#16, lessons-2-3): the pasted `docker version` output checked against the engine.
      'lessons.checkVersionOutput': () =>
        Promise.reject(new BerthError('internal', 'The docker version check is being written (#16).')),
      'networks.list': () => networks.list(),
      'networks.create': (input) => networks.create(input),
      'networks.remove': (input) => networks.remove(input),
      'networks.connect': (input) => networks.connect(input),
      'networks.disconnect': (input) => networks.disconnect(input),
      'networks.reach': (input) => networks.reach(input),
      'disk.usage': () => disk.usage(),
      'disk.plan': (input) => disk.plan(input),
      'disk.cleanUp': (input) => disk.cleanUp(input),
      'compose.tool': () => composeTool.refresh(),
      'compose.open': (input) => composeFiles.open(input),
      'compose.openExample': (input) => composeFiles.openExample(input),
      'compose.check': (input) => composeFiles.check(input),
      'compose.save': (input) => composeFiles.save(input),
      'compose.projects': () => composeProjects.list(),
      'compose.downPlan': (target) => composeJobs.downPlan(target),
      'compose.run': (input) => composeJobs.run(input),
      'compose.cancel': ({ id }) => composeJobs.cancel(id),
      'compose.dismiss': async ({ id }) => ({ dismissed: composeJobs.dismiss(id) }),
      'run.check': (input) => runs.check(input),
      'run.exposedPorts': ({ image }) => runs.exposedPorts(image),
      // The tray's "Run image" and the notifier follow runs.onStarted.
      'run.start': (input) => runs.start(input),
      'run.again': (input) => runs.again(input.runId),
      'containers.act': (input) => actions.act(input),
      'containers.remove': (input) => actions.remove(input),
      'containers.inspect': ({ id }) => inspector.inspect(id),
      'ports.probeHttp': (input) => httpProbe.probe(input),
      'terminal.shells': (input) => terminals.shells(input),
      'terminal.open': (input) => terminals.open(input),
      'terminal.input': (input) => terminals.input(input),
      'terminal.resize': (input) => terminals.resize(input),
      'terminal.close': (input) => terminals.close(input),
      'settings.get': async () => settings.state(),
      // Saved first; the engine switch and the Hub address follow from the change (onChange above).
      'settings.update': (patch) => settings.update(patch),
      'engines.list': async () => listEngineOptions(choicesWorld, engineChoice()),
      // The engine half checked afresh first; the rest is files and programs on this machine.
      'onboarding.detect': async () => detect(system, await monitor.retryNow()),
      // Then a check at once, and the backoff from its first step while the engine comes up.
      'onboarding.startEngine': async () => {
        const result = await startEngine(system, detect(system, monitor.getStatus()));
        void monitor.retryNow();
        return result;
      },
    },
    // Each stream sends the current value first, then the changes: the service's subscribe does both.
    streams: {
      'engine.status': (_input, emit) => monitor.subscribe(emit),
      'pulls.jobs': (_input, emit) => pulls.subscribe(emit),
      'images.list': (_input, emit) => images.subscribe(emit),
      'builds.jobs': (_input, emit) => builds.subscribe(emit),
      'run.flow': ({ runId }, emit) => runs.subscribeFlow(runId, emit),
      'containers.changes': (_input, emit) => containers.subscribe(emit),
      'containers.logs': (input, emit, fail) => logs.open(input, emit, fail),
      // One container failing (gone) does not end the others' samples.
      'containers.stats': (input, emit) => stats.open(input, emit),
      'terminal.output': (input, emit) => terminals.output(input, emit),
      'settings.changes': (_input, emit) => settings.subscribe(emit),
      'tray.model': (_input, emit) => tray.subscribe(emit),
      'volumes.list': (_input, emit) => volumes.subscribe(emit),
      'networks.list': (_input, emit) => networks.subscribe(emit),
      'disk.reclaimable': (_input, emit) => reclaimable.subscribe(emit),
      'compose.projects': (_input, emit) => composeProjects.subscribe(emit),
      'compose.jobs': (_input, emit) => composeJobs.subscribe(emit),
      'compose.logs': (input, emit) => composeLogs.open(input, emit),
      'lessons.progress': (_input, emit) => lessons.subscribe(emit),
    },
  });

  return {
    monitor,
    pulls,
    builds,
    composeJobs,
    images,
    runs,
    containers,
    actions,
    settings,
    disk,
    reclaimable,
    tray,
    lessons,
    translate,
    server,
    async start() {
      running = true;
      contextFollower.start();
      await monitor.start();
      // Lessons open before a restart are followed again at once.
      lessons.start();
    },
    stop() {
      running = false;
      contextFollower.stop();
      // First, while the connection is still there: its helper containers are removed.
      void volumeFiles.dispose();
      monitor.stop();
      pulls.dispose();
      builds.dispose();
      composeJobs.dispose();
      composeFiles.dispose();
      images.dispose();
      networks.dispose();
      volumes.dispose();
      runs.dispose();
      containers.dispose();
      logs.dispose();
      composeProjects.dispose();
      stats.dispose();
      terminals.dispose();
      tray.dispose();
      reclaimable.dispose();
      lessons.dispose();
      dockerfiles.dispose();
    },
  };
}
