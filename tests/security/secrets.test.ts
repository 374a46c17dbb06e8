import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { ContainerChange, ContainerInspect } from '../../src/shared/containers';
import { requireEngine } from '../fixtures/dockerCli';
import { docker, imageExists, openRecordedStream, requestOk, type StreamRecorder } from '../fixtures/faultTools';
import { waitFor } from '../fixtures/waitFor';

// A password given to a container with -e stays in the main process: neither the inspect answer
// (details and raw JSON) nor any event of any stream the renderer can open carries it.

const SECRET = 'hunter2';
const suffix = `${process.pid}`;
const cliName = `berth-secret-cli-${suffix}`;
const runName = `berth-secret-run-${suffix}`;
const secretEnv = [
  'DB_PASSWORD',
  'db_password',
  'MYSQL_ROOT_PASSWORD',
  'PGPASSWORD',
  'AWS_SECRET_ACCESS_KEY',
  'GITHUB_TOKEN',
  'API_KEY',
];

describe.skipIf(!requireEngine.available)('secrets never leave the main process', () => {
  let backend: Backend;
  const streams: Array<StreamRecorder<unknown>> = [];
  const open = <T>(name: string, input: unknown) => {
    const recorder = openRecordedStream<T>(backend.server, name, input);
    streams.push(recorder as StreamRecorder<unknown>);
    return recorder;
  };

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    for (const name of [cliName, runName]) {
      try {
        docker('rm', '-f', name);
      } catch {
        // Not there.
      }
    }
    backend = createBackend({ system: realHostSystem(process.env) });
    await backend.start();
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(() => {
    for (const stream of streams) stream.close();
    backend?.stop();
    for (const name of [cliName, runName]) {
      try {
        docker('rm', '-f', name);
      } catch {
        // Already gone.
      }
    }
  });

  it('neither containers.inspect nor any stream event contains the value of DB_PASSWORD', async () => {
    // Every stream that needs no id, open before anything happens.
    const changes = open<ContainerChange>('containers.changes', {});
    for (const name of ['engine.status', 'pulls.jobs', 'images.list', 'settings.changes', 'tray.model']) open(name, {});
    await changes.waitFor('the first snapshot', (change) => change.type === 'snapshot');

    // One container from the docker CLI, one from Berth's own run.
    const envArgs = secretEnv.flatMap((key) => ['-e', `${key}=${SECRET}`]);
    const cliId = docker('run', '-d', '--name', cliName, ...envArgs, '-e', 'GREETING=hello', 'busybox', 'sleep', '300');
    const started = await requestOk<{ runId: string }>(backend.server, 'run.start', {
      image: 'busybox',
      name: runName,
      env: [...secretEnv.map((key) => ({ key, value: SECRET })), { key: 'GREETING', value: 'hello' }],
      command: ['sleep', '300'],
    });
    expect(JSON.stringify(started)).not.toContain(SECRET);
    const flow = open<{ state: string; containerId: string | null }>('run.flow', { runId: started.runId });
    const running = await flow.waitFor('the run to be running', (event) => event.state === 'running');
    const runId = running.containerId!;

    // Streams about these containers, and actions that make the model push them again.
    open('containers.logs', { id: cliId, follow: true, tail: null });
    open('containers.logs', { id: runId, follow: true, tail: null });
    open('containers.stats', { ids: [cliId, runId] });
    const actions = [];
    for (const action of ['pause', 'unpause', 'kill', 'start'] as const) {
      actions.push(await requestOk(backend.server, 'containers.act', { id: cliName, action }));
      actions.push(await requestOk(backend.server, 'containers.act', { id: runName, action }));
    }
    expect(JSON.stringify(actions)).not.toContain(SECRET);
    await changes.waitFor(
      'the restarted containers',
      (change) => change.type === 'upsert' && change.container.id === runId,
    );

    for (const [id, name] of [
      [cliId, cliName],
      [runId, runName],
    ] as const) {
      const details = await requestOk<ContainerInspect>(backend.server, 'containers.inspect', { id: name });
      expect(details.id).toBe(id);
      const text = JSON.stringify(details);
      expect(text).not.toContain(SECRET);
      // Masked, not dropped: the user sees that a password is set, and the other variables as they are.
      for (const key of secretEnv) {
        expect(details.env).toContainEqual(expect.objectContaining({ key, masked: true }));
      }
      expect(details.env).toContainEqual(expect.objectContaining({ key: 'GREETING', value: 'hello', masked: false }));
      const rawEnv = (details.raw as { Config?: { Env?: string[] } }).Config?.Env ?? [];
      expect(rawEnv.some((entry) => entry.startsWith('DB_PASSWORD='))).toBe(true);
      // By short id too.
      expect(
        JSON.stringify(await requestOk(backend.server, 'containers.inspect', { id: id.slice(0, 12) })),
      ).not.toContain(SECRET);
    }
    // The engine does have the value: the masking is Berth's, not an empty variable.
    expect(docker('inspect', '-f', '{{json .Config.Env}}', cliName)).toContain(`DB_PASSWORD=${SECRET}`);

    // Let the stats and logs streams deliver a few rounds.
    await waitFor('stats samples', () => streams.some((s) => s.events.length > 0 && s !== changes), 10_000);
    await new Promise((resolve) => setTimeout(resolve, 2500));
    let events = 0;
    for (const stream of streams) {
      events += stream.events.length;
      for (const event of stream.events) expect(JSON.stringify(event)).not.toContain(SECRET);
      for (const error of stream.errors) expect(JSON.stringify(error)).not.toContain(SECRET);
    }
    expect(events).toBeGreaterThan(10);
  });
});
