import type { TFunction } from 'i18next';
import { buildFileProblemSchema } from '../../../shared/builds';
import type { BerthError } from '../../../shared/errors';

/**
 * Why a folder or a Dockerfile could not be opened or saved, in the user's language, when the main
 * process said which of the known file problems it was (missing folder, not opened, write failed...);
 * null for any other failure, which the page shows as a problem card.
 */
export function buildFileProblemText(t: TFunction, error: BerthError): string | null {
  for (const issue of error.issues ?? []) {
    const problem = buildFileProblemSchema.safeParse(issue.message);
    if (problem.success) return t(`buildFiles.problem.${problem.data}`);
  }
  return null;
}
