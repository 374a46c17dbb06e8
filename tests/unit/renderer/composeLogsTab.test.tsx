// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { ComposeLogsTab } from '../../../src/renderer/src/compose/ComposeLogsTab';
import { sourceColour, sourceColours } from '../../../src/renderer/src/containers/details/sourceColour';
import { initI18n } from '../../../src/renderer/src/i18n';
import type { BerthClient } from '../../../src/shared/client';
import type { LogBatch, LogLine } from '../../../src/shared/containers';

beforeAll(async () => {
  await initI18n('en');
  // jsdom lays nothing out: the log list's virtualizer sees a panel this tall.
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 600 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 800 });
});

afterEach(cleanup);

/** The main process's compose.logs as a test pushes it. */
function fakeClient() {
  const streams: { name: string; input: unknown; push: (batch: LogBatch) => void }[] = [];
  const subscribe = vi.fn((name: string, input: unknown, onEvent: (value: unknown) => void) => {
    streams.push({ name, input, push: (batch) => act(() => onEvent(batch)) });
    return () => undefined;
  });
  const request = vi.fn();
  return { client: { request, subscribe } as unknown as BerthClient, streams };
}

function line(source: string, text: string, stream: 'stdout' | 'stderr' = 'stdout'): LogLine {
  return { stream, text, time: '2026-12-05T05:00:00.000000000Z', source };
}

function shownLines() {
  return screen
    .queryAllByTestId('log-line')
    .map((row) => `${row.querySelector('[data-testid=log-source]')?.textContent ?? ''}|${row.textContent}`);
}

function renderTab(client: BerthClient) {
  render(
    <ClientContext.Provider value={client}>
      <ComposeLogsTab projectName="shop" services={['web', 'redis']} />
    </ClientContext.Provider>,
  );
}

/** WCAG's contrast ratio of two #rrggbb colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((at) => {
      const channel = parseInt(hex.slice(at, at + 2), 16) / 255;
      return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
    }) as [number, number, number];
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
}

describe('the compose logs tab', () => {
  it('follows the project’s merged logs, each line prefixed with its service', () => {
    const { client, streams } = fakeClient();
    renderTab(client);
    expect(streams.map(({ name, input }) => [name, input])).toEqual([
      ['compose.logs', { projectName: 'shop', services: [], tail: 1000 }],
    ]);
    streams[0]!.push({ lines: [line('web', 'GET / 200'), line('redis', 'Ready to accept connections')], ended: false });
    expect(shownLines()).toEqual(['web|web|GET / 200', 'redis|redis|Ready to accept connections']);
  });

  it('gives each service the same colour every time, whatever the other services', () => {
    const { client, streams } = fakeClient();
    renderTab(client);
    streams[0]!.push({ lines: [line('web', 'one'), line('redis', 'two'), line('web', 'three')], ended: false });
    const colours = screen.getAllByTestId('log-source').map((prefix) => [prefix.textContent, prefix.style.color]);
    const rgb = (hex: string) => `rgb(${[1, 3, 5].map((at) => parseInt(hex.slice(at, at + 2), 16)).join(', ')})`;
    expect(colours).toEqual([
      ['web', rgb(sourceColour('web').onDark)],
      ['redis', rgb(sourceColour('redis').onDark)],
      ['web', rgb(sourceColour('web').onDark)],
    ]);
    // By name, not by order: the same in another project with other services.
    expect(sourceColour('web')).toBe(sourceColour('web'));
    expect(new Set(['web', 'redis', 'db', 'worker', 'cache', 'api'].map(sourceColour)).size).toBeGreaterThan(3);
  });

  it('reads every service colour at AA contrast on the log panel, and on light and dark chips', () => {
    for (const colour of sourceColours) {
      expect(contrast(colour.onDark, '#020617')).toBeGreaterThanOrEqual(4.5); // the panel, slate-950
      expect(contrast(colour.onDark, '#1e293b')).toBeGreaterThanOrEqual(4.5); // a dark chip, slate-800
      expect(contrast(colour.light, '#ffffff')).toBeGreaterThanOrEqual(4.5); // a light chip
    }
  });

  it('filters by service with toggle buttons, search and copy following the filter', async () => {
    const { client, streams } = fakeClient();
    const writeText = vi.fn(async () => undefined);
    Object.assign(navigator, { clipboard: { writeText } });
    renderTab(client);
    streams[0]!.push({
      lines: [line('web', 'GET / 200'), line('redis', 'Ready'), line('worker', 'GET job', 'stderr')],
      ended: false,
    });
    const chips = screen.getAllByTestId('logs-source');
    // The services named by the project, and one only seen in the lines, in order of name.
    expect(chips.map((chip) => chip.dataset.source)).toEqual(['redis', 'web', 'worker']);
    const web = screen.getByRole('button', { name: 'Show the logs of web' });
    expect(web.getAttribute('aria-pressed')).toBe('true');

    fireEvent.click(web);
    expect(web.getAttribute('aria-pressed')).toBe('false');
    expect(shownLines().map((shown) => shown.split('|')[0])).toEqual(['redis', 'worker']);

    fireEvent.change(screen.getByTestId('logs-search'), { target: { value: 'GET' } });
    expect(screen.getByTestId('logs-match-count').textContent).toBe('1 of 1');

    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Copy' }));
    });
    expect(writeText).toHaveBeenCalledWith(
      '2026-12-05T05:00:00.000000000Z redis | Ready\n2026-12-05T05:00:00.000000000Z worker | [stderr] GET job',
    );

    fireEvent.click(screen.getByRole('button', { name: 'Show the logs of redis' }));
    fireEvent.click(screen.getByRole('button', { name: 'Show the logs of worker' }));
    expect(shownLines()).toEqual([]);
    expect(screen.getByTestId('logs-scroll').textContent).toContain('Every service is hidden');

    fireEvent.click(web);
    expect(shownLines()).toEqual(['web|web|GET / 200']);
  });

  it('starts again from the beginning when asked, the one other start compose logs has', () => {
    const { client, streams } = fakeClient();
    renderTab(client);
    const since = screen.getByRole('combobox');
    expect([...since.querySelectorAll('option')].map((option) => option.value)).toEqual(['tail', 'all']);
    fireEvent.change(since, { target: { value: 'all' } });
    expect(streams.at(-1)?.input).toEqual({ projectName: 'shop', services: [], tail: null });
  });
});
