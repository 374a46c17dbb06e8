// @vitest-environment jsdom
import { cleanup, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { initI18n } from '../../../src/renderer/src/i18n';
import { PullJobView } from '../../../src/renderer/src/pulls/PullJobView';
import type { PullJob } from '../../../src/shared/pulls';
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
