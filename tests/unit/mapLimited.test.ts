import { describe, expect, it } from 'vitest';
import { mapLimited } from '../../src/shared/mapLimited';

/** A promise the test settles by hand. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((ok, fail) => {
    resolve = ok;
    reject = fail;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('mapLimited', () => {
  it('never runs more than the limit at once, and keeps the order of the items', async () => {
    const pending = Array.from({ length: 7 }, () => deferred<string>());
    let running = 0;
    let most = 0;
    const started: number[] = [];
    const all = mapLimited([0, 1, 2, 3, 4, 5, 6], 3, async (item) => {
      started.push(item);
      running += 1;
      most = Math.max(most, running);
      try {
        return await pending[item]!.promise;
      } finally {
        running -= 1;
      }
    });
    await tick();
    expect(started).toEqual([0, 1, 2]);
    // Finished out of order: the next items start as places free up.
    pending[2]!.resolve('c');
    await tick();
    expect(started).toEqual([0, 1, 2, 3]);
    for (const [index, value] of ['a', 'b', 'c', 'd', 'e', 'f', 'g'].entries()) {
      if (index !== 2) pending[index]!.resolve(value);
      await tick();
    }
    await expect(all).resolves.toEqual(['a', 'b', 'c', 'd', 'e', 'f', 'g']);
    expect(most).toBe(3);
  });

  it('answers [] for no items without calling the work', async () => {
    let calls = 0;
    await expect(mapLimited([], 4, async () => (calls += 1))).resolves.toEqual([]);
    expect(calls).toBe(0);
  });

  it('rejects with the first failure and starts nothing after it', async () => {
    const started: number[] = [];
    const result = mapLimited([0, 1, 2, 3, 4], 2, async (item) => {
      started.push(item);
      await tick();
      if (item === 1) throw new Error('engine said no');
      return item;
    });
    await expect(result).rejects.toThrow('engine said no');
    await tick();
    await tick();
    expect(started).toEqual([0, 1, 2]);
  });
});
