import { describe, expect, it } from 'vitest';
import type { LessonDefinition } from '../../../src/main/lessons/lessonDefinition';
import { evaluateLesson } from '../../../src/main/lessons/lessonEvaluation';
import { container, memory, world } from './worldFixture';

/** A lesson of three steps: a container named a, then b, then c exists. */
const lesson: LessonDefinition = {
  id: 'whyDocker',
  steps: ['a', 'b', 'c'].map((name) => ({
    id: name,
    commands: () => [`docker run --name ${name} busybox`],
    screen: () => `#/containers?show=${name}`,
    done: (seen) => seen.containers.some((candidate) => candidate.name === name),
    remember: name === 'b' ? () => ({ bSeen: true }) : undefined,
  })),
  facts: (seen) => ({ count: String(seen.containers.length) }),
};
const named = (...names: string[]) => names.map((name) => container({ name, image: 'busybox' }));

describe('a lesson evaluated in a world', () => {
  it('checks nothing before the lesson is started, and still shows its steps and commands', () => {
    const result = evaluateLesson(lesson, world({ containers: named('a', 'b') }), null);
    expect(result.changed).toBe(false);
    expect(result.state.started).toBe(false);
    expect(result.state.steps.map((step) => step.done)).toEqual([false, false, false]);
    expect(result.state.steps[0]?.commands).toEqual(['docker run --name a busybox']);
    expect(result.state.current).toBe('a');
  });

  it('ticks the steps in order, as far as the world shows them done, and remembers what a step asks', () => {
    const seen = world({ containers: named('a', 'b') });
    const result = evaluateLesson(lesson, seen, memory());
    expect(result.changed).toBe(true);
    expect(result.state.steps.map((step) => step.done)).toEqual([true, true, false]);
    expect(result.state.steps[0]?.doneAt).toBe(seen.now);
    expect(result.memory?.notes).toEqual({ bSeen: true });
    expect(result.state.current).toBe('c');
    expect(result.state.finished).toBe(false);
    expect(result.state.facts).toEqual({ count: '2' });
  });

  it('does not skip a step: a later step done first waits for the ones before it', () => {
    const result = evaluateLesson(lesson, world({ containers: named('b', 'c') }), memory());
    expect(result.changed).toBe(false);
    expect(result.state.steps.map((step) => step.done)).toEqual([false, false, false]);
  });

  it('keeps done steps done when the world no longer shows them (progress is lost only by a reset)', () => {
    const saved = memory({ doneAt: { a: 5, b: 6 } });
    const result = evaluateLesson(lesson, world({ containers: named('c') }), saved);
    expect(result.state.steps.map((step) => step.doneAt)).toEqual([5, 6, world().now]);
    expect(result.state.finished).toBe(true);
    expect(result.state.current).toBeNull();
  });

  it('checks nothing while the engine is not connected, and says so', () => {
    const away = world({ containers: named('a'), engine: { ...world().engine, state: 'disconnected' } });
    const result = evaluateLesson(lesson, away, memory());
    expect(result.changed).toBe(false);
    expect(result.state.unmet).toEqual([{ kind: 'engine' }]);
  });

  it('checks nothing while the lesson needs something that is missing', () => {
    const needy: LessonDefinition = { ...lesson, unmet: () => [{ kind: 'compose' }] };
    const result = evaluateLesson(needy, world({ containers: named('a') }), memory());
    expect(result.changed).toBe(false);
    expect(result.state.unmet).toEqual([{ kind: 'compose' }]);
  });
});
