import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createUpdateThrottle } from '../../src/main/jobs/updateThrottle';

/** A job whose state is a fresh object per change, as the managers' are, and what the throttle sent with when. */
function job(intervalMs = 100) {
  let state = { n: 0, final: false };
  const sent: { at: number; n: number; final: boolean }[] = [];
  const throttle = createUpdateThrottle({
    read: () => state,
    send: (value) => sent.push({ at: Date.now(), ...value }),
    intervalMs,
    now: () => Date.now(),
  });
  return {
    throttle,
    sent,
    change(final = false) {
      state = { n: state.n + 1, final };
      if (final) throttle.finish();
      else throttle.changed();
    },
  };
}

/** The most updates any window of `ms` holds. */
function busiest(times: number[], ms: number): number {
  return Math.max(0, ...times.map((start) => times.filter((at) => at >= start && at < start + ms).length));
}

describe('the update throttle of main-process jobs', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2026-01-01T00:00:00Z') });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('sends the first change at once, then the newest state at most every interval', () => {
    const { sent, change } = job();
    change();
    expect(sent.map((update) => update.n)).toEqual([1]);
    // A change every 5 ms for 2 s: 400 changes.
    for (let tick = 0; tick < 400; tick += 1) {
      vi.advanceTimersByTime(5);
      change();
    }
    vi.advanceTimersByTime(200);
    expect(
      busiest(
        sent.map((update) => update.at),
        1000,
      ),
    ).toBeLessThanOrEqual(10);
    expect(sent.length).toBeGreaterThanOrEqual(19);
    // Each update carries the newest state when it went, and the last change arrives.
    expect(sent.at(-1)?.n).toBe(401);
    const ns = sent.map((update) => update.n);
    expect([...ns].sort((a, b) => a - b)).toEqual(ns);
  });

  it('sends the final state exactly, within the interval, and nothing after it', () => {
    const { sent, change, throttle } = job();
    change();
    vi.advanceTimersByTime(30);
    change();
    change(true);
    // Not yet: the interval since the first update has not passed.
    expect(sent).toHaveLength(1);
    vi.advanceTimersByTime(70);
    expect(sent.at(-1)).toMatchObject({ n: 3, final: true });
    expect(sent).toHaveLength(2);
    throttle.changed();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });

  it('sends a final state that follows a quiet spell at once', () => {
    const { sent, change } = job();
    change();
    vi.advanceTimersByTime(500);
    change(true);
    expect(sent.map((update) => update.final)).toEqual([false, true]);
  });

  it('does not send the same state twice, and nothing once disposed', () => {
    const { sent, change, throttle } = job();
    change();
    vi.advanceTimersByTime(150);
    throttle.changed();
    expect(sent).toHaveLength(1);
    change();
    change();
    throttle.dispose();
    vi.advanceTimersByTime(1000);
    expect(sent).toHaveLength(2);
  });
});
