import { describe, expect, it } from 'vitest';
import type { ComposeProjectState } from '../../../src/shared/compose';
import { course } from '../../../src/main/lessons/course';
import type { LessonDefinition } from '../../../src/main/lessons/lessonDefinition';
import type { LessonProbeRunner } from '../../../src/main/lessons/lessonProbes';
import { LessonProgressStore } from '../../../src/main/lessons/lessonProgressStore';
import { LessonWatcher } from '../../../src/main/lessons/lessonWatcher';
import { fakeSources } from './fakeSources';
import { waitFor } from '../../fixtures/waitFor';

/*
 * The watcher stops following the engine while no lesson is open, so what it kept goes stale. A
 * lesson opened later must be checked on the lists as they are again, never on the old ones: a
 * compose project removed in between must not make a step done (done steps stay done).
 */

const project = (name: string): ComposeProjectState => ({
  name,
  workingDir: null,
  configFiles: [],
  services: [{ name: 'web', image: 'busybox', containers: [], phase: null }],
  status: 'running',
});

/** Done while the project runs: the first lesson finishes on it, the second must not. */
const runs = (id: 'compose' | 'cleanUp'): LessonDefinition => ({
  id,
  steps: [
    {
      id: 'runs',
      commands: () => [],
      screen: () => '#/compose',
      done: (seen) => seen.composeProjects.some((candidate) => candidate.name === 'shop'),
    },
  ],
});

describe('the lesson watcher following the engine again', () => {
  it('checks a lesson opened later on fresh lists, not on what it kept before', async () => {
    let projects = [project('shop')];
    // As LiveList does: each list arrives once loaded, a moment later.
    const { sources } = fakeSources({ composeProjects: () => projects, delayMs: 20 });
    const watcher = new LessonWatcher({
      sources,
      store: new LessonProgressStore(),
      probes: { run: async () => ({ ok: false, code: null, output: '', at: 0 }) } as unknown as LessonProbeRunner,
      lessons: { ...course, compose: runs('compose'), cleanUp: runs('cleanUp') },
      settleMs: 1,
    });
    const finished = (id: 'compose' | 'cleanUp') =>
      watcher.state().lessons.find((lesson) => lesson.id === id)?.finished === true;

    await watcher.startLesson('compose');
    await waitFor('the first lesson done while the project runs', () => finished('compose'));
    // Nothing open now: the watcher stops following. The project is removed meanwhile.
    projects = [];
    const opened = await watcher.startLesson('cleanUp');
    expect(opened.lessons.find((lesson) => lesson.id === 'cleanUp')?.finished).toBe(false);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(finished('cleanUp')).toBe(false);
    watcher.dispose();
  });
});
