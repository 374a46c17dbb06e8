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

/** Closes a sentence with a full stop unless it already ends with one (. ! ? … or a closing bracket after one). */
export function asSentence(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '' || /[.!?…。]["')\]]*$/.test(trimmed)) return trimmed;
  return `${trimmed}.`;
}

/**
 * Sentences as one text, each closed and one space apart: a title and the engine's detail are
 * separate sentences ("… is not running. Nothing answers at …"), never run together.
 */
export function joinSentences(...sentences: ReadonlyArray<string | null | undefined>): string {
  return sentences
    .filter((sentence): sentence is string => Boolean(sentence?.trim()))
    .map(asSentence)
    .join(' ');
}
