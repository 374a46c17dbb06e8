import { describe, expect, it } from 'vitest';
import { parseImageReference, type ReferenceProblem } from '../../src/shared/imageReference';
import { referenceProblemDetail, referenceProblemMessage } from '../../src/shared/i18n/referenceProblems';
import { createTranslator } from '../../src/shared/i18n/translator';

/** One input for every problem the parser reports, and the English catalog's text for it. */
const cases: Array<[string, ReferenceProblem, string]> = [
  ['', 'empty', 'Type an image name, e.g. hello-world.'],
  ['my image', 'has-spaces', 'An image name has no spaces.'],
  ['Redis:7', 'uppercase', 'Image names are lowercase: try "redis:7".'],
  ['redis:7!', 'invalid-tag', 'The tag after ":" may only have letters, digits, _ . - (up to 128).'],
  ['re$dis', 'invalid-name', 'This is not a valid image name. Use lowercase letters, digits and - _ . /'],
  ['redis@sha256:zz', 'invalid-digest', 'The digest after "@" is not valid (sha256:…).'],
  [`a${'b'.repeat(300)}`, 'too-long', 'The image name is too long (255 characters at most).'],
];

describe('invalid-reference texts, from the catalogs only', () => {
  it.each(cases)('%j is %s', (input, problem, english) => {
    const parsed = parseImageReference(input);
    expect(parsed).toEqual({ ok: false, problem });
    expect(referenceProblemDetail(input, problem)).toBe(english);
    const korean = referenceProblemMessage(createTranslator('ko'), input, problem);
    expect(korean).not.toBe(english);
    expect(korean).not.toContain('run.error.reference');
  });
});
