import type { Widen } from '../catalogShape';

/** Lesson 4 (not written yet). */
export const helloWorldEn = {
  title: 'hello-world and the image cache',
  summary: '',
  intro: '',
  steps: {},
} as const;

export const helloWorldKo: Widen<typeof helloWorldEn> = {
  title: 'hello-world와 이미지 캐시',
  summary: '',
  intro: '',
  steps: {},
};
