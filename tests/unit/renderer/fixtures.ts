import type { ClientCheck, EngineStatus, InstallationReport, ServerVersion } from '../../../src/shared/engine';

// The renderer project (tsconfig.web.json) cannot include tests/unit/fixtures, so it has its own.

export const serverVersion: ServerVersion = {
  family: 'docker',
  product: { id: 'dockerd', version: '28.2.2' },
  platformName: 'Docker Engine - Community',
  version: '28.2.2',
  apiVersion: '1.50',
  minApiVersion: '1.24',
  goVersion: 'go1.24.3',
  gitCommit: '45873be',
  built: '2025-05-30T12:07:14.000Z',
  os: 'linux',
  arch: 'amd64',
  kernelVersion: '6.8.0-60-generic',
  experimental: false,
  components: [{ name: 'containerd', version: '1.7.27', gitCommit: '05044ec0a9a75232cad458027ca83437aae3f4da' }],
};

export const clientFound: ClientCheck = {
  found: true,
  client: {
    path: '/usr/bin/docker',
    platformName: null,
    version: '28.1.1',
    apiVersion: '1.41',
    defaultApiVersion: '1.49',
    goVersion: 'go1.23.8',
    gitCommit: '4eba377',
    built: '2025-04-18T09:52:14.000Z',
    os: 'linux',
    arch: 'amd64',
    context: 'default',
  },
};

const endpoint: EngineStatus['endpoint'] = {
  kind: 'unix',
  url: 'unix:///var/run/docker.sock',
  source: 'platform-default',
  contextName: null,
  tls: false,
};

export function connectedStatus(overrides: Partial<EngineStatus> = {}): EngineStatus {
  return {
    state: 'connected',
    endpoint,
    searched: [],
    problem: null,
    server: serverVersion,
    retry: null,
    followedContext: null,
    checkedAt: Date.now(),
    ...overrides,
  };
}

export function notRunningStatus(overrides: Partial<EngineStatus> = {}): EngineStatus {
  return {
    state: 'disconnected',
    endpoint,
    searched: [],
    problem: { code: 'engine-not-running', message: 'Nothing answers at unix:///var/run/docker.sock (ECONNREFUSED).' },
    server: null,
    retry: { attempt: 1, delayMs: 4000, nextAt: Date.now() + 4000 },
    followedContext: null,
    checkedAt: Date.now(),
    ...overrides,
  };
}

export function connectingStatus(): EngineStatus {
  return {
    state: 'connecting',
    endpoint: null,
    searched: [],
    problem: null,
    server: null,
    retry: null,
    followedContext: null,
    checkedAt: Date.now(),
  };
}

export function report(client: ClientCheck, engine: EngineStatus): InstallationReport {
  return { client, engine, checkedAt: Date.now() };
}
