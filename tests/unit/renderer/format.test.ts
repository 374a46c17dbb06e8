import { describe, expect, it } from 'vitest';
import { formatBytes, formatRelativeTime } from '../../../src/renderer/src/ui/format';

const NOW = Date.UTC(2026, 0, 15, 12, 0, 0);

describe('formatRelativeTime', () => {
  it('says "now" for a time ahead of the clock, never "in 1 second"', () => {
    // A container the engine stamped a moment after the page's display clock last ticked.
    for (const aheadMs of [1, 400, 1000, 1600, 29_000, 3_600_000]) {
      expect(formatRelativeTime(NOW + aheadMs, 'en', NOW)).toBe('now');
      expect(formatRelativeTime(NOW + aheadMs, 'ko', NOW)).toBe('지금');
    }
    expect(formatRelativeTime(NOW, 'en', NOW)).toBe('now');
  });

  it('says how long ago a past time was, in the largest unit that fits', () => {
    expect(formatRelativeTime(NOW - 5_000, 'en', NOW)).toBe('5 seconds ago');
    expect(formatRelativeTime(NOW - 3 * 60_000, 'en', NOW)).toBe('3 minutes ago');
    expect(formatRelativeTime(NOW - 3 * 24 * 3_600_000, 'en', NOW)).toBe('3 days ago');
    expect(formatRelativeTime(NOW - 3 * 24 * 3_600_000, 'ko', NOW)).toBe('3일 전');
  });
});

describe('formatBytes', () => {
  it('writes bytes as B, as docker does, not Intl\'s "byte"', () => {
    expect(formatBytes(0, 'en')).toBe('0 B');
    expect(formatBytes(135, 'en')).toBe('135 B');
    expect(formatBytes(135, 'ko')).toBe('135 B');
    expect(formatBytes(2_300, 'en')).toBe('2.3 kB');
    expect(formatBytes(7_560_000, 'en')).toBe('7.6 MB');
  });
});
