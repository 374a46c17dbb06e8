import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ComposeProjectState } from '../../src/shared/compose';
import type { LogLine } from '../../src/shared/containers';
import { createBackend } from '../../src/main/backend';
import { ComposeLogs } from '../../src/main/compose/composeLogs';
import type { ComposePhases } from '../../src/main/compose/composeProjectList';
import { ComposeProjects } from '../../src/main/compose/composeProjects';
import { Emitter } from '../../src/shared/emitter';
import { LogsService } from '../../src/main/containers/logsService';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';
import { waitFor } from '../fixtures/waitFor';

/*
 * A project started from the terminal with the real docker-compose (against whichever engine
 * DOCKER_HOST names: dockerd, or Podman in the integration-podman project) is seen by Berth from
 * its labels, live, and its merged logs say which service wrote each line.
 */

const project = `berthtest${process.pid}x`;
const composeFile = `services:
  app:
    image: busybox
    command: sh -c 'echo app says hi; exec sleep 3600'
  job:
    image: busybox
    command: sh -c 'echo hello; exit 3'
`;

function composeAvailable(): boolean {
  try {
    execFileSync('docker-compose', ['version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe.skipIf(!requireEngine.available || !composeAvailable())('compose projects against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const getClient = () => monitor.requireClient();
  // What Berth's own compose commands would be doing (the jobs part's source, stood in for here).
  let phases: ComposePhases = new Map();
  const phasesChanged = new Emitter<void>();
  const projects = new ComposeProjects({
    getClient,
    monitor,
    phases: { phases: () => phases, onPhasesChange: (listener) => phasesChanged.event(listener) },
  });
  const logs = new LogsService({ getClient });
  const composeLogs = new ComposeLogs({ logs, projects });
  let folder = '';
  let latest: ComposeProjectState[] | null = null;
  let stopProjects: () => void = () => undefined;
  const lines: LogLine[] = [];
  let endedBatches = 0;
  let stopLogs: () => void = () => undefined;

  const compose = (...args: string[]) =>
    execFileSync('docker-compose', ['-p', project, '-f', path.join(folder, 'compose.yaml'), ...args], {
      cwd: folder,
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  const ours = () => latest?.find((candidate) => candidate.name === project);
  const service = (name: string) => ours()?.services.find((candidate) => candidate.name === name);

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-')));
    fs.writeFileSync(path.join(folder, 'compose.yaml'), composeFile);
    stopProjects = projects.subscribe((list) => {
      latest = list;
    });
    await waitFor('the first list', () => latest !== null);
  });

  afterAll(() => {
    stopLogs();
    stopProjects();
    try {
      compose('down', '-v', '-t', '1');
    } catch {
      // Already down, or never up.
    }
    projects.dispose();
    logs.dispose();
    monitor.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it('sees a project started in a terminal, without asking: its folder, files, services and their states', async () => {
    expect(ours()).toBeUndefined();
    compose('up', '-d');

    await waitFor(
      'app running and job exited 3 on the stream',
      () =>
        service('app')?.containers[0]?.state === 'running' &&
        service('job')?.containers[0]?.state === 'exited' &&
        service('job')?.containers[0]?.exitCode === 3,
    );
    const state = ours()!;
    expect(state.workingDir).toBe(folder);
    expect(state.configFiles).toEqual([path.join(folder, 'compose.yaml')]);
    expect(state.services.map((entry) => entry.name)).toEqual(['app', 'job']);
    expect(state.status).toBe('partly');
    const app = service('app')!;
    expect(app.image).toBe('busybox');
    expect(app.phase).toBeNull();
    expect(app.containers).toEqual([
      {
        id: expect.stringMatching(/^[0-9a-f]{64}$/),
        name: `${project}_app_1`,
        state: 'running',
        exitCode: null,
        health: null,
        number: 1,
      },
    ]);
    // The same as `docker ps` says.
    expect(docker('inspect', '--format', '{{.Name}}', app.containers[0]!.id).replace(/^\//, '')).toBe(
      `${project}_app_1`,
    );
  });

  it('lays the phases of a command over the services, a service without a container too, and sends them when they change', async () => {
    phases = new Map([[project, { app: 'stopping', cache: 'pulling' }]]);
    phasesChanged.fire();
    await waitFor('the phases on the stream', () => service('app')?.phase === 'stopping');
    expect(service('cache')).toEqual({ name: 'cache', image: null, containers: [], phase: 'pulling' });
    expect(service('app')!.containers[0]!.state).toBe('running');
    phases = new Map();
    phasesChanged.fire();
    await waitFor('the phases gone', () => service('app')?.phase === null && service('cache') === undefined);
  });

  it("merges both services' logs, each line with its service", async () => {
    stopLogs = composeLogs.open({ projectName: project }, (batch) => {
      lines.push(...batch.lines);
      if (batch.ended) endedBatches += 1;
    });
    await waitFor(
      "both services' lines",
      () =>
        lines.some((line) => line.source === 'app' && line.text === 'app says hi') &&
        lines.some((line) => line.source === 'job' && line.text === 'hello'),
    );
    for (const line of lines) expect(line.time).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it('a second container of a service (scaled) joins the state and the logs', async () => {
    compose('up', '-d', '--scale', 'app=2');
    await waitFor(
      'two app containers running',
      () => service('app')?.containers.filter((container) => container.state === 'running').length === 2,
    );
    expect(service('app')!.containers.map((container) => container.number)).toEqual([1, 2]);
    expect(service('app')!.containers[1]!.name).toBe(`${project}_app_2`);
    await waitFor('the second container’s line', () =>
      lines.some((line) => line.source === 'app-2' && line.text === 'app says hi'),
    );
  });

  it('compose stop shows the project stopped', async () => {
    compose('stop', '-t', '1');
    await waitFor('the project stopped', () => ours()?.status === 'stopped');
    expect(service('app')!.containers.every((container) => container.state === 'exited')).toBe(true);
  });

  it('started again, the logs go on from where each container stopped, without repeating a line', async () => {
    const appLines = () => lines.filter((line) => line.source === 'app' && line.text === 'app says hi');
    expect(appLines()).toHaveLength(1);
    compose('start');
    await waitFor('app running again', () => ours()?.status === 'partly' || ours()?.status === 'running');
    await waitFor('app’s second start on the same stream', () => appLines().length === 2);
    const seen = lines.map((line) => `${line.source} ${line.time} ${line.text}`);
    expect(new Set(seen).size).toBe(seen.length);
    // Only the subscriber ends the stream: stops and starts do not.
    expect(endedBatches).toBe(0);
  });

  it('down: the project is gone from the stream', async () => {
    compose('down', '-v', '-t', '1');
    await waitFor('the project gone', () => latest !== null && ours() === undefined);
  });
});

describe.skipIf(!requireEngine.available || !composeAvailable())('compose projects through the contract', () => {
  const backend = createBackend({ system: realHostSystem(process.env) });
  const name = `berthtest${process.pid}y`;
  let folder = '';
  const seen: ComposeProjectState[][] = [];
  let close: () => void = () => undefined;

  beforeAll(async () => {
    await backend.start();
    expect(backend.monitor.getStatus().state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    folder = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-')));
    fs.writeFileSync(path.join(folder, 'compose.yaml'), composeFile);
    const opened = backend.server.openStream('compose.projects', {}, (list) =>
      seen.push(list as ComposeProjectState[]),
    );
    expect(opened.ok).toBe(true);
    if (opened.ok) close = opened.close;
  });

  afterAll(() => {
    close();
    try {
      execFileSync('docker-compose', ['-p', name, '-f', path.join(folder, 'compose.yaml'), 'down', '-v', '-t', '1'], {
        cwd: folder,
        stdio: 'ignore',
      });
    } catch {
      // Never up.
    }
    backend.stop();
    if (folder) fs.rmSync(folder, { recursive: true, force: true });
  });

  it("shows what Berth's own up is doing to each service while it runs, and nothing once it is done", async () => {
    const started = await backend.server.handleRequest('compose.run', {
      target: { projectName: name, folder, files: [path.join(folder, 'compose.yaml')] },
      action: 'up',
    });
    expect(started.ok).toBe(true);
    if (!started.ok) return;
    const job = await backend.composeJobs.settled((started.value as { id: string }).id);
    expect(job.state).toBe('done');
    const phasesSeen = seen
      .flatMap((list) => list.filter((project) => project.name === name))
      .flatMap((project) => project.services.map((service) => `${service.name}:${service.phase}`))
      .filter((entry) => !entry.endsWith(':null'));
    // docker-compose 1.29 says "Creating <container> ..." for each service before it starts it.
    expect(phasesSeen).toEqual(expect.arrayContaining(['app:creating', 'job:creating']));
    await waitFor('the project without phases, app running', () => {
      const project = seen.at(-1)?.find((candidate) => candidate.name === name);
      return (
        project !== undefined &&
        project.services.every((service) => service.phase === null) &&
        project.services.find((service) => service.name === 'app')?.containers[0]?.state === 'running'
      );
    });
  });

  it("'compose.logs' merges the project's services, each line with its service", async () => {
    const received: LogLine[] = [];
    const opened = backend.server.openStream('compose.logs', { projectName: name }, (batch) =>
      received.push(...(batch as { lines: LogLine[] }).lines),
    );
    expect(opened.ok).toBe(true);
    try {
      await waitFor("both services' lines", () =>
        ['app says hi', 'hello'].every((text) =>
          received.some((line) => line.text === text && line.source === (text === 'hello' ? 'job' : 'app')),
        ),
      );
    } finally {
      if (opened.ok) opened.close();
    }
  });
});
