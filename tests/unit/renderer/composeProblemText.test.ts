import { describe, expect, it } from 'vitest';
import { composeProblemText, plainProblemText } from '../../../src/renderer/src/compose/composeProblemText';
import { composeProblemKinds, type ComposeProblem, type ComposeProblemKind } from '../../../src/shared/compose';
import { createTranslator } from '../../../src/shared/i18n/translator';

/** Each kind with the params the main process gives it. */
const params: Record<ComposeProblemKind, Record<string, string>> = {
  'yaml-syntax': { detail: 'Nested mappings are not allowed in compact mappings' },
  'unknown-key': { key: 'portz' },
  'wrong-type': { expected: 'string,array' },
  'missing-key': { key: 'services' },
  'not-allowed': { allowed: 'no, always, on-failure, unless-stopped' },
  'bad-value': {},
  'no-image': {},
  'unknown-reference': { name: 'cache', kind: 'volume' },
  'dependency-cycle': { cycle: 'web → redis → web' },
  'no-services': {},
  'outside-folder': { path: '../secrets/.env' },
  'too-large': {},
};

function problem(kind: ComposeProblemKind): ComposeProblem {
  return { kind, file: 'compose.yaml', line: 3, column: 5, at: 'services.web.restart', params: params[kind] };
}

describe('compose problems in the user’s language', () => {
  for (const language of ['en', 'ko'] as const) {
    it(`says every kind in ${language}, its words filled in`, () => {
      const t = createTranslator(language);
      for (const kind of composeProblemKinds) {
        const text = composeProblemText(t, problem(kind));
        expect(text, kind).not.toMatch(/\{\{|composeEditor\./);
        for (const value of Object.values(params[kind]).filter((value) => value !== 'volume' && !value.includes(',')))
          expect(text, kind).toContain(value);
      }
    });
  }

  it('names the expected types and the reference kinds in words', () => {
    const en = createTranslator('en');
    const ko = createTranslator('ko');
    expect(composeProblemText(en, problem('wrong-type'))).toBe('`services.web.restart` should be text or a list');
    expect(composeProblemText(ko, problem('wrong-type'))).toBe(
      '`services.web.restart`의 값은 이런 형태여야 해요: 글자(문자열) 또는 목록',
    );
    expect(composeProblemText(en, problem('unknown-reference'))).toBe('The file defines no volume named `cache`');
    expect(composeProblemText(ko, problem('unknown-reference'))).toBe('파일에 정의하지 않은 볼륨 이름이에요: `cache`');
    expect(plainProblemText(en, problem('unknown-key'))).toBe('portz is not a key the compose file format has');
  });
});
