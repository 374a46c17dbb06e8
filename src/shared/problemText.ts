import type { TFunction } from 'i18next';
import type { WireError } from './errors';
import { en } from './i18n/en';

/**
 * A problem's title and next step in the user's language, for the renderer's cards and the main
 * process's tray and notifications alike; a code without its own texts reads as the generic problem.
 * The English message stays as detail.
 */
export function problemText(
  t: TFunction,
  problem: Pick<WireError, 'code'> | null | undefined,
): { title: string; body: string } {
  const code: string | undefined = problem?.code;
  const known =
    code !== undefined &&
    Object.hasOwn(en.problem, code) &&
    typeof en.problem[code as keyof typeof en.problem] === 'object';
  const key = known ? code : 'generic';
  return { title: t(`problem.${key}.title`), body: t(`problem.${key}.body`) };
}
