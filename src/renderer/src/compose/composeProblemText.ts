import type { TFunction } from 'i18next';
import type { ComposeProblem, ComposeProblemKind } from '../../../shared/compose';

const kindKeys = {
  'yaml-syntax': 'yamlSyntax',
  'unknown-key': 'unknownKey',
  'wrong-type': 'wrongType',
  'missing-key': 'missingKey',
  'not-allowed': 'notAllowed',
  'bad-value': 'badValue',
  'no-image': 'noImage',
  'unknown-reference': 'unknownReference',
  'dependency-cycle': 'dependencyCycle',
  'no-services': 'noServices',
  'outside-folder': 'outsideFolder',
  'too-large': 'tooLarge',
} as const satisfies Record<ComposeProblemKind, string>;

const typeNames = ['string', 'number', 'integer', 'boolean', 'array', 'object', 'null'] as const;
const referenceKinds = ['service', 'network', 'volume', 'secret', 'config'] as const;

/** "string, array" (the schema's type names) in the user's words: "text or a list". */
function expectedWords(t: TFunction, expected: string): string {
  return expected
    .split(',')
    .map((name) => name.trim())
    .filter(Boolean)
    .map((name) =>
      (typeNames as readonly string[]).includes(name)
        ? t(`composeEditor.types.${name as (typeof typeNames)[number]}`)
        : name,
    )
    .join(t('composeEditor.types.or'));
}

/**
 * What is wrong in a compose file, as one sentence in the user's language; `code` parts are
 * backticked (InlineCode shows them as code).
 */
export function composeProblemText(t: TFunction, problem: ComposeProblem): string {
  const params = problem.params;
  const kind = params.kind ?? '';
  return t(`composeEditor.kinds.${kindKeys[problem.kind]}`, {
    ...params,
    at: problem.at || problem.file,
    expected: expectedWords(t, params.expected ?? ''),
    kind: (referenceKinds as readonly string[]).includes(kind)
      ? t(`composeEditor.referenceKinds.${kind as (typeof referenceKinds)[number]}`)
      : kind,
  });
}

/** The sentence without its code marks, for a plain-text title. */
export function plainProblemText(t: TFunction, problem: ComposeProblem): string {
  return composeProblemText(t, problem).replaceAll('`', '');
}
