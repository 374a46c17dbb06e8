import { describe, expect, it } from 'vitest';
import type { EngineEndpoint } from '../../src/main/engine/endpoint';
import { engineProductOf, type ProductEvidence } from '../../src/main/engine/engineProduct';
import { toServerVersion } from '../../src/main/engine/serverVersion';
import { engineProductLabel, normalizeBuildTime, serverVersionSchema } from '../../src/shared/engine';
import { engineFixtures } from './fixtures/engines/products';

describe('the product that runs the engine, from GET /version, GET /info and the endpoint', () => {
  it.each([
    ['dockerd', { id: 'dockerd', version: '20.10.24+dfsg1' }, 'docker', 'Docker Engine 20.10.24+dfsg1'],
    ['podman', { id: 'podman', version: '4.3.1' }, 'podman', 'Podman 4.3.1'],
    ['docker-desktop', { id: 'docker-desktop', version: '4.42.0' }, 'docker', 'Docker Desktop 4.42.0'],
    ['colima', { id: 'colima', version: null }, 'docker', 'Colima (Docker Engine 27.4.0)'],
    ['orbstack', { id: 'orbstack', version: null }, 'docker', 'OrbStack (Docker Engine 27.3.1)'],
    ['rancher-desktop', { id: 'rancher-desktop', version: null }, 'docker', 'Rancher Desktop (Docker Engine 27.3.1)'],
  ] as const)('%s', (name, product, family, label) => {
    const fixture = engineFixtures[name];
    const server = toServerVersion(fixture.version, fixture.info, fixture.endpoint);
    expect(serverVersionSchema.parse(server)).toEqual(server);
    expect(server.product).toEqual(product);
    expect(server.family).toBe(family);
    expect(engineProductLabel(server)).toBe(label);
  });

  it('is told by the engine even at a socket of no product (a VM linked to /var/run/docker.sock, tcp, ssh)', () => {
    const elsewhere: EngineEndpoint[] = [
      { kind: 'unix', socketPath: '/var/run/docker.sock' },
      { kind: 'tcp', host: '127.0.0.1', port: 2375, tls: null },
      { kind: 'ssh', host: 'build-box', port: 22, username: 'ci' },
    ];
    for (const endpoint of elsewhere) {
      for (const name of ['docker-desktop', 'colima', 'orbstack', 'rancher-desktop', 'podman'] as const) {
        const fixture = engineFixtures[name];
        expect(toServerVersion(fixture.version, fixture.info, endpoint).product.id).toBe(name);
      }
    }
  });

  it("names Rancher Desktop's WSL distribution and Colima's profiles", () => {
    const evidence = (info: ProductEvidence['info']): ProductEvidence => ({
      family: 'docker',
      platformName: null,
      serverVersion: '27.3.1',
      info,
      endpoint: { kind: 'npipe', pipePath: '\\\\.\\pipe\\docker_engine' },
    });
    expect(
      engineProductOf(evidence({ Name: 'DESKTOP-1', OperatingSystem: 'Rancher Desktop WSL Distribution' })).id,
    ).toBe('rancher-desktop');
    expect(engineProductOf(evidence({ Name: 'colima-work', OperatingSystem: 'Ubuntu 24.04.1 LTS' })).id).toBe('colima');
    expect(engineProductOf(evidence({ Name: 'colimate', OperatingSystem: 'Ubuntu 24.04.1 LTS' })).id).toBe('dockerd');
  });

  it('falls back on the socket when GET /info could not be read, and on dockerd when nothing names a product', () => {
    const noInfo = (
      name: keyof typeof engineFixtures,
      endpoint: EngineEndpoint | null = engineFixtures[name].endpoint,
    ) => toServerVersion(engineFixtures[name].version, null, endpoint).product;
    expect(noInfo('colima')).toEqual({ id: 'colima', version: null });
    expect(noInfo('orbstack')).toEqual({ id: 'orbstack', version: null });
    expect(noInfo('rancher-desktop')).toEqual({ id: 'rancher-desktop', version: null });
    // Docker Desktop's platform name says it, and its version, wherever it is reached.
    expect(noInfo('docker-desktop', null)).toEqual({ id: 'docker-desktop', version: '4.42.0' });
    expect(noInfo('podman', null)).toEqual({ id: 'podman', version: '4.3.1' });
    expect(noInfo('orbstack', { kind: 'unix', socketPath: '/var/run/docker.sock' })).toEqual({
      id: 'dockerd',
      version: '27.3.1',
    });
    // Docker Desktop on Linux, and a Podman socket whose /version names no Podman component.
    const linuxDesktop = { kind: 'unix', socketPath: '/home/ada/.docker/desktop/docker.sock' } as const;
    expect(toServerVersion(engineFixtures.dockerd.version, null, linuxDesktop).product.id).toBe('docker-desktop');
    const podmanSocket = { kind: 'unix', socketPath: '/run/user/1000/podman/podman.sock' } as const;
    const podmanByPlace = toServerVersion(engineFixtures.dockerd.version, null, podmanSocket);
    expect(podmanByPlace.product.id).toBe('podman');
    expect(podmanByPlace.family).toBe('podman');
  });

  it("keeps the server's own section out of the components, on dockerd and on Podman", () => {
    const dockerd = toServerVersion(engineFixtures.dockerd.version, engineFixtures.dockerd.info);
    expect(dockerd.components.map((component) => component.name)).toEqual(['containerd', 'runc', 'docker-init']);
    const podman = toServerVersion(engineFixtures.podman.version, engineFixtures.podman.info);
    expect(podman.components.map((component) => component.name)).toEqual(['Conmon', 'OCI Runtime (runc)']);
  });
});

describe('build times', () => {
  it("treats Podman's 1970-01-01 and Go's zero time as unknown", () => {
    expect(toServerVersion(engineFixtures.podman.version, engineFixtures.podman.info).built).toBeNull();
    expect(normalizeBuildTime('1970-01-01T00:00:00Z')).toBeNull();
    expect(normalizeBuildTime('0001-01-01T00:00:00Z')).toBeNull();
    expect(normalizeBuildTime('')).toBeNull();
    expect(normalizeBuildTime(null)).toBeNull();
    expect(normalizeBuildTime('soon')).toBeNull();
  });

  it("reads the engine's RFC 3339 (with nanoseconds) and the CLI's ANSIC, both UTC, as one ISO time", () => {
    expect(toServerVersion(engineFixtures.dockerd.version).built).toBe('2026-05-07T21:09:36.000Z');
    expect(normalizeBuildTime('2025-05-30T12:07:14.000000000+00:00')).toBe('2025-05-30T12:07:14.000Z');
    expect(normalizeBuildTime('2025-05-30T14:07:14+02:00')).toBe('2025-05-30T12:07:14.000Z');
    expect(normalizeBuildTime('Fri May 30 12:07:14 2025')).toBe('2025-05-30T12:07:14.000Z');
    expect(normalizeBuildTime('Mon Jun  6 23:04:45 2022')).toBe('2022-06-06T23:04:45.000Z');
  });
});
