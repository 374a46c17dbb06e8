import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiskUsage } from '../../src/shared/diskUsage';
import { formatDiskSize, formatTransferred } from '../../src/shared/dockerUnits';
import { DiskUsageService } from '../../src/main/disk/diskUsageService';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { ImageService } from '../../src/main/images/imageService';
import { commitContainer, docker, dockerQuiet, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';

const prefix = `berth-disk-${process.pid}`;
let counter = 0;
const unique = (what: string) => `${prefix}-${what}-${(counter += 1)}`;

interface CliRow {
  Type: 'Images' | 'Containers' | 'Local Volumes' | 'Build Cache';
  TotalCount: string;
  Active: string;
  Size: string;
  Reclaimable: string;
}

/** `docker system df --format '{{json .}}'`, one row per type. */
function cliDf(): Record<CliRow['Type'], CliRow> {
  const rows = docker('system', 'df', '--format', '{{json .}}')
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as CliRow);
  return Object.fromEntries(rows.map((row) => [row.Type, row])) as Record<CliRow['Type'], CliRow>;
}

interface CliVerbose {
  Images: Array<{ ID: string; UniqueSize: string }>;
  Containers: Array<{ ID: string; Size: string }>;
  Volumes: Array<{ Name: string; Size: string }>;
}

/** `docker system df -v`: each item with its size, as the CLI writes it. */
function cliDfVerbose(): CliVerbose {
  return JSON.parse(docker('system', 'df', '-v', '--format', '{{json .}}')) as CliVerbose;
}

/** The CLI's RECLAIMABLE column: the size, then the share in whole percent when the total is not zero. */
function cliReclaimable(reclaimable: number, size: number, percent: boolean): string {
  const text = formatDiskSize(reclaimable);
  return percent && size > 0 ? `${text} (${Math.floor((reclaimable * 100) / size)}%)` : text;
}

const cliTypes = [
  ['images', 'Images'],
  ['containers', 'Containers'],
  ['volumes', 'Local Volumes'],
  ['buildCache', 'Build Cache'],
] as const;

describe.skipIf(!requireEngine.available)('disk usage and the clean-up against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const getClient = () => monitor.requireClient();
  const images = new ImageService({ getClient, monitor });
  const disk = new DiskUsageService({
    getClient,
    isPodman: () => monitor.getStatus().server?.family === 'podman',
    listImages: () => images.list(),
  });
  const podman = requireEngine.available && engineFamily() === 'podman';
  const containers: string[] = [];
  const madeImages: string[] = [];
  const volumes: string[] = [];

  /** A stopped container that wrote about 1 MB: its writable layer has a size to free. */
  function stoppedContainer(): string {
    const name = unique('stopped');
    docker('run', '--name', name, 'busybox', 'sh', '-c', 'dd if=/dev/zero of=/filler bs=1024 count=1024 2>/dev/null');
    containers.push(name);
    return docker('container', 'inspect', name, '--format', '{{.Id}}');
  }

  /** An image without a tag (dangling), committed from a container that wrote a file of its own. */
  function danglingImage(): string {
    const name = unique('src');
    docker('run', '--name', name, 'busybox', 'sh', '-c', `echo ${name} > /made-by-berth-test`);
    containers.push(name);
    const id = commitContainer(name);
    madeImages.push(id);
    return id;
  }

  function volume(): string {
    const name = unique('vol');
    docker('volume', 'create', name);
    volumes.push(name);
    return name;
  }

  const exists = (kind: 'container' | 'image' | 'volume', id: string) => dockerQuiet(kind, 'inspect', id) !== '';

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
  });
  afterAll(() => {
    for (const name of containers) dockerQuiet('rm', '-f', name);
    for (const id of madeImages) dockerQuiet('rmi', '-f', id);
    for (const name of volumes) dockerQuiet('volume', 'rm', name);
    images.dispose();
    monitor.stop();
  });

  /**
   * Berth's reading and the CLI's, taken when nothing changed in between (the engine is shared: other
   * tests make and remove things): Berth, the CLI, Berth again, until both of Berth's agree.
   */
  async function steadyReadings(): Promise<{ usage: DiskUsage; cli: Record<CliRow['Type'], CliRow> }> {
    const key = (usage: DiskUsage) =>
      JSON.stringify(
        cliTypes.map(([category]) => [usage[category].count, usage[category].size, usage[category].reclaimable]),
      );
    for (let attempt = 0; ; attempt += 1) {
      const first = await disk.usage();
      const cli = cliDf();
      const second = await disk.usage();
      if (key(first) === key(second) || attempt === 10) return { usage: second, cli };
    }
  }

  it('counts each category as `docker system df` does: total, active, size and reclaimable', async () => {
    stoppedContainer();
    danglingImage();
    volume();
    const { usage, cli } = await steadyReadings();
    for (const [category, type] of cliTypes) {
      const ours = usage[category];
      const row = cli[type];
      expect(String(ours.count), `${type} TOTAL`).toBe(row.TotalCount);
      expect(ours.items).toHaveLength(ours.count);
      // Podman's answer has no layer total and no shared sizes, so the CLI prints 0B and a negative
      // figure for images there; Berth adds the images' sizes instead.
      if (podman && category === 'images') continue;
      expect(formatDiskSize(ours.size), `${type} SIZE`).toBe(row.Size);
      expect(cliReclaimable(ours.reclaimable, ours.size, category !== 'buildCache'), `${type} RECLAIMABLE`).toBe(
        row.Reclaimable,
      );
    }
    expect(usage.buildCache.unsupported).toBe(podman);
    expect(usage.reclaimable).toBe(
      usage.images.reclaimable +
        usage.containers.reclaimable +
        usage.volumes.reclaimable +
        usage.buildCache.reclaimable,
    );
  });

  it('lists each item with the size `docker system df -v` gives it, and its state', async () => {
    const container = stoppedContainer();
    const image = danglingImage();
    const name = volume();
    const usage = await disk.usage();
    const verbose = cliDfVerbose();
    const ourContainer = usage.containers.items.find((item) => item.id === container)!;
    expect(ourContainer).toMatchObject({ state: 'stopped', reclaimable: true });
    expect(ourContainer.size).toBeGreaterThan(1_000_000);
    const ourImage = usage.images.items.find((item) => item.id === image)!;
    expect(ourImage).toMatchObject({ state: 'dangling', reclaimable: true });
    expect(usage.volumes.items.find((item) => item.id === name)).toMatchObject({ state: 'unused', reclaimable: true });
    if (!podman) {
      // The CLI writes a container's size with 3 significant digits, an image's with 4.
      expect(formatTransferred(ourContainer.size)).toBe(verbose.Containers.find((c) => c.ID === container)!.Size);
      expect(formatDiskSize(ourImage.size)).toBe(verbose.Images.find((i) => i.ID === image)!.UniqueSize);
    }
  });

  it('plans exactly the stopped containers and dangling images it finds, and not the running or used ones', async () => {
    const stopped = stoppedContainer();
    const dangling = danglingImage();
    const runningName = unique('running');
    docker('run', '-d', '--name', runningName, 'busybox', 'sleep', '300');
    containers.push(runningName);
    const running = docker('container', 'inspect', runningName, '--format', '{{.Id}}');
    // A tagged image no container uses is "unused", not dangling; one a container uses is neither.
    const tagged = unique('tagged');
    const taggedId = commitContainer(containers.at(-2)!, `${tagged}:1`);
    madeImages.push(taggedId);
    const usedId = danglingImage();
    const user = unique('user');
    docker('create', '--name', user, usedId);
    containers.push(user);

    const plan = await disk.plan({ kinds: ['stoppedContainers', 'danglingImages', 'unusedImages'] });
    const ids = (kind: string) => plan.groups.find((group) => group.kind === kind)!.items.map((item) => item.id);
    expect(plan.groups.map((group) => group.kind)).toEqual(['stoppedContainers', 'danglingImages', 'unusedImages']);
    expect(ids('stoppedContainers')).toContain(stopped);
    expect(ids('stoppedContainers')).not.toContain(running);
    expect(ids('danglingImages')).toContain(dangling);
    expect(ids('danglingImages')).not.toContain(taggedId);
    expect(ids('unusedImages')).toContain(taggedId);
    expect([...ids('danglingImages'), ...ids('unusedImages')]).not.toContain(usedId);
    // Every stopped container of the engine and nothing else, as the CLI lists them (read again
    // while other tests on this shared engine change the list in between).
    const cliStopped = () =>
      docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.State}}')
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(' '))
        .filter(([, state]) => state === 'exited' || state === 'created' || state === 'dead')
        .map(([id]) => id!)
        .sort();
    let planned = ids('stoppedContainers').sort();
    for (let attempt = 0; attempt < 5 && JSON.stringify(planned) !== JSON.stringify(cliStopped()); attempt += 1) {
      planned = (await disk.plan({ kinds: ['stoppedContainers'] })).groups[0]!.items.map((item) => item.id).sort();
    }
    expect(planned).toEqual(cliStopped());
    for (const group of plan.groups) {
      expect(group.bytes).toBe(group.items.reduce((total, item) => total + item.size, 0));
    }
    expect(plan.bytes).toBe(plan.groups.reduce((total, group) => total + group.bytes, 0));
    docker('rm', '-f', runningName);
  });

  it('frees what the plan said, checked against `docker system df -v` before and after', async () => {
    const container = stoppedContainer();
    const image = danglingImage();
    const plan = await disk.plan({ kinds: ['stoppedContainers', 'danglingImages'] });
    const planned = plan.groups
      .flatMap((group) => group.items)
      .filter((item) => item.id === container || item.id === image);
    expect(planned.map((item) => item.id).sort()).toEqual([container, image].sort());
    const before = podman ? null : cliDfVerbose();

    // Only our own ids: other tests' containers on this engine are not ours to remove.
    const result = await disk.cleanUp({ containers: [container], images: [image] });

    expect(result.failed).toEqual([]);
    expect(result.removed).toEqual([
      { kind: 'stoppedContainers', id: container, label: expect.any(String) },
      { kind: 'danglingImages', id: image, label: expect.any(String) },
    ]);
    expect(exists('container', container)).toBe(false);
    expect(exists('image', image)).toBe(false);
    expect(result.before.containers.items.some((item) => item.id === container)).toBe(true);
    expect(result.after.containers.items.some((item) => item.id === container)).toBe(false);
    expect(result.after.images.items.some((item) => item.id === image)).toBe(false);
    if (before) {
      // The CLI gave these items the sizes the plan said; after, it lists them no more.
      const cliSize = (item: (typeof planned)[number]) =>
        item.id === container
          ? before.Containers.find((c) => c.ID === container)!.Size
          : before.Images.find((i) => i.ID === image)!.UniqueSize;
      for (const item of planned) {
        const format = item.id === container ? formatTransferred : formatDiskSize;
        expect(format(item.size)).toBe(cliSize(item));
      }
      const after = cliDfVerbose();
      expect(after.Containers.some((c) => c.ID === container)).toBe(false);
      expect(after.Images.some((i) => i.ID === image)).toBe(false);
    }
  });

  it('never removes a volume unless it is listed and confirmed, and leaves an unlisted unused one', async () => {
    const listed = volume();
    const unlisted = volume();
    const plan = await disk.plan({ kinds: ['unusedVolumes'] });
    const planned = plan.groups[0]!.items.map((item) => item.id);
    expect(planned).toEqual(expect.arrayContaining([listed, unlisted]));

    await expect(disk.cleanUp({ volumes: [listed] })).rejects.toMatchObject({ code: 'confirmation-required' });
    await expect(disk.cleanUp({ volumes: [listed], confirmVolumes: [unlisted] })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    expect(exists('volume', listed)).toBe(true);
    // A refused clean-up removes nothing at all, not even the container listed beside the volume.
    const container = stoppedContainer();
    await expect(disk.cleanUp({ containers: [container], volumes: [listed] })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    expect(exists('container', container)).toBe(true);

    const result = await disk.cleanUp({ volumes: [listed], confirmVolumes: [listed, unlisted] });
    expect(result.removed).toEqual([{ kind: 'unusedVolumes', id: listed, label: listed }]);
    expect(exists('volume', listed)).toBe(false);
    expect(exists('volume', unlisted)).toBe(true);
  });

  it('leaves a volume a container uses, even when listed and confirmed', async () => {
    const name = volume();
    const user = unique('mounts');
    docker('create', '--name', user, '-v', `${name}:/data`, 'busybox');
    containers.push(user);
    const result = await disk.cleanUp({ volumes: [name], confirmVolumes: [name] });
    expect(result.removed).toEqual([]);
    expect(result.failed).toEqual([expect.objectContaining({ kind: 'unusedVolumes', id: name, code: 'in-use' })]);
    expect(exists('volume', name)).toBe(true);
  });

  it('keeps an image that gained a container between the plan and the clean-up, and a container that started', async () => {
    const image = danglingImage();
    // Created, never started: stopped until the test starts it.
    const sleeper = unique('sleeper');
    const container = docker('create', '--name', sleeper, 'busybox', 'sleep', '300');
    containers.push(sleeper);
    const plan = await disk.plan({ kinds: ['danglingImages', 'stoppedContainers'] });
    expect(plan.groups.flatMap((group) => group.items).map((item) => item.id)).toEqual(
      expect.arrayContaining([image, container]),
    );
    const user = unique('late-user');
    docker('create', '--name', user, image);
    containers.push(user);
    docker('start', sleeper);

    const result = await disk.cleanUp({ images: [image], containers: [container] });
    expect(result.removed).toEqual([]);
    expect(result.failed.map((item) => [item.id, item.code]).sort()).toEqual(
      [
        [container, 'in-use'],
        [image, 'in-use'],
      ].sort(),
    );
    expect(exists('image', image)).toBe(true);
    expect(exists('container', container)).toBe(true);
  });

  it('untags a multi-tag unused image tag by tag, without force', async () => {
    const src = unique('multi-src');
    docker('run', '--name', src, 'busybox', 'sh', '-c', `echo ${src} > /made-by-berth-test`);
    containers.push(src);
    const tag = unique('multi');
    const id = commitContainer(src, `${tag}:a`);
    madeImages.push(id);
    docker('tag', id, `${tag}:b`);
    const result = await disk.cleanUp({ images: [id] });
    expect(result.failed).toEqual([]);
    expect(result.removed).toEqual([{ kind: 'unusedImages', id, label: `${tag}:a, ${tag}:b` }]);
    expect(exists('image', id)).toBe(false);
  });

  it('measures while containers come and go (Podman answers 500 for one gone mid-count)', async () => {
    const { spawn } = await import('node:child_process');
    const churnName = unique('churn');
    // Short-lived containers, one after another, for as long as the measuring runs.
    const churn = spawn(
      'sh',
      [
        '-c',
        `i=0; while [ $i -lt 12 ]; do docker run --rm --name ${churnName}-$i busybox true >/dev/null 2>&1; i=$((i+1)); done`,
      ],
      { stdio: 'ignore' },
    );
    let running = true;
    churn.once('exit', () => (running = false));
    try {
      let measured = 0;
      while (running) {
        const usage = await disk.usage();
        expect(usage.containers.count).toBe(usage.containers.items.length);
        measured += 1;
      }
      expect(measured).toBeGreaterThan(10);
    } finally {
      if (running) {
        churn.kill();
        await new Promise((resolve) => churn.once('exit', resolve));
      }
      for (let index = 0; index < 12; index += 1) dockerQuiet('rm', '-f', `${churnName}-${index}`);
    }
  });

  it('reports a build cache record it cannot find instead of pruning anything', async () => {
    const result = await disk.cleanUp({ buildCache: ['no-such-record-berth-test'] });
    expect(result.removed).toEqual([]);
    expect(result.failed).toEqual([
      expect.objectContaining({ kind: 'buildCache', code: podman ? 'engine-error' : 'not-found' }),
    ]);
  });
});
