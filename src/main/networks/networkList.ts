import type Docker from 'dockerode';
import { containerName } from '../containers/containerSummary';
import { mapLimited } from '../../shared/mapLimited';
import { builtInNetworkNames, type Network, type NetworkMember } from '../../shared/networks';
import { dialStream } from '../engine/dialStream';

/** GET /networks, as both engines answer it (Containers is empty in the list on both: the containers' side says who is on it). */
interface ListedNetwork {
  Name: string;
  Id: string;
  Created?: string;
  Scope?: string;
  Driver?: string;
  Internal?: boolean;
  Attachable?: boolean;
  IPAM?: { Config?: Array<{ Subnet?: string; Gateway?: string }> | null } | null;
  Options?: Record<string, string> | null;
  Labels?: Record<string, string> | null;
}

/** One network of a container in GET /containers/json (the map's key is the network's name on both engines). */
interface ContainerEndpoint {
  IPAddress?: string;
  GlobalIPv6Address?: string;
  Aliases?: string[] | null;
  /** dockerd: the network's id; Podman 4.3: its name. */
  NetworkID?: string;
  /** New at every connect: what the aliases cache is keyed by. */
  EndpointID?: string;
}

/** The default network, where containers have no names for each other. Podman's compat API calls its "podman" network "bridge". */
export function isDefaultBridge(name: string): boolean {
  return name === 'bridge' || name === 'podman';
}

export function isBuiltInNetwork(name: string): boolean {
  return (builtInNetworkNames as readonly string[]).includes(name);
}

/**
 * Whether names resolve on a network, from what the engine says about it.
 * - dockerd: its embedded DNS (127.0.0.11) answers on every user-defined network, never on the
 *   default "bridge" (legacy --link aside); host and none have no container names either.
 * - Podman: per network, `dns_enabled` in its own API (libpod). Podman 4.3 with CNI (this testbed)
 *   has no DNS plugin, so it is false everywhere, user-defined networks too; with netavark and
 *   aardvark-dns it is true on user-defined networks only. When libpod cannot be asked, the dockerd
 *   rule is the guess.
 */
function namesResolveOn(network: ListedNetwork, podmanDns: Map<string, boolean> | null): boolean {
  const podman = podmanDns?.get(network.Name);
  if (podman !== undefined) return podman;
  if (isDefaultBridge(network.Name) || network.Name === 'host' || network.Name === 'none') return false;
  if (network.Options?.['com.docker.network.bridge.default_bridge'] === 'true') return false;
  return network.Driver !== 'null' && network.Driver !== 'host';
}

/** Podman's own network list (libpod), for dns_enabled; null on dockerd or when it cannot be read. */
async function podmanDnsEnabled(client: Docker): Promise<Map<string, boolean> | null> {
  try {
    const response = await dialStream(client, {
      path: '/v4.0.0/libpod/networks/json?',
      method: 'GET',
      signal: new AbortController().signal,
      statusCodes: { 200: true },
      options: {},
    });
    let body = '';
    for await (const chunk of response) body += String(chunk);
    const listed = JSON.parse(body) as Array<{ name?: string; dns_enabled?: boolean }>;
    const dns = new Map<string, boolean>();
    for (const network of listed) {
      if (typeof network.name === 'string') dns.set(network.name, network.dns_enabled === true);
    }
    // The compat API names Podman's default network "bridge"; libpod calls it "podman".
    if (dns.has('podman') && !dns.has('bridge')) dns.set('bridge', dns.get('podman')!);
    return dns;
  } catch {
    return null;
  }
}

/**
 * The automatic aliases are noise for a learner: dockerd and Podman add the container's short id
 * (and newer dockerd its name) to every user-defined network's aliases. Only the ones someone chose
 * (`--network-alias`, compose service names) are kept.
 */
export function chosenAliases(aliases: readonly string[] | null | undefined, id: string, name: string): string[] {
  const shortId = id.slice(0, 12);
  return [...new Set((aliases ?? []).filter((alias) => alias !== shortId && alias !== name && alias !== id))];
}

function epochMs(created: string | undefined): number | null {
  if (!created) return null;
  const ms = Date.parse(created);
  return Number.isFinite(ms) && ms > 0 ? ms : null;
}

export interface NetworkListOptions {
  /** Whether to ask Podman's own API for DNS (the engine is Podman); on dockerd it is not asked. */
  podman: boolean;
  /**
   * Aliases read by inspect, by container and endpoint (kept by the caller between lists): an
   * endpoint's aliases are fixed when it connects, so each container is inspected once, not at every
   * event. Entries of endpoints gone are dropped.
   */
  aliasCache?: Map<string, string[]>;
}

/**
 * The networks with the containers on each: GET /networks joined with GET /containers/json?all=1.
 * dockerd's container list has no aliases (null), so containers on user-defined networks are
 * inspected for theirs; Podman's list has them.
 */
export async function listNetworks(client: Docker, options: NetworkListOptions): Promise<Network[]> {
  const [networks, containers, podmanDns] = await Promise.all([
    client.listNetworks() as Promise<ListedNetwork[]>,
    client.listContainers({ all: true }),
    options.podman ? podmanDnsEnabled(client) : Promise.resolve(null),
  ]);
  const names = new Set(networks.map((network) => network.Name));
  // Podman's compat API lists its default network as "bridge" but names it "podman" on the containers.
  const listedName = (key: string) =>
    key === 'podman' && !names.has('podman') && names.has('bridge') ? 'bridge' : key;
  const members = new Map<string, NetworkMember[]>();
  const needAliases: Array<{ member: NetworkMember; network: string; key: string | null }> = [];
  const cache = options.aliasCache;
  const seenKeys = new Set<string>();
  for (const container of containers) {
    const name = containerName(container.Names, container.Id);
    const running = container.State === 'running';
    const endpoints = (container.NetworkSettings?.Networks ?? {}) as Record<string, ContainerEndpoint>;
    for (const [key, endpoint] of Object.entries(endpoints)) {
      const networkName = listedName(key);
      const member: NetworkMember = {
        id: container.Id,
        name,
        running,
        ipv4: endpoint.IPAddress ?? '',
        ipv6: endpoint.GlobalIPv6Address ?? '',
        aliases: chosenAliases(endpoint.Aliases, container.Id, name),
      };
      if (endpoint.Aliases == null && !isBuiltInNetwork(networkName)) {
        const key = endpoint.EndpointID ? `${container.Id}/${endpoint.EndpointID}` : null;
        const cached = key ? cache?.get(key) : undefined;
        if (key) seenKeys.add(key);
        if (cached) member.aliases = cached;
        else needAliases.push({ member, network: networkName, key });
      }
      const list = members.get(networkName) ?? [];
      list.push(member);
      members.set(networkName, list);
    }
  }
  await fillAliases(client, needAliases);
  if (cache) {
    for (const { member, key } of needAliases) if (key) cache.set(key, member.aliases);
    for (const key of cache.keys()) if (!seenKeys.has(key)) cache.delete(key);
  }
  return networks
    .map((network): Network => {
      const on = (members.get(network.Name) ?? []).sort((a, b) => a.name.localeCompare(b.name));
      return {
        id: network.Id,
        name: network.Name,
        driver: network.Driver ?? '',
        scope: network.Scope ?? '',
        created: epochMs(network.Created),
        internal: network.Internal === true,
        attachable: network.Attachable === true,
        builtIn: isBuiltInNetwork(network.Name),
        namesResolve: namesResolveOn(network, podmanDns),
        subnets: (network.IPAM?.Config ?? [])
          .filter((config) => typeof config.Subnet === 'string' && config.Subnet !== '')
          .map((config) => ({ subnet: config.Subnet!, gateway: config.Gateway ?? '' })),
        labels: network.Labels ?? {},
        containers: on,
      };
    })
    .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || a.name.localeCompare(b.name));
}

/** The aliases dockerd keeps only in a container's inspect: one inspect per container, however many networks. */
async function fillAliases(client: Docker, wanted: Array<{ member: NetworkMember; network: string }>): Promise<void> {
  const byContainer = new Map<string, Array<{ member: NetworkMember; network: string }>>();
  for (const entry of wanted) byContainer.set(entry.member.id, [...(byContainer.get(entry.member.id) ?? []), entry]);
  // A few at a time: a compose project's dozens of containers are not dozens of connections at once.
  await mapLimited([...byContainer.entries()], 8, async ([id, entries]) => {
    try {
      const info = await client.getContainer(id).inspect();
      const endpoints = (info.NetworkSettings?.Networks ?? {}) as Record<string, ContainerEndpoint>;
      for (const { member, network } of entries) {
        member.aliases = chosenAliases(endpoints[network]?.Aliases, member.id, member.name);
        // (Only user-defined networks are inspected: their names are the same on both sides.)
      }
    } catch {
      // Gone since the list: its row goes at the next event.
    }
  });
}
