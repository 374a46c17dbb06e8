import { describe, expect, it } from 'vitest';
import { en } from '../../../src/shared/i18n/en';
import { detectLanguage } from '../../../src/renderer/src/i18n';
import { ko } from '../../../src/shared/i18n/ko';
import { catalogLeaves as leaves } from './catalogLeaves';

/** The names of a value's {{placeholders}}, without their formats ({{code, 으로}} is "code"). */
const placeholders = (text: string) =>
  [...text.matchAll(/\{\{\s*([^},\s]+)\s*(?:,[^}]*)?\}\}/g)].map((match) => match[1]).sort();

const enLeaves = new Map(leaves(en));
const koLeaves = new Map(leaves(ko));

/** Names and commands that read the same in both languages. */
const sameInBothLanguages = new Set(['app.name', 'engine.source.DOCKER_HOST', 'engine.source.DOCKER_CONTEXT']);

describe('translation catalogs', () => {
  it('have exactly the same keys in English and Korean', () => {
    expect([...koLeaves.keys()].sort()).toEqual([...enLeaves.keys()].sort());
    expect(enLeaves.size).toBeGreaterThan(50);
  });

  it('hold only non-empty strings', () => {
    for (const [key, value] of [...enLeaves, ...koLeaves]) {
      expect(typeof value, key).toBe('string');
      expect(String(value).trim(), key).not.toBe('');
    }
  });

  it('use the same {{placeholders}} in both languages', () => {
    let withPlaceholders = 0;
    for (const [key, english] of enLeaves) {
      const korean = String(koLeaves.get(key));
      expect(placeholders(korean), key).toEqual(placeholders(String(english)));
      if (placeholders(String(english)).length > 0) withPlaceholders += 1;
    }
    expect(withPlaceholders).toBeGreaterThanOrEqual(4);
  });

  it('have a problem title and body for every code the UI explains', () => {
    for (const code of [
      'engine-not-found',
      'engine-not-running',
      'engine-permission-denied',
      'engine-timeout',
      'engine-too-old',
      'endpoint-invalid',
      'engine-error',
      'cli-not-installed',
      'generic',
    ]) {
      expect(enLeaves.has(`problem.${code}.title`), code).toBe(true);
      expect(enLeaves.has(`problem.${code}.body`), code).toBe(true);
    }
  });

  it('translate nearly every string into Korean', () => {
    const keys = [...enLeaves.keys()].filter((key) => !sameInBothLanguages.has(key));
    const untranslated = keys.filter((key) => koLeaves.get(key) === enLeaves.get(key));
    expect(untranslated.length / keys.length).toBeLessThanOrEqual(0.1);
    const withHangul = keys.filter((key) => /[\uac00-\ud7a3]/.test(String(koLeaves.get(key))));
    expect(withHangul.length / keys.length).toBeGreaterThanOrEqual(0.9);
  });
});

describe('detectLanguage', () => {
  it('picks Korean when the system prefers it', () => {
    expect(detectLanguage(['ko-KR'])).toBe('ko');
    expect(detectLanguage(['ko'])).toBe('ko');
    expect(detectLanguage(['fr-FR', 'KO-kr', 'en-US'])).toBe('ko');
  });

  it('takes the first supported language in order', () => {
    expect(detectLanguage(['fr', 'en-US'])).toBe('en');
    expect(detectLanguage(['en-GB', 'ko-KR'])).toBe('en');
  });

  it('falls back to English', () => {
    expect(detectLanguage([])).toBe('en');
    expect(detectLanguage(['fr', 'de-DE', 'ja'])).toBe('en');
  });
});

describe('catalog keys', () => {
  it('never contain ":" or a space, which i18next would read as a namespace or break on', () => {
    const keys = (value: unknown, prefix = ''): string[] =>
      typeof value === 'object' && value !== null
        ? Object.entries(value).flatMap(([key, child]) => [`${prefix}${key}`, ...keys(child, `${prefix}${key}.`)])
        : [];
    const bad = keys(en).filter((key) => /[: ]/.test(key.split('.').pop() ?? ''));
    expect(bad).toEqual([]);
  });
});
