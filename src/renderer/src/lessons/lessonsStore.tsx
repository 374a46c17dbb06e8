import { createContext, useCallback, useContext, useMemo, type ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import { lessonIds, type LessonId, type LessonsState, type LessonState } from '../../../shared/lessons';
import { useBerthClient } from '../app/clientContext';
import { useStreamStore } from '../app/useStream';

interface LessonsValue {
  /** Every lesson in the course's order; null until the main process first answered. */
  lessons: LessonState[] | null;
  /** Set while the 'lessons.progress' stream is broken. */
  error: BerthError | null;
  /** Opens a lesson: from now on the engine's events check its steps. */
  start(lesson: LessonId): Promise<void>;
  /** Checks a lesson again now, for what no engine event announces (a page visited, a file edited). */
  recheck(lesson: LessonId): Promise<void>;
  /** Forgets a lesson's progress (nothing on the Docker server is touched). */
  reset(lesson: LessonId): Promise<void>;
}

const latest = (_previous: LessonsState | null, event: LessonsState): LessonsState => event;

/** The course's order, whatever order the main process sends them in. */
function inCourseOrder(state: LessonsState): LessonState[] {
  return [...state.lessons].sort((a, b) => lessonIds.indexOf(a.id) - lessonIds.indexOf(b.id));
}

const LessonsContext = createContext<LessonsValue | null>(null);

/**
 * The lessons' progress as the main process checks it on the live engine ('lessons.progress'): one
 * store for the lessons list, the lesson page and the sidebar. Each request's answer is the whole
 * new state, taken at once (the stream brings it too).
 */
export function LessonsProvider({ children }: { children: ReactNode }) {
  const client = useBerthClient();
  const { state, error, setState } = useStreamStore<'lessons.progress', LessonsState | null>(
    'lessons.progress',
    latest,
    null,
  );
  const start = useCallback(
    async (lesson: LessonId) => setState(await client.request('lessons.start', { lesson })),
    [client, setState],
  );
  const recheck = useCallback(
    async (lesson: LessonId) => setState(await client.request('lessons.recheck', { lesson })),
    [client, setState],
  );
  const reset = useCallback(
    async (lesson: LessonId) => setState(await client.request('lessons.reset', { lesson })),
    [client, setState],
  );
  const value = useMemo<LessonsValue>(
    () => ({ lessons: state ? inCourseOrder(state) : null, error, start, recheck, reset }),
    [state, error, start, recheck, reset],
  );
  return <LessonsContext.Provider value={value}>{children}</LessonsContext.Provider>;
}

export function useLessons(): LessonsValue {
  const value = useContext(LessonsContext);
  if (!value) throw new Error('useLessons needs a LessonsProvider');
  return value;
}

/** How far a lesson is: its done steps of all. */
export function lessonProgress(lesson: LessonState): { done: number; count: number } {
  return { done: lesson.steps.filter((step) => step.done).length, count: lesson.steps.length };
}

/**
 * Where a learner goes on: the first lesson of the course not finished (lesson 1 for a beginner),
 * null when every lesson is done.
 */
export function nextLessonToDo(lessons: readonly LessonState[]): LessonState | null {
  return lessons.find((lesson) => !lesson.finished) ?? null;
}
