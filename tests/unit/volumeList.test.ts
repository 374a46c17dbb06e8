import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { isVolumeListEvent } from '../../src/main/volumes/volumeService';
import { joinVolumes } from '../../src/main/volumes/volumeList';

const hex = 'a'.repeat(64);

function container(id: string, name: string, state: string, mounts: Partial<Docker.ContainerInfo['Mounts'][number]>[]) {
  return { Id: id, Names: [`/${name}`], State: state, Mounts: mounts } as unknown as Docker.ContainerInfo;
}

describe('the volume list (GET /volumes joined with the containers)', () => {
  it('marks anonymous volumes by label or by a 64-hex name, and lists named ones first, each by name', () => {
    const list = joinVolumes(
      [
        { Name: hex, Driver: 'local', CreatedAt: '2026-01-02T03:04:05Z', Labels: null },
        { Name: 'zeta', Driver: 'local', Labels: { 'com.docker.volume.anonymous': '' } },
        { Name: 'beta', Driver: 'local', Labels: {} },
        { Name: 'alpha', Driver: '', CreatedAt: 'not a date' },
      ],
      [],
    );
    expect(list.map((volume) => [volume.name, volume.anonymous])).toEqual([
      ['alpha', false],
      ['beta', false],
      [hex, true],
      ['zeta', true],
    ]);
    expect(list[2]!.created).toBe(Date.UTC(2026, 0, 2, 3, 4, 5));
    // Podman and old drivers may leave out the time or the driver.
    expect(list[0]).toMatchObject({ created: null, driver: 'local', scope: 'local', labels: {} });
  });

  it('names every container mounting a volume (not bind mounts), running or not, read-only or not', () => {
    const [data] = joinVolumes(
      [{ Name: 'data' }],
      [
        container('2', 'web', 'running', [
          { Type: 'volume', Name: 'data', Destination: '/srv', RW: false },
          { Type: 'bind', Source: '/tmp', Destination: '/tmp', RW: true },
        ]),
        container('1', 'backup', 'exited', [{ Type: 'volume', Name: 'data', Destination: '/data', RW: true }]),
        container('3', 'other', 'running', [{ Type: 'volume', Name: 'other', Destination: '/x', RW: true }]),
      ],
    );
    expect(data!.containers).toEqual([
      { id: '1', name: 'backup', running: false, destination: '/data', readOnly: false },
      { id: '2', name: 'web', running: true, destination: '/srv', readOnly: true },
    ]);
  });

  it('loads again on volume events of both engines and on container changes that move "used by"', () => {
    for (const Action of ['create', 'destroy', 'remove', 'mount', 'prune'])
      expect(isVolumeListEvent({ Type: 'volume', Action })).toBe(true);
    for (const Action of ['create', 'destroy', 'remove', 'start', 'die', 'rename'])
      expect(isVolumeListEvent({ Type: 'container', Action })).toBe(true);
    for (const Action of ['exec_start', 'attach', 'resize', 'health_status: healthy'])
      expect(isVolumeListEvent({ Type: 'container', Action })).toBe(false);
    expect(isVolumeListEvent({ Type: 'image', Action: 'pull' })).toBe(false);
  });
});
