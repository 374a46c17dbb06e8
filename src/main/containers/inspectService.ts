import type Docker from 'dockerode';
import {
  containerStateSchema,
  type ContainerInspect,
  type ContainerPort,
  type ContainerState,
} from '../../shared/containers';
import { mergeAddressFamilies } from '../../shared/portText';
import type { BerthError } from '../../shared/errors';
import { engineError, notFound } from '../engine/engineErrors';
import { imageName } from './containerSummary';
import { maskEnv, maskInspectJson } from './secrets';

/** GET /containers/{id}/json as the engine sends it; anything may be missing or null. */
export interface InspectJson {
  Id?: string;
  Name?: string;
  Image?: string;
  Created?: string;
  State?: {
    Status?: string;
    ExitCode?: number;
    StartedAt?: string;
    FinishedAt?: string;
  } | null;
  Config?: {
    Image?: string;
    Cmd?: string[] | string | null;
    Entrypoint?: string[] | string | null;
    WorkingDir?: string;
    Env?: string[] | null;
    Labels?: Record<string, string> | null;
    ExposedPorts?: Record<string, unknown> | null;
    Tty?: boolean;
  } | null;
  HostConfig?: {
    RestartPolicy?: { Name?: string; MaximumRetryCount?: number } | null;
    PortBindings?: Record<string, PortBinding[] | null> | null;
  } | null;
  Mounts?: Array<{
    Type?: string;
    Name?: string;
    Source?: string;
    Destination?: string;
    RW?: boolean;
  }> | null;
  NetworkSettings?: {
    Ports?: Record<string, PortBinding[] | null> | null;
    Networks?: Record<string, { IPAddress?: string; Gateway?: string; MacAddress?: string } | null> | null;
  } | null;
}

interface PortBinding {
  HostIp?: string;
  HostPort?: string;
}

/**
 * A failed engine call about one container as a BerthError: 404 is 'not-found', a lost connection
 * 'engine-stopped', anything else 'engine-error' with the engine's own words.
 */
export function containerError(error: unknown, id: string, doing: string): BerthError {
  return engineError(error, doing, [notFound(`container ${id}`)]);
}

/** The engine's "no time" (a container never started or never finished) becomes null. */
function timeOrNull(value: string | undefined): string | null {
  if (!value || value.startsWith('0001-01-01')) return null;
  return value;
}

function stringList(value: string[] | string | null | undefined): string[] {
  if (Array.isArray(value)) return value.filter((item) => typeof item === 'string');
  return typeof value === 'string' && value !== '' ? [value] : [];
}

const portTypes = new Set<ContainerPort['type']>(['tcp', 'udp', 'sctp']);

/**
 * "80/tcp" → [{HostIp, HostPort}] as ports. A running container's NetworkSettings.Ports says what is
 * published now; a stopped one has none, so its configured PortBindings (and exposed ports) are shown.
 */
export function inspectPorts(json: InspectJson): ContainerPort[] {
  const live = json.NetworkSettings?.Ports ?? {};
  let source: Record<string, PortBinding[] | null> = live;
  if (Object.keys(live).length === 0) {
    source = {};
    for (const key of Object.keys(json.Config?.ExposedPorts ?? {})) source[key] = null;
    for (const [key, bindings] of Object.entries(json.HostConfig?.PortBindings ?? {})) source[key] = bindings;
  }
  const ports: ContainerPort[] = [];
  for (const [key, bindings] of Object.entries(source)) {
    const [portText, protocol = 'tcp'] = key.split('/');
    const privatePort = Number(portText);
    const type = protocol.toLowerCase() as ContainerPort['type'];
    if (!Number.isInteger(privatePort) || !portTypes.has(type)) continue;
    if (!bindings || bindings.length === 0) {
      ports.push({ privatePort, publicPort: null, type, ip: null });
      continue;
    }
    for (const binding of bindings) {
      const publicPort = Number(binding?.HostPort);
      ports.push({
        privatePort,
        publicPort: Number.isInteger(publicPort) && publicPort > 0 ? publicPort : null,
        type,
        ip: binding?.HostIp ? binding.HostIp : null,
      });
    }
  }
  // One port per IPv4/IPv6 pair, in docker ps's order, as the containers list shows them.
  return mergeAddressFamilies(ports);
}

function stateOf(status: string | undefined): ContainerState {
  const parsed = containerStateSchema.safeParse(status);
  return parsed.success ? parsed.data : 'dead';
}

/** GET /containers/{id}/json as the details Berth shows, secret values masked (there and in raw). */
export function toContainerInspect(json: InspectJson): ContainerInspect {
  const config = json.Config ?? {};
  const state = stateOf(json.State?.Status);
  const exitCode = json.State?.ExitCode;
  return {
    id: json.Id ?? '',
    name: (json.Name ?? '').replace(/^\//, ''),
    image: imageName(config.Image ?? json.Image ?? ''),
    imageId: json.Image ?? '',
    command: stringList(config.Cmd),
    entrypoint: stringList(config.Entrypoint),
    workingDir: config.WorkingDir ?? '',
    env: maskEnv(config.Env),
    mounts: (json.Mounts ?? []).map((mount) => ({
      type: mount.Type ?? '',
      name: mount.Name ? mount.Name : null,
      source: mount.Source ?? '',
      destination: mount.Destination ?? '',
      readOnly: mount.RW === false,
    })),
    networks: Object.entries(json.NetworkSettings?.Networks ?? {})
      .map(([name, network]) => ({
        name,
        ipAddress: network?.IPAddress ?? '',
        gateway: network?.Gateway ?? '',
        macAddress: network?.MacAddress ?? '',
      }))
      .sort((a, b) => a.name.localeCompare(b.name)),
    ports: inspectPorts(json),
    restartPolicy: {
      name: json.HostConfig?.RestartPolicy?.Name || 'no',
      maximumRetryCount: json.HostConfig?.RestartPolicy?.MaximumRetryCount ?? 0,
    },
    labels: { ...(config.Labels ?? {}) },
    createdAt: json.Created ?? '',
    startedAt: timeOrNull(json.State?.StartedAt),
    finishedAt: timeOrNull(json.State?.FinishedAt),
    state,
    // The engine says 0 for a container that never ran; only an ended one has an exit code.
    exitCode: (state === 'exited' || state === 'dead') && typeof exitCode === 'number' ? exitCode : null,
    raw: maskInspectJson(json as Record<string, unknown>),
  };
}

export interface InspectServiceOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
}

/** `docker inspect` of one container, for its details page. */
export class InspectService {
  private readonly getClient: () => Docker;

  constructor(options: InspectServiceOptions) {
    this.getClient = options.getClient;
  }

  /** GET /containers/{id}/json; 'not-found' when there is no such container. */
  async inspect(id: string): Promise<ContainerInspect> {
    const client = this.getClient();
    let json: InspectJson;
    try {
      json = (await client.getContainer(id).inspect()) as unknown as InspectJson;
    } catch (error) {
      throw containerError(error, id, `Inspecting container ${id}`);
    }
    return toContainerInspect(json);
  }
}
