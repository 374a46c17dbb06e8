import { describe, expect, it } from 'vitest';
import { waitForValue, type Watched } from '../fixtures/waitFor';

/** A value with listeners, like a service's state. */
function watchedValue(initial: number | undefined) {
  let value = initial;
  const listeners = new Set<(next: number) => void>();
  const watched: Watched<number> = {
    current: () => value,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
  const set = (next: number) => {
    value = next;
    for (const listener of [...listeners]) listener(next);
  };
  return { watched, set, listeners: () => listeners.size };
}

describe('waitForValue, the test fixture behind waitForStatus and the job and flow waits', () => {
  it('answers with the current value when it already matches, without subscribing', async () => {
    const source = watchedValue(5);
    await expect(waitForValue('n', source.watched, (n) => n === 5)).resolves.toBe(5);
    expect(source.listeners()).toBe(0);
  });

  it('answers with the first later value that matches, and stops listening', async () => {
    const source = watchedValue(0);
    const waiting = waitForValue('n', source.watched, (n) => n >= 2);
    source.set(1);
    source.set(3);
    source.set(4);
    await expect(waiting).resolves.toBe(3);
    expect(source.listeners()).toBe(0);
  });

  it('does not miss a change made between the first read and the subscription', async () => {
    // The value turns 7 right after the first read, before anyone listens: no event will say so.
    let reads = 0;
    const quiet = watchedValue(0);
    const changedUnseen: Watched<number> = {
      current: () => (reads++ === 0 ? 0 : 7),
      subscribe: quiet.watched.subscribe,
    };
    await expect(waitForValue('n', changedUnseen, (n) => n === 7, { timeoutMs: 1000 })).resolves.toBe(7);
    expect(quiet.listeners()).toBe(0);
  });

  it('settles when the listener is called at once on subscribing, and does not stay subscribed', async () => {
    const source = watchedValue(undefined);
    const eager: Watched<number> = {
      current: source.watched.current,
      subscribe: (listener) => {
        const stop = source.watched.subscribe(listener);
        listener(9);
        return stop;
      },
    };
    await expect(waitForValue('n', eager, (n) => n === 9)).resolves.toBe(9);
    expect(source.listeners()).toBe(0);
  });

  it('fails at once on a value after which a match cannot come, naming it', async () => {
    const source = watchedValue(0);
    const waiting = waitForValue('job', source.watched, (n) => n === 2, { hopelessWhen: (n) => n < 0 });
    source.set(-1);
    await expect(waiting).rejects.toThrow('job ended before it matched: -1');
    expect(source.listeners()).toBe(0);
  });

  it('fails after the timeout with the last value, and stops listening', async () => {
    const source = watchedValue(1);
    await expect(waitForValue('status', source.watched, (n) => n === 2, { timeoutMs: 20 })).rejects.toThrow(
      'status never matched; last: 1',
    );
    expect(source.listeners()).toBe(0);
  });
});
