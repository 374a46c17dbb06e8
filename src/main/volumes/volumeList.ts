import type Docker from 'dockerode';
import { containerName } from '../containers/containerSummary';
import type { Volume, VolumeUser } from '../../shared/volumes';

/** GET /volumes' entry as both engines send it (Podman adds {} where dockerd sends null). */
export interface EngineVolume {
  Name: string;
  Driver?: string;
  CreatedAt?: string;
  Scope?: string;
  Labels?: Record<string, string> | null;
}

/** dockerd 23+ labels the volumes `docker run -v /path` and VOLUME lines make. */
export const ANONYMOUS_LABEL = 'com.docker.volume.anonymous';

/** An anonymous volume's name: 64 random hex characters, on dockerd and Podman alike. */
const anonymousName = /^[0-9a-f]{64}$/;

export function isAnonymousVolume(volume: Pick<EngineVolume, 'Name' | 'Labels'>): boolean {
  return (volume.Labels ?? {})[ANONYMOUS_LABEL] !== undefined || anonymousName.test(volume.Name);
}

/** Every container's volume mounts (Type "volume"), by volume name. */
export function usersByVolume(containers: readonly Docker.ContainerInfo[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>();
  for (const container of containers) {
    for (const mount of container.Mounts ?? []) {
      if (mount.Type !== 'volume' || !mount.Name) continue;
      const list = users.get(mount.Name) ?? [];
      list.push({
        id: container.Id,
        name: containerName(container.Names, container.Id),
        running: container.State === 'running',
        destination: mount.Destination,
        readOnly: !mount.RW,
      });
      users.set(mount.Name, list);
    }
  }
  return users;
}

export function toVolume(volume: EngineVolume, users: ReadonlyMap<string, VolumeUser[]>): Volume {
  const created = volume.CreatedAt ? Date.parse(volume.CreatedAt) : Number.NaN;
  return {
    name: volume.Name,
    driver: volume.Driver || 'local',
    created: Number.isFinite(created) ? created : null,
    scope: volume.Scope || 'local',
    labels: { ...(volume.Labels ?? {}) },
    anonymous: isAnonymousVolume(volume),
    containers: [...(users.get(volume.Name) ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/**
 * Named volumes first, then anonymous ones, each by name: the names a learner chose are the ones
 * they look for, and a list by name reads like `docker volume ls`. Random hex names say nothing, so
 * they go after.
 */
export function compareVolumes(a: Volume, b: Volume): number {
  if (a.anonymous !== b.anonymous) return a.anonymous ? 1 : -1;
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** GET /volumes joined with GET /containers/json?all=1. */
export function joinVolumes(volumes: readonly EngineVolume[], containers: readonly Docker.ContainerInfo[]): Volume[] {
  const users = usersByVolume(containers);
  return volumes.map((volume) => toVolume(volume, users)).sort(compareVolumes);
}
