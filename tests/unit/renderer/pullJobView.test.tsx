// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { PullJobView } from '../../../src/renderer/src/pulls/PullJobView';
import type { BerthClient } from '../../../src/shared/client';
import type { EngineStatus } from '../../../src/shared/engine';
import type { PullJob } from '../../../src/shared/pulls';
import { connectedStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';
import { pullJob } from '../../fixtures/builders/sharedModels';

const base: PullJob = pullJob({ id: 'p1', reference: 'redis:latest', bytesKnown: false });

const bar = () => screen.getByRole('progressbar', { name: 'redis:latest' });

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

describe('PullJobView', () => {
  it('is indeterminate, with no percent, speed or time left, when the engine reports no sizes (Podman)', () => {
    const layers: PullJob['layers'] = [
      { id: 'e0769c098b60', state: 'download-complete', downloaded: 0, size: null, extracted: 0 },
      { id: 'bf9455b08871', state: 'pulling-fs-layer', downloaded: 0, size: null, extracted: 0 },
    ];
    render(<PullJobView job={{ ...base, layers }} />);
    expect(bar().getAttribute('data-indeterminate')).toBe('true');
    expect(bar().hasAttribute('aria-valuenow')).toBe(false);
    expect(screen.queryByTestId('pull-percent')).toBeNull();
    expect(screen.getByTestId('pull-no-sizes').textContent).toMatch(/reports no sizes/);
    expect(screen.queryByText(/left$/)).toBeNull();
    // The layers have no sizes either: their bars carry no value.
    for (const row of screen.getAllByTestId('pull-layer')) {
      expect(within(row).getByRole('progressbar').getAttribute('data-indeterminate')).toBe('true');
      expect(within(row).getByRole('progressbar').hasAttribute('aria-valuenow')).toBe(false);
    }
  });

  it('shows the real percent once the engine reports bytes, and a full bar when done either way', () => {
    const sized = { ...base, bytesKnown: true, percent: 42.7, bytesDone: 10, bytesTotal: 20, speed: 5, secondsLeft: 2 };
    const { rerender } = render(<PullJobView job={sized} />);
    expect(bar().getAttribute('aria-valuenow')).toBe('43');
    expect(screen.getByTestId('pull-percent').textContent).toBe('42%');
    rerender(<PullJobView job={{ ...base, state: 'done', percent: 100, outcome: 'downloaded-newer' }} />);
    expect(bar().getAttribute('aria-valuenow')).toBe('100');
    expect(screen.getByTestId('pull-percent').textContent).toBe('100%');
  });
});

describe('Retry on a failed pull', () => {
  const failed: PullJob = {
    ...base,
    state: 'failed',
    error: { code: 'engine-not-running', message: 'ECONNREFUSED' },
  };

  function renderWithEngine(status: EngineStatus) {
    const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
      if (name === 'engine.status') onEvent(status);
      return () => undefined;
    });
    const onRetry = vi.fn();
    render(
      <ClientContext.Provider value={{ request: vi.fn(), subscribe } as unknown as BerthClient}>
        <EngineStatusProvider>
          <PullJobView job={failed} onRetry={onRetry} />
        </EngineStatusProvider>
      </ClientContext.Provider>,
    );
    return { onRetry, retry: screen.getByRole('button', { name: 'Pull redis:latest again' }) };
  }

  it('is disabled, saying why, while the Docker server is unreachable', () => {
    const { retry, onRetry } = renderWithEngine(disconnectedStatus());
    expect(retry.hasAttribute('disabled')).toBe(true);
    expect(retry.getAttribute('title')).toBe('Not available until Berth reaches the Docker server again');
    retry.click();
    expect(onRetry).not.toHaveBeenCalled();
  });

  it('pulls again once the Docker server answers', () => {
    const { retry, onRetry } = renderWithEngine(connectedStatus());
    expect(retry.hasAttribute('disabled')).toBe(false);
    retry.click();
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
