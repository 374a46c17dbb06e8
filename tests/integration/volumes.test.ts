import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import type { Volume, VolumeSizes } from '../../src/shared/volumes';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { VolumeService } from '../../src/main/volumes/volumeService';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';
import { waitFor } from '../fixtures/waitFor';

const prefix = `berth-vol-${process.pid}`;
let counter = 0;
const unique = (what: string) => `${prefix}-${what}-${(counter += 1)}`;

function volumeExists(name: string): boolean {
  return dockerQuiet('volume', 'inspect', '--format', '{{.Name}}', name) === name;
}

describe.skipIf(!requireEngine.available)('volumes against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const getClient = () => monitor.requireClient();
  let service: VolumeService;
  const containers: string[] = [];
  const volumes: string[] = [];

  const makeVolume = (what: string, ...args: string[]): string => {
    const name = unique(what);
    volumes.push(name);
    docker('volume', 'create', ...args, name);
    return name;
  };
  const makeContainer = (what: string, ...args: string[]): { name: string; id: string } => {
    const name = unique(what);
    containers.push(name);
    return { name, id: docker(...args.map((arg) => (arg === '{name}' ? name : arg))) };
  };

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
  });
  afterAll(() => monitor.stop());
  afterEach(() => {
    service?.dispose();
    // -v: the anonymous volumes the tests' containers made go with them; named ones stay for below.
    for (const name of containers.splice(0)) dockerQuiet('rm', '-f', '-v', name);
    for (const name of volumes.splice(0)) dockerQuiet('volume', 'rm', name);
  });

  it('lists a volume with the containers mounting it (name, running, destination, read-only), and anonymous ones', async () => {
    const data = makeVolume('data', '--label', 'berth.test=list');
    const idle = makeVolume('idle');
    const runner = makeContainer(
      'runner',
      'run',
      '-d',
      '--name',
      '{name}',
      '-v',
      `${data}:/data:ro`,
      '-v',
      '/scratch',
      'busybox',
      'sleep',
      '120',
    );
    const stopped = makeContainer('stopped', 'create', '--name', '{name}', '-v', `${data}:/keep`, 'busybox', 'true');
    service = new VolumeService({ getClient, monitor });

    const list = await service.list();
    const volume = list.find((candidate) => candidate.name === data);
    expect(volume).toMatchObject({
      driver: 'local',
      scope: 'local',
      anonymous: false,
      labels: { 'berth.test': 'list' },
    });
    expect(volume!.created).toBe(Date.parse(docker('volume', 'inspect', '--format', '{{.CreatedAt}}', data)));
    expect(volume!.containers).toEqual(
      [
        { id: runner.id, name: runner.name, running: true, destination: '/data', readOnly: true },
        { id: stopped.id, name: stopped.name, running: false, destination: '/keep', readOnly: false },
      ].sort((a, b) => a.name.localeCompare(b.name)),
    );
    expect(list.find((candidate) => candidate.name === idle)?.containers).toEqual([]);

    // `-v /scratch` made an anonymous volume: a 64-hex name, marked anonymous, listed after the named ones.
    const anonymousName = docker(
      'inspect',
      '--format',
      '{{range .Mounts}}{{if eq .Destination "/scratch"}}{{.Name}}{{end}}{{end}}',
      runner.id,
    );
    const anonymous = list.find((candidate) => candidate.name === anonymousName);
    expect(anonymous).toMatchObject({ anonymous: true, containers: [{ id: runner.id, destination: '/scratch' }] });
    expect(list.findIndex((v) => v.anonymous)).toBeGreaterThan(list.findLastIndex((v) => !v.anonymous));
  });

  it('creates a volume with labels, and refuses a name that exists instead of answering with the old one', async () => {
    service = new VolumeService({ getClient, monitor });
    const name = unique('new');
    volumes.push(name);
    const created = await service.create({ name, labels: [{ key: 'berth.purpose', value: 'test create' }] });
    expect(created).toMatchObject({ name, driver: 'local', anonymous: false, containers: [] });
    expect(docker('volume', 'inspect', '--format', '{{index .Labels "berth.purpose"}}', name)).toBe('test create');

    // `docker volume create` of an existing name succeeds on both engines; Berth says it is taken.
    const existing = makeVolume('existing');
    const again = service.create({ name: existing, labels: [{ key: 'changed', value: 'yes' }] });
    await expect(again).rejects.toMatchObject({ code: 'name-in-use' });
    expect(docker('volume', 'inspect', '--format', '{{json .Labels}}', existing)).not.toContain('changed');
  });

  it('refuses a removal whose confirmation does not name the volume, and one in use, naming its containers', async () => {
    const name = makeVolume('keep');
    service = new VolumeService({ getClient, monitor });
    await expect(service.remove({ name, confirm: 'yes' })).rejects.toMatchObject({ code: 'confirmation-required' });
    await expect(service.remove({ name, confirm: `${name}x` })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    expect(volumeExists(name)).toBe(true);

    const user = makeContainer('user', 'create', '--name', '{name}', '-v', `${name}:/data`, 'busybox', 'true');
    const refused = service.remove({ name, confirm: name });
    await expect(refused).rejects.toMatchObject({ code: 'in-use' });
    await expect(refused).rejects.toThrow(user.name);
    expect(volumeExists(name)).toBe(true);

    docker('rm', user.id);
    await expect(service.remove({ name, confirm: ` ${name} ` })).resolves.toEqual({ removed: name });
    expect(volumeExists(name)).toBe(false);
    await expect(service.remove({ name, confirm: name })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('prunes exactly the listed unused volumes: not one in use, not a gone one, not an unused one left off the list', async () => {
    const withData = makeVolume('data');
    const empty = makeVolume('empty');
    const notListed = makeVolume('not-listed');
    const used = makeVolume('used');
    const gone = unique('gone');
    // One MB in withData, written by a container that is gone before the prune.
    docker(
      'run',
      '--rm',
      '-v',
      `${withData}:/data`,
      'busybox',
      'dd',
      'if=/dev/zero',
      'of=/data/blob',
      'bs=1024',
      'count=1024',
    );
    const user = makeContainer('user', 'create', '--name', '{name}', '-v', `${used}:/data`, 'busybox', 'true');
    service = new VolumeService({ getClient, monitor });
    const before = await service.sizes();

    const result = await service.prune({ names: [withData, empty, used, gone, withData] });
    expect(result.removed.sort()).toEqual([withData, empty].sort());
    expect(result.failed).toEqual([
      expect.objectContaining({ name: used, reason: 'in-use', containers: [user.name] }),
      expect.objectContaining({ name: gone, reason: 'not-found' }),
    ]);
    expect(result.reclaimedBytes).toBe((before.sizes[withData] ?? 0) + (before.sizes[empty] ?? 0));
    expect(result.reclaimedBytes).toBeGreaterThanOrEqual(1024 * 1024);
    expect(volumeExists(withData)).toBe(false);
    expect(volumeExists(empty)).toBe(false);
    expect(volumeExists(used)).toBe(true);
    expect(volumeExists(notListed)).toBe(true);
  });

  it('measures sizes from GET /system/df only when asked', async () => {
    const name = makeVolume('sized');
    docker(
      'run',
      '--rm',
      '-v',
      `${name}:/data`,
      'busybox',
      'dd',
      'if=/dev/zero',
      'of=/data/blob',
      'bs=1024',
      'count=64',
    );
    service = new VolumeService({ getClient, monitor });
    const { sizes, measuredAt } = await service.sizes();
    expect(measuredAt).toBeGreaterThan(0);
    expect(name in sizes).toBe(true);
    expect(sizes[name]).toBeGreaterThanOrEqual(64 * 1024);
  });

  it('measures even while containers go away under the engine’s walk (Podman answers 500 then)', async () => {
    const names = Array.from({ length: 12 }, () => unique('passing'));
    for (const name of names) docker('create', '--name', name, 'busybox', 'true');
    containers.push(...names);
    service = new VolumeService({ getClient, monitor });
    const removing = new Promise<void>((resolve) => {
      const child = spawn('sh', ['-c', names.map((name) => `docker rm ${name} >/dev/null`).join('; ')]);
      child.on('exit', () => resolve());
    });
    const measured: VolumeSizes[] = [];
    while (measured.length < 8) measured.push(await service.sizes());
    await removing;
    expect(measured.every((answer) => answer.measuredAt > 0)).toBe(true);
  });

  it('a volume made or removed with the CLI reaches the stream without any request', async () => {
    service = new VolumeService({ getClient, monitor, debounceMs: 20 });
    let latest: Volume[] | null = null;
    const stop = service.subscribe((list) => {
      latest = list;
    });
    try {
      await waitFor('the first list', () => latest !== null);
      const name = makeVolume('live');
      await waitFor(`${name} in the stream`, () => latest!.some((volume) => volume.name === name));
      const user = makeContainer('live-user', 'create', '--name', '{name}', '-v', `${name}:/data`, 'busybox', 'true');
      await waitFor(`${user.name} using ${name}`, () =>
        latest!.some((volume) => volume.name === name && volume.containers.some((c) => c.id === user.id)),
      );
      docker('rm', user.id);
      docker('volume', 'rm', name);
      await waitFor(`${name} gone from the stream`, () => !latest!.some((volume) => volume.name === name));
    } finally {
      stop();
    }
  });
});
