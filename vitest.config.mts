import react from '@vitejs/plugin-react';
import { defineConfig, type TestProjectInlineConfiguration } from 'vitest/config';

// The fault-injection suite stops and restarts the engine and the registry: it runs only when asked
// for (`npm run test:faults`, i.e. `vitest run --project faults`, or BERTH_FAULTS=1), never as part
// of a plain `vitest run` (npm test).
const cliArgs = process.argv.slice(2);
const faultsRequested =
  process.env.BERTH_FAULTS === '1' ||
  cliArgs.some((arg, index) => arg === '--project=faults' || (arg === '--project' && cliArgs[index + 1] === 'faults'));

const faultsProject: TestProjectInlineConfiguration = {
  extends: true,
  test: {
    name: 'faults',
    include: ['tests/faults/**/*.test.ts'],
    environment: 'node',
    testTimeout: 180_000,
    hookTimeout: 180_000,
    // One engine, and some of these tests stop it: never two files at once.
    fileParallelism: false,
    // Memory figures (the Hub's 10 MB answer) are read after a full garbage collection.
    execArgv: ['--expose-gc'],
    // After every other project: nothing else may be using the engine while it is stopped.
    sequence: { groupOrder: 2 },
  },
};

// The second engine: Podman's Docker-compatible API, which the testbed serves beside dockerd. The same
// integration files run against it; both the docker CLI and Berth follow DOCKER_HOST.
const PODMAN_HOST = 'unix:///run/berth-podman.sock';
const podmanFiles = [
  'tests/integration/pulls.test.ts',
  'tests/integration/images.test.ts',
  'tests/integration/run.test.ts',
  'tests/integration/containerModel.test.ts',
  'tests/integration/containerActions.test.ts',
  'tests/integration/containerLogs.test.ts',
  'tests/integration/containerStats.test.ts',
  'tests/integration/containerInspect.test.ts',
  'tests/integration/terminal.test.ts',
  'tests/integration/terminalShells.test.ts',
  'tests/integration/publishedPorts.test.ts',
  'tests/integration/engineConnection.test.ts',
  'tests/integration/onboarding.test.ts',
  'tests/integration/runMatchesCli.test.ts',
  'tests/integration/installationMatchesCli.test.ts',
  'tests/integration/engineSemantics.test.ts',
  'tests/integration/imageLayers.test.ts',
  'tests/integration/builds.test.ts',
  'tests/integration/buildExamples.test.ts',
  'tests/integration/buildCacheParity.test.ts',
  'tests/integration/lessonWatcher.test.ts',
  'tests/integration/lessonsImageAndClient.test.ts',
  'tests/integration/volumeFiles.test.ts',
  'tests/integration/networks.test.ts',
  'tests/integration/diskUsage.test.ts',
  'tests/integration/volumes.test.ts',
  'tests/integration/composeJobs.test.ts',
  'tests/integration/composeExample.test.ts',
  'tests/integration/composeProjects.test.ts',
];

export default defineConfig({
  plugins: [react()],
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.{ts,tsx}'],
          environment: 'node',
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
          // One engine: integration files would otherwise race over the same containers and images.
          fileParallelism: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration-podman',
          include: podmanFiles,
          environment: 'node',
          env: { DOCKER_HOST: PODMAN_HOST, BERTH_TEST_ENGINE: 'podman' },
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
          // After the dockerd files: two engines on two cores at once would only slow both.
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: {
          name: 'security',
          include: ['tests/security/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // One file at a time, after unit and integration: the fuzz counts every request reaching the
          // engine through its proxy, and nothing else may remove what these files check with the CLI.
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      ...(faultsRequested ? [faultsProject] : []),
    ],
  },
});
