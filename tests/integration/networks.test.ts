import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Network } from '../../src/shared/networks';
import { BerthError } from '../../src/shared/errors';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { EngineEventSource } from '../../src/main/engine/liveList';
import { NetworkService } from '../../src/main/networks/networkService';
import { watchPodmanNetworkFiles } from '../../src/main/networks/podmanNetworkFiles';
import { docker, dockerQuiet, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';
import { buildShelllessImage } from '../fixtures/shelllessImage';
import { waitFor } from '../fixtures/waitFor';

const prefix = `berth-net-${process.pid}`;
let counter = 0;
const unique = (what: string) => `${prefix}-${what}-${(counter += 1)}`;

async function refusal(promise: Promise<unknown>): Promise<BerthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

interface CliNetwork {
  Name: string;
  Id: string;
  IPAM: { Config: Array<{ Subnet: string; Gateway?: string }> | null };
  Containers: Record<string, { Name: string; IPv4Address: string }> | null;
}

describe.skipIf(!requireEngine.available)('networks against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const family = requireEngine.available ? engineFamily() : 'docker';
  let service: NetworkService;
  const containers: string[] = [];
  const networks: string[] = [];

  const network = (what: string, ...args: string[]) => {
    const name = unique(what);
    docker('network', 'create', ...args, name);
    networks.push(name);
    return name;
  };
  const sleeper = (what: string, ...args: string[]) => {
    const name = unique(what);
    docker('run', '-d', '--name', name, ...args, 'busybox', 'sleep', '300');
    containers.push(name);
    return name;
  };
  const byName = (list: Network[], name: string) => list.find((n) => n.name === name);

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    service = new NetworkService({
      getClient: () => monitor.requireClient(),
      monitor,
      isPodman: () => monitor.getStatus().server?.family === 'podman',
      watchNetworkFiles: (onChange) => (family === 'podman' ? watchPodmanNetworkFiles(onChange) : null),
    });
  });
  afterAll(() => {
    service?.dispose();
    // Containers first: a network in use cannot go.
    for (const name of containers) dockerQuiet('rm', '-f', name);
    for (const name of networks) dockerQuiet('network', 'rm', name);
    monitor.stop();
  });

  it('lists what `docker network inspect` says: subnet, gateway, the containers and their addresses', async () => {
    const net = network('list', '--subnet', '10.231.7.0/24', '--gateway', '10.231.7.1', '--label', 'berth.test=1');
    const web = sleeper('web', '--network', net, '--network-alias', 'api');
    const list = await service.list();
    const cli = JSON.parse(docker('network', 'inspect', net)) as CliNetwork[];
    const mine = byName(list, net)!;
    expect(mine).toBeDefined();
    expect(mine.id).toBe(cli[0]!.Id);
    expect(mine.subnets).toEqual([{ subnet: '10.231.7.0/24', gateway: '10.231.7.1' }]);
    expect(mine.builtIn).toBe(false);
    expect(mine.driver).toBe('bridge');
    expect(mine.labels).toEqual({ 'berth.test': '1' });
    const cliMembers = Object.entries(cli[0]!.Containers ?? {}).map(([id, c]) => ({
      id,
      name: c.Name,
      ipv4: c.IPv4Address.replace(/\/\d+$/, ''),
    }));
    expect(mine.containers.map(({ id, name, ipv4 }) => ({ id, name, ipv4 }))).toEqual(cliMembers);
    expect(mine.containers[0]!.name).toBe(web);
    expect(mine.containers[0]!.running).toBe(true);
    // The chosen alias, without the short id the engine adds.
    expect(mine.containers[0]!.aliases).toEqual(['api']);
    // Every network the CLI lists, once.
    expect(list.map((n) => n.name).sort()).toEqual(docker('network', 'ls', '--format', '{{.Name}}').split('\n').sort());
    const defaultBridge = byName(list, 'bridge')!;
    expect(defaultBridge.builtIn).toBe(true);
    expect(defaultBridge.namesResolve).toBe(false);
    expect(defaultBridge.subnets[0]!.subnet).toBe(
      docker('network', 'inspect', 'bridge', '--format', '{{(index .IPAM.Config 0).Subnet}}'),
    );
  });

  it('creates a user-defined bridge, refuses a taken name, a bad gateway and an overlapping subnet', async () => {
    const name = unique('made');
    networks.push(name);
    const made = await service.create({ name, subnet: '10.231.8.0/24', gateway: '10.231.8.254', internal: true });
    expect(made.name).toBe(name);
    expect(made.internal).toBe(true);
    expect(docker('network', 'inspect', name, '--format', '{{.Internal}} {{(index .IPAM.Config 0).Gateway}}')).toBe(
      'true 10.231.8.254',
    );

    const taken = await refusal(service.create({ name }));
    expect(taken.code).toBe('name-in-use');
    expect(docker('network', 'ls', '--filter', `name=^${name}$`, '--format', '{{.Name}}').split('\n')).toHaveLength(1);

    const overlapping = await refusal(service.create({ name: unique('overlap'), subnet: '10.231.8.128/25' }));
    expect(overlapping.code).toBe('invalid-input');
    expect(overlapping.issues).toEqual([{ path: 'subnet', message: `subnet-overlaps:${name}` }]);
    expect(overlapping.message).toContain(name);

    const outside = await refusal(
      service.create({ name: unique('gw'), subnet: '10.231.9.0/24', gateway: '10.231.10.1' }),
    );
    expect(outside.issues).toEqual([{ path: 'gateway', message: 'gateway-outside-subnet' }]);
  });

  it('names the default bridge when a new subnet overlaps its range', async () => {
    // The default bridge's range: Berth's own check names it first.
    const bridgeSubnet = docker('network', 'inspect', 'bridge', '--format', '{{(index .IPAM.Config 0).Subnet}}');
    const refused = await refusal(service.create({ name: unique('dflt'), subnet: bridgeSubnet }));
    expect(refused.code).toBe('invalid-input');
    expect(refused.issues?.[0]?.path).toBe('subnet');
    expect(refused.message).toContain('bridge');
  });

  it('removes only a named, unused, user-defined network', async () => {
    const builtIn = await refusal(service.remove({ id: 'bridge', confirm: 'bridge' }));
    expect(builtIn.code).toBe('in-use');

    const net = network('busy');
    const user = sleeper('user', '--network', net);
    const inUse = await refusal(service.remove({ id: net, confirm: net }));
    expect(inUse.code).toBe('in-use');
    expect(inUse.message).toContain(user);
    expect(docker('network', 'inspect', net, '--format', '{{.Name}}')).toBe(net);

    const idle = network('idle');
    const unnamed = await refusal(service.remove({ id: idle, confirm: 'yes' }));
    expect(unnamed.code).toBe('confirmation-required');
    expect(docker('network', 'inspect', idle, '--format', '{{.Name}}')).toBe(idle);

    expect(await service.remove({ id: idle, confirm: idle })).toEqual({ removed: idle });
    expect(dockerQuiet('network', 'inspect', idle)).toBe('');
  });

  it('connects with an alias and disconnects only once the container is named', async () => {
    const net = network('join');
    const box = sleeper('box');
    const joined = await service.connect({ network: net, container: box, aliases: ['db'] });
    const member = joined.containers.find((c) => c.name === box)!;
    expect(member.aliases).toEqual(['db']);
    expect(member.ipv4).toBe(
      docker('inspect', box, '--format', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`),
    );

    const unnamed = await refusal(service.disconnect({ network: net, container: box, confirm: net }));
    expect(unnamed.code).toBe('confirmation-required');
    const left = await service.disconnect({ network: net, container: box, confirm: box });
    expect(left.containers).toEqual([]);
    const stillOn = JSON.parse(docker('inspect', box, '--format', '{{json .NetworkSettings.Networks}}')) as object;
    expect(Object.keys(stillOn)).not.toContain(net);
  });

  it('proves names resolve on a user-defined network (where the engine has DNS) and not on the default bridge', async () => {
    const net = network('talk');
    const a = sleeper('a', '--network', net);
    const b = sleeper('b', '--network', net);
    const list = await service.list();
    const dns = byName(list, net)!.namesResolve;
    // dockerd's embedded DNS answers on every user-defined network; this Podman (CNI, no dnsname plugin) on none.
    if (family === 'docker') expect(dns).toBe(true);
    const onNet = await service.reach({ from: a, to: b });
    expect(onNet.sharedNetworks).toEqual([net]);
    expect(onNet.onlyDefaultBridge).toBe(false);
    expect(onNet.command).toBe(`docker exec ${a} ping -c1 -W2 ${b}`);
    if (dns) {
      expect(onNet.outcome).toBe('resolved');
      expect(onNet.reachable).toBe(true);
      expect(onNet.address).toBe(
        docker('inspect', b, '--format', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`),
      );
      expect(onNet.output).toContain(`PING ${b}`);
    } else {
      expect(onNet.outcome).toBe('no-name');
    }

    const c = sleeper('c');
    const d = sleeper('d');
    const onBridge = await service.reach({ from: c, to: d });
    expect(onBridge.outcome).toBe('no-name');
    expect(onBridge.reachable).toBe(false);
    expect(onBridge.address).toBeNull();
    expect(onBridge.sharedNetworks).toEqual(['bridge']);
    expect(onBridge.onlyDefaultBridge).toBe(true);
    expect(onBridge.output).toMatch(/bad address/);
  });

  it('says not-running for a stopped container, and no-tool for one without ping, nslookup or getent', async () => {
    const stopped = unique('stopped');
    docker('create', '--name', stopped, 'busybox', 'sleep', '300');
    containers.push(stopped);
    const b = sleeper('peer');
    const result = await service.reach({ from: stopped, to: b });
    expect(result.outcome).toBe('not-running');
    expect(result.reachable).toBe(false);

    const image = buildShelllessImage();
    try {
      const bare = unique('bare');
      docker('run', '-d', '--name', bare, image.tag);
      containers.push(bare);
      const bareResult = await service.reach({ from: bare, to: b });
      expect(bareResult.outcome).toBe('no-tool');
      expect(bareResult.output).toContain('ping, nslookup, getent');
    } finally {
      image.remove();
    }
  });

  it('falls back to nslookup in a container without ping', async () => {
    const tag = `berth-net-noping:${process.pid}`;
    const context = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-noping-'));
    try {
      // busybox's applets are links to one program: without /bin/ping, nslookup is still there.
      fs.writeFileSync(path.join(context, 'Dockerfile'), 'FROM busybox\nRUN rm /bin/ping\n');
      docker('build', '-q', '-t', tag, context);
      const net = network('noping');
      const from = unique('noping');
      docker('run', '-d', '--name', from, '--network', net, tag, 'sleep', '300');
      containers.push(from);
      const to = sleeper('target', '--network', net);
      const result = await service.reach({ from, to });
      expect(result.command).toBe(`docker exec ${from} nslookup ${to}`);
      if (family === 'docker') {
        expect(result.outcome).toBe('resolved');
        expect(result.address).toBe(
          docker('inspect', to, '--format', `{{(index .NetworkSettings.Networks "${net}").IPAddress}}`),
        );
      } else {
        expect(result.outcome).toBe('no-name');
      }
    } finally {
      fs.rmSync(context, { recursive: true, force: true });
      for (const name of containers.splice(0)) dockerQuiet('rm', '-f', name);
      dockerQuiet('rmi', tag);
    }
  });

  it('streams a network created with the CLI, without a request', async () => {
    const seen: Network[][] = [];
    const stop = service.subscribe((list) => seen.push(list));
    try {
      await waitFor('the first list', () => seen.length > 0, 10_000);
      const name = network('cli');
      await waitFor(`${name} in the stream`, () => seen.some((list) => list.some((n) => n.name === name)), 15_000);
    } finally {
      stop();
    }
  });

  it.runIf(family === 'podman')(
    'on Podman, which sends no network create or remove event, follows the network files instead',
    async () => {
      // No events at all reach this service: only the files can tell it.
      const silent: EngineEventSource = {
        onEngineEvent: () => () => undefined,
        onStatus: () => () => undefined,
        getStatus: () => monitor.getStatus(),
      };
      const filesOnly = new NetworkService({
        getClient: () => monitor.requireClient(),
        monitor: silent,
        isPodman: () => true,
        watchNetworkFiles: watchPodmanNetworkFiles,
      });
      let latest: Network[] = [];
      const stop = filesOnly.subscribe((list) => (latest = list));
      try {
        await waitFor('the first list', () => latest.length > 0, 10_000);
        const name = network('files');
        await waitFor(`${name} in the stream`, () => latest.some((n) => n.name === name), 15_000);
        docker('network', 'rm', name);
        await waitFor(`${name} gone from the stream`, () => !latest.some((n) => n.name === name), 15_000);
      } finally {
        stop();
        filesOnly.dispose();
      }
    },
  );
});
