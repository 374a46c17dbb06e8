import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containerSummarySchema, type ContainerSummary } from '../../src/shared/containers';
import {
  containerName,
  exitCodeOf,
  healthOf,
  imageName,
  summarizePorts,
  toContainerSummary,
  type ContainerInfoJson,
} from '../../src/main/containers/containerSummary';

/**
 * GET /containers/json?all=1 from a docker.io 20.10 engine, after making containers with ports
 * (published on 0.0.0.0 and ::, on 127.0.0.1, udp, exposed only), health checks, exit codes, a
 * paused, a restarting and a compose-labelled one (tests/fixtures/containers-json.json).
 */
const rows = JSON.parse(
  fs.readFileSync(new URL('../fixtures/containers-json.json', import.meta.url), 'utf8'),
) as ContainerInfoJson[];
const summaries = rows.map(toContainerSummary);
const byName = (name: string): ContainerSummary => {
  const found = summaries.find((summary) => summary.name === name);
  if (!found) throw new Error(`no ${name} in the fixture`);
  return found;
};

describe('toContainerSummary with the engine’s own JSON', () => {
  it('produces rows the contract accepts, one per container, named without "/"', () => {
    expect(summaries).toHaveLength(rows.length);
    for (const summary of summaries) expect(containerSummarySchema.parse(summary)).toEqual(summary);
    expect(summaries.map((summary) => summary.name).sort()).toEqual(rows.map((row) => row.Names[0]!.slice(1)).sort());
    for (const summary of summaries) expect(summary.name.startsWith('/')).toBe(false);
  });

  it('keeps id, image, command, created and status as the engine says them', () => {
    rows.forEach((row, index) => {
      const summary = summaries[index]!;
      expect(summary.id).toBe(row.Id);
      expect(summary.image).toBe(row.Image);
      expect(summary.imageId).toBe(row.ImageID);
      expect(summary.command).toBe(row.Command);
      expect(summary.created).toBe(row.Created);
      expect(summary.status).toBe(row.Status);
      expect(summary.state).toBe(row.State);
    });
  });

  it('reads every state the fixture holds', () => {
    expect(byName('bf-web').state).toBe('running');
    expect(byName('bf-paused').state).toBe('paused');
    expect(byName('bf-created').state).toBe('created');
    expect(byName('bf-exit0').state).toBe('exited');
    expect(byName('bf-restarting').state).toBe('restarting');
  });

  it('parses health from the status words', () => {
    expect(byName('bf-healthy').health).toBe('healthy');
    expect(byName('bf-unhealthy').health).toBe('unhealthy');
    expect(byName('bf-starting').health).toBe('starting');
    expect(byName('bf-web').health).toBeNull();
    expect(byName('bf-exit0').health).toBeNull();
  });

  it('parses the exit code of exited containers only', () => {
    expect(byName('bf-exit0').exitCode).toBe(0);
    expect(byName('bf-exit3').exitCode).toBe(3);
    expect(byName('bf-killed').exitCode).toBe(137);
    expect(byName('bf-web').exitCode).toBeNull();
    expect(byName('bf-created').exitCode).toBeNull();
    expect(byName('bf-paused').exitCode).toBeNull();
    // "Restarting (2) …" carries the last exit code, but the container is not exited.
    expect(byName('bf-restarting').exitCode).toBeNull();
  });

  it('shows a port published on 0.0.0.0 and :: once, as 0.0.0.0, and keeps the others', () => {
    // The engine lists 0.0.0.0:18080, [::]:18080 and 127.0.0.1:18081/udp.
    expect(rows.find((row) => row.Names[0] === '/bf-web')!.Ports).toHaveLength(3);
    expect(byName('bf-web').ports).toEqual([
      { privatePort: 80, publicPort: 18080, type: 'tcp', ip: '0.0.0.0' },
      { privatePort: 81, publicPort: 18081, type: 'udp', ip: '127.0.0.1' },
    ]);
    expect(byName('bf-redis').ports).toEqual([
      {
        privatePort: 6379,
        publicPort: rows.find((row) => row.Names[0] === '/bf-redis')!.Ports![0]!.PublicPort,
        type: 'tcp',
        ip: '0.0.0.0',
      },
    ]);
    expect(byName('bf-compose-web-1').ports).toEqual([
      { privatePort: 80, publicPort: 18082, type: 'tcp', ip: '127.0.0.1' },
    ]);
    // Exposed but not published: no host side.
    expect(byName('bf-exposed-running').ports).toEqual([
      { privatePort: 9000, publicPort: null, type: 'tcp', ip: null },
      { privatePort: 9000, publicPort: 19000, type: 'udp', ip: '0.0.0.0' },
    ]);
    expect(byName('bf-created').ports).toEqual([]);
  });

  it('reads the compose project and service from the labels', () => {
    expect(byName('bf-compose-web-1')).toMatchObject({ composeProject: 'shop', composeService: 'web' });
    expect(byName('bf-web')).toMatchObject({ composeProject: null, composeService: null });
  });
});

describe('summarizePorts', () => {
  const port = (IP: string | undefined, PrivatePort: number, PublicPort?: number, Type = 'tcp') => ({
    IP,
    PrivatePort,
    PublicPort,
    Type,
  });

  it('prefers the IPv4 binding whatever the order', () => {
    expect(summarizePorts([port('::', 80, 8080), port('0.0.0.0', 80, 8080)])).toEqual([
      { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '0.0.0.0' },
    ]);
  });

  it('treats 127.0.0.1 and ::1 as one loopback binding', () => {
    expect(summarizePorts([port('::1', 80, 8080), port('127.0.0.1', 80, 8080)])).toEqual([
      { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '127.0.0.1' },
    ]);
  });

  it('keeps bindings that differ in more than the address family', () => {
    expect(summarizePorts([port('0.0.0.0', 80, 8080), port('::1', 80, 8080)])).toHaveLength(2);
    expect(summarizePorts([port('0.0.0.0', 80, 8080), port('::', 80, 8081)])).toHaveLength(2);
    expect(summarizePorts([port('0.0.0.0', 53, 5353, 'tcp'), port('::', 53, 5353, 'udp')])).toEqual([
      { privatePort: 53, publicPort: 5353, type: 'tcp', ip: '0.0.0.0' },
      { privatePort: 53, publicPort: 5353, type: 'udp', ip: '::' },
    ]);
  });

  it('keeps an IPv6-only binding as it is, and folds exact duplicates', () => {
    expect(summarizePorts([port('::', 80, 8080)])).toEqual([
      { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '::' },
    ]);
    expect(summarizePorts([port(undefined, 80), port(undefined, 80)])).toEqual([
      { privatePort: 80, publicPort: null, type: 'tcp', ip: null },
    ]);
  });
});

describe('the small parsers', () => {
  it('takes the own name, not a link alias, and falls back to the short id', () => {
    expect(containerName(['/web/db', '/db'], 'a'.repeat(64))).toBe('db');
    expect(containerName([], 'abcdef0123456789')).toBe('abcdef012345');
  });

  it('reads health and exit codes only where the words say so', () => {
    expect(healthOf('Up 2 minutes (health: starting)')).toBe('starting');
    expect(healthOf('Up 2 minutes')).toBeNull();
    expect(exitCodeOf('Exited (143) 3 seconds ago')).toBe(143);
    expect(exitCodeOf('Exited (-1) 3 seconds ago')).toBe(-1);
    expect(exitCodeOf('Up 3 seconds')).toBeNull();
  });

  it('shows an image known only by id as a short id, like docker ps', () => {
    const row = { ...rows[0]!, Image: `sha256:${'ab'.repeat(32)}` };
    expect(toContainerSummary(row).image).toBe('abababababab');
  });
});

describe('imageName: the image as the user typed it, on every engine', () => {
  it("shows Podman's resolved names (GET /containers/json on Podman 4.3) in their familiar form", () => {
    expect(imageName('docker.io/library/busybox:latest')).toBe('busybox');
    expect(imageName('docker.io/library/redis:latest')).toBe('redis');
    expect(imageName('docker.io/library/redis:7')).toBe('redis:7');
    expect(imageName('docker.io/bitnami/redis:latest')).toBe('bitnami/redis');
    expect(imageName('docker.io/library/busybox')).toBe('busybox');
    const digest = `sha256:${'a'.repeat(64)}`;
    expect(imageName(`docker.io/library/busybox@${digest}`)).toBe(`busybox@${digest}`);
  });

  it("keeps dockerd's names as they are, and names of other registries whole", () => {
    expect(imageName('busybox')).toBe('busybox');
    expect(imageName('busybox:latest')).toBe('busybox:latest');
    expect(imageName('127.0.0.1:5000/berth-imgtest/uniq:a')).toBe('127.0.0.1:5000/berth-imgtest/uniq:a');
    expect(imageName('localhost/mine:latest')).toBe('localhost/mine:latest');
    expect(imageName(`sha256:${'e6a268df3cf8'.padEnd(64, '0')}`)).toBe('e6a268df3cf8');
  });

  it('is what a row of Podman’s list shows', () => {
    const row = { ...rows[0]!, Image: 'docker.io/library/busybox:latest' };
    expect(toContainerSummary(row).image).toBe('busybox');
  });
});
