import type { LessonExtras } from '../lessonExtras';

/** The lesson's own parts of its page (none yet). */
export const cleanUpExtras: LessonExtras = {};
