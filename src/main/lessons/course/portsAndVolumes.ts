import type { LessonDefinition } from '../lessonDefinition';

/** Lesson 6: not written yet (a helper writes it from the lesson 6). */
export const portsAndVolumes: LessonDefinition = {
  id: 'portsAndVolumes',
  steps: [],
};
