import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildManager } from '../../src/main/builds/buildManager';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { buildOptionsSchema, type BuildJob, type BuildOptionsInput } from '../../src/shared/builds';
import { docker, dockerQuiet, engineFamily, imageExists, requireEngine } from '../fixtures/dockerCli';
import { waitForValue } from '../fixtures/waitFor';

const family = requireEngine.available ? engineFamily() : 'docker';
const marker = `berth-build-${process.pid}`;

/** A build context in a temp folder: its files, the Dockerfile among them. */
function makeContext(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${marker}-`));
  for (const [name, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content);
  }
  return dir;
}

/**
 * The containers a build runs its steps in: on dockerd the intermediate containers whose command has
 * the marker; on Podman Buildah's working containers, which only `podman ps --external` lists.
 */
function buildContainers(marker: string): Set<string> {
  if (family === 'podman') {
    const url = process.env.DOCKER_HOST ?? 'unix:///run/berth-podman.sock';
    const listed = execFileSync('podman', ['--url', url, 'ps', '-a', '--external', '--format', '{{.ID}} {{.Names}}'], {
      encoding: 'utf8',
    });
    return new Set(
      listed
        .split('\n')
        .filter((line) => line.includes('working-container'))
        .map((line) => line.split(' ')[0]!),
    );
  }
  const listed = docker('ps', '-a', '--no-trunc', '--format', '{{.ID}} {{.Command}}');
  return new Set(
    listed
      .split('\n')
      .filter((line) => line.includes(marker))
      .map((line) => line.split(' ')[0]!),
  );
}

describe.skipIf(!requireEngine.available)(`builds against the real engine (${family})`, () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  let manager: BuildManager;
  const tags: string[] = [];
  const folders: string[] = [];
  const images: string[] = [];
  /** Every image a build made: its steps' (never FROM's: that is the base) and its own. */
  const keep = (job: BuildJob) => {
    for (const step of job.steps) if (step.imageId && !/^FROM\b/i.test(step.instruction)) images.push(step.imageId);
    if (job.imageId) images.push(job.imageId);
    return job;
  };

  beforeAll(async () => {
    const status = await monitor.start();
    expect(status.state).toBe('connected');
    manager = new BuildManager({
      getClient: () => monitor.requireClient(),
      getFamily: () => monitor.getStatus().server?.family ?? null,
    });
  });
  afterAll(() => {
    manager?.dispose();
    monitor.stop();
    for (const tag of tags) dockerQuiet('rmi', '-f', tag);
    // What the builds left untagged (a rebuild's older image, a failed build's finished steps), newest first.
    for (const id of images.reverse()) dockerQuiet('rmi', id);
    for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
  });

  const context = (files: Record<string, string>) => {
    const dir = makeContext(files);
    folders.push(dir);
    return dir;
  };
  const build = async (input: Omit<BuildOptionsInput, 'tag'> & { tag?: string }): Promise<BuildJob> => {
    if (input.tag) tags.push(input.tag);
    const job = manager.start(buildOptionsSchema.parse(input));
    return keep(await manager.settled(job.id));
  };
  const states = (job: BuildJob) => job.steps.map((step) => step.state);
  const reasons = (job: BuildJob) => job.steps.map((step) => step.rerunReason);

  describe('the cache story on one Dockerfile', () => {
    const tag = `${marker}-story:1`;
    let dir: string;
    const dockerfile = (second: string) =>
      [
        'FROM busybox',
        `RUN echo ${marker} first`,
        `RUN echo ${second}`,
        'COPY site /site',
        'ENV GREETING=hello',
        'RUN ls /site',
        '',
      ].join('\n');

    it('builds: done, the tag, each step mapped to its line, layer sizes, the image exists', async () => {
      dir = context({ Dockerfile: dockerfile('two'), 'site/index.html': '<h1>one</h1>\n' });
      const job = await build({ contextPath: dir, tag });
      expect(job.error).toBeNull();
      expect(job.state).toBe('done');
      expect(job.builder).toBe(family === 'podman' ? 'buildah' : 'classic');
      // The context as sent: the Dockerfile and the page.
      const sizes = ['Dockerfile', 'site/index.html'].map((file) => fs.statSync(path.join(dir, file)).size);
      expect(job.context).toEqual({ files: 2, bytes: sizes[0]! + sizes[1]! });
      expect(job.tags).toEqual([tag]);
      expect(job.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
      expect(docker('image', 'inspect', tag, '--format', '{{.Id}}')).toBe(job.imageId);
      expect(job.steps.map((step) => step.line)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(job.steps[0]!.instruction).toBe('FROM busybox');
      // FROM takes busybox from the local image cache: nothing runs for it.
      expect(states(job)).toEqual(['cached', 'ran', 'ran', 'ran', 'ran', 'ran']);
      expect(reasons(job)).toEqual([null, 'first', 'first', 'first', 'first', 'first']);
      expect(job.steps[1]!.output).toContain(`${marker} first`);
      expect(job.steps[5]!.output).toContain('index.html');
      expect(job.steps.every((step) => step.durationMs !== null && step.startedAt !== null)).toBe(true);
      // The COPY made a layer with the file; ENV made none.
      expect(job.steps[3]!.layerBytes).toBeGreaterThan(0);
      expect(job.steps[4]!.layerBytes).toBe(0);
      expect(job.finishedAt).not.toBeNull();
    });

    it('builds again: every step comes from the cache', async () => {
      const job = await build({ contextPath: dir, tag });
      expect(job.state).toBe('done');
      expect(states(job)).toEqual(['cached', 'cached', 'cached', 'cached', 'cached', 'cached']);
      expect(reasons(job)).toEqual([null, null, null, null, null, null]);
      expect(job.tags).toEqual([tag]);
    });

    it('one line changed: that step runs for its line, the steps after it for the change, the ones before are cached', async () => {
      fs.writeFileSync(path.join(dir, 'Dockerfile'), dockerfile('three'));
      const job = await build({ contextPath: dir, tag });
      expect(job.state).toBe('done');
      expect(states(job)).toEqual(['cached', 'cached', 'ran', 'ran', 'ran', 'ran']);
      expect(reasons(job)).toEqual([null, null, 'line-changed', 'after-change', 'after-change', 'after-change']);
      expect(job.steps[2]!.output).toContain('three');
    });

    it('a copied file changed: the COPY runs for its files, the steps after it for the change', async () => {
      fs.writeFileSync(path.join(dir, 'site/index.html'), '<h1>two</h1>\n');
      const job = await build({ contextPath: dir, tag });
      expect(states(job)).toEqual(['cached', 'cached', 'cached', 'ran', 'ran', 'ran']);
      expect(reasons(job)).toEqual([null, null, null, 'files-changed', 'after-change', 'after-change']);
    });

    it('no cache: every step runs, and says so', async () => {
      const job = await build({ contextPath: dir, tag, noCache: true });
      expect(job.state).toBe('done');
      expect(states(job)).toEqual(['cached', 'ran', 'ran', 'ran', 'ran', 'ran']);
      expect(reasons(job)).toEqual([null, 'no-cache', 'no-cache', 'no-cache', 'no-cache', 'no-cache']);
    });
  });

  it('a failing RUN: command-failed with its exit code, the line, the last output', async () => {
    const dir = context({
      Dockerfile: ['FROM busybox', `RUN echo ${marker} before`, `RUN echo ${marker} failing output && exit 3`, ''].join(
        '\n',
      ),
    });
    const job = await build({ contextPath: dir, tag: `${marker}-exit3` });
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('build-failed');
    expect(job.failure).toMatchObject({ kind: 'command-failed', exitCode: 3, step: 3, line: 3 });
    expect(job.failure?.lastOutput).toContain(`${marker} failing output`);
    expect(job.steps[2]!.state).toBe('failed');
    expect(imageExists(`${marker}-exit3`)).toBe(false);
  });

  it('a missing COPY source: copy-source-missing naming it', async () => {
    const dir = context({ Dockerfile: ['FROM busybox', 'COPY missing.txt /missing.txt', ''].join('\n') });
    const job = await build({ contextPath: dir, tag: `${marker}-missing` });
    expect(job.state).toBe('failed');
    expect(job.failure).toMatchObject({ kind: 'copy-source-missing', subject: 'missing.txt', step: 2, line: 2 });
  });

  it('an unknown instruction: dockerfile-syntax with its line', async () => {
    const dir = context({ Dockerfile: ['FROM busybox', 'RUN echo ok', 'FOO bar', ''].join('\n') });
    const job = await build({ contextPath: dir, tag: `${marker}-syntax` });
    expect(job.state).toBe('failed');
    expect(job.failure).toMatchObject({ kind: 'dockerfile-syntax', line: 3 });
  });

  it('a base image nowhere: base-not-found naming it', async () => {
    const base = `busybox-nope-${process.pid}`;
    const dir = context({ Dockerfile: [`FROM ${base}`, 'RUN echo never', ''].join('\n') });
    const job = await build({ contextPath: dir, tag: `${marker}-nobase` });
    expect(job.state).toBe('failed');
    expect(job.failure).toMatchObject({ kind: 'base-not-found', subject: base, step: 1, line: 1 });
  }, 60_000);

  it('a target no stage has: target-not-found', async () => {
    const dir = context({ Dockerfile: ['FROM busybox AS one', 'RUN echo one', ''].join('\n') });
    const job = await build({ contextPath: dir, tag: `${marker}-target`, target: 'nope' });
    expect(job.state).toBe('failed');
    expect(job.failure).toMatchObject({ kind: 'target-not-found', subject: 'nope' });
  });

  it('multi-stage with an ARG before FROM and a target: only the target stage’s steps, each on its line', async () => {
    const dir = context({
      Dockerfile: [
        'ARG BASE=busybox',
        'FROM ${BASE} AS build',
        `RUN echo ${marker} built >/out.txt`,
        'FROM busybox AS final',
        'COPY --from=build /out.txt /out.txt',
        'CMD ["cat", "/out.txt"]',
        '',
      ].join('\n'),
    });
    const whole = await build({ contextPath: dir, tag: `${marker}-multi` });
    expect(whole.state).toBe('done');
    // The classic builder counts the ARG before FROM as a step; Buildah does not.
    const argStep = family === 'podman' ? [] : [1];
    expect(whole.steps.map((step) => step.line)).toEqual([...argStep, 2, 3, 4, 5, 6]);
    const target = await build({ contextPath: dir, tag: `${marker}-multi-build`, target: 'build' });
    expect(target.state).toBe('done');
    expect(target.steps.map((step) => step.line)).toEqual([...argStep, 2, 3]);
    expect(states(target).every((state) => state === 'cached')).toBe(true);
  });

  it('an engine that does not answer: failed with the engine error, not a build failure', async () => {
    const dir = context({ Dockerfile: 'FROM busybox\n' });
    const nowhere = new BuildManager({
      getClient: () => new Docker({ socketPath: path.join(dir, 'no-engine.sock') }),
      getFamily: () => null,
    });
    const job = await nowhere.settled(
      nowhere.start(buildOptionsSchema.parse({ contextPath: dir, tag: `${marker}-x` })).id,
    );
    expect(job.state).toBe('failed');
    expect(job.error?.code).toBe('engine-stopped');
    expect(job.failure).toBeNull();
  });

  it('refuses a tag the reference grammar refuses, naming the field', () => {
    const dir = context({ Dockerfile: 'FROM busybox\n' });
    expect(() => manager.start(buildOptionsSchema.parse({ contextPath: dir, tag: 'Bad Name' }))).toThrow(
      expect.objectContaining({ code: 'invalid-input', issues: [expect.objectContaining({ path: 'tag' })] }),
    );
  });

  it('lists every step as waiting before the builder reaches it', () => {
    const dir = context({ Dockerfile: ['FROM busybox', 'RUN true', 'CMD ["sh"]', ''].join('\n') });
    const job = manager.start(buildOptionsSchema.parse({ contextPath: dir }));
    expect(job.steps.map((step) => [step.instruction, step.state, step.line])).toEqual([
      ['FROM busybox', 'waiting', 1],
      ['RUN true', 'waiting', 2],
      ['CMD ["sh"]', 'waiting', 3],
    ]);
    return manager.settled(job.id).then(keep);
  });

  it('cancel during RUN sleep 30: cancelled, no tag, no container left', async () => {
    const tag = `${marker}-cancel`;
    tags.push(tag);
    const dir = context({ Dockerfile: ['FROM busybox', `RUN echo ${marker}-cancel && sleep 30`, ''].join('\n') });
    const before = buildContainers(`${marker}-cancel`);
    const started = manager.start(buildOptionsSchema.parse({ contextPath: dir, tag, noCache: true }));
    await waitForValue(
      'the sleep to run',
      {
        current: () => manager.get(started.id),
        subscribe: (listener) => manager.onUpdate((job) => job.id === started.id && listener(job)),
      },
      (job) => job.steps[1]?.output.includes(`${marker}-cancel`) ?? false,
      { hopelessWhen: (job) => job.state !== 'building' && job.state !== 'sending' },
    );
    const during = [...buildContainers(`${marker}-cancel`)].filter((id) => !before.has(id));
    expect(during.length).toBeGreaterThan(0);
    const cancelled = manager.cancel(started.id);
    expect(cancelled.state).toBe('cancelled');
    const settled = await manager.settled(started.id);
    expect(settled.state).toBe('cancelled');
    expect(settled.error?.code).toBe('cancelled');
    expect(imageExists(tag)).toBe(false);
    const left = buildContainers(`${marker}-cancel`);
    expect(during.filter((id) => left.has(id))).toEqual([]);
  }, 60_000);
});
