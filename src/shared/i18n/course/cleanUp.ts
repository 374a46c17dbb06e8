import type { Widen } from '../catalogShape';

/** Lesson 8 (not written yet). */
export const cleanUpEn = {
  title: 'Clean up',
  summary: '',
  intro: '',
  steps: {},
} as const;

export const cleanUpKo: Widen<typeof cleanUpEn> = {
  title: '정리하기',
  summary: '',
  intro: '',
  steps: {},
};
