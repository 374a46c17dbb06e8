import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { PullManager } from '../../src/main/images/pullManager';
import { VolumeLesson } from '../../src/main/lessons/volumeLesson';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { VOLUME_LESSON, type VolumeLessonState } from '../../src/shared/volumes';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';
import { requestError, requestOk } from '../fixtures/faultTools';
import { startProxiedBackend } from '../fixtures/proxiedBackend';

// The volume lesson through the contract, each step checked with the docker CLI: the value the
// second container reads is the one the first wrote, through the volume only. The lesson's names are
// fixed (it resumes after a restart of Berth): this file and tests/e2e/volumeLesson.spec.ts are the
// only ones that use them, and they run one at a time.

const { volume, first, second, labelKey, labelValue } = VOLUME_LESSON;
const label = `${labelKey}=${labelValue}`;
// Things that are not the lesson's, which its reset must leave alone (one even carries its image and mount style).
const otherContainer = `berth-it-lesson-other-${process.pid}`;
const otherVolume = `berth-it-lesson-other-${process.pid}`;

const exists = (kind: 'container' | 'volume', name: string) =>
  dockerQuiet(kind, 'inspect', '--format', 'x', name) === 'x';
const redisCli = (container: string, ...args: string[]) => docker('exec', container, 'redis-cli', ...args);

function removeLessonThings(): void {
  const containers = dockerQuiet('ps', '-aq', '--filter', `label=${label}`).split('\n').filter(Boolean);
  if (containers.length > 0) dockerQuiet('rm', '-f', ...containers);
  dockerQuiet('volume', 'rm', volume);
}

describe.skipIf(!requireEngine.available)('the volume lesson against the real engine', () => {
  let backend: Backend;
  const step = (name: string) => requestOk<VolumeLessonState>(backend.server, 'volumeLesson.step', { step: name });

  beforeAll(async () => {
    removeLessonThings();
    if (!imageExists('redis:latest')) docker('pull', '-q', 'redis');
    docker('volume', 'create', otherVolume);
    docker(
      'run',
      '-d',
      '--name',
      otherContainer,
      '-v',
      `${otherVolume}:/data`,
      'redis',
      'redis-server',
      '--dir',
      '/data',
    );
    backend = createBackend({ system: realHostSystem(process.env) });
    await backend.start();
    expect(backend.monitor.getStatus().state).toBe('connected');
  });

  afterAll(() => {
    backend?.stop();
    removeLessonThings();
    dockerQuiet('rm', '-f', otherContainer);
    dockerQuiet('volume', 'rm', otherVolume);
  });

  it('runs the five steps in order; the second container reads what the first wrote, through the volume', async () => {
    const start = await requestOk<VolumeLessonState>(backend.server, 'volumeLesson.state', {});
    expect(start).toMatchObject({ done: [], volume, container: null, commands: [], written: null });

    // Out of order: refused, and nothing is made.
    const early = await requestError(backend.server, 'volumeLesson.step', { step: 'write' });
    expect(early.code).toBe('lesson-out-of-order');
    expect(early.message).toMatch(/step 1 \(run berth-lesson-redis\) comes first/);
    expect(exists('volume', volume)).toBe(false);

    // 1. run: redis on the labelled volume, answering PING.
    const afterRun = await step('run');
    expect(afterRun.done).toEqual(['run']);
    expect(afterRun.containerName).toBe(first);
    expect(docker('inspect', '--format', '{{.State.Running}}', first)).toBe('true');
    expect(afterRun.container).toBe(docker('inspect', '--format', '{{.Id}}', first));
    expect(docker('inspect', '--format', `{{index .Config.Labels "${labelKey}"}}`, first)).toBe(labelValue);
    expect(docker('volume', 'inspect', '--format', `{{index .Labels "${labelKey}"}}`, volume)).toBe(labelValue);
    expect(docker('inspect', '--format', '{{range .Mounts}}{{.Name}}:{{.Destination}}{{end}}', first)).toBe(
      `${volume}:/data`,
    );
    expect(redisCli(first, 'PING')).toBe('PONG');
    expect(afterRun.commands).toEqual([
      {
        step: 'run',
        command: `docker run -d --name ${first} -v ${volume}:/data redis redis-server --appendonly yes --dir /data`,
      },
    ]);
    expect((await requestError(backend.server, 'volumeLesson.step', { step: 'remove' })).code).toBe(
      'lesson-out-of-order',
    );
    expect(exists('container', first)).toBe(true);

    // 2. write.
    const afterWrite = await step('write');
    expect(afterWrite.done).toEqual(['run', 'write']);
    const written = afterWrite.written!;
    expect(written).toMatch(/^Berth \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$/);
    expect(redisCli(first, 'GET', 'lesson')).toBe(written);
    expect(afterWrite.commands[1]).toEqual({
      step: 'write',
      command: `docker exec ${first} redis-cli SET lesson "${written}"`,
    });

    // 3. remove: the container is gone, the volume is not.
    const afterRemove = await step('remove');
    expect(afterRemove.done).toEqual(['run', 'write', 'remove']);
    expect(afterRemove.container).toBeNull();
    expect(exists('container', first)).toBe(false);
    expect(exists('volume', volume)).toBe(true);
    expect(afterRemove.commands[2]).toEqual({ step: 'remove', command: `docker rm -f ${first}` });

    // 4. run again, a new container on the same volume.
    const afterRunAgain = await step('runAgain');
    expect(afterRunAgain.done).toEqual(['run', 'write', 'remove', 'runAgain']);
    expect(afterRunAgain.containerName).toBe(second);
    expect(afterRunAgain.container).toBe(docker('inspect', '--format', '{{.Id}}', second));
    expect(redisCli(second, 'PING')).toBe('PONG');

    // 5. read: what the first container wrote, as the docker CLI reads it from the second one too.
    const afterRead = await step('read');
    expect(afterRead.done).toEqual(['run', 'write', 'remove', 'runAgain', 'read']);
    expect(afterRead.readBack).toBe(written);
    expect(afterRead.observed).toBe(written);
    expect(redisCli(second, 'GET', 'lesson')).toBe(written);
    expect(afterRead.commands.map((line) => line.step)).toEqual(['run', 'write', 'remove', 'runAgain', 'read']);
    expect(afterRead.commands[4]!.command).toBe(`docker exec ${second} redis-cli GET lesson`);

    // Finished: no step is next.
    const again = await requestError(backend.server, 'volumeLesson.step', { step: 'read' });
    expect(again.code).toBe('lesson-out-of-order');
    expect(again.message).toMatch(/finished/);

    // A fresh backend (Berth restarted) finds the lesson where the engine has it: steps 1 to 4 done.
    const restarted = createBackend({ system: realHostSystem(process.env) });
    await restarted.start();
    try {
      const resumed = await requestOk<VolumeLessonState>(restarted.server, 'volumeLesson.state', {});
      expect(resumed.done).toEqual(['run', 'write', 'remove', 'runAgain']);
      expect(resumed.containerName).toBe(second);
      const read = await requestOk<VolumeLessonState>(restarted.server, 'volumeLesson.step', { step: 'read' });
      expect(read.readBack).toBe(written);
    } finally {
      restarted.stop();
    }
  });

  it('resumes after a restart of Berth between step 2 and 3, with the value read from redis', async () => {
    await requestOk(backend.server, 'volumeLesson.reset', { confirm: volume });
    await step('run');
    const { written } = await step('write');
    const restarted = createBackend({ system: realHostSystem(process.env) });
    await restarted.start();
    try {
      const resumed = await requestOk<VolumeLessonState>(restarted.server, 'volumeLesson.state', {});
      expect(resumed.done).toEqual(['run', 'write']);
      expect(resumed.written).toBe(written);
    } finally {
      restarted.stop();
    }
  });

  it('reset refuses a confirmation that does not name the volume, then removes exactly the lesson’s things', async () => {
    const state = await requestOk<VolumeLessonState>(backend.server, 'volumeLesson.state', {});
    expect(state.done.length).toBeGreaterThan(0);
    for (const confirm of ['yes', first, second, `${volume} `, volume.toUpperCase(), otherVolume]) {
      const error = await requestError(backend.server, 'volumeLesson.reset', { confirm });
      expect(error.code, confirm).toBe('confirmation-required');
    }
    expect((await requestError(backend.server, 'volumeLesson.reset', {})).code).toBe('invalid-input');
    expect(exists('volume', volume)).toBe(true);
    expect(exists('container', first)).toBe(true);

    const reset = await requestOk<VolumeLessonState>(backend.server, 'volumeLesson.reset', { confirm: volume });
    expect(reset).toMatchObject({ done: [], container: null, written: null, readBack: null });
    expect(dockerQuiet('ps', '-aq', '--filter', `label=${label}`)).toBe('');
    expect(exists('volume', volume)).toBe(false);
    // Not the lesson's: still there, and the other container still runs.
    expect(exists('volume', otherVolume)).toBe(true);
    expect(docker('inspect', '--format', '{{.State.Running}}', otherContainer)).toBe('true');
  });

  it('reset with a wrong confirmation never reaches the engine (counted at a proxy): nothing is listed or removed', async () => {
    await requestOk(backend.server, 'volumeLesson.reset', { confirm: volume });
    await step('run');
    const { dir, proxy, backend: proxied } = await startProxiedBackend('berth-lesson-');
    try {
      const from = proxy.requests().length;
      for (const confirm of ['yes', first, `${volume}x`, '*']) {
        expect((await requestError(proxied.server, 'volumeLesson.reset', { confirm })).code).toBe(
          'confirmation-required',
        );
      }
      expect(
        proxy
          .requests()
          .slice(from)
          .filter((request) => request.path.includes('lesson') || request.method === 'DELETE'),
      ).toEqual([]);
      expect(exists('container', first)).toBe(true);
      expect(exists('volume', volume)).toBe(true);
    } finally {
      proxied.stop();
      await proxy.close();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  // The registry mirror's own name for redis: the same image under a reference the cache does not
  // hold, so step 1 has to pull it (Berth never removes the shared redis:latest to test this).
  const mirrorRedis = '127.0.0.1:5000/library/redis:latest';
  it.skipIf(imageExists(mirrorRedis))('step 1 pulls a missing redis through the pull jobs, then runs it', async () => {
    await requestOk(backend.server, 'volumeLesson.reset', { confirm: volume });
    const pulls = new PullManager({ getClient: () => backend.monitor.requireClient() });
    const lesson = new VolumeLesson({ getClient: () => backend.monitor.requireClient(), pulls, image: mirrorRedis });
    try {
      const state = await lesson.step('run');
      expect(state.done).toEqual(['run']);
      expect(pulls.list().map((job) => [job.reference, job.state])).toEqual([[mirrorRedis, 'done']]);
      expect(docker('inspect', '--format', '{{.Config.Image}}', first)).toBe(mirrorRedis);
      expect(redisCli(first, 'PING')).toBe('PONG');
    } finally {
      pulls.dispose();
      await requestOk(backend.server, 'volumeLesson.reset', { confirm: volume });
      // Only the tag this test pulled: the image stays, as redis:latest.
      dockerQuiet('rmi', mirrorRedis);
    }
  });

  it('never takes over a volume of the lesson’s name that it did not make, nor removes it at reset', async () => {
    await requestOk(backend.server, 'volumeLesson.reset', { confirm: volume });
    docker('volume', 'create', volume);
    try {
      const error = await requestError(backend.server, 'volumeLesson.step', { step: 'run' });
      expect(error.code).toBe('name-in-use');
      expect(error.message).toMatch(/did not make/);
      await requestOk(backend.server, 'volumeLesson.reset', { confirm: volume });
      expect(exists('volume', volume)).toBe(true);
    } finally {
      dockerQuiet('volume', 'rm', volume);
    }
  });
});
