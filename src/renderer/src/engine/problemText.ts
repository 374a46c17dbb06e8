import type { TFunction } from 'i18next';
import type { WireError } from '../../../shared/errors';
import { en } from '../../../shared/i18n/en';

/** A problem's title and next step in the user's language; the English message stays as detail. */
export function problemText(t: TFunction, problem: Pick<WireError, 'code'>): { title: string; body: string } {
  const code: string = problem.code;
  const known = Object.hasOwn(en.problem, code) && typeof en.problem[code as keyof typeof en.problem] === 'object';
  const key = known ? code : 'generic';
  return { title: t(`problem.${key}.title`), body: t(`problem.${key}.body`) };
}
