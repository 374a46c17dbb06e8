import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../src/shared/engine';
import type { LocalImage } from '../../src/shared/images';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor, type EngineEvent } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { ImageService, type ImageEventSource } from '../../src/main/images/imageService';
import { commitContainer, docker, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';

function containerExists(id: string): boolean {
  try {
    docker('container', 'inspect', id);
    return true;
  } catch {
    return false;
  }
}

const prefix = `berth-it-${process.pid}`;
let counter = 0;
const unique = (what: string) => `${prefix}-${what}-${(counter += 1)}`;

describe.skipIf(!requireEngine.available)('local images against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const getClient = () => monitor.requireClient();
  let service: ImageService;
  const containers: string[] = [];
  const images: string[] = [];

  /** A container of busybox that made one file: its commit is a small image of its own. */
  function commitImage(tag?: string): string {
    const name = unique('src');
    docker('run', '--name', name, 'busybox', 'sh', '-c', `echo ${name} > /made-by-berth-test`);
    containers.push(name);
    const id = commitContainer(name);
    images.push(id);
    if (tag) docker('tag', id, tag);
    return id;
  }

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
  });
  afterAll(() => monitor.stop());
  afterEach(() => {
    service?.dispose();
    for (const name of containers.splice(0)) {
      try {
        docker('rm', '-f', name);
      } catch {
        // already gone
      }
    }
    for (const id of images.splice(0)) {
      try {
        docker('rmi', '-f', id);
      } catch {
        // already gone
      }
    }
  });

  it('lists busybox with its tag, size and the containers using it, newest first', async () => {
    const name = unique('user');
    const containerId = docker('create', '--name', name, 'busybox');
    containers.push(name);
    service = new ImageService({ getClient, monitor });

    const list = await service.list();
    const busybox = list.find((image) => image.repoTags.includes('busybox:latest'));
    expect(busybox).toBeDefined();
    expect(busybox!.id).toBe(docker('image', 'inspect', 'busybox', '--format', '{{.Id}}'));
    expect(busybox!.size).toBe(Number(docker('image', 'inspect', 'busybox', '--format', '{{.Size}}')));
    expect(busybox!.dangling).toBe(false);
    expect(busybox!.containers).toContainEqual({ id: containerId, name, running: false });
    const created = list.map((image) => image.created);
    expect(created).toEqual([...created].sort((a, b) => b - a));
    // One row per image, as many as `docker images` has ids: it prints an image with two tags twice.
    expect(list.length).toBe(new Set(docker('images', '-q', '--no-trunc').split('\n').filter(Boolean)).size);
  });

  it('refuses a removal whose confirmation does not name the image, and leaves it', async () => {
    const tag = `${unique('keep')}:1`;
    const id = commitImage(tag);
    service = new ImageService({ getClient, monitor });
    await expect(service.remove({ id, confirm: 'busybox:latest' })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    await expect(service.remove({ id: tag, confirm: 'yes' })).rejects.toMatchObject({ code: 'confirmation-required' });
    expect(imageExists(tag)).toBe(true);
    await expect(service.remove({ id: `sha256:${'0'.repeat(64)}`, confirm: 'x' })).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('refuses an image a stopped container uses unless forced with that container confirmed; then removes it', async () => {
    const tag = `${unique('used')}:1`;
    const id = commitImage(tag);
    const name = unique('stopped');
    const containerId = docker('create', '--name', name, tag);
    containers.push(name);
    service = new ImageService({ getClient, monitor });

    const inUse = service.remove({ id, confirm: tag });
    await expect(inUse).rejects.toMatchObject({ code: 'in-use' });
    await expect(inUse).rejects.toThrow(name);
    await expect(service.remove({ id, confirm: tag, force: true })).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    expect(imageExists(tag)).toBe(true);

    const result = await service.remove({
      id,
      confirm: id.slice(7, 19),
      force: true,
      confirmContainers: [containerId],
    });
    expect(result.removed).toContain(tag);
    expect(result.removed).toContain(id);
    expect(imageExists(tag)).toBe(false);
    expect(imageExists(id)).toBe(false);
    // Only what the confirmation named went: dockerd keeps the container (without its image name);
    // Podman cannot, so Berth removed the confirmed container itself, first.
    if (engineFamily() === 'podman') {
      expect(result.removed).toContain(containerId);
      expect(containerExists(containerId)).toBe(false);
    } else {
      expect(result.removed).not.toContain(containerId);
      expect(containerExists(containerId)).toBe(true);
    }
  });

  it("says in-use with the engine's reason when a running container uses the image, even forced", async () => {
    const tag = `${unique('running')}:1`;
    const id = commitImage(tag);
    const name = unique('running');
    const containerId = docker('run', '-d', '--name', name, tag, 'sleep', '60');
    containers.push(name);
    service = new ImageService({ getClient, monitor });
    const refused = service.remove({ id, confirm: tag, force: true, confirmContainers: [containerId] });
    await expect(refused).rejects.toMatchObject({ code: 'in-use' });
    await expect(refused).rejects.toThrow(/cannot be forced|running container/);
    expect(imageExists(tag)).toBe(true);
    // Podman's force would have removed the running container with the image: it still runs.
    expect(docker('inspect', '--format', '{{.State.Running}}', containerId)).toBe('true');
  });

  it('removes an image with several tags, untagging each', async () => {
    const first = `${unique('multi')}:1`;
    const second = `${unique('multi')}:2`;
    const id = commitImage(first);
    docker('tag', id, second);
    service = new ImageService({ getClient, monitor });
    const result = await service.remove({ id, confirm: second });
    expect(result.removed).toEqual(expect.arrayContaining([first, second, id]));
    expect(imageExists(id)).toBe(false);
  });

  it('prunes a dangling image it is given and refuses a tagged one', async () => {
    const dangling = commitImage();
    const busyboxId = docker('image', 'inspect', 'busybox', '--format', '{{.Id}}');
    service = new ImageService({ getClient, monitor });
    const before = await service.list();
    expect(before.find((image) => image.id === dangling)).toMatchObject({ dangling: true, repoTags: [] });

    const result = await service.prune({ ids: [dangling, busyboxId, `sha256:${'f'.repeat(64)}`] });
    expect(result.removed).toContain(dangling);
    expect(result.reclaimedBytes).toBeGreaterThan(0);
    expect(result.failed.map((failure) => failure.id)).toEqual([busyboxId, `sha256:${'f'.repeat(64)}`]);
    expect(result.failed[0]!.message).toContain('busybox:latest');
    expect(imageExists(dangling)).toBe(false);
    expect(imageExists('busybox:latest')).toBe(true);
  });

  it('sends the fresh list after `docker tag` from the CLI', async () => {
    service = new ImageService({ getClient, monitor });
    const tag = `${unique('tagged')}:x`;
    const lists: LocalImage[][] = [];
    const seen = new Promise<LocalImage[]>((resolve) => {
      service.onChange((list) => {
        lists.push(list);
        if (list.some((image) => image.repoTags.includes(tag))) resolve(list);
      });
    });
    docker('tag', 'busybox', tag);
    images.push(tag);
    const list = await seen;
    const busyboxId = docker('image', 'inspect', 'busybox', '--format', '{{.Id}}');
    expect(list.find((image) => image.repoTags.includes(tag))?.id).toBe(busyboxId);
  });

  it('makes one list call per burst of events, one when the engine connects again, and none while idle', async () => {
    // The engine is real; the event source is driven by hand so the burst is exact.
    const events = new Set<(event: EngineEvent) => void>();
    const statuses = new Set<(status: EngineStatus) => void>();
    let status = monitor.getStatus();
    const source: ImageEventSource = {
      onEngineEvent: (listener) => (events.add(listener), () => events.delete(listener)),
      onStatus: (listener) => (statuses.add(listener), () => statuses.delete(listener)),
      getStatus: () => status,
    };
    service = new ImageService({ getClient, monitor: source });
    const listSpy = vi.spyOn(service, 'list');
    const emitted: LocalImage[][] = [];
    const stop = service.onChange((list) => emitted.push(list));
    const fire = (event: EngineEvent) => events.forEach((listener) => listener(event));
    const setStatus = (next: EngineStatus) => {
      status = next;
      statuses.forEach((listener) => listener(next));
    };
    const settle = () => new Promise((resolve) => setTimeout(resolve, 400));

    await settle();
    expect(listSpy).not.toHaveBeenCalled();

    for (const action of ['untag', 'delete', 'tag', 'pull']) fire({ Type: 'image', Action: action });
    fire({ Type: 'container', Action: 'create' });
    fire({ Type: 'container', Action: 'start' });
    fire({ Type: 'network', Action: 'connect' });
    await settle();
    expect(listSpy).toHaveBeenCalledTimes(1);
    expect(emitted).toHaveLength(1);

    fire({ Type: 'container', Action: 'exec_start: sh' });
    fire({ Type: 'container', Action: 'attach' });
    fire({ Type: 'volume', Action: 'create' });
    await settle();
    expect(listSpy).toHaveBeenCalledTimes(1);

    // Podman's image removal is "remove"; a container that ended changes "running" in the dialog.
    fire({ Type: 'image', Action: 'remove' });
    await settle();
    expect(listSpy).toHaveBeenCalledTimes(2);
    fire({ Type: 'container', Action: 'die' });
    await settle();
    expect(listSpy).toHaveBeenCalledTimes(3);

    const connected = monitor.getStatus();
    setStatus({ ...connected, state: 'disconnected' });
    setStatus({ ...connected, state: 'connected' });
    await settle();
    expect(listSpy).toHaveBeenCalledTimes(4);

    stop();
    expect(events.size + statuses.size).toBe(0);
  });
});
