// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useSecondsUntil } from '../../../src/renderer/src/engine/engineStatus';

function Countdown({ at }: { at: number | null }) {
  const seconds = useSecondsUntil(at);
  return <p data-testid="left">{seconds === null ? 'none' : String(seconds)}</p>;
}

const shown = () => screen.getByTestId('left').textContent;

describe('useSecondsUntil', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-06-01T10:00:00Z') });
  });

  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it('counts down once a second and stops at 0', () => {
    render(<Countdown at={Date.now() + 3000} />);
    expect(shown()).toBe('3');
    act(() => vi.advanceTimersByTime(1000));
    expect(shown()).toBe('2');
    act(() => vi.advanceTimersByTime(2000));
    expect(shown()).toBe('0');
    act(() => vi.advanceTimersByTime(5000));
    expect(shown()).toBe('0');
  });

  it('shows nothing and runs no timer without a deadline', () => {
    render(<Countdown at={null} />);
    expect(shown()).toBe('none');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('counts a new deadline from now, even after a long time without one', () => {
    // Connected for an hour (no retry pending), then the engine stops with a 1 s retry.
    const view = render(<Countdown at={null} />);
    act(() => vi.advanceTimersByTime(3_600_000));
    view.rerender(<Countdown at={Date.now() + 1000} />);
    expect(shown()).toBe('1');
  });

  it('counts a replaced deadline from now', () => {
    const view = render(<Countdown at={Date.now() + 10_000} />);
    act(() => vi.advanceTimersByTime(9500));
    view.rerender(<Countdown at={Date.now() + 2000} />);
    expect(shown()).toBe('2');
  });
});
