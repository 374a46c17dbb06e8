// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { useStreamStore } from '../../../src/renderer/src/app/useStream';
import type { BerthClient } from '../../../src/shared/client';
import type { PullJob } from '../../../src/shared/pulls';
import { BerthError } from '../../../src/shared/errors';

afterEach(cleanup);

/** A client whose one stream the test drives by hand. */
function drivenClient() {
  let onEvent: ((event: unknown) => void) | null = null;
  let onError: ((error: BerthError) => void) | undefined;
  const unsubscribe = vi.fn();
  const subscribe = vi.fn(
    (_name: string, _input: unknown, event: (e: unknown) => void, error?: (e: BerthError) => void) => {
      onEvent = event;
      onError = error;
      return unsubscribe;
    },
  );
  return {
    client: { request: vi.fn(), subscribe } as unknown as BerthClient,
    subscribe,
    unsubscribe,
    send: (event: unknown) => act(() => onEvent?.(event)),
    fail: (error: BerthError) => act(() => onError?.(error)),
  };
}

const countJobs = (count: number, _job: PullJob) => count + 1;

function Counter() {
  const { state, error } = useStreamStore('pulls.jobs', countJobs, 0);
  return (
    <p data-testid="store">
      {state} {error ? `broken: ${error.message}` : 'live'}
    </p>
  );
}

describe('useStreamStore', () => {
  it('folds the current value and each change into the state, says when the stream broke, and recovers', () => {
    const driven = drivenClient();
    const view = render(
      <ClientContext.Provider value={driven.client}>
        <Counter />
      </ClientContext.Provider>,
    );
    expect(driven.subscribe).toHaveBeenCalledTimes(1);
    expect(driven.subscribe.mock.calls[0]?.[0]).toBe('pulls.jobs');
    expect(screen.getByTestId('store').textContent).toBe('0 live');

    driven.send({ id: 'a' });
    driven.send({ id: 'b' });
    expect(screen.getByTestId('store').textContent).toBe('2 live');

    driven.fail(new BerthError('engine-not-running', 'gone'));
    expect(screen.getByTestId('store').textContent).toBe('2 broken: gone');

    driven.send({ id: 'c' });
    expect(screen.getByTestId('store').textContent).toBe('3 live');

    view.rerender(
      <ClientContext.Provider value={driven.client}>
        <Counter />
      </ClientContext.Provider>,
    );
    expect(driven.subscribe).toHaveBeenCalledTimes(1);
    view.unmount();
    expect(driven.unsubscribe).toHaveBeenCalledTimes(1);
  });
});
