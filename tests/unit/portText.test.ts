import { describe, expect, it } from 'vitest';
import type { ContainerPort } from '../../src/shared/containers';
import {
  groupPortRanges,
  localWebAddress,
  mergeAddressFamilies,
  portClient,
  portReach,
  portText,
} from '../../src/shared/portText';

const port = (
  ip: string | null,
  privatePort: number,
  publicPort: number | null,
  type: ContainerPort['type'] = 'tcp',
): ContainerPort => ({ ip, privatePort, publicPort, type });

describe('portText', () => {
  it('writes a published port as docker ps does, with its address and protocol', () => {
    expect(portText(port('127.0.0.1', 53, 18091, 'udp'))).toBe('127.0.0.1:18091→53/udp');
    expect(portText(port('0.0.0.0', 80, 18092))).toBe('0.0.0.0:18092→80/tcp');
    expect(portText(port('::1', 80, 8080))).toBe('[::1]:8080→80/tcp');
  });

  it('writes a port nobody published as the container port alone', () => {
    expect(portText(port(null, 9000, null))).toBe('9000/tcp');
  });
});

describe('mergeAddressFamilies', () => {
  it('shows the IPv4 and IPv6 bindings of one port once, as the IPv4 one', () => {
    expect(mergeAddressFamilies([port('::', 80, 8080), port('0.0.0.0', 80, 8080)])).toEqual([
      port('0.0.0.0', 80, 8080),
    ]);
    expect(mergeAddressFamilies([port('::1', 80, 8080), port('127.0.0.1', 80, 8080)])).toEqual([
      port('127.0.0.1', 80, 8080),
    ]);
  });

  it('keeps a UDP and a TCP port of one number apart, and every address kind apart', () => {
    expect(
      mergeAddressFamilies([port('0.0.0.0', 53, 5353, 'udp'), port('0.0.0.0', 53, 5353, 'tcp'), port('::', 53, 5353)]),
    ).toEqual([port('0.0.0.0', 53, 5353, 'tcp'), port('0.0.0.0', 53, 5353, 'udp')]);
    expect(mergeAddressFamilies([port('0.0.0.0', 80, 8080), port('127.0.0.1', 80, 8081)])).toHaveLength(2);
  });

  it('orders as docker ps: same-number ports first, then the mapped ones by container port', () => {
    const ordered = mergeAddressFamilies([port('0.0.0.0', 80, 8080), port('0.0.0.0', 443, 443), port(null, 22, null)]);
    expect(ordered.map(portText)).toEqual(['22/tcp', '0.0.0.0:443→443/tcp', '0.0.0.0:8080→80/tcp']);
  });
});

describe('who reaches a port', () => {
  it('tells only-this-computer from any-network, a single address and unpublished', () => {
    expect(portReach(port('127.0.0.1', 80, 8080))).toBe('loopback');
    expect(portReach(port('::1', 80, 8080))).toBe('loopback');
    expect(portReach(port('0.0.0.0', 80, 8080))).toBe('any');
    expect(portReach(port('::', 80, 8080))).toBe('any');
    expect(portReach(port('192.168.1.20', 80, 8080))).toBe('specific');
    expect(portReach(port(null, 80, null))).toBe('none');
  });

  it('offers a localhost web address only for published TCP ports this computer reaches through localhost', () => {
    expect(localWebAddress(port('0.0.0.0', 80, 8080))).toBe('http://localhost:8080');
    expect(localWebAddress(port('127.0.0.1', 80, 8080))).toBe('http://localhost:8080');
    expect(localWebAddress(port('127.0.0.1', 53, 18091, 'udp'))).toBeNull();
    expect(localWebAddress(port(null, 80, null))).toBeNull();
    expect(localWebAddress(port('192.168.1.20', 80, 8080))).toBeNull();
  });

  it('knows the command for well-known programs, on the host port, and nothing for others', () => {
    expect(portClient(port('0.0.0.0', 6379, 6379))).toEqual({ service: 'Redis', command: 'redis-cli -p 6379 ping' });
    expect(portClient(port('127.0.0.1', 5432, 15432))?.command).toBe('psql -h localhost -p 15432 -U postgres');
    expect(portClient(port('192.168.1.20', 6379, 6380))?.command).toBe('redis-cli -h 192.168.1.20 -p 6380 ping');
    expect(portClient(port('0.0.0.0', 9999, 9999))).toBeNull();
    expect(portClient(port(null, 6379, null))).toBeNull();
  });
});

describe('port ranges, grouped as docker ps groups them', () => {
  const texts = (ports: ContainerPort[]) => groupPortRanges(mergeAddressFamilies(ports)).map(portText);

  it('writes consecutive ports published on their own numbers as one range', () => {
    // docker ps: "0.0.0.0:8000-8001->8000-8001/tcp"
    expect(texts([port('0.0.0.0', 8000, 8000), port('0.0.0.0', 8001, 8001), port('::', 8000, 8000)])).toEqual([
      '0.0.0.0:8000-8001→8000-8001/tcp',
    ]);
    // docker ps: "9000-9001/tcp" for exposed, unpublished ports.
    expect(texts([port(null, 9001, null), port(null, 9000, null)])).toEqual(['9000-9001/tcp']);
  });

  it('keeps ports mapped to other numbers, gaps, other protocols and other addresses apart, as docker ps does', () => {
    // docker ps: "0.0.0.0:18100->8000/tcp, 0.0.0.0:18101->8001/tcp" for -p 18100-18101:8000-8001
    expect(texts([port('0.0.0.0', 8000, 18100), port('0.0.0.0', 8001, 18101)])).toEqual([
      '0.0.0.0:18100→8000/tcp',
      '0.0.0.0:18101→8001/tcp',
    ]);
    expect(texts([port('0.0.0.0', 80, 80), port('0.0.0.0', 82, 82)])).toEqual([
      '0.0.0.0:80→80/tcp',
      '0.0.0.0:82→82/tcp',
    ]);
    expect(texts([port('0.0.0.0', 53, 53, 'tcp'), port('0.0.0.0', 54, 54, 'udp')])).toHaveLength(2);
    expect(texts([port('127.0.0.1', 80, 80), port('0.0.0.0', 81, 81)])).toHaveLength(2);
  });
});
