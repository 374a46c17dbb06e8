import { describe, expect, it } from 'vitest';
import type { LessonId } from '../../../src/shared/lessons';
import { course } from '../../../src/main/lessons/course';
import type { LessonDefinition, ProbeAnswer, ProbeRequest } from '../../../src/main/lessons/lessonDefinition';
import type { LessonProbeRunner } from '../../../src/main/lessons/lessonProbes';
import { LessonProgressStore } from '../../../src/main/lessons/lessonProgressStore';
import { LessonWatcher } from '../../../src/main/lessons/lessonWatcher';
import { fakeSources } from './fakeSources';
import { waitFor } from '../../fixtures/waitFor';
import { container } from './worldFixture';

/*
 * The watcher's own rules, with the engine's events played by the test: a probe's own exec events
 * never make it run again (that would loop), a learner's exec does; Berth's helper containers are
 * ignored; sources are followed only while a lesson is open.
 */

const box = container({ name: 'box', image: 'busybox' });
const probing: LessonDefinition = {
  id: 'imageAndContainer',
  steps: [{ id: 'file', commands: () => [], screen: () => '#/', done: (seen) => seen.probes.file?.ok === true }],
  probes: () => [{ kind: 'exec', key: 'file', containerId: box.id, command: ['cat', '/f'] }],
};

function setUp(lessons: Partial<Record<LessonId, LessonDefinition>> = {}) {
  const { sources, events, followed } = fakeSources({ containers: () => [box] });
  const asked: ProbeRequest[] = [];
  let answer = false;
  let execs = 0;
  // The watcher is made below; the probe tells it of each exec it makes, as the backend's runner does.
  const noteOwnExec = { call: (_execId: string): void => undefined };
  const probes = {
    run: async (request: ProbeRequest): Promise<ProbeAnswer> => {
      asked.push(request);
      if (request.kind !== 'exec') return { ok: answer, code: answer ? 200 : null, output: '', at: Date.now() };
      execs += 1;
      const execId = `own-${execs}`;
      noteOwnExec.call(execId);
      // The engine tells of the probe's own exec, as dockerd does: with its id.
      for (const action of ['exec_create: cat /f', 'exec_start: cat /f', 'exec_die']) {
        events.fire({ Type: 'container', Action: action, Actor: { ID: box.id, Attributes: { execID: execId } } });
      }
      return { ok: answer, code: answer ? 0 : 1, output: '', at: Date.now() };
    },
  } as unknown as LessonProbeRunner;
  const watcher = new LessonWatcher({
    sources,
    store: new LessonProgressStore(),
    probes,
    lessons: { ...course, imageAndContainer: probing, ...lessons },
    settleMs: 1,
  });
  noteOwnExec.call = (execId) => watcher.noteOwnExec(execId);
  return {
    watcher,
    events,
    asked,
    followed,
    setAnswer: (value: boolean) => (answer = value),
  };
}

describe('the lesson watcher', () => {
  it('does not ask a probe again for the probe’s own exec events, and does for the learner’s', async () => {
    const { watcher, events, asked, setAnswer } = setUp();
    await watcher.startLesson('imageAndContainer');
    await waitFor('the first probe', () => asked.length === 1);
    await watcher.settleProbes();
    // Its own three events came and went: nothing more was asked.
    await new Promise((resolve) => setTimeout(resolve, 50));
    await watcher.settleProbes();
    expect(asked).toHaveLength(1);
    expect(watcher.state().lessons.find((lesson) => lesson.id === 'imageAndContainer')?.finished).toBe(false);

    setAnswer(true);
    events.fire({ Type: 'container', Action: 'exec_die', Actor: { ID: box.id, Attributes: { execID: 'learner-1' } } });
    await waitFor('the step done after the learner’s exec', () =>
      watcher.state().lessons.some((lesson) => lesson.id === 'imageAndContainer' && lesson.finished),
    );
    expect(asked).toHaveLength(2);
    watcher.dispose();
  });

  it('asks a page that did not answer yet again shortly after, with no further event', async () => {
    const page: LessonDefinition = {
      id: 'portsAndVolumes',
      steps: [{ id: 'open', commands: () => [], screen: () => '#/', done: (seen) => seen.probes.page?.ok === true }],
      probes: () => [{ kind: 'http', key: 'page', host: '127.0.0.1', port: 8080, path: '/' }],
    };
    const { watcher, asked, setAnswer } = setUp({ portsAndVolumes: page });
    await watcher.startLesson('portsAndVolumes');
    await waitFor('the first ask', () => asked.length === 1);
    // The server in the container listens now; no engine event says so.
    setAnswer(true);
    await waitFor('the page step done', () =>
      watcher.state().lessons.some((lesson) => lesson.id === 'portsAndVolumes' && lesson.finished),
    );
    expect(asked.map((request) => request.kind)).toEqual(['http', 'http']);
    watcher.dispose();
  });

  it('ignores Berth’s helper containers’ events', async () => {
    const { watcher, events, asked } = setUp();
    await watcher.startLesson('imageAndContainer');
    await waitFor('the first probe', () => asked.length === 1);
    await watcher.settleProbes();
    events.fire({
      Type: 'container',
      Action: 'destroy',
      Actor: { ID: 'helper', Attributes: { 'berth.helper': 'volume-files' } },
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await watcher.settleProbes();
    expect(asked).toHaveLength(1);
    watcher.dispose();
  });

  it('follows the services only while a started lesson is not finished', async () => {
    const { watcher, followed } = setUp();
    watcher.start();
    expect(followed.count).toBe(0);
    await watcher.startLesson('imageAndContainer');
    expect(followed.count).toBeGreaterThan(0);
    watcher.reset('imageAndContainer');
    expect(followed.count).toBe(0);
    watcher.dispose();
  });
});
