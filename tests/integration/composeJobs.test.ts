import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposeJob, ComposeTarget } from '../../src/shared/compose';
import { BerthError } from '../../src/shared/errors';
import { ComposeJobs, type ComposeRunRequest } from '../../src/main/compose/composeJobs';
import { ComposeToolCache, findComposeTool } from '../../src/main/compose/composeTool';
import { targetRiskyMounts } from '../../src/main/compose/targetRiskyMounts';
import { endpointUrl, resolveEndpoint } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';
import { waitFor } from '../fixtures/waitFor';

const project = `berthtest${process.pid}x`;
const slowProject = `berthtest${process.pid}slow`;
const label = (name: string) => `label=com.docker.compose.project=${name}`;

/** The project's containers as the engine has them: name → state. */
function containerStates(name: string): Record<string, string> {
  const lines = dockerQuiet('ps', '-a', '--filter', label(name), '--format', '{{.Names}} {{.State}}');
  return Object.fromEntries(
    lines
      .split('\n')
      .filter(Boolean)
      .map((line) => line.split(' ') as [string, string]),
  );
}
const volumeNames = () => dockerQuiet('volume', 'ls', '--format', '{{.Name}}').split('\n').filter(Boolean);
/** The anonymous volumes this file's containers made, removed at the end whatever happens. */
const anonymousVolumes = new Set<string>();
function anonymousVolumeOf(name: string): string {
  const container = Object.keys(containerStates(name))[0]!;
  const volume = dockerQuiet(
    'inspect',
    '--format',
    '{{range .Mounts}}{{if eq .Destination "/scratch"}}{{.Name}}{{end}}{{end}}',
    container,
  );
  anonymousVolumes.add(volume);
  return volume;
}
const networkNames = () => dockerQuiet('network', 'ls', '--format', '{{.Name}}').split('\n').filter(Boolean);

function request(target: ComposeTarget, fields: Partial<ComposeRunRequest> & Pick<ComposeRunRequest, 'action'>) {
  return { target, services: [], confirm: null, removeVolumes: [], confirmedMounts: [], ...fields };
}

describe.skipIf(!requireEngine.available)('the compose command as jobs, against the real engine', () => {
  const monitor = new EngineMonitor({ resolveEndpoint: () => resolveEndpoint(realHostSystem(process.env)) });
  const system = realHostSystem(process.env);
  const jobs = new ComposeJobs({
    tool: () => new ComposeToolCache(() => findComposeTool(system)).current(),
    getEndpoint: () => monitor.requireEndpoint(),
    getClient: () => monitor.requireClient(),
    riskyMounts: (target) => targetRiskyMounts(target, process.env),
    env: process.env,
    killAfterMs: 3_000,
  });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-compose-'));
  const file = path.join(folder, 'compose.yaml');
  const target: ComposeTarget = { projectName: project, folder, files: [file] };
  const run = async (fields: Parameters<typeof request>[1], on: ComposeTarget = target): Promise<ComposeJob> => {
    const job = await jobs.run(request(on, fields));
    return jobs.settled(job.id);
  };

  beforeAll(async () => {
    expect((await monitor.start()).state).toBe('connected');
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    fs.writeFileSync(
      file,
      [
        'services:',
        '  box:',
        '    image: busybox',
        '    command: sleep 3600',
        // sleep as PID 1 ignores SIGTERM: no 10 s wait on each stop.
        '    stop_grace_period: 1s',
        '    volumes:',
        '      - data:/data',
        // An anonymous volume: down keeps it like a named one; a confirmation may name it.
        '      - /scratch',
        'volumes:',
        '  data:',
        '',
      ].join('\n'),
    );
  });

  afterAll(async () => {
    jobs.dispose();
    for (const volume of anonymousVolumes) dockerQuiet('volume', 'rm', volume);
    for (const name of [project, slowProject]) {
      for (const container of Object.keys(containerStates(name))) dockerQuiet('rm', '-f', '-v', container);
      for (const network of networkNames().filter((network) => network.startsWith(`${name}_`)))
        dockerQuiet('network', 'rm', network);
      for (const volume of volumeNames().filter((volume) => volume.startsWith(`${name}_`)))
        dockerQuiet('volume', 'rm', volume);
      dockerQuiet('rmi', `${name}_slow`);
    }
    monitor.stop();
    fs.rmSync(folder, { recursive: true, force: true });
  });

  it('ups the project: its container runs, the job is done with the line the user would type', async () => {
    // The endpoint compose is given is the one Berth is connected to (Podman's socket in the Podman run).
    expect(endpointUrl(monitor.requireEndpoint())).toBe(monitor.getStatus().endpoint?.url);
    const job = await run({ action: 'up' });
    expect(job.error).toBeNull();
    expect(job.state).toBe('done');
    expect(job.exitCode).toBe(0);
    expect(job.commandLine).toMatch(
      new RegExp(`^docker(-| )compose -p ${project} -f ${file} --project-directory ${folder} up -d$`),
    );
    expect(job.output.some((line) => line.text.includes('box'))).toBe(true);
    expect(job.phases).toEqual({});
    expect(Object.values(containerStates(project))).toEqual(['running']);
  });

  it('stops, starts, restarts and pulls, as the engine sees it', async () => {
    expect((await run({ action: 'stop' })).state).toBe('done');
    expect(Object.values(containerStates(project))).toEqual(['exited']);
    expect((await run({ action: 'start' })).state).toBe('done');
    expect(Object.values(containerStates(project))).toEqual(['running']);
    const started = dockerQuiet(
      'inspect',
      '--format',
      '{{.State.StartedAt}}',
      Object.keys(containerStates(project))[0]!,
    );
    const restart = await run({ action: 'restart', services: ['box'] });
    expect(restart.state).toBe('done');
    expect(restart.services).toEqual(['box']);
    const restarted = dockerQuiet(
      'inspect',
      '--format',
      '{{.State.StartedAt}}',
      Object.keys(containerStates(project))[0]!,
    );
    expect(restarted).not.toBe(started);
    const pull = await run({ action: 'pull' });
    expect(pull.state).toBe('done');
    expect(pull.output.some((line) => /box/.test(line.text))).toBe(true);
  });

  it('plans down from the engine: the container, the network, the named volume and the anonymous one', async () => {
    const plan = await jobs.downPlan(target);
    const anonymous = anonymousVolumeOf(project);
    expect(anonymous).toMatch(/^[0-9a-f]{64}$/);
    expect(plan.containers).toEqual(Object.keys(containerStates(project)));
    expect(plan.networks).toEqual([`${project}_default`]);
    expect(plan.volumes).toEqual([
      { name: `${project}_data`, anonymous: false, inUseByOthers: [] },
      { name: anonymous, anonymous: true, inUseByOthers: [] },
    ]);
  });

  it('refuses down without the confirmation naming the project, and a file outside the folder: nothing changes', async () => {
    const before = containerStates(project);
    await expect(jobs.run(request(target, { action: 'down', confirm: 'another' }))).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    await expect(jobs.run(request(target, { action: 'down' }))).rejects.toMatchObject({
      code: 'confirmation-required',
    });
    const outside = path.join(os.tmpdir(), `berth-outside-${process.pid}.yaml`);
    fs.copyFileSync(file, outside);
    const inside = path.join(folder, 'link.yaml');
    fs.symlinkSync(outside, inside);
    try {
      for (const files of [[outside], [inside], [path.join(folder, '..', path.basename(outside))]]) {
        const refused = await jobs
          .run(request({ ...target, files }, { action: 'down', confirm: project }))
          .catch((error: unknown) => error);
        expect(refused).toBeInstanceOf(BerthError);
        expect((refused as BerthError).code).toBe('forbidden');
      }
    } finally {
      fs.rmSync(outside);
      fs.rmSync(inside);
    }
    expect(containerStates(project)).toEqual(before);
    expect(jobs.list().filter((job) => job.action === 'down')).toEqual([]);
  });

  it('refuses to remove a volume that is not the project’s, before anything runs', async () => {
    const stranger = `berth-stranger-${process.pid}`;
    docker('volume', 'create', stranger);
    try {
      await expect(
        jobs.run(request(target, { action: 'down', confirm: project, removeVolumes: [stranger] })),
      ).rejects.toMatchObject({ code: 'forbidden' });
      expect(volumeNames()).toContain(stranger);
      expect(Object.values(containerStates(project))).toEqual(['running']);
    } finally {
      dockerQuiet('volume', 'rm', stranger);
    }
  });

  it('downs without volumes (both volumes stay), then with the confirmed ones (exactly they go)', async () => {
    const firstAnonymous = anonymousVolumeOf(project);
    const down = await run({ action: 'down', confirm: project });
    expect(down.state).toBe('done');
    expect(down.removedVolumes).toEqual([]);
    expect(containerStates(project)).toEqual({});
    expect(networkNames()).not.toContain(`${project}_default`);
    expect(volumeNames()).toEqual(expect.arrayContaining([`${project}_data`, firstAnonymous]));

    expect((await run({ action: 'up' })).state).toBe('done');
    const anonymous = anonymousVolumeOf(project);
    const other = `berth-keep-${process.pid}`;
    docker('volume', 'create', other);
    try {
      const withVolumes = await run({
        action: 'down',
        confirm: project,
        removeVolumes: [`${project}_data`, anonymous],
      });
      expect(withVolumes.state).toBe('done');
      expect(withVolumes.removedVolumes).toEqual([`${project}_data`, anonymous]);
      const left = volumeNames();
      expect(left).not.toContain(`${project}_data`);
      expect(left).not.toContain(anonymous);
      // Not named by the confirmation: the earlier anonymous volume and an unrelated one stay.
      expect(left).toEqual(expect.arrayContaining([other, firstAnonymous]));
    } finally {
      dockerQuiet('volume', 'rm', other);
    }
  });

  it('keeps a confirmed volume another container uses, and says so in the job', async () => {
    expect((await run({ action: 'up' })).state).toBe('done');
    anonymousVolumeOf(project);
    const user = `berth-volume-user-${process.pid}`;
    docker('create', '--name', user, '-v', `${project}_data:/data`, 'busybox', 'true');
    try {
      const plan = await jobs.downPlan(target);
      expect(plan.volumes.find((volume) => volume.name === `${project}_data`)?.inUseByOthers).toEqual([user]);
      const down = await run({ action: 'down', confirm: project, removeVolumes: [`${project}_data`] });
      expect(down.state).toBe('done');
      expect(down.removedVolumes).toEqual([]);
      expect(down.keptVolumes).toEqual([{ name: `${project}_data`, reason: 'in-use', detail: user }]);
      expect(down.output.at(-1)).toEqual({
        stream: 'stderr',
        text: `Volume ${project}_data was not removed: ${user} still use it.`,
      });
      expect(volumeNames()).toContain(`${project}_data`);
    } finally {
      dockerQuiet('rm', '-f', user);
    }
  });

  it('fails an up whose image does not exist, with compose’s own words', async () => {
    const bad = path.join(folder, 'bad.yaml');
    fs.writeFileSync(bad, 'services:\n  nope:\n    image: 127.0.0.1:5000/nope/nope\n');
    const job = await run({ action: 'up' }, { ...target, files: [bad] });
    expect(job.state).toBe('failed');
    expect(job.exitCode).not.toBe(0);
    expect(job.error?.code).toBe('compose-failed');
    expect(job.error?.message).toMatch(/nope/);
    expect(
      job.output.some((line) => line.stream === 'stderr' && line.text === job.error?.message.split('\n').at(-1)),
    ).toBe(true);
    await run({ action: 'down', confirm: project }, { ...target, files: [bad] });
  });

  it('cancels a long up (a slow build): the command is stopped and the job cancelled', async () => {
    const slowFolder = fs.mkdtempSync(path.join(folder, 'slow-'));
    fs.writeFileSync(path.join(slowFolder, 'Dockerfile'), 'FROM busybox\nRUN sleep 120\n');
    fs.writeFileSync(path.join(slowFolder, 'compose.yaml'), 'services:\n  slow:\n    build: .\n');
    const slowTarget: ComposeTarget = { projectName: slowProject, folder: slowFolder, files: [] };
    const job = await jobs.run(request(slowTarget, { action: 'up' }));
    await waitFor(
      'the build to start',
      () => jobs.list().find((each) => each.id === job.id)?.phases.slow === 'building',
    );
    const cancelled = await jobs.cancel(job.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error?.code).toBe('cancelled');
    expect(jobs.dismiss(job.id)).toBe(true);
    expect(jobs.list().some((each) => each.id === job.id)).toBe(false);
  });
});

describe('finding compose on this machine', () => {
  it('finds Debian’s docker-compose on PATH, with its version', async () => {
    const tool = await findComposeTool(realHostSystem(process.env));
    expect(tool).toMatchObject({ found: true, kind: 'standalone', path: '/usr/bin/docker-compose', major: 1 });
    expect(tool.found && tool.version).toBe(
      execFileSync('/usr/bin/docker-compose', ['version', '--short'], { encoding: 'utf8' }).trim(),
    );
  });

  it('says found:false, with where it looked, when PATH holds no compose', async () => {
    const tool = await findComposeTool(realHostSystem({ ...process.env, PATH: '' }));
    expect(tool.found).toBe(false);
    if (tool.found) return;
    expect(tool.platform).toBe(process.platform);
    expect(tool.searched).toContain('/usr/lib/docker/cli-plugins/docker-compose');
  });
});
