import type { Widen } from '../catalogShape';

/** Lesson 5 (not written yet). */
export const ownImageEn = {
  title: 'Your own image',
  summary: '',
  intro: '',
  steps: {},
} as const;

export const ownImageKo: Widen<typeof ownImageEn> = {
  title: '나만의 이미지',
  summary: '',
  intro: '',
  steps: {},
};
