import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { course } from '../../src/main/lessons/course';
import type { LessonDefinition } from '../../src/main/lessons/lessonDefinition';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { LessonId, LessonState, LessonsState } from '../../src/shared/lessons';
import { docker, dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { waitFor } from '../fixtures/waitFor';

/*
 * The LessonWatcher on the real engine: steps turn done from what the engine shows (the docker CLI
 * does the work here, as a learner in a terminal), probes ask what no list shows, observations
 * record image tags and disk usage, and progress survives a restart of Berth and of the engine's
 * connection.
 */

const tag = `berthtest${process.pid}`;
const box = `berthtest-lesson-box-${process.pid}`;
const redisName = `berthtest-lesson-redis-${process.pid}`;
const volume = `berthtest-lesson-volume-${process.pid}`;
const step = (id: string, done: LessonDefinition['steps'][number]['done']) => ({
  id,
  commands: () => [],
  screen: () => '#/lessons',
  done,
});

/** Lesson 1 as it is, and in the other slots lessons that ask for each kind of probe and observation. */
const testCourse: Record<LessonId, LessonDefinition> = {
  ...course,
  imageAndContainer: {
    id: 'imageAndContainer',
    steps: [step('file', (world) => world.probes.file?.ok === true)],
    probes: (world) => {
      const target = world.containers.find((container) => container.name === box && container.state === 'running');
      return target
        ? [{ kind: 'exec', key: 'file', containerId: target.id, command: ['cat', '/berth-lesson.txt'] }]
        : [];
    },
    facts: (world) => ({ file: world.probes.file?.output.trim() ?? '' }),
  },
  portsAndVolumes: {
    id: 'portsAndVolumes',
    steps: [step('volume', (world) => world.probes.volume?.output.split('\n').includes('hello.txt') === true)],
    probes: (world) =>
      world.volumes.some((candidate) => candidate.name === volume)
        ? [{ kind: 'volumeFiles', key: 'volume', volume, path: '' }]
        : [],
  },
  ownImage: {
    id: 'ownImage',
    steps: [
      step('tagged', (world) =>
        world.observations.some(
          (seen) => seen.kind === 'imageTagged' && seen.tag === `${tag}:one` && seen.layers.length > 0,
        ),
      ),
    ],
  },
  cleanUp: {
    id: 'cleanUp',
    measuresDisk: true,
    steps: [step('measured', (world) => world.observations.some((seen) => seen.kind === 'diskUsage'))],
  },
};

function lesson(state: LessonsState, id: LessonId): LessonState {
  return state.lessons.find((candidate) => candidate.id === id)!;
}

describe.skipIf(!requireEngine.available)('lessons checked on the real engine', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lessons-'));
  const lessonsPath = path.join(dir, 'lessons.json');
  let backend: Backend;
  let latest: LessonsState | null = null;
  let stop: () => void = () => undefined;

  const open = async () => {
    backend = createBackend({ system: realHostSystem(process.env), lessonsPath, lessonCourse: testCourse });
    await backend.start();
    stop = backend.lessons.subscribe((state) => (latest = state));
  };
  const close = async () => {
    stop();
    await backend.lessons.saved();
    backend.stop();
  };
  const waitForLesson = (what: string, id: LessonId, condition: (state: LessonState) => boolean) =>
    waitFor(what, () => latest !== null && condition(lesson(latest, id)), 30_000);

  beforeAll(async () => {
    await open();
  });

  afterAll(async () => {
    await close();
    dockerQuiet('rm', '-f', box, redisName);
    dockerQuiet('volume', 'rm', volume);
    dockerQuiet('image', 'rm', `${tag}:one`);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('ticks lesson 1 when redis runs, done in a terminal while Berth watches', async () => {
    await backend.lessons.startLesson('whyDocker');
    expect(lesson(backend.lessons.state(), 'whyDocker').started).toBe(true);
    docker('pull', 'redis');
    docker('run', '-d', '--name', redisName, 'redis');
    await waitForLesson('lesson 1 finished', 'whyDocker', (state) => state.finished);
    const state = lesson(latest!, 'whyDocker');
    expect(state.steps.map((candidate) => candidate.done)).toEqual([true, true]);
    expect(state.current).toBeNull();
    expect(state.facts.container).toBeTruthy();
  });

  it('asks an exec probe again after the learner’s own exec', async () => {
    docker('run', '-d', '--name', box, 'busybox', 'sleep', '600');
    await backend.lessons.startLesson('imageAndContainer');
    await waitForLesson('the file probe answered "no such file"', 'imageAndContainer', (state) => state.started);
    await backend.lessons.recheck('imageAndContainer');
    expect(lesson(backend.lessons.state(), 'imageAndContainer').steps[0]?.done).toBe(false);
    docker('exec', box, 'sh', '-c', 'echo written by the learner > /berth-lesson.txt');
    await waitForLesson('the file step done', 'imageAndContainer', (state) => state.finished);
  });

  it('lists a volume through a helper that is gone right after, so the volume stays unused', async () => {
    docker('volume', 'create', volume);
    await backend.lessons.startLesson('portsAndVolumes');
    docker('run', '--rm', '-v', `${volume}:/data`, 'busybox', 'sh', '-c', 'echo hi > /data/hello.txt');
    await waitForLesson('the volume step done', 'portsAndVolumes', (state) => state.finished);
    await waitFor('no container uses the volume', () => docker('ps', '-aq', '--filter', `volume=${volume}`) === '');
  });

  it('records an image tag with its layers, and disk usage while lesson 8 is open', async () => {
    await backend.lessons.startLesson('ownImage');
    docker('tag', 'busybox', `${tag}:one`);
    await waitForLesson('the tag observed', 'ownImage', (state) => state.finished);
    await backend.lessons.startLesson('cleanUp');
    await waitForLesson('disk usage measured', 'cleanUp', (state) => state.finished);
  });

  it('resumes at the right step after a restart of Berth, from the saved progress', async () => {
    const before = lesson(latest!, 'whyDocker');
    await backend.lessons.reset('imageAndContainer');
    expect(lesson(backend.lessons.state(), 'imageAndContainer').started).toBe(false);
    await close();
    latest = null;
    await open();
    const after = lesson(backend.lessons.state(), 'whyDocker');
    expect(after.steps.map((candidate) => candidate.doneAt)).toEqual(before.steps.map((candidate) => candidate.doneAt));
    expect(lesson(backend.lessons.state(), 'imageAndContainer').started).toBe(false);
  });

  it('checks nothing while the Docker server is away, and catches up when it answers again', async () => {
    dockerQuiet('rm', '-f', box);
    await backend.lessons.startLesson('imageAndContainer');
    expect(lesson(backend.lessons.state(), 'imageAndContainer').finished).toBe(false);
    // Away: Berth pointed at an address where nothing answers (as when the engine stops).
    await backend.settings.update({ engine: { kind: 'custom', url: 'tcp://127.0.0.1:9' } });
    await waitForLesson('the engine need unmet', 'imageAndContainer', (state) =>
      state.unmet.some((need) => need.kind === 'engine'),
    );
    docker('run', '-d', '--name', box, 'busybox', 'sh', '-c', 'echo meanwhile > /berth-lesson.txt; exec sleep 600');
    await backend.settings.update({ engine: { kind: 'automatic' } });
    await waitForLesson('the step done once the engine answers', 'imageAndContainer', (state) => state.finished);
    expect(lesson(latest!, 'imageAndContainer').facts.file).toBe('meanwhile');
  });
});
