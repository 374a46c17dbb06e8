import { describe, expect, it } from 'vitest';
import { readToolRun } from '../../src/main/networks/reachOutput';
import { gatewayInSubnet, subnetsOverlap } from '../../src/shared/ipv4Subnets';

describe('reading what ping, nslookup and getent printed', () => {
  it('reads busybox and iputils ping: resolved and answered, resolved and silent, no such name', () => {
    expect(
      readToolRun('ping', {
        exitCode: 0,
        output: 'PING web (172.18.0.3): 56 data bytes\n64 bytes from 172.18.0.3: seq=0 ttl=64 time=0.1 ms\n',
      }),
    ).toEqual({ missing: false, outcome: 'resolved', address: '172.18.0.3' });
    expect(
      readToolRun('ping', {
        exitCode: 1,
        output:
          'PING web (10.0.0.9) 56(84) bytes of data.\n\n--- web ping statistics ---\n1 packets transmitted, 0 received, 100% packet loss',
      }),
    ).toEqual({ missing: false, outcome: 'no-answer', address: '10.0.0.9' });
    expect(readToolRun('ping', { exitCode: 1, output: "ping: bad address 'web'" })).toEqual({
      missing: false,
      outcome: 'no-name',
      address: null,
    });
    expect(readToolRun('ping', { exitCode: 2, output: 'ping: web: Name or service not known' })).toMatchObject({
      outcome: 'no-name',
    });
  });

  it('knows a missing program from a failing one', () => {
    const missing =
      'OCI runtime exec failed: exec failed: unable to start container process: exec: "ping": executable file not found in $PATH: unknown';
    expect(readToolRun('ping', { exitCode: 126, output: missing })).toEqual({ missing: true });
    expect(readToolRun('ping', { exitCode: 127, output: '' })).toEqual({ missing: true });
  });

  it("takes nslookup's answer, not its server's address", () => {
    const answered =
      'Server:\t\t127.0.0.11\nAddress:\t127.0.0.11:53\n\nNon-authoritative answer:\nName:\tdb\nAddress: 172.18.0.4\n';
    expect(readToolRun('nslookup', { exitCode: 0, output: answered })).toEqual({
      missing: false,
      outcome: 'resolved',
      address: '172.18.0.4',
    });
    const unknown = "Server:\t\t10.255.255.53\nAddress:\t10.255.255.53:53\n\n** server can't find db: NXDOMAIN\n";
    expect(readToolRun('nslookup', { exitCode: 1, output: unknown })).toMatchObject({
      outcome: 'no-name',
      address: null,
    });
  });

  it('reads getent hosts', () => {
    expect(readToolRun('getent', { exitCode: 0, output: '172.18.0.4      db' })).toMatchObject({
      outcome: 'resolved',
      address: '172.18.0.4',
    });
    expect(readToolRun('getent', { exitCode: 2, output: '' })).toMatchObject({ outcome: 'no-name' });
  });
});

describe('subnet checks', () => {
  it('finds overlapping IPv4 ranges', () => {
    expect(subnetsOverlap('172.17.0.0/16', '172.17.5.0/24')).toBe(true);
    expect(subnetsOverlap('10.0.0.0/24', '10.0.1.0/24')).toBe(false);
    expect(subnetsOverlap('fd00::/64', '10.0.0.0/8')).toBe(false);
  });

  it('wants a gateway that is a host address of the subnet', () => {
    expect(gatewayInSubnet('10.1.2.1', '10.1.2.0/24')).toBe(true);
    expect(gatewayInSubnet('10.1.2.0', '10.1.2.0/24')).toBe(false);
    expect(gatewayInSubnet('10.1.2.255', '10.1.2.0/24')).toBe(false);
    expect(gatewayInSubnet('10.1.3.1', '10.1.2.0/24')).toBe(false);
  });
});
