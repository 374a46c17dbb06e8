import type { Widen } from '../catalogShape';

/** Lesson 6 (not written yet). */
export const portsAndVolumesEn = {
  title: 'Ports and volumes',
  summary: '',
  intro: '',
  steps: {},
} as const;

export const portsAndVolumesKo: Widen<typeof portsAndVolumesEn> = {
  title: '포트와 볼륨',
  summary: '',
  intro: '',
  steps: {},
};
