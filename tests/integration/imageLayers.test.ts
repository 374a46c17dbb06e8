import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ImageLayers } from '../../src/shared/builds';
import { BerthError } from '../../src/shared/errors';
import { createDockerClient } from '../../src/main/engine/dockerConnection';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { ImageLayersService } from '../../src/main/images/imageLayers';
import { buildTestImage } from '../fixtures/buildTestImage';
import { startSocketProxy } from '../fixtures/countingProxy';
import { docker, dockerQuiet, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';

const tag = `berth-it-layers-${process.pid}:latest`;

/** `docker history` in bytes (--human=false), oldest first as Berth lists them: the figures to match. */
function cliHistorySizes(reference: string): number[] {
  return docker('history', '--no-trunc', '--human=false', '--format', '{{.Size}}', reference)
    .split('\n')
    .map(Number)
    .reverse();
}

describe.skipIf(!requireEngine.available)('the layers of a local image against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const service = new ImageLayersService({ getClient: () => monitor.requireClient() });
  let builtId = '';

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    // FROM busybox, then a COPY (a layer of its own), a RUN that sees a build argument, and an ENV (settings only).
    builtId = await buildTestImage(
      {
        Dockerfile: [
          'FROM busybox:latest',
          'COPY hello.txt /srv/hello.txt',
          'ARG GREETING=hello',
          'RUN echo "$GREETING" > /srv/greeting',
          'ENV WHO=learner',
        ].join('\n'),
        'hello.txt': 'Hello from a layer of its own.\n'.repeat(200),
      },
      tag,
      monitor.requireClient(),
    );
  }, 120_000);

  afterAll(() => {
    dockerQuiet('rmi', '-f', tag);
    if (builtId) dockerQuiet('rmi', '-f', builtId);
    monitor.stop();
  });

  it("lists busybox's steps oldest first, its one layer with docker history's size", async () => {
    const busybox = await service.layers({ id: 'busybox:latest' });
    expect(busybox.id).toBe(docker('image', 'inspect', 'busybox:latest', '--format', '{{.Id}}'));
    expect(busybox.repoTags).toContain('busybox:latest');
    expect(busybox.sharingKnown).toBe(true);
    const layers = busybox.layers.filter((layer) => !layer.metadataOnly);
    expect(layers).toHaveLength(1);
    expect(busybox.layers[0]).toMatchObject({ metadataOnly: false, imageId: null });
    expect(busybox.layers[0]!.instruction).toMatch(/^(COPY|ADD) /);
    expect(busybox.layers.map((layer) => layer.bytes)).toEqual(cliHistorySizes('busybox:latest'));
    // The newest step left the image itself.
    expect(busybox.layers.at(-1)!.imageId).toBe(busybox.id);
    expect(busybox.totalBytes).toBe(layers[0]!.bytes);
  });

  it('shares the base layer of an image built FROM busybox with busybox:latest, and marks ENV metadata only', async () => {
    const built: ImageLayers = await service.layers({ id: tag });
    expect(built.id).toBe(builtId);
    expect(built.sharingKnown).toBe(true);
    const instructions = built.layers.map((layer) => layer.instruction);

    // Oldest first: busybox's steps, then the Dockerfile's in its order.
    const copy = built.layers.findIndex((layer) => /^COPY .*\/srv\/hello\.txt$/.test(layer.instruction));
    const run = built.layers.findIndex((layer) => layer.instruction === 'RUN echo "$GREETING" > /srv/greeting');
    const env = built.layers.findIndex((layer) => layer.instruction === 'ENV WHO=learner');
    expect(
      [copy, run, env].every((index) => index > 0),
      instructions.join(' | '),
    ).toBe(true);
    expect(copy).toBeLessThan(run);
    expect(run).toBeLessThan(env);
    expect(env).toBe(built.layers.length - 1);

    const base = built.layers[0]!;
    expect(base.metadataOnly).toBe(false);
    // What it was built FROM comes first, before other images that share the layer too.
    expect(base.sharedWith[0]).toBe('busybox:latest');
    expect(built.layers[copy]).toMatchObject({ metadataOnly: false, sharedWith: [] });
    expect(built.layers[copy]!.bytes).toBeGreaterThanOrEqual('Hello from a layer of its own.\n'.length * 200);
    expect(built.layers[run]).toMatchObject({ metadataOnly: false, sharedWith: [], buildArgs: ['GREETING=hello'] });
    expect(built.layers[env]).toMatchObject({ metadataOnly: true, bytes: 0, sharedWith: [] });
    expect(built.layers.at(-1)!.imageId).toBe(builtId);

    // docker history's own figures, step by step, and the totals from them.
    expect(built.layers.map((layer) => layer.bytes)).toEqual(cliHistorySizes(tag));
    expect(built.sharedBytes).toBe(base.bytes);
    expect(built.totalBytes).toBe(built.layers.reduce((sum, layer) => sum + layer.bytes, 0));
    if (engineFamily() === 'docker') {
      // dockerd's image size is the sum of its layers'.
      expect(built.totalBytes).toBe(Number(docker('image', 'inspect', tag, '--format', '{{.Size}}')));
    }
  });

  it('says busybox shares its layer with the image built on it', async () => {
    const busybox = await service.layers({ id: 'busybox:latest' });
    const base = busybox.layers.find((layer) => !layer.metadataOnly)!;
    expect(base.sharedWith.some((name) => name === tag || name === `localhost/${tag}`)).toBe(true);
  });

  it('inspects each other image once: a second look asks only for the image, its history and the list', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-layers-'));
    const proxy = await startSocketProxy(path.join(dir, 'docker.sock'), { countRequests: true });
    try {
      const client = createDockerClient({ kind: 'unix', socketPath: proxy.path });
      const counted = new ImageLayersService({ getClient: () => client, concurrency: 2 });
      /** The images inspected, by the path asked for (the image itself is asked by its tag). */
      const inspected = () =>
        proxy
          .requests()
          .map((request) => request.path.replace(/^\/v[\d.]+/, '').split('?')[0]!)
          .filter((target) => /^\/images\/[^/]+\/json$/.test(target) && target !== `/images/${tag}/json`);

      const first = await counted.layers({ id: tag });
      expect(first.layers[0]!.sharedWith).toContain('busybox:latest');
      const afterFirst = inspected();
      // busybox among the others, each asked for by id.
      expect(afterFirst).toContain(
        `/images/${docker('image', 'inspect', 'busybox:latest', '--format', '{{.Id}}')}/json`,
      );

      const second = await counted.layers({ id: tag });
      expect(second.layers[0]!.sharedWith).toContain('busybox:latest');
      // Other engineers' images may come and go meanwhile: only those new since are inspected, none twice.
      const all = inspected();
      expect(all.length).toBeGreaterThanOrEqual(afterFirst.length);
      expect(new Set(all).size).toBe(all.length);
    } finally {
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('answers not-found for an image that is not there', async () => {
    const missing = service.layers({ id: `berth-it-no-such-image-${process.pid}:latest` });
    await expect(missing).rejects.toBeInstanceOf(BerthError);
    await expect(missing).rejects.toMatchObject({ code: 'not-found' });
    await expect(service.layers({ id: `sha256:${'0'.repeat(64)}` })).rejects.toMatchObject({ code: 'not-found' });
    // Not a name at all: refused without a request whose path it would change.
    await expect(service.layers({ id: '../containers/json?all=1' })).rejects.toMatchObject({ code: 'not-found' });
  });
});
