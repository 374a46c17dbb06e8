// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { useAction } from '../../../src/renderer/src/ui/useAction';
import { BerthError } from '../../../src/shared/errors';

describe('useAction', () => {
  it('is busy while it runs, keeps what was thrown as a BerthError, and clears it on the next run', async () => {
    const { result } = renderHook(() => useAction());
    let finish: () => void = () => undefined;
    let running: Promise<void> = Promise.resolve();
    act(() => {
      running = result.current.run(() => new Promise<void>((resolve) => (finish = resolve)));
    });
    expect(result.current.busy).toBe(true);
    await act(async () => {
      finish();
      await running;
    });
    expect(result.current.busy).toBe(false);
    expect(result.current.failure).toBeNull();

    await act(() => result.current.run(() => Promise.reject(new BerthError('in-use', 'volume data is used by web'))));
    expect(result.current.failure?.code).toBe('in-use');
    expect(result.current.failure?.toWire().message).toBe('volume data is used by web');

    await act(() => result.current.run(() => Promise.resolve()));
    expect(result.current.failure).toBeNull();
  });

  it('clear() forgets the last failure without running anything', async () => {
    const { result } = renderHook(() => useAction());
    await act(() => result.current.run(() => Promise.reject(new Error('boom'))));
    expect(result.current.failure).not.toBeNull();
    act(() => result.current.clear());
    expect(result.current.failure).toBeNull();
    expect(result.current.busy).toBe(false);
  });
});
