import type { TFunction } from 'i18next';
import type { ComposeProblem } from '../compose';

/**
 * A problem of a compose file as a sentence in t's language (composeFiles.kind.<kind>), its words
 * (the expected kinds of value, the kind of reference) put in that language too.
 */
export function composeProblemMessage(t: TFunction, problem: ComposeProblem): string {
  const { params } = problem;
  switch (problem.kind) {
    case 'wrong-type': {
      const expected = (params.expected ?? '')
        .split(', ')
        .filter((type) => type !== '')
        .map((type) => t(`composeFiles.valueType.${type}`, { defaultValue: type }))
        .join(t('composeFiles.or'));
      return t('composeFiles.kind.wrong-type', { expected });
    }
    case 'unknown-reference':
      return t(`composeFiles.kind.unknown-reference-${params.kind ?? 'service'}`, { name: params.name });
    case 'bad-value':
      return params.detail
        ? t('composeFiles.kind.bad-value-detail', { detail: params.detail })
        : t('composeFiles.kind.bad-value');
    default:
      return t(`composeFiles.kind.${problem.kind}`, params);
  }
}
