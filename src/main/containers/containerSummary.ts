import type Docker from 'dockerode';
import {
  containerStateSchema,
  type ContainerPort,
  type ContainerState,
  type ContainerSummary,
} from '../../shared/containers';
import { DEFAULT_DOMAIN, familiarName, parseImageReference } from '../../shared/imageReference';

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

/** What an address means apart from its family: 0.0.0.0 and :: are both "every address". */
function addressMeaning(ip: string | null): string {
  if (ip === null || ip === '') return '';
  if (ip === '0.0.0.0' || ip === '::') return 'any';
  if (ip === '127.0.0.1' || ip === '::1') return 'loopback';
  return ip;
}

function isIpv4(ip: string | null): boolean {
  return ip !== null && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);
}

/**
 * The ports as `docker ps` shows them. The engine lists an IPv4 and an IPv6 binding of the same
 * port apart (0.0.0.0:8080 and [::]:8080); they are one port to a user, shown as the IPv4 one.
 * Bindings that differ in more than the address family stay apart. Sorted by container port.
 */
export function summarizePorts(ports: NonNullable<ContainerInfoJson['Ports']>): ContainerPort[] {
  const byKey = new Map<string, ContainerPort>();
  for (const port of ports) {
    const type = portTypes.has(port.Type as ContainerPort['type']) ? (port.Type as ContainerPort['type']) : 'tcp';
    const ip = port.IP ? port.IP : null;
    const publicPort = typeof port.PublicPort === 'number' && port.PublicPort > 0 ? port.PublicPort : null;
    const entry: ContainerPort = { privatePort: port.PrivatePort, publicPort, type, ip };
    const key = `${entry.privatePort}/${type}|${publicPort ?? ''}|${addressMeaning(ip)}`;
    const seen = byKey.get(key);
    if (!seen || (!isIpv4(seen.ip) && isIpv4(ip))) byKey.set(key, entry);
  }
  return [...byKey.values()].sort(
    (a, b) =>
      a.privatePort - b.privatePort ||
      a.type.localeCompare(b.type) ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
      Number(isIpv4(b.ip)) - Number(isIpv4(a.ip)) ||
      (a.ip ?? '').localeCompare(b.ip ?? ''),
  );
}
