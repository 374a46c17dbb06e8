import { describe, expect, it } from 'vitest';
import { en } from '../../../src/shared/i18n/en';
import { ko } from '../../../src/shared/i18n/ko';
import { catalogFormats, koreanRoParticle } from '../../../src/shared/i18n/particles';
import { createTranslator } from '../../../src/shared/i18n/translator';
import { catalogLeaves } from './catalogLeaves';

describe('koreanRoParticle: 으로 or 로 after a number, as it is read aloud', () => {
  it('takes 로 after a vowel or ㄹ (일, 이, 사, 오, 칠, 팔, 구) and 으로 after 영, 삼, 육', () => {
    const expected = ['으로', '로', '로', '으로', '로', '로', '으로', '로', '로', '로'];
    expect([0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map(koreanRoParticle)).toEqual(expected);
  });

  it('reads the last digit of a longer number, or its unit when it ends in zeros', () => {
    expect(koreanRoParticle(137)).toBe('로'); // 백삼십칠
    expect(koreanRoParticle(143)).toBe('으로'); // 백사십삼
    expect(koreanRoParticle(126)).toBe('으로'); // 백이십육
    expect(koreanRoParticle(255)).toBe('로'); // 이백오십오
    expect(koreanRoParticle(10)).toBe('으로'); // 십
    expect(koreanRoParticle(100)).toBe('으로'); // 백
    expect(koreanRoParticle(2000)).toBe('으로'); // 이천
    expect(koreanRoParticle(30000)).toBe('으로'); // 삼만
    expect(koreanRoParticle(1e12)).toBe('로'); // 일조
    expect(koreanRoParticle(-1)).toBe('로'); // 마이너스 일
  });

  it('leaves both when the value is not a number', () => {
    expect(catalogFormats['으로']('?')).toBe('?(으)로');
    expect(catalogFormats['으로']('3')).toBe('3으로');
  });
});

describe('the catalogs’ formats', () => {
  it('resolve the particle in the main process’s translator', () => {
    const t = createTranslator('ko');
    expect(t('run.flow.state.exited', { code: 3 })).toBe('종료 코드 3으로 끝났어요');
    expect(t('run.flow.state.exited', { code: 1 })).toBe('종료 코드 1로 끝났어요');
    expect(t('run.flow.state.exited', { code: 0 })).toBe('종료 코드 0으로 끝났어요');
    expect(t('notify.containerFailed.title', { name: 'web', code: 137 })).toBe(
      'web 컨테이너가 종료 코드 137로 끝났어요',
    );
    expect(createTranslator('en')('run.flow.state.exited', { code: 3 })).toBe('Exited with code 3');
  });

  it('are only formats Berth registers', () => {
    const used = [...catalogLeaves(en), ...catalogLeaves(ko)].flatMap(([, value]) =>
      [...String(value).matchAll(/\{\{[^},]+,\s*([^}]+?)\s*\}\}/g)].map((match) => match[1]),
    );
    expect(used.length).toBeGreaterThan(0);
    for (const format of used) expect(Object.keys(catalogFormats)).toContain(format);
  });
});
