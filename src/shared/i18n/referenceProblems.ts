import type { TFunction } from 'i18next';
import type { ReferenceProblem } from '../imageReference';
import { createTranslator } from './translator';

/**
 * Why an image reference cannot be read, in t's language. The catalogs key these texts by the
 * problem (run.error.reference.<problem>), and type them as a Record of every ReferenceProblem.
 */
export function referenceProblemMessage(t: TFunction, image: string, problem: ReferenceProblem): string {
  return t(`run.error.reference.${problem}`, { suggestion: image.trim().toLowerCase() });
}

let english: TFunction | undefined;

/** The same text in English, for the main process's error details (the renderer shows its own). */
export function referenceProblemDetail(image: string, problem: ReferenceProblem): string {
  english ??= createTranslator('en');
  return referenceProblemMessage(english, image, problem);
}
