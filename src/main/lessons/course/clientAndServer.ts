import type { LessonDefinition } from '../lessonDefinition';

/** Lesson 3: not written yet (a helper writes it from the lesson 3). */
export const clientAndServer: LessonDefinition = {
  id: 'clientAndServer',
  steps: [],
};
