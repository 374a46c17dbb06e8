import type { Widen } from '../catalogShape';

/** Lesson 7 (not written yet). */
export const composeEn = {
  title: 'Many containers',
  summary: '',
  intro: '',
  steps: {},
} as const;

export const composeKo: Widen<typeof composeEn> = {
  title: ' compose:여러 컨테이너: 컴포즈',
  summary: '',
  intro: '',
  steps: {},
};
