import { describe, expect, it } from 'vitest';
import { composeProblemKinds, type ComposeProblem } from '../../src/shared/compose';
import { composeProblemMessage } from '../../src/shared/i18n/composeProblems';
import { createTranslator } from '../../src/shared/i18n/translator';

// Each problem a compose file can have, said in both languages with its words filled in.

const problem = (kind: ComposeProblem['kind'], params: Record<string, string> = {}): ComposeProblem => ({
  kind,
  file: 'compose.yaml',
  line: 3,
  column: 5,
  at: 'services.web',
  params,
});

const params: Record<string, Record<string, string>> = {
  'yaml-syntax': { detail: 'Map keys must be unique' },
  'unknown-key': { key: 'portz' },
  'wrong-type': { expected: 'string, object' },
  'missing-key': { key: 'condition' },
  'not-allowed': { allowed: 'service_started, service_healthy' },
  'unknown-reference': { kind: 'volume', name: 'data' },
  'dependency-cycle': { cycle: 'web → db → web' },
  'outside-folder': { path: '/etc' },
};

describe('composeProblemMessage', () => {
  for (const language of ['en', 'ko'] as const) {
    const t = createTranslator(language);
    it(`says every kind of problem in ${language}, its words filled in`, () => {
      for (const kind of composeProblemKinds) {
        const text = composeProblemMessage(t, problem(kind, params[kind]));
        expect(text, kind).not.toMatch(/\{\{|composeFiles\./);
        for (const value of Object.values(params[kind] ?? {})) {
          if (kind !== 'wrong-type' && kind !== 'unknown-reference') expect(text, kind).toContain(value);
        }
      }
      for (const kind of ['service', 'network', 'volume']) {
        const text = composeProblemMessage(t, problem('unknown-reference', { kind, name: 'thing' }));
        expect(text).toContain('thing');
        expect(text).not.toMatch(/composeFiles\./);
      }
    });
  }

  it('puts the expected kinds of value in the reader’s words', () => {
    const wrongType = problem('wrong-type', { expected: 'array, object' });
    expect(composeProblemMessage(createTranslator('en'), wrongType)).toBe(
      'This value is the wrong kind: it should be a list or a mapping (key: value).',
    );
    expect(composeProblemMessage(createTranslator('ko'), wrongType)).toBe(
      '값의 종류가 맞지 않아요. 이 값은 목록 또는 매핑(키: 값) 값이어야 해요.',
    );
  });

  it('says the detail of a value it cannot read when there is one', () => {
    const t = createTranslator('en');
    expect(composeProblemMessage(t, problem('bad-value'))).toBe('Compose cannot read this value in this form.');
    expect(composeProblemMessage(t, problem('bad-value', { detail: 'TAG: required' }))).toBe(
      'Compose cannot read this value: TAG: required',
    );
  });
});
