import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import type Docker from 'dockerode';
import tar from 'tar-fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DockerfileFiles } from '../../src/main/builds/dockerfileFiles';
import type { BuildExampleName } from '../../src/shared/builds';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';
import { engineClient } from '../fixtures/engineClient';
import { freePort } from '../fixtures/freePort';
import { waitFor } from '../fixtures/waitFor';

// The example projects Berth ships must build on a real engine FROM the images the testbed serves,
// and do what their page says: the static site serves its page on 8080, the multi-stage build
// prints the file its first stage made. Built with POST /build directly (dockerode and a tar-fs
// pack of the folder Berth copied), as the build job will.

interface BuildEvent {
  stream?: string;
  error?: string;
  errorDetail?: { message?: string };
  aux?: { ID?: string };
}

describe.skipIf(!requireEngine.available)('the example projects, built on the real engine', () => {
  const suffix = `${process.pid}-${Date.now().toString(36)}`;
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-examples-'));
  const files = new DockerfileFiles({ workDir });
  let client: Docker;
  /** Every image id a step left (" ---> id" from dockerd, "--> id" from Podman): the first stage's are untagged, removed by id at the end. */
  const stepImages = new Set<string>();
  const tags: string[] = [];
  const containers: Docker.Container[] = [];

  /** Builds the example's copy with the classic builder, without the build cache (nothing shared with other builds). */
  async function buildExample(name: BuildExampleName): Promise<{ tag: string; output: string }> {
    const folder = await files.openExample({ name });
    const tag = `berth-test-example-${name}:${suffix}`;
    tags.push(tag);
    const body = await client.buildImage(tar.pack(folder.contextPath) as unknown as Readable, {
      t: tag,
      dockerfile: folder.dockerfile!.path,
      nocache: true,
      rm: true,
      forcerm: true,
    });
    const events = await new Promise<BuildEvent[]>((resolve, reject) =>
      client.modem.followProgress(body, (error: Error | null, result: BuildEvent[]) =>
        error ? reject(error) : resolve(result),
      ),
    );
    for (const event of events) {
      for (const match of (event.stream ?? '').matchAll(/--> ([0-9a-f]{10,64})\b/g)) stepImages.add(match[1]!);
      if (event.aux?.ID) stepImages.add(event.aux.ID);
    }
    const failure = events.find((event) => event.error);
    if (failure) throw new Error(`building ${name} failed: ${failure.errorDetail?.message ?? failure.error}`);
    return { tag, output: events.map((event) => event.stream ?? '').join('') };
  }

  beforeAll(() => {
    client = engineClient();
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
  });

  afterAll(async () => {
    for (const container of containers) await container.remove({ force: true }).catch(() => undefined);
    for (const tag of tags)
      await client
        .getImage(tag)
        .remove()
        .catch(() => undefined);
    // The first stage's images have no tag; busybox (tagged) and anything in use stay.
    for (const id of stepImages) {
      const info = await client
        .getImage(id)
        .inspect()
        .catch(() => null);
      if (info && (info.RepoTags ?? []).length === 0)
        await client
          .getImage(id)
          .remove()
          .catch(() => undefined);
    }
    files.dispose();
    fs.rmSync(workDir, { recursive: true, force: true });
  });

  it('builds the static site and serves its page on 8080', async () => {
    const { tag } = await buildExample('static-site');
    const port = await freePort();
    const container = await client.createContainer({
      Image: tag,
      name: `berth-test-example-site-${suffix}`,
      ExposedPorts: { '8080/tcp': {} },
      HostConfig: { PortBindings: { '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: String(port) }] } },
    });
    containers.push(container);
    await container.start();

    let page = '';
    await waitFor('the page', async () => {
      const response = await fetch(`http://127.0.0.1:${port}/`).catch(() => null);
      if (response?.ok) page = await response.text();
      return page !== '';
    });
    expect(page).toContain('It works!');
    expect(page).toContain('You built this image from a Dockerfile');
  });

  it('builds the multi-stage example, whose final image prints the file its build stage made', async () => {
    const { tag, output } = await buildExample('multi-stage');
    // Two FROMs: the builder went through both stages.
    expect(output.match(/FROM busybox/g)).toHaveLength(2);
    const container = await client.createContainer({
      Image: tag,
      name: `berth-test-example-multi-${suffix}`,
      Tty: true,
    });
    containers.push(container);
    await container.start();
    const exit = (await container.wait()) as { StatusCode: number };
    const logs = (await container.logs({ stdout: true, stderr: true })).toString('utf8');
    expect(exit.StatusCode).toBe(0);
    expect(logs).toContain('Hello from a multi-stage build: this file was made in the build stage.');
    // Only the generated file came over: the build stage's /out is not in the final image.
    const history = await client.getImage(tag).history();
    expect(history.some((layer: { CreatedBy: string }) => /mkdir \/out/.test(layer.CreatedBy))).toBe(false);
  });
});
