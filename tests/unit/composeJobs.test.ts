import { EventEmitter } from 'node:events';
import fs from 'node:fs';
import type { ChildProcess, spawn as spawnProcess } from 'node:child_process';
import { PassThrough } from 'node:stream';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComposeJob, ComposeTarget, ComposeTool } from '../../src/shared/compose';
import { ComposeJobs, MAX_COMPOSE_OUTPUT_LINES, type ComposeRunRequest } from '../../src/main/compose/composeJobs';

/**
 * A shell script stands in for compose (a real process, no engine): it prints what it was given
 * and does what its last argument (a "service") says.
 */
const fakeCompose = `#!/bin/sh
echo "args: $*"
echo "cwd: $(pwd)"
echo "host: $DOCKER_HOST context: \${DOCKER_CONTEXT-unset} ansi: $COMPOSE_ANSI"
for last in "$@"; do :; done
case "$last" in
  many) i=0; while [ $i -lt 2500 ]; do echo "line $i"; i=$((i+1)); done ;;
  fail) echo "Creating p_web_1 ... " ; echo "ERROR: the port is taken" >&2; echo "second reason" >&2; exit 3 ;;
  stubborn) trap '' TERM; echo "Pulling web ... "; sleep 30 & wait; sleep 30 ;;
  partial) printf 'Stopping p_web_1 ... done\\nno newline at the end' ;;
esac
`;

const standalone: ComposeTool = {
  found: true,
  kind: 'standalone',
  path: '/x',
  command: ['docker-compose'],
  version: '1.29.2',
  major: 1,
};
const noClient = () => {
  throw new Error('no engine in this test');
};

/** Jobs whose compose is `tool`, started by `spawn`, on an engine at a socket nobody dials. */
function jobsWith(tool: ComposeTool, spawn: () => ChildProcess): ComposeJobs {
  return new ComposeJobs({
    tool: async () => tool,
    getEndpoint: () => ({ kind: 'unix', socketPath: '/run/berth-test.sock' }),
    getClient: noClient,
    riskyMounts: async () => [],
    spawn: spawn as unknown as typeof spawnProcess,
  });
}

describe('ComposeJobs with a stand-in for compose', () => {
  let root: string;
  let folder: string;
  let script: string;
  let jobs: ComposeJobs;
  let target: ComposeTarget;
  /** A stop of the whole project unless the fields say otherwise. */
  const request = (fields: Partial<ComposeRunRequest> = {}): ComposeRunRequest => ({
    target,
    action: 'stop',
    services: [],
    confirm: null,
    removeVolumes: [],
    confirmedMounts: [],
    ...fields,
  });
  const run = async (fields: Partial<ComposeRunRequest>): Promise<ComposeJob> => {
    const job = await jobs.run(request(fields));
    return jobs.settled(job.id);
  };

  beforeAll(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-jobs-'));
    folder = path.join(root, 'my project');
    fs.mkdirSync(folder);
    fs.writeFileSync(path.join(folder, 'compose.yaml'), 'services: {}\n');
    script = path.join(root, 'docker-compose');
    fs.writeFileSync(script, fakeCompose, { mode: 0o755 });
    target = { projectName: 'p', folder, files: [path.join(folder, 'compose.yaml')] };
    jobs = new ComposeJobs({
      tool: async () => ({ ...standalone, path: script }),
      getEndpoint: () => ({ kind: 'unix', socketPath: '/run/berth-test.sock' }),
      getClient: noClient,
      riskyMounts: async () => [{ service: 'web', source: '/var/run/docker.sock', kind: 'socket' }],
      env: { PATH: process.env.PATH, DOCKER_CONTEXT: 'elsewhere' },
      killAfterMs: 300,
      updateIntervalMs: 50,
    });
  });
  afterAll(() => {
    jobs.dispose();
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('runs with -p, -f, --project-directory, in the folder, against Berth’s engine, no context; the line quoted as typed', async () => {
    const job = await run({ action: 'restart', services: ['web'] });
    const file = path.join(folder, 'compose.yaml');
    expect(job.state).toBe('done');
    expect(job.exitCode).toBe(0);
    expect(job.commandLine).toBe(`docker-compose -p p -f '${file}' --project-directory '${folder}' restart web`);
    expect(job.output.map((line) => line.text)).toEqual([
      `args: --ansi never -p p -f ${file} --project-directory ${folder} restart web`,
      `cwd: ${fs.realpathSync(folder)}`,
      'host: unix:///run/berth-test.sock context: unset ansi: never',
    ]);
  });

  it('keeps the last 2,000 lines and says it dropped some; the stream’s last update is the final job', async () => {
    const updates: ComposeJob[] = [];
    const stop = jobs.subscribe((job) => updates.push(job));
    const job = await run({ services: ['many'] });
    await new Promise((resolve) => setTimeout(resolve, 120));
    stop();
    expect(job.output).toHaveLength(MAX_COMPOSE_OUTPUT_LINES);
    expect(job.outputTruncated).toBe(true);
    expect(job.output.at(-1)?.text).toBe('line 2499');
    expect(job.output[0]?.text).toBe('line 500');
    expect(updates.filter((update) => update.id === job.id).at(-1)).toBe(job);
  });

  it('a non-zero exit fails the job with compose’s last words on stderr', async () => {
    const job = await run({ action: 'up', services: ['fail'], confirmedMounts: ['/var/run/docker.sock'] });
    expect(job.state).toBe('failed');
    expect(job.exitCode).toBe(3);
    expect(job.error).toEqual({ code: 'compose-failed', message: 'ERROR: the port is taken\nsecond reason' });
    expect(job.phases).toEqual({});
  });

  it('a line without its line break at the end is kept', async () => {
    const job = await run({ services: ['partial'] });
    expect(job.output.at(-1)?.text).toBe('no newline at the end');
  });

  it('up is refused while a risky mount is not confirmed; nothing runs', async () => {
    const before = jobs.list().length;
    await expect(run({ action: 'up' })).rejects.toMatchObject({ code: 'confirmation-required' });
    expect(jobs.list()).toHaveLength(before);
  });

  it('cancel: SIGTERM, then SIGKILL for a command that ignores it; the job is cancelled and can be dismissed', async () => {
    const started = await jobs.run(request({ action: 'pull', services: ['stubborn'] }));
    await new Promise<void>((resolve) => {
      const stop = jobs.subscribe((job) => {
        if (job.id === started.id && job.phases.web === 'pulling') {
          resolve();
          queueMicrotask(() => stop());
        }
      });
    });
    expect(jobs.dismiss(started.id)).toBe(false);
    // The same command again while it runs: the same job, no second process.
    const again = await jobs.run(request({ action: 'pull', services: ['stubborn'] }));
    expect(again.id).toBe(started.id);
    const cancelled = await jobs.cancel(started.id);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.error?.code).toBe('cancelled');
    expect(cancelled.phases).toEqual({});
    expect(jobs.dismiss(started.id)).toBe(true);
    expect(jobs.list().some((job) => job.id === started.id)).toBe(false);
  });

  it('down with services is refused before anything runs (down takes the whole project)', async () => {
    await expect(run({ action: 'down', confirm: 'p', services: ['web'] })).rejects.toMatchObject({
      code: 'invalid-input',
    });
  });

  it('keeps a character whole when the output splits it between two chunks', async () => {
    const fake = Object.assign(new EventEmitter(), {
      stdout: new PassThrough(),
      stderr: new PassThrough(),
      pid: undefined,
      exitCode: null,
      signalCode: null,
      kill: () => true,
    });
    const split = jobsWith(
      { ...standalone, kind: 'plugin', command: ['docker', 'compose'], version: '2.24.5', major: 2 },
      () => fake as unknown as ChildProcess,
    );
    const started = await split.run(request({ action: 'stop' }));
    expect(started.commandLine).toMatch(/^docker compose -p p /);
    const bytes = Buffer.from(' ✔ Container p-web-1  Stopped\n', 'utf8');
    fake.stdout.write(bytes.subarray(0, 2));
    fake.stdout.write(bytes.subarray(2));
    await new Promise((resolve) => setTimeout(resolve, 20));
    fake.stdout.end();
    fake.stderr.end();
    fake.emit('close', 0, null);
    const job = await split.settled(started.id);
    expect(job.output).toEqual([{ stream: 'stdout', text: ' ✔ Container p-web-1  Stopped' }]);
  });

  it('without files: the ones compose would pick in the folder, named with -f; none there (only above) is refused', async () => {
    const withOverride = path.join(root, 'with-override');
    fs.mkdirSync(withOverride);
    fs.writeFileSync(path.join(withOverride, 'docker-compose.yml'), 'services: {}\n');
    fs.writeFileSync(path.join(withOverride, 'docker-compose.override.yml'), 'services: {}\n');
    const job = await run({ target: { projectName: 'p', folder: withOverride, files: [] } });
    expect(job.commandLine).toBe(
      `docker-compose -p p -f ${withOverride}/docker-compose.yml -f ${withOverride}/docker-compose.override.yml --project-directory ${withOverride} stop`,
    );
    // A compose file in the folder above is not the project's: compose would find it, Berth does not let it.
    const empty = path.join(withOverride, 'empty');
    fs.mkdirSync(empty);
    const before = jobs.list().length;
    await expect(run({ target: { projectName: 'p', folder: empty, files: [] } })).rejects.toMatchObject({
      code: 'not-found',
    });
    expect(jobs.list()).toHaveLength(before);
  });

  it('a program that cannot be started fails the request and leaves no job behind', async () => {
    const broken = jobsWith(standalone, () => {
      throw new Error('spawn EACCES');
    });
    await expect(broken.run(request())).rejects.toMatchObject({ code: 'compose-failed' });
    expect(broken.list()).toEqual([]);
  });
});
