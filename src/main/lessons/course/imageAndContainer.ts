import type { LessonDefinition } from '../lessonDefinition';

/** Lesson 2: not written yet (a helper writes it from the lesson 2). */
export const imageAndContainer: LessonDefinition = {
  id: 'imageAndContainer',
  steps: [],
};
