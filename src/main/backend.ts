import type { InstallationReport } from '../shared/engine';
import { createContractServer, type ContractServer } from './contractServer';
import { resolveEndpoint } from './engine/endpoint';
import { EngineMonitor } from './engine/engineMonitor';
import type { HostSystem } from './host/hostSystem';
import { checkDockerCli } from './installation/dockerCli';

export interface BackendOptions {
  system: HostSystem;
  /** The user's endpoint choice from settings; null means automatic, as the docker CLI resolves it. */
  endpointSetting?: string | null;
  requestTimeoutMs?: number;
}

/**
 * Everything the main process does, without Electron: the engine connection and the contract's
 * handlers. The Electron shell and the browser harness both wrap this same object.
 */
export interface Backend {
  monitor: EngineMonitor;
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
    },
    streams: {
      'engine.status': (_input, emit) => {
        emit(monitor.getStatus());
        return monitor.onStatus(emit);
      },
    },
  });

  return {
    monitor,
    server,
    async start() {
      await monitor.start();
    },
    stop() {
      monitor.stop();
    },
  };
}
