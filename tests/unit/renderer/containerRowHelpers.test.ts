import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../src/shared/containers';
import { routeFromHash, routeHash } from '../../../src/renderer/src/app/sections';
import { findContainer } from '../../../src/renderer/src/containers/containerGroups';
import {
  exitedWithError,
  portsToShow,
  stateText,
  stateToneOf,
} from '../../../src/renderer/src/containers/containerText';
import { createTranslator } from '../../../src/shared/i18n/translator';

const exited = (exitCode: number | null) => ({ state: 'exited' as const, exitCode });

describe('a failed exit', () => {
  it('is an exit of its own with a code other than 0: a warning', () => {
    expect(exitedWithError(exited(3))).toBe(true);
    expect(exitedWithError(exited(1))).toBe(true);
    expect(stateToneOf(exited(3))).toBe('amber');
  });

  it('is not a clean exit, a stop or kill (130, 137, 143), an unknown code, or another state', () => {
    for (const code of [0, 130, 137, 143, null]) {
      expect(exitedWithError(exited(code)), String(code)).toBe(false);
      expect(stateToneOf(exited(code))).toBe('slate');
    }
    expect(exitedWithError({ state: 'running', exitCode: 3 })).toBe(false);
    expect(stateToneOf({ state: 'running', exitCode: null })).toBe('emerald');
    expect(stateToneOf({ state: 'dead', exitCode: null })).toBe('rose');
  });

  it('keeps its code in the badge, in both languages', () => {
    expect(stateText(createTranslator('en'), exited(3))).toBe('Exited (3)');
    expect(stateText(createTranslator('ko'), exited(3))).toBe('종료됨 (3)');
    expect(createTranslator('ko')('containers.seeLogsOf', { name: 'web', code: 3 })).toBe(
      'web 로그 보기: 종료 코드 3으로 끝났어요',
    );
    expect(createTranslator('ko')('containers.seeLogsOf', { name: 'web', code: 1 })).toBe(
      'web 로그 보기: 종료 코드 1로 끝났어요',
    );
  });
});

describe('portsToShow', () => {
  it('shows every port when they fit', () => {
    expect(portsToShow([], 2)).toEqual({ shown: [], more: 0 });
    expect(portsToShow([80, 443], 2)).toEqual({ shown: [80, 443], more: 0 });
  });

  it('keeps the last line for "+K more" when they do not', () => {
    expect(portsToShow([80, 443, 6379], 2)).toEqual({ shown: [80], more: 2 });
    expect(portsToShow([80, 443, 6379, 8080], 2)).toEqual({ shown: [80], more: 3 });
    expect(portsToShow([80, 443, 6379, 8080], 3)).toEqual({ shown: [80, 443], more: 2 });
  });
});

describe('the container just run', () => {
  const container = (id: string, name: string) => ({ id, name }) as ContainerSummary;
  const list = [container('a'.repeat(64), 'web'), container('abc' + '0'.repeat(61), 'cache')];

  it('is found by its full id, its name, or an id prefix as long as the CLI prints', () => {
    expect(findContainer(list, 'a'.repeat(64))?.name).toBe('web');
    expect(findContainer(list, 'cache')?.name).toBe('cache');
    expect(findContainer(list, 'abc000000000')?.name).toBe('cache');
    // A short prefix could match the wrong container: not accepted.
    expect(findContainer(list, 'abc')).toBeUndefined();
    expect(findContainer(list, 'nope')).toBeUndefined();
  });

  it('travels in the URL as ?show=, and a reload reads it back', () => {
    const hash = routeHash({ section: 'containers', param: null, show: 'hello world/1' });
    expect(hash).toBe('#/containers?show=hello+world%2F1');
    expect(routeFromHash(hash)).toEqual({ section: 'containers', param: null, show: 'hello world/1' });
    expect(routeFromHash('#/containers/abc')).toEqual({ section: 'containers', param: 'abc' });
    expect(routeFromHash('#/hub/library/redis')).toEqual({ section: 'hub', param: 'library/redis' });
    expect(routeHash({ section: 'hub', param: 'library/redis' })).toBe('#/hub/library/redis');
    // Beside the Hub search's words, each kept.
    const both = routeHash({ section: 'hub', param: null, query: 'redis', show: 'web' });
    expect(routeFromHash(both)).toEqual({ section: 'hub', param: null, query: 'redis', show: 'web' });
  });
});
