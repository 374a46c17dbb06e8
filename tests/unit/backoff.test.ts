import { describe, expect, it } from 'vitest';
import { backoffDelay } from '../../src/main/engine/backoff';

describe('backoffDelay', () => {
  it('waits 1 s, 2 s, 4 s, 8 s, then 10 s for ever', () => {
    expect([0, 1, 2, 3, 4, 5].map((attempt) => backoffDelay(attempt))).toEqual([1000, 2000, 4000, 8000, 10000, 10000]);
  });

  it('stays at the maximum for very high attempt numbers', () => {
    for (const attempt of [10, 31, 100, 1_000_000]) expect(backoffDelay(attempt)).toBe(10_000);
  });

  it('honours a custom start and maximum', () => {
    expect([0, 1, 2, 3].map((attempt) => backoffDelay(attempt, 50, 300))).toEqual([50, 100, 200, 300]);
  });
});
