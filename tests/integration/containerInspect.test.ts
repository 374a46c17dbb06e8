import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InspectService } from '../../src/main/containers/inspectService';
import { MASKED_VALUE } from '../../src/main/containers/secrets';
import { containerInspectSchema } from '../../src/shared/containers';
import { BerthError } from '../../src/shared/errors';
import { docker, dockerQuiet, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';
import { freePort } from '../fixtures/freePort';
import { engineClient } from '../fixtures/engineClient';

describe.skipIf(!requireEngine.available)('container inspect, against the real engine', () => {
  let client: Docker;
  let service: InspectService;
  const suffix = randomBytes(4).toString('hex');
  const label = `berth.test.inspect=${suffix}`;
  const volume = `berth-test-vol-${suffix}`;
  const name = `berth-inspect-${suffix}`;

  beforeAll(() => {
    client = engineClient();
    service = new InspectService({ getClient: () => client });
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
  });

  afterAll(() => {
    const ids = dockerQuiet('ps', '-aq', '--filter', `label=${label}`);
    if (ids) dockerQuiet('rm', '-f', ...ids.split('\n'));
    dockerQuiet('volume', 'rm', '-f', volume);
  });

  it('shows what docker run set up, with the password masked everywhere', async () => {
    const port = await freePort();
    docker(
      'run',
      '-d',
      '--name',
      name,
      '--label',
      label,
      '-e',
      'DB_PASSWORD=hunter2',
      '-e',
      'GREETING=hi',
      '-p',
      `127.0.0.1:${port}:80`,
      '-v',
      `${volume}:/data`,
      '--restart',
      'unless-stopped',
      '--label',
      'a=b',
      'busybox',
      'sleep',
      '300',
    );
    const id = docker('inspect', '--format', '{{.Id}}', name);

    const result = await service.inspect(name);
    expect(containerInspectSchema.parse(result)).toEqual(result);
    expect(JSON.stringify(result)).not.toContain('hunter2');

    expect(result).toMatchObject({
      id,
      name,
      // As it was typed, on both engines (Podman keeps docker.io/library/busybox:latest).
      image: 'busybox',
      imageId: docker('inspect', '--format', '{{.Image}}', name),
      command: ['sleep', '300'],
      entrypoint: [],
      state: 'running',
      exitCode: null,
      finishedAt: null,
      restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
    });
    expect(result.startedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(result.createdAt).toBe(docker('inspect', '--format', '{{.Created}}', name));
    expect(result.env).toContainEqual({ key: 'GREETING', value: 'hi', masked: false });
    expect(result.env).toContainEqual({ key: 'DB_PASSWORD', value: MASKED_VALUE, masked: true });
    expect(result.env.find((entry) => entry.key === 'PATH')?.masked).toBe(false);
    expect((result.raw.Config as { Env: string[] }).Env).toContain(`DB_PASSWORD=${MASKED_VALUE}`);
    expect(result.raw.Id).toBe(id);

    expect(result.ports).toEqual([{ privatePort: 80, publicPort: port, type: 'tcp', ip: '127.0.0.1' }]);
    expect(result.mounts).toEqual([
      {
        type: 'volume',
        name: volume,
        source: docker('volume', 'inspect', '--format', '{{.Mountpoint}}', volume),
        destination: '/data',
        readOnly: false,
      },
    ]);
    // The image's own labels come along, as in docker inspect.
    expect(result.labels).toMatchObject({ [label.split('=')[0]!]: suffix, a: 'b' });
    expect(result.labels).toEqual(JSON.parse(docker('inspect', '--format', '{{json .Config.Labels}}', name)));
    // The default network is "bridge" on dockerd and "podman" on Podman.
    const network = engineFamily() === 'podman' ? 'podman' : 'bridge';
    const field = (key: string) =>
      docker('inspect', '--format', `{{(index .NetworkSettings.Networks "${network}").${key}}}`, name);
    expect(result.networks).toEqual([
      { name: network, ipAddress: field('IPAddress'), gateway: field('Gateway'), macAddress: field('MacAddress') },
    ]);
    expect(result.networks[0]!.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);

    // Stopped: the exit code and the end, and the ports it would publish.
    docker('stop', '-t', '0', name);
    const stopped = await service.inspect(id);
    expect(stopped).toMatchObject({ state: 'exited', exitCode: 137 });
    expect(stopped.finishedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(stopped.ports).toEqual([{ privatePort: 80, publicPort: port, type: 'tcp', ip: '127.0.0.1' }]);
    expect(JSON.stringify(stopped)).not.toContain('hunter2');
  });

  it('an unknown container is not-found', async () => {
    const error = await service.inspect(`berth-missing-${suffix}`).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).code).toBe('not-found');
  });
});
