import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toContainerSummary, type ContainerInfoJson } from '../../src/main/containers/containerSummary';
import { HttpProbe } from '../../src/main/containers/httpProbe';
import { createDockerClient } from '../../src/main/engine/dockerConnection';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { BerthError } from '../../src/shared/errors';
import { groupPortRanges, portText } from '../../src/shared/portText';
import { docker, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * `docker ps --format '{{.Ports}}'` with the arrow Berth draws, and without the IPv6 twin of an IPv4
 * binding (":::18092->80/tcp" or "[::]:18092->80/tcp" beside "0.0.0.0:18092->80/tcp"), which Berth
 * shows as one port.
 */
function dockerPsPorts(name: string): string[] {
  const entries = docker('ps', '--filter', `name=^${name}$`, '--format', '{{.Ports}}')
    .split(', ')
    .filter(Boolean)
    .map((entry) => entry.replace('->', '→'));
  return entries.filter((entry) => {
    const twin = /^(?::::|\[::\]:)(.*)$/.exec(entry);
    return !twin || !entries.includes(`0.0.0.0:${twin[1]}`);
  });
}

describe.skipIf(!requireEngine.available)('published ports, against the real engine', () => {
  let client: Docker;
  const suffix = randomBytes(4).toString('hex');
  const label = `berth.test.ports=${suffix}`;
  const web = `berth-ports-web-${suffix}`;
  const redis = `berth-ports-redis-${suffix}`;
  const silent = `berth-ports-silent-${suffix}`;
  const ranges = `berth-ports-ranges-${suffix}`;

  async function summaryOf(name: string) {
    const [info] = await client.listContainers({ all: true, filters: { name: [`^${name}$`] } });
    if (!info) throw new Error(`${name} is not listed`);
    return toContainerSummary(info as unknown as ContainerInfoJson);
  }

  function hostPort(name: string, inside: string): number {
    const mapping = docker('port', name, inside).split('\n')[0] ?? '';
    return Number(mapping.slice(mapping.lastIndexOf(':') + 1));
  }

  /** Until something accepts connections on the port (the server inside has started). */
  async function untilListening(probe: () => Promise<boolean>): Promise<void> {
    for (let attempt = 0; attempt < 40 && !(await probe()); attempt++) await sleep(250);
  }

  beforeAll(() => {
    const resolution = resolveEndpoint(realHostSystem(process.env));
    if (!resolution.ok) throw new Error(`no engine endpoint: ${resolution.problem.message}`);
    client = createDockerClient(resolution.endpoint);
    for (const image of ['busybox', 'redis']) if (!imageExists(image)) docker('pull', '-q', image);
    // busybox's httpd serves / on 80; 53/udp is published only on loopback, like a DNS server would be.
    docker(
      'run', '-d', '--name', web, '--label', label,
      '-p', '127.0.0.1:18091:53/udp', '-p', '18092:80',
      'busybox', 'httpd', '-f', '-p', '80', '-h', '/',
    ); // prettier-ignore
    docker('run', '-d', '--name', redis, '--label', label, '-p', '127.0.0.1::6379', 'redis');
    // Accepts connections and never answers: not a web server either.
    // A range mapped to other numbers (docker ps lists it port by port) and one on its own numbers (grouped).
    docker('run', '-d', '--name', ranges, '--label', label, '-p', '18100-18101:8000-8001', '-p', '18102-18103:18102-18103', 'busybox', 'sleep', '600'); // prettier-ignore
    docker('run', '-d', '--name', silent, '--label', label, '-p', '127.0.0.1::7000', 'busybox', 'nc', '-ll', '-p', '7000', '-e', 'sleep', '600'); // prettier-ignore
  });

  afterAll(() => {
    const ids = docker('ps', '-aq', '--filter', `label=${label}`);
    if (ids) docker('rm', '-f', ...ids.split('\n'));
  });

  it('shows the ports as docker ps does, with one entry for an IPv4 and IPv6 pair', async () => {
    const summary = await summaryOf(web);
    const shown = summary.ports.map(portText);
    // Podman lists a port published on every address with no address, which the docker CLI then
    // prints as "80/tcp", hiding the host port: Berth shows it as dockerd's "0.0.0.0:18092".
    if (engineFamily() === 'docker') expect(shown).toEqual(dockerPsPorts(web));
    expect(shown).toEqual(['127.0.0.1:18091→53/udp', '0.0.0.0:18092→80/tcp']);
  });

  it('groups consecutive ports into ranges as docker ps does', async () => {
    const summary = await summaryOf(ranges);
    const shown = groupPortRanges(summary.ports).map(portText);
    // Podman's Docker-compatible list gives only the first port of a published range: nothing to group there.
    if (engineFamily() !== 'docker') return;
    expect(shown).toEqual(dockerPsPorts(ranges));
    expect(shown).toEqual(['0.0.0.0:18102-18103→18102-18103/tcp', '0.0.0.0:18100→8000/tcp', '0.0.0.0:18101→8001/tcp']);
  });

  it('says a busybox httpd port answers HTTP, and a Redis or a silent port does not', async () => {
    const probe = new HttpProbe({ cacheMs: 0, timeoutMs: 1000 });
    await untilListening(async () => (await probe.probe({ ip: '0.0.0.0', port: 18092 })).answersHttp);
    expect(await probe.probe({ ip: '0.0.0.0', port: 18092 })).toEqual({ answersHttp: true });
    expect(await probe.probe({ ip: '::', port: 18092 })).toEqual({ answersHttp: true });

    const redisPort = hostPort(redis, '6379/tcp');
    await untilListening(async () => docker('exec', redis, 'redis-cli', 'ping') === 'PONG');
    expect(await probe.probe({ ip: '127.0.0.1', port: redisPort })).toEqual({ answersHttp: false });
    // Redis still answers its own clients afterwards: the check did no harm.
    expect(docker('exec', redis, 'redis-cli', 'ping')).toBe('PONG');

    await untilListening(async () => docker('exec', silent, 'netstat', '-ltn').includes(':7000 '));
    expect(await probe.probe({ ip: '127.0.0.1', port: hostPort(silent, '7000/tcp') })).toEqual({
      answersHttp: false,
    });
  });

  it('asks only addresses of this computer', async () => {
    const probe = new HttpProbe({ localAddresses: () => ['127.0.0.1', '192.0.2.10'] });
    await expect(probe.probe({ ip: '203.0.113.7', port: 80 })).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(probe.probe({ ip: '0.0.0.0', port: 0 })).rejects.toBeInstanceOf(BerthError);
  });
});
