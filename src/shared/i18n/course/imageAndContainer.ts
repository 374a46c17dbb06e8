import type { Widen } from '../catalogShape';

/** Lesson 2 (not written yet). */
export const imageAndContainerEn = {
  title: 'Image and container',
  summary: '',
  intro: '',
  steps: {},
} as const;

export const imageAndContainerKo: Widen<typeof imageAndContainerEn> = {
  title: '이미지와 컨테이너',
  summary: '',
  intro: '',
  steps: {},
};
