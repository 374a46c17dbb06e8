import type { InstallationReport } from '../shared/engine';
import { BerthError } from '../shared/errors';
import { ContainerActions } from './containers/containerActions';
import { ContainerModel } from './containers/containerModel';
import { InspectService } from './containers/inspectService';
import { LogsService } from './containers/logsService';
import { StatsService } from './containers/statsService';
import { TerminalService } from './containers/terminalService';
import { createContractServer, type ContractServer } from './contractServer';
import { resolveEndpoint } from './engine/endpoint';
import { EngineMonitor } from './engine/engineMonitor';
import type { HostSystem } from './host/hostSystem';
import { createHubClient } from './hub/hubClient';
import { ImageService } from './images/imageService';
import { PullManager } from './images/pullManager';
import { checkDockerCli } from './installation/dockerCli';
import { RunService } from './run/runService';

export interface BackendOptions {
  system: HostSystem;
  /** The user's endpoint choice from settings; null means automatic, as the docker CLI resolves it. */
  endpointSetting?: string | null;
  requestTimeoutMs?: number;
}

/**
 * Everything the main process does, without Electron: the engine connection, pulls, images, runs,
 * the Hub client, and the contract's handlers. The Electron shell and the browser harness both
 * wrap this same object.
 */
export interface Backend {
  monitor: EngineMonitor;
  pulls: PullManager;
  images: ImageService;
  runs: RunService;
  containers: ContainerModel;
  server: ContractServer;
  start(): Promise<void>;
  stop(): void;
}

export function createBackend(options: BackendOptions): Backend {
  const { system } = options;
  const endpointSetting = options.endpointSetting ?? null;
  const monitor = new EngineMonitor({
    resolveEndpoint: () => resolveEndpoint(system, endpointSetting),
    requestTimeoutMs: options.requestTimeoutMs,
  });
  const getClient = () => monitor.requireClient();
  const pulls = new PullManager({ getClient });
  const images = new ImageService({ getClient, monitor });
  const runs = new RunService({ getClient, pulls });
  const containers = new ContainerModel({ getClient, monitor });
  const actions = new ContainerActions({ getClient });
  const logs = new LogsService({ getClient });
  const stats = new StatsService({ getClient });
  const inspector = new InspectService({ getClient });
  const terminals = new TerminalService({ getClient });
  const hub = createHubClient({
    baseUrl: system.env.BERTH_HUB_URL,
    // When the Hub API cannot be reached, the engine's own search (through the daemon's network settings).
    engineSearch: (term, limit) => getClient().searchImages({ term, limit }),
  });

  async function installationCheck(): Promise<InstallationReport> {
    // Both halves at once, like `docker version`; the engine half also re-checks the connection.
    const [client, engine] = await Promise.all([checkDockerCli(system, endpointSetting), monitor.retryNow()]);
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
      'run.check': (input) => runs.check(input),
      'run.start': (input) => runs.start(input),
      'containers.act': (input) => actions.act(input),
      'containers.remove': (input) => actions.remove(input),
      'containers.inspect': ({ id }) => inspector.inspect(id),
      'terminal.open': (input) => terminals.open(input),
      'terminal.input': (input) => terminals.input(input),
      'terminal.resize': (input) => terminals.resize(input),
      'terminal.close': (input) => terminals.close(input),
    },
    streams: {
      'engine.status': (_input, emit) => {
        emit(monitor.getStatus());
        return monitor.onStatus(emit);
      },
      'pulls.jobs': (_input, emit) => {
        for (const job of pulls.list()) emit(job);
        return pulls.onUpdate(emit);
      },
      'images.list': (_input, emit) => {
        let open = true;
        const stop = images.onChange((list) => open && emit(list));
        images.list().then(
          (list) => open && emit(list),
          () => undefined,
        );
        return () => {
          open = false;
          stop();
        };
      },
      'run.flow': ({ runId }, emit) => {
        const flow = runs.flow(runId);
        if (!flow) throw new BerthError('not-found', `No run ${runId}: Berth keeps the latest runs only.`);
        emit(flow);
        return runs.onFlow(runId, emit);
      },
      'containers.changes': (_input, emit) => containers.subscribe(emit),
      'containers.logs': (input, emit, fail) => logs.open(input, emit, fail),
      // One container failing (gone) does not end the others' samples.
      'containers.stats': (input, emit) => stats.open(input, emit),
      'terminal.output': (input, emit) => terminals.output(input, emit),
    },
  });

  return {
    monitor,
    pulls,
    images,
    runs,
    containers,
    server,
    async start() {
      await monitor.start();
    },
    stop() {
      monitor.stop();
      pulls.dispose();
      images.dispose();
      runs.dispose();
      containers.dispose();
      logs.dispose();
      stats.dispose();
      terminals.dispose();
    },
  };
}
