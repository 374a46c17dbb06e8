import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BuildManager } from '../../src/main/builds/buildManager';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { buildOptionsSchema, type BuildJob } from '../../src/shared/builds';
import { dockerQuiet, engineFamily, requireEngine } from '../fixtures/dockerCli';

const family = requireEngine.available ? engineFamily() : 'docker';
const marker = `berth-cacheparity-${process.pid}`;

/**
 * A folder as a learner has one: files, a script, a subfolder two deep, a symbolic link and a hard
 * link; contents unique to this run (`flavour`), so the first build of it cannot find an older cache.
 */
function makeFolder(flavour: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${marker}-`));
  const write = (name: string, content: string, mode = 0o644) => {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), content, { mode });
  };
  write('Dockerfile', ['FROM busybox', 'COPY . /app', `RUN ls -laR /app && echo ${marker}`, ''].join('\n'));
  write('index.html', `<h1>${marker} ${flavour}</h1>\n`);
  write('run.sh', '#!/bin/sh\necho hi\n', 0o755);
  write('site/about.html', '<p>about</p>\n');
  write('site/css/style.css', 'body { color: teal; }\n');
  fs.symlinkSync('../index.html', path.join(dir, 'site', 'home.html'));
  fs.linkSync(path.join(dir, 'index.html'), path.join(dir, 'site', 'copy.html'));
  return dir;
}

/** The terminal's build: the classic builder (DOCKER_BUILDKIT=0), against the same engine. */
function cliBuild(dir: string, tag: string): string {
  return execFileSync('docker', ['build', '-t', tag, dir], {
    encoding: 'utf8',
    env: { ...process.env, DOCKER_BUILDKIT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

describe.skipIf(!requireEngine.available)(
  `a build from Berth and one from the terminal share the cache (${family})`,
  () => {
    const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
    let manager: BuildManager;
    const tags: string[] = [];
    const folders: string[] = [];

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
      for (const tag of tags.reverse()) dockerQuiet('rmi', '-f', tag);
      for (const folder of folders) fs.rmSync(folder, { recursive: true, force: true });
    });

    const folder = (flavour: string) => {
      const dir = makeFolder(flavour);
      folders.push(dir);
      return dir;
    };
    const tagged = (name: string) => {
      const tag = `${marker}-${name}:1`;
      tags.push(tag);
      return tag;
    };
    const berthBuild = async (dir: string, tag: string): Promise<BuildJob> =>
      manager.settled(manager.start(buildOptionsSchema.parse({ contextPath: dir, tag })).id);

    it('the terminal first, then Berth: every step of Berth’s build is cached', async () => {
      const dir = folder('terminal-first');
      const output = cliBuild(dir, tagged('cli-first'));
      expect(output).not.toMatch(/Using cache/);
      const job = await berthBuild(dir, tagged('berth-second'));
      expect(job.error).toBeNull();
      expect(job.state).toBe('done');
      expect(job.steps.map((step) => [step.instruction.split(' ')[0], step.state])).toEqual([
        ['FROM', 'cached'],
        ['COPY', 'cached'],
        ['RUN', 'cached'],
      ]);
      expect(job.steps.map((step) => step.rerunReason)).toEqual([null, null, null]);
    });

    it('Berth first, then the terminal: the CLI says "Using cache" for COPY and RUN', async () => {
      const dir = folder('berth-first');
      const job = await berthBuild(dir, tagged('berth-first'));
      expect(job.error).toBeNull();
      expect(job.steps.map((step) => step.state)).toEqual(['cached', 'ran', 'ran']);
      const output = cliBuild(dir, tagged('cli-second'));
      // The step lines, each with what the builder did for it: COPY and RUN both come from the cache.
      const copyStep = output.slice(output.indexOf('COPY . /app'), output.indexOf('RUN ls'));
      expect(copyStep).toMatch(/Using cache/);
      expect(output.slice(output.indexOf('RUN ls'))).toMatch(/Using cache/);
      const id = execFileSync('docker', ['image', 'inspect', tags.at(-1)!, '--format', '{{.Id}}'], {
        encoding: 'utf8',
      }).trim();
      expect(id).toBe(job.imageId);
    });
  },
);
