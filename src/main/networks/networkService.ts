import type Docker from 'dockerode';
import type { z } from 'zod';
import type { Dispose, Listener } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import type {
  Network,
  NetworkReachResult,
  networkConnectInputSchema,
  networkCreateInputSchema,
  networkDisconnectInputSchema,
  networkReachInputSchema,
  networkRemoveInputSchema,
} from '../../shared/networks';
import type { EngineEvent } from '../engine/engineMonitor';
import { engineError, engineMessage, notFound } from '../engine/engineErrors';
import { LiveList, type EngineEventSource } from '../engine/liveList';
import { listNetworks } from './networkList';
import { checkReach } from './reachCheck';
import { gatewayInSubnet, subnetsOverlap } from '../../shared/ipv4Subnets';

export type NetworkCreateInput = z.input<typeof networkCreateInputSchema>;
export type NetworkRemoveInput = z.infer<typeof networkRemoveInputSchema>;
export type NetworkConnectInput = z.input<typeof networkConnectInputSchema>;
export type NetworkDisconnectInput = z.infer<typeof networkDisconnectInputSchema>;
export type NetworkReachInput = z.infer<typeof networkReachInputSchema>;

export interface NetworkServiceOptions {
  getClient: () => Docker;
  monitor: EngineEventSource;
  /** Whether the connected engine is Podman (its own API says whether a network has DNS). */
  isPodman: () => boolean;
  /**
   * A change signal the engine's events lack (Podman sends no network create/remove events): called
   * when the first listener comes, disposed after the last goes; null when there is none to watch.
   */
  watchNetworkFiles?: (onChange: () => void) => Dispose | null;
  debounceMs?: number;
  maxWaitMs?: number;
}

/** Container events that change who is on a network or their addresses (dockerd says destroy, Podman remove). */
const containerActions = new Set(['create', 'start', 'die', 'destroy', 'remove']);

/** Every network event (create, destroy/remove, connect, disconnect), and containers coming, going, starting and stopping. */
export function isNetworkListEvent(event: EngineEvent): boolean {
  if (event.Type === 'network') return true;
  if (event.Type === 'container') return containerActions.has(event.Action);
  return false;
}

/**
 * The engine's networks (`docker network ls` + who is on each), kept live by the engine's events,
 * and what a user does with them: create a user-defined bridge, remove one (named, unused, never a
 * built-in), connect and disconnect containers, and check whether one container reaches another by name.
 */
export class NetworkService {
  private readonly getClient: () => Docker;
  private readonly isPodman: () => boolean;
  private readonly live: LiveList<Network[]>;
  /** Aliases by container endpoint, kept between lists: each container is inspected once, not at every event. */
  private readonly aliasCache = new Map<string, string[]>();
  private readonly watchNetworkFiles: NetworkServiceOptions['watchNetworkFiles'];
  private listeners = 0;
  private unwatchFiles: Dispose | null = null;

  constructor(options: NetworkServiceOptions) {
    this.getClient = options.getClient;
    this.isPodman = options.isPodman;
    this.watchNetworkFiles = options.watchNetworkFiles;
    this.live = new LiveList({
      monitor: options.monitor,
      load: () => this.list(),
      isRelevant: isNetworkListEvent,
      debounceMs: options.debounceMs,
      maxWaitMs: options.maxWaitMs,
    });
  }

  async list(): Promise<Network[]> {
    try {
      return await listNetworks(this.getClient(), { podman: this.isPodman(), aliasCache: this.aliasCache });
    } catch (error) {
      throw engineError(error, 'Listing the networks');
    }
  }

  /** A user-defined bridge. The name must be new (old API versions let dockerd make a second one of a name). */
  async create(input: NetworkCreateInput): Promise<Network> {
    const subnet = input.subnet?.trim() ?? '';
    const gateway = input.gateway?.trim() ?? '';
    if (gateway !== '' && subnet === '') {
      throw new BerthError('invalid-input', 'A gateway needs a subnet to lie in.', [
        { path: 'gateway', message: 'gateway-without-subnet' },
      ]);
    }
    if (gateway !== '' && !gatewayInSubnet(gateway, subnet)) {
      throw new BerthError('invalid-input', `The gateway ${gateway} is not an address of the subnet ${subnet}.`, [
        { path: 'gateway', message: 'gateway-outside-subnet' },
      ]);
    }
    const networks = await this.list();
    if (networks.some((network) => network.name === input.name)) {
      throw new BerthError('name-in-use', `There is already a network named ${input.name}.`, [
        { path: 'name', message: 'name-in-use' },
      ]);
    }
    const overlapping =
      subnet === '' ? undefined : networks.find((n) => n.subnets.some((s) => subnetsOverlap(s.subnet, subnet)));
    if (overlapping) throw overlapError(subnet, overlapping.name);

    const client = this.getClient();
    const labels = Object.fromEntries((input.labels ?? []).map((label) => [label.key, label.value]));
    let id: string;
    try {
      const created = await client.createNetwork({
        Name: input.name,
        Driver: 'bridge',
        // Refused by the engine itself too where it still can (API < 1.44 defaults to allowing duplicates).
        CheckDuplicate: true,
        Internal: input.internal ?? false,
        Labels: labels,
        ...(subnet !== ''
          ? {
              IPAM: {
                Driver: 'default',
                Config: [{ Subnet: subnet, ...(gateway !== '' ? { Gateway: gateway } : {}) }],
              },
            }
          : {}),
      });
      id = created.id;
    } catch (error) {
      // dockerd: "Pool overlaps with other one on this address space"; Podman: "subnet … is already used on the host or by another config".
      if (subnet !== '' && /overlap|already used/i.test(engineMessage(error))) throw overlapError(subnet, null, error);
      throw engineError(error, `Creating the network ${input.name}`, [
        {
          status: 409,
          code: 'name-in-use',
          message: (words) => `There is already a network named ${input.name}: ${words}`,
        },
      ]);
    }
    this.live.invalidate();
    return this.find(id, input.name);
  }

  /** Removes one network, named by the confirmation, unused and not built in. */
  async remove(input: NetworkRemoveInput): Promise<{ removed: string }> {
    const network = findNetwork(await this.list(), input.id);
    if (!network) throw new BerthError('not-found', `There is no network ${input.id}.`);
    if (input.confirm.trim() !== network.name) {
      throw new BerthError(
        'confirmation-required',
        `The confirmation "${input.confirm}" does not name the network ${network.name}: type its name to remove it.`,
      );
    }
    if (network.builtIn) {
      throw new BerthError('in-use', `${network.name} is one of the engine's own networks: it cannot be removed.`);
    }
    if (network.containers.length > 0) {
      const names = network.containers.map((c) => c.name).join(', ');
      throw new BerthError(
        'in-use',
        `The network ${network.name} is in use by ${network.containers.length === 1 ? 'the container' : 'the containers'} ${names}: disconnect or remove ${network.containers.length === 1 ? 'it' : 'them'} first.`,
      );
    }
    try {
      await this.getClient().getNetwork(network.id).remove();
    } catch (error) {
      throw engineError(error, `Removing the network ${network.name}`, [
        { status: 403, code: 'in-use', message: (words) => `The engine refused to remove ${network.name}: ${words}` },
        { status: 409, code: 'in-use', message: (words) => `The engine refused to remove ${network.name}: ${words}` },
        notFound(`network ${network.name}`),
      ]);
    }
    this.live.invalidate();
    return { removed: network.name };
  }

  /** `docker network connect [--alias …] NETWORK CONTAINER`. */
  async connect(input: NetworkConnectInput): Promise<Network> {
    const network = await this.existing(input.network);
    try {
      await this.getClient()
        .getNetwork(network.id)
        .connect({
          Container: input.container,
          ...(input.aliases && input.aliases.length > 0 ? { EndpointConfig: { Aliases: input.aliases } } : {}),
        });
    } catch (error) {
      throw engineError(error, `Connecting ${input.container} to ${network.name}`, [
        notFound(`container ${input.container}`),
        { status: 403, code: 'in-use', message: (words) => `${input.container} cannot join ${network.name}: ${words}` },
      ]);
    }
    this.live.invalidate();
    return this.find(network.id, network.name);
  }

  /** `docker network disconnect NETWORK CONTAINER`, once the confirmation names the container. */
  async disconnect(input: NetworkDisconnectInput): Promise<Network> {
    const network = await this.existing(input.network);
    const member = network.containers.find(
      (c) =>
        c.name === input.container ||
        c.id === input.container ||
        (input.container.length >= 12 && c.id.startsWith(input.container)),
    );
    if (!member) throw new BerthError('not-found', `${input.container} is not on the network ${network.name}.`);
    if (input.confirm.trim() !== member.name && input.confirm.trim() !== member.id) {
      throw new BerthError(
        'confirmation-required',
        `The confirmation "${input.confirm}" does not name the container ${member.name}: type its name to disconnect it.`,
      );
    }
    try {
      await this.getClient().getNetwork(network.id).disconnect({ Container: member.id });
    } catch (error) {
      throw engineError(error, `Disconnecting ${member.name} from ${network.name}`, [
        notFound(`container ${member.name}`),
      ]);
    }
    this.live.invalidate();
    return this.find(network.id, network.name);
  }

  /** "Can A reach B by name?", proven with an exec in A. */
  async reach(input: NetworkReachInput): Promise<NetworkReachResult> {
    return checkReach(this.getClient(), await this.list(), input);
  }

  onChange(listener: Listener<Network[]>): Dispose {
    return this.followed(this.live.onChange(listener));
  }

  /** The list now, then each fresh one: 'networks.list'. */
  subscribe(emit: Listener<Network[]>): Dispose {
    return this.followed(this.live.subscribe(emit));
  }

  dispose(): void {
    this.live.dispose();
    this.unwatchFiles?.();
    this.unwatchFiles = null;
  }

  /** Watches the network files too while anyone listens (LiveList follows the events alike). */
  private followed(stop: Dispose): Dispose {
    this.listeners += 1;
    if (this.listeners === 1) this.unwatchFiles = this.watchNetworkFiles?.(() => this.live.invalidate()) ?? null;
    let stopped = false;
    return () => {
      if (stopped) return;
      stopped = true;
      stop();
      this.listeners -= 1;
      if (this.listeners === 0) {
        this.unwatchFiles?.();
        this.unwatchFiles = null;
      }
    };
  }

  private async existing(key: string): Promise<Network> {
    const network = findNetwork(await this.list(), key);
    if (!network) throw new BerthError('not-found', `There is no network ${key}.`);
    return network;
  }

  private async find(id: string, name: string): Promise<Network> {
    const networks = await this.list();
    const network = networks.find((n) => n.id === id) ?? networks.find((n) => n.name === name);
    if (!network) throw new BerthError('not-found', `The network ${name} is gone already.`);
    return network;
  }
}

/** By name, full id, or an id prefix of at least 12 characters. */
function findNetwork(networks: Network[], key: string): Network | undefined {
  return (
    networks.find((n) => n.name === key) ??
    networks.find((n) => n.id === key) ??
    (key.length >= 12 ? networks.find((n) => n.id.startsWith(key)) : undefined)
  );
}

/**
 * The subnet field's issue: "overlaps <network>" when Berth can tell which (from the list, or the
 * engine's words), else "overlaps" alone. The message is `subnet-overlaps` or
 * `subnet-overlaps:<name>`, for the form to say in the user's language.
 */
function overlapError(subnet: string, networkName: string | null, engineFailure?: unknown): BerthError {
  const words = engineFailure === undefined ? '' : ` (the engine: ${engineMessage(engineFailure)})`;
  const sentence = networkName
    ? `The subnet ${subnet} overlaps the network ${networkName}: pick another range.`
    : `The subnet ${subnet} overlaps another network or an address range of this machine${words}: pick another range.`;
  return new BerthError('invalid-input', sentence, [
    { path: 'subnet', message: networkName ? `subnet-overlaps:${networkName}` : 'subnet-overlaps' },
  ]);
}
