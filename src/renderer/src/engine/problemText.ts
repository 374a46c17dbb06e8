import type { TFunction } from 'i18next';
import type { WireError } from '../../../shared/errors';

const knownProblems = [
  'engine-not-found',
  'engine-not-running',
  'engine-permission-denied',
  'engine-timeout',
  'engine-too-old',
  'endpoint-invalid',
  'engine-error',
  'cli-not-installed',
] as const;

/** A problem's title and next step in the user's language; the English message stays as detail. */
export function problemText(t: TFunction, problem: Pick<WireError, 'code'>): { title: string; body: string } {
  const key = (knownProblems as readonly string[]).includes(problem.code) ? problem.code : 'generic';
  return { title: t(`problem.${key}.title`), body: t(`problem.${key}.body`) };
}
