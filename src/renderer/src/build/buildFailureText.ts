import type { TFunction } from 'i18next';
import type { BuildFailure, BuildJob } from '../../../shared/builds';
import { asSentence } from '../engine/problemText';

/** The instruction's keyword ("COPY", "ADD") of the step a failure belongs to. */
function keywordOf(job: BuildJob, failure: BuildFailure): string {
  const step = job.steps.find((candidate) => candidate.index === failure.step);
  return /^\s*(\w+)/.exec(step?.instruction ?? '')?.[1]?.toUpperCase() ?? 'COPY';
}

/** Why a build stopped, as one sentence in the user's language; the engine's own words for anything else. */
export function buildFailureText(t: TFunction, job: BuildJob, failure: BuildFailure): string {
  const line = failure.line;
  const engineWords = asSentence(job.error?.message ?? failure.lastOutput.at(-1) ?? '');
  switch (failure.kind) {
    case 'base-not-found':
      if (failure.subject) return t('buildSteps.failure.base-not-found', { image: failure.subject });
      break;
    case 'command-failed':
      if (failure.exitCode !== null) {
        return line !== null
          ? t('buildSteps.failure.command-failed', { line, code: failure.exitCode })
          : t('buildSteps.failure.commandFailedNoLine', { code: failure.exitCode });
      }
      break;
    case 'copy-source-missing':
      if (failure.subject && line !== null) {
        return t('buildSteps.failure.copy-source-missing', {
          instruction: keywordOf(job, failure),
          line,
          source: failure.subject,
        });
      }
      break;
    case 'dockerfile-syntax':
      return line !== null
        ? t('buildSteps.failure.dockerfile-syntax', { line })
        : t('buildSteps.failure.dockerfileSyntaxNoLine');
    case 'target-not-found': {
      const target = failure.subject ?? job.options.target;
      if (target) return t('buildSteps.failure.target-not-found', { target });
      break;
    }
    case 'other':
      break;
  }
  return t('buildSteps.failure.other', { message: engineWords });
}
