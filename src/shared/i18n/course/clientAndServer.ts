import type { Widen } from '../catalogShape';

/** Lesson 3 (not written yet). */
export const clientAndServerEn = {
  title: 'Client and server',
  summary: '',
  intro: '',
  steps: {},
} as const;

export const clientAndServerKo: Widen<typeof clientAndServerEn> = {
  title: '도커 클라이언트와 도커 서버',
  summary: '',
  intro: '',
  steps: {},
};
