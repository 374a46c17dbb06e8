import type Docker from 'dockerode';
import {
  containerStateSchema,
  type ContainerPort,
  type ContainerState,
  type ContainerSummary,
} from '../../shared/containers';
import { DEFAULT_DOMAIN, familiarName, parseImageReference } from '../../shared/imageReference';
import { mergeAddressFamilies } from '../../shared/portText';

/** One row of GET /containers/json as the engine sends it (dockerode's type, with what it leaves optional). */
export type ContainerInfoJson = Pick<
  Docker.ContainerInfo,
  'Id' | 'Names' | 'Image' | 'ImageID' | 'Command' | 'Created' | 'State' | 'Status'
> & {
  Ports?: Array<{ IP?: string; PrivatePort: number; PublicPort?: number; Type: string }> | null;
  Labels?: Record<string, string> | null;
};

export const COMPOSE_PROJECT_LABEL = 'com.docker.compose.project';
export const COMPOSE_SERVICE_LABEL = 'com.docker.compose.service';

/** A row of `docker ps -a` from the engine's list JSON. Pure. */
export function toContainerSummary(info: ContainerInfoJson): ContainerSummary {
  const labels = info.Labels ?? {};
  const status = info.Status ?? '';
  return {
    id: info.Id,
    name: containerName(info.Names, info.Id),
    image: imageName(info.Image ?? ''),
    imageId: info.ImageID ?? '',
    command: info.Command ?? '',
    state: containerState(info.State, status),
    status,
    health: healthOf(status),
    exitCode: exitCodeOf(status),
    created: info.Created ?? 0,
    ports: summarizePorts(info.Ports ?? []),
    composeProject: labels[COMPOSE_PROJECT_LABEL] || null,
    composeService: labels[COMPOSE_SERVICE_LABEL] || null,
  };
}

/**
 * The container's own name without the leading "/". The engine also lists link aliases
 * ("/web/db"); the own name is the one without a further "/".
 */
export function containerName(names: readonly string[] | null | undefined, id: string): string {
  const bare = (names ?? []).map((name) => name.replace(/^\//, ''));
  return bare.find((name) => name !== '' && !name.includes('/')) ?? bare[0] ?? id.slice(0, 12);
}

/**
 * The image as `docker ps` on dockerd shows it. dockerd keeps what the user typed ("busybox");
 * Podman lists the name it resolved ("docker.io/library/busybox:latest"), shown in its familiar
 * form ("busybox"). An image listed by id (its tag was removed or moved) shows as a short id.
 */
export function imageName(image: string): string {
  const match = /^sha256:([0-9a-f]{64})$/.exec(image);
  if (match) return match[1]!.slice(0, 12);
  if (!image.startsWith(`${DEFAULT_DOMAIN}/`)) return image;
  const parsed = parseImageReference(image);
  if (!parsed.ok) return image;
  const familiar = familiarName(parsed.reference);
  // Podman adds the tag the user left out: drop it again, like the name they typed.
  const { tag, digest } = parsed.reference;
  return !digest && (tag === null || tag === 'latest') ? familiar.replace(/:latest$/, '') : familiar;
}

function containerState(state: string | undefined, status: string): ContainerState {
  const parsed = containerStateSchema.safeParse(state);
  if (parsed.success) return parsed.data;
  // Older engines or odd values: read the status words instead.
  if (/^Up\b/.test(status)) return /\(Paused\)/.test(status) ? 'paused' : 'running';
  if (/^Restarting\b/.test(status)) return 'restarting';
  if (/^Created\b/.test(status)) return 'created';
  if (/^Removal In Progress\b/.test(status)) return 'removing';
  if (/^Dead\b/.test(status)) return 'dead';
  return 'exited';
}

/** "Up 3 minutes (healthy)", "(unhealthy)", "(health: starting)"; null without a health check. */
export function healthOf(status: string): ContainerSummary['health'] {
  const match = /\((healthy|unhealthy|health: starting)\)/.exec(status);
  if (!match) return null;
  if (match[1] === 'health: starting') return 'starting';
  return match[1] as 'healthy' | 'unhealthy';
}

/** "Exited (137) 5 seconds ago" → 137; null unless the container exited. */
export function exitCodeOf(status: string): number | null {
  const match = /^Exited \((-?\d+)\)/.exec(status);
  return match ? Number(match[1]) : null;
}

const portTypes = new Set<ContainerPort['type']>(['tcp', 'udp', 'sctp']);

/** The ports as `docker ps` shows them, each once (an IPv4 and IPv6 binding of one port are one). */
export function summarizePorts(ports: NonNullable<ContainerInfoJson['Ports']>): ContainerPort[] {
  return mergeAddressFamilies(
    ports.map((port) => ({
      privatePort: port.PrivatePort,
      publicPort: typeof port.PublicPort === 'number' && port.PublicPort > 0 ? port.PublicPort : null,
      type: portTypes.has(port.Type as ContainerPort['type']) ? (port.Type as ContainerPort['type']) : 'tcp',
      ip: port.IP ? port.IP : null,
    })),
  );
}
