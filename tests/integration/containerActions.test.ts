import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContainerAction } from '../../src/shared/containers';
import { containerSummarySchema } from '../../src/shared/containers';
import { BerthError, type ErrorCode } from '../../src/shared/errors';
import { ContainerActions } from '../../src/main/containers/containerActions';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { docker, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';

const label = `berth.test=containerActions-${process.pid}`;
let counter = 0;
const unique = (what: string) => `berth-actions-${process.pid}-${what}-${(counter += 1)}`;

const stateOf = (id: string) => docker('inspect', '--format', '{{.State.Status}}', id);
function exists(id: string): boolean {
  try {
    docker('inspect', '--format', '{{.Id}}', id);
    return true;
  } catch {
    return false;
  }
}

async function expectBerthError(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<BerthError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BerthError);
  expect((error as BerthError).code).toBe(code);
  if (message) expect((error as BerthError).message).toMatch(message);
  return error as BerthError;
}

describe.skipIf(!requireEngine.available)('container actions against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const actions = new ContainerActions({ getClient: () => monitor.requireClient() });

  /** A busybox `sleep 300`, created (not started) unless asked. */
  function sleeper(options: { start?: boolean; args?: string[] } = {}): { id: string; name: string } {
    const name = unique('c');
    const id = docker(
      options.start ? 'run' : 'create',
      ...(options.start ? ['-d'] : []),
      '--label',
      label,
      '--name',
      name,
      ...(options.args ?? []),
      'busybox',
      'sleep',
      '300',
    );
    return { id, name };
  }

  beforeAll(async () => {
    expect((await monitor.start()).state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
  });
  afterEach(() => {
    const left = docker('ps', '-aq', '--filter', `label=${label}`);
    if (left) docker('rm', '-f', '-v', ...left.split('\n'));
  });
  afterAll(() => monitor.stop());

  it('starts, pauses, unpauses, restarts, kills and stops, each as `docker inspect` then says', async () => {
    // With an init, sleep is not PID 1 and ends on the SIGTERM of stop and restart at once.
    const { id, name } = sleeper({ args: ['--init'] });
    const steps: Array<[ContainerAction, string]> = [
      ['start', 'running'],
      ['pause', 'paused'],
      ['unpause', 'running'],
      ['restart', 'running'],
      ['kill', 'exited'],
      ['start', 'running'],
      ['stop', 'exited'],
    ];
    for (const [action, expected] of steps) {
      const summary = await actions.act({ id, action });
      expect(containerSummarySchema.parse(summary)).toEqual(summary);
      expect(stateOf(id)).toBe(expected);
      expect({ action, state: summary.state }).toEqual({ action, state: expected });
      expect(summary).toMatchObject({ id, name });
      if (action === 'kill') expect(summary.exitCode).toBe(137);
    }
    const exitCode = Number(docker('inspect', '--format', '{{.State.ExitCode}}', id));
    // The engine's own figure: dockerd's tini passes SIGTERM on (143); Podman reports 137 for a stop
    // through its catatonit init (`podman stop` says the same).
    expect(exitCode).toBe(engineFamily() === 'podman' ? 137 : 143);
    expect((await actions.act({ id, action: 'stop' })).exitCode).toBe(exitCode);
  });

  it('stops with the engine’s default timeout: the container’s own, then SIGKILL', async () => {
    // busybox sleep as PID 1 ignores SIGTERM; --stop-timeout sets what the engine waits when no t is given.
    const { id } = sleeper({ start: true, args: ['--stop-timeout', '1'] });
    const started = Date.now();
    const summary = await actions.act({ id, action: 'stop' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(Date.now() - started).toBeLessThan(8000);
    expect(summary).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(Number(docker('inspect', '--format', '{{.State.ExitCode}}', id))).toBe(137);
  });

  it('reads a kill as exit code 137 and accepts the container by name', async () => {
    const { id, name } = sleeper({ start: true });
    const summary = await actions.act({ id: name, action: 'kill' });
    expect(summary).toMatchObject({ id, state: 'exited', exitCode: 137 });
    expect(stateOf(id)).toBe('exited');
  });

  it('treats "already started" and "already stopped" as done', async () => {
    const { id } = sleeper({ start: true });
    expect((await actions.act({ id, action: 'start' })).state).toBe('running');
    docker('kill', id);
    expect((await actions.act({ id, action: 'stop' })).state).toBe('exited');
    expect(stateOf(id)).toBe('exited');
  });

  it('answers a stop of a --rm container, which the engine then removes', async () => {
    const { id, name } = sleeper({ start: true, args: ['--rm', '--init'] });
    const summary = await actions.act({ id, action: 'stop' });
    expect(containerSummarySchema.parse(summary)).toEqual(summary);
    expect(summary).toMatchObject({ id, name });
    expect(['exited', 'removing']).toContain(summary.state);
    for (let i = 0; i < 50 && exists(id); i += 1) await new Promise((resolve) => setTimeout(resolve, 100));
    expect(exists(id)).toBe(false);
  });

  it('passes on the engine’s refusal, and not-found for a container that does not exist', async () => {
    const { id, name } = sleeper();
    const error = await expectBerthError(actions.act({ id, action: 'pause' }), 'engine-error', /is not running/);
    // Berth names the container; the engine's own words follow (dockerd's name its id, Podman's its state).
    expect(error.message).toContain(name);
    await expectBerthError(actions.act({ id, action: 'unpause' }), 'engine-error', /not (running|paused)/);
    expect(stateOf(id)).toBe('created');
    await expectBerthError(actions.act({ id: unique('missing'), action: 'start' }), 'not-found');
  });

  it('refuses a removal whose confirmation does not name the container', async () => {
    const { id, name } = sleeper();
    await expectBerthError(
      actions.remove({ id, confirm: `${name}x` }),
      'confirmation-required',
      new RegExp(`does not name the container ${name}`),
    );
    await expectBerthError(actions.remove({ id, confirm: id.slice(0, 11) }), 'confirmation-required');
    expect(exists(id)).toBe(true);
    expect(await actions.remove({ id: name, confirm: id.slice(0, 12) })).toEqual({ removed: id });
    expect(exists(id)).toBe(false);
  });

  it('removes a running container only when forced and confirmed twice', async () => {
    const { id, name } = sleeper({ start: true });
    await expectBerthError(actions.remove({ id, confirm: name }), 'in-use', /is running: stop it first, or force/);
    expect(stateOf(id)).toBe('running');
    await expectBerthError(actions.remove({ id, confirm: name, force: true }), 'confirmation-required');
    expect(stateOf(id)).toBe('running');
    expect(await actions.remove({ id, confirm: name, force: true, confirmRunning: true })).toEqual({ removed: id });
    expect(exists(id)).toBe(false);
  });

  it('counts a paused container as running for removal', async () => {
    const { id, name } = sleeper({ start: true });
    docker('pause', id);
    await expectBerthError(actions.remove({ id, confirm: id }), 'in-use', /paused/);
    await expectBerthError(actions.remove({ id, confirm: name, force: true }), 'confirmation-required');
    expect(stateOf(id)).toBe('paused');
    expect(await actions.remove({ id, confirm: name, force: true, confirmRunning: true })).toEqual({ removed: id });
    expect(exists(id)).toBe(false);
  });

  it('removes its anonymous volume with removeVolumes, and keeps it without', async () => {
    const kept = sleeper({ args: ['-v', '/data'] });
    const keptVolume = docker('inspect', '--format', '{{(index .Mounts 0).Name}}', kept.id);
    await actions.remove({ id: kept.id, confirm: kept.name });
    expect(docker('volume', 'inspect', '--format', '{{.Name}}', keptVolume)).toBe(keptVolume);
    docker('volume', 'rm', keptVolume);

    const { id, name } = sleeper({ args: ['-v', '/data'] });
    const volume = docker('inspect', '--format', '{{(index .Mounts 0).Name}}', id);
    expect(volume).toMatch(/^[0-9a-f]{64}$/);
    expect(await actions.remove({ id, confirm: name, removeVolumes: true })).toEqual({ removed: id });
    expect(exists(id)).toBe(false);
    expect(() => docker('volume', 'inspect', volume)).toThrow();
  });
});
