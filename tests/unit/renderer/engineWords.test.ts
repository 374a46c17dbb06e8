// @vitest-environment jsdom
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { mountTypeText, restartPolicyText } from '../../../src/renderer/src/containers/containerText';
import { initI18n } from '../../../src/renderer/src/i18n';
import { formatDateTime, formatTimeOfDay } from '../../../src/renderer/src/ui/format';

beforeAll(async () => {
  await initI18n('ko');
});

describe('engine values in the app’s language', () => {
  const t = i18next.getFixedT('ko');

  it('words every restart policy the engine sends, the empty one as "no"', () => {
    expect(restartPolicyText(t, { name: 'no', maximumRetryCount: 0 })).toBe('안 함');
    expect(restartPolicyText(t, { name: '', maximumRetryCount: 0 })).toBe('안 함');
    expect(restartPolicyText(t, { name: 'always', maximumRetryCount: 0 })).toBe('항상');
    expect(restartPolicyText(t, { name: 'unless-stopped', maximumRetryCount: 0 })).toBe('직접 중지하기 전까지');
    expect(restartPolicyText(t, { name: 'on-failure', maximumRetryCount: 3 })).toBe('실패했을 때 (최대 3번 다시 시도)');
    expect(restartPolicyText(t, { name: 'sometimes', maximumRetryCount: 0 })).toBeNull();
  });

  it('words mount types, and leaves an unknown one to be shown as the engine said it', () => {
    expect(mountTypeText(t, 'volume')).toBe('볼륨');
    expect(mountTypeText(t, 'bind')).toBe('이 컴퓨터의 폴더');
    expect(mountTypeText(t, 'overlay')).toBeNull();
  });

  it('chooses the particle after an exit code in the renderer too', () => {
    expect(t('run.flow.state.exited', { code: 0 })).toBe('종료 코드 0으로 끝났어요');
    expect(t('run.flow.state.exited', { code: 137 })).toBe('종료 코드 137로 끝났어요');
    expect(t('run.flow.steps.cache.hitBadge')).toBe('캐시에 있음');
    expect(t('run.flow.steps.cache.missBadge')).toBe('캐시에 없음');
  });
});

describe('dates in the app’s language, not the system’s', () => {
  const time = '2026-05-07T21:09:36.123Z';

  it('gives a log line’s time of day to the millisecond on a 24-hour clock', () => {
    const local = new Date(time);
    const expected = [local.getHours(), local.getMinutes(), local.getSeconds()]
      .map((part) => String(part).padStart(2, '0'))
      .join(':');
    expect(formatTimeOfDay(time, 'ko')).toBe(`${expected}.123`);
    expect(formatTimeOfDay(time, 'en')).toBe(`${expected}.123`);
    expect(formatTimeOfDay('not a time', 'ko')).toBeNull();
  });

  it('writes a point in time the way each language does', () => {
    expect(formatDateTime(time, 'ko')).toMatch(/^2026\. 5\. [78]\. /);
    expect(formatDateTime(time, 'en')).toMatch(/^May [78], 2026, /);
    expect(formatDateTime('never', 'en')).toBeNull();
  });
});
