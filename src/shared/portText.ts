import type { ContainerPort } from './containers';

/**
 * Who can reach a published port, from the host address it is bound to: "loopback" only this
 * computer (127.0.0.1, ::1), "any" every network this computer is on (0.0.0.0, ::), "specific" one
 * address of this computer, "none" not published (only other containers reach it).
 */
export type PortReach = 'loopback' | 'any' | 'specific' | 'none';

export function portReach(port: Pick<ContainerPort, 'ip' | 'publicPort'>): PortReach {
  if (port.publicPort === null) return 'none';
  const ip = port.ip ?? '';
  if (ip === '' || ip === '0.0.0.0' || ip === '::') return 'any';
  if (ip === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(ip)) return 'loopback';
  return 'specific';
}

function isIpv4(ip: string | null): boolean {
  return ip !== null && /^\d{1,3}(\.\d{1,3}){3}$/.test(ip);
}

/** What an address means apart from its family: 0.0.0.0 and :: are both "every address", 127.0.0.1 and ::1 "this computer". */
function addressMeaning(ip: string | null): string {
  if (ip === null || ip === '') return '';
  if (ip === '0.0.0.0' || ip === '::') return 'any';
  if (ip === '127.0.0.1' || ip === '::1') return 'loopback';
  return ip;
}

/**
 * Each port once. The engine lists an IPv4 and an IPv6 binding of one port apart (0.0.0.0:8080 and
 * [::]:8080, which `docker ps` prints as two); to a user they are one port, shown as the IPv4 one.
 * Bindings that differ in more than the address family stay apart. In `docker ps`'s order: ports
 * published on the same number (or not published) first, then the others; each part by container
 * port, address, host port and protocol.
 */
export function mergeAddressFamilies(ports: readonly ContainerPort[]): ContainerPort[] {
  const byKey = new Map<string, ContainerPort>();
  for (const port of ports) {
    const key = `${port.privatePort}/${port.type}|${port.publicPort ?? ''}|${addressMeaning(port.ip)}`;
    const seen = byKey.get(key);
    if (!seen || (!isIpv4(seen.ip) && isIpv4(port.ip))) byKey.set(key, port);
  }
  const mapped = (port: ContainerPort) => Number(port.publicPort !== null && port.publicPort !== port.privatePort);
  return [...byKey.values()].sort(
    (a, b) =>
      mapped(a) - mapped(b) ||
      a.privatePort - b.privatePort ||
      byteOrder(a.ip ?? '', b.ip ?? '') ||
      (a.publicPort ?? 0) - (b.publicPort ?? 0) ||
      byteOrder(a.type, b.type),
  );
}

/** Go's string order (by character code), not the locale's: "0.0.0.0" before "::" as in `docker ps`. */
function byteOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** An address with its port or port range, IPv6 in brackets: "127.0.0.1:8080", "[::1]:8000-8001". */
function hostAndPort(ip: string, port: number | string): string {
  return ip.includes(':') ? `[${ip}]:${port}` : `${ip}:${port}`;
}

/** A port, or `count` consecutive ones from it published the same way (8000-8001 on 8000-8001). */
export type PortRange = ContainerPort & { count?: number };

/** "8000" for one port, "8000-8001" for two from 8000. */
function numbers(first: number, count: number): string {
  return count > 1 ? `${first}-${first + count - 1}` : String(first);
}

/**
 * One port or range as `docker ps` prints it, with an arrow: "127.0.0.1:18091→53/udp" for a
 * published one, "0.0.0.0:8000-8001→8000-8001/tcp" for a range, "80/tcp" for one the image exposes
 * but nobody published.
 */
export function portText(port: PortRange): string {
  const count = port.count ?? 1;
  const inside = `${numbers(port.privatePort, count)}/${port.type}`;
  if (port.publicPort === null) return inside;
  return `${hostAndPort(port.ip || '0.0.0.0', numbers(port.publicPort, count))}→${inside}`;
}

/**
 * Consecutive ports as one range, as `docker ps` groups them: only ports published on their own
 * number (or not published) on the same address and protocol; a port mapped to another number stays
 * alone ("0.0.0.0:18100→8000/tcp"). Expects mergeAddressFamilies's order.
 */
export function groupPortRanges(ports: readonly ContainerPort[]): PortRange[] {
  const ranges: Array<ContainerPort & { count: number }> = [];
  for (const port of ports) {
    const groupable = port.publicPort === null || port.publicPort === port.privatePort;
    const last = ranges.at(-1);
    if (
      groupable &&
      last &&
      (last.publicPort === null || last.publicPort === last.privatePort) &&
      (last.publicPort === null) === (port.publicPort === null) &&
      (last.ip ?? '') === (port.ip ?? '') &&
      last.type === port.type &&
      last.privatePort + last.count === port.privatePort
    ) {
      last.count += 1;
      continue;
    }
    ranges.push({ ...port, count: 1 });
  }
  return ranges;
}

/** The address a program on this computer uses to reach the port: localhost unless it is bound to one other address. */
export function localHost(port: Pick<ContainerPort, 'ip' | 'publicPort'>): string {
  return portReach(port) === 'specific' ? (port.ip ?? 'localhost') : 'localhost';
}

/**
 * The web address of a published TCP port this computer reaches through localhost; null for UDP,
 * unpublished ports and ports bound to one other address (Berth opens only localhost in the browser).
 */
export function localWebAddress(port: ContainerPort): string | null {
  if (port.type !== 'tcp' || port.publicPort === null) return null;
  const reach = portReach(port);
  if (reach !== 'any' && reach !== 'loopback') return null;
  return `http://localhost:${port.publicPort}`;
}

/** Well-known programs by the port they listen on inside the container, with the command that talks to them. */
const knownServices: Record<string, { name: string; command: (host: string, port: number) => string }> = {
  '6379/tcp': {
    name: 'Redis',
    command: (host, port) => `redis-cli${host === 'localhost' ? '' : ` -h ${host}`} -p ${port} ping`,
  },
  '5432/tcp': { name: 'PostgreSQL', command: (host, port) => `psql -h ${host} -p ${port} -U postgres` },
  '3306/tcp': {
    name: 'MySQL',
    command: (host, port) => `mysql -h ${host === 'localhost' ? '127.0.0.1' : host} -P ${port} -u root -p`,
  },
  '27017/tcp': { name: 'MongoDB', command: (host, port) => `mongosh --host ${host} --port ${port}` },
  '11211/tcp': { name: 'Memcached', command: (host, port) => `nc ${host} ${port}` },
  '22/tcp': { name: 'SSH', command: (host, port) => `ssh -p ${port} root@${host}` },
  '53/udp': {
    name: 'DNS',
    command: (host, port) => `dig @${host === 'localhost' ? '127.0.0.1' : host} -p ${port} example.com`,
  },
};

/**
 * How to reach a port that is not a web page: the program that usually listens on it and the
 * command that talks to it, or null for both when the port is not a well-known one.
 */
export function portClient(port: ContainerPort): { service: string; command: string } | null {
  if (port.publicPort === null) return null;
  const known = knownServices[`${port.privatePort}/${port.type}`];
  if (!known) return null;
  return { service: known.name, command: known.command(localHost(port), port.publicPort) };
}
