import type { TFunction } from 'i18next';
import type { WireError } from './errors';

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
  // Asked of the loaded catalog, not imported: the renderer loads only the language it shows.
  const title = code === undefined ? '' : t(`problem.${code}.title`, { defaultValue: '' });
  const key = title ? code : 'generic';
  return { title: title || t('problem.generic.title'), body: t(`problem.${key}.body`) };
}
