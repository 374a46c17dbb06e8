// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { VolumeDetailsPage } from '../../../src/renderer/src/volumes/VolumeDetailsPage';
import type { BerthClient } from '../../../src/shared/client';
import { BerthError } from '../../../src/shared/errors';
import type { VolumeFile, VolumeListing } from '../../../src/shared/volumes';
import { connectedStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';
import { polyfillDialog } from './jsdomDialog';

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
});

afterEach(() => cleanup());

const at = Date.UTC(2026, 0, 2);
const root: VolumeListing = {
  name: 'data',
  path: '',
  truncated: false,
  entries: [
    { name: 'logs', kind: 'folder', size: 4096, modified: at },
    { name: 'big.log', kind: 'file', size: 900_000, modified: at },
    { name: 'current', kind: 'link', size: 8, modified: at },
  ],
};

/** The main process as the page talks to it: `browse` answers volumes.browse by path, `files` volumes.readFile. */
function fakeClient(
  browse: Record<string, VolumeListing | BerthError>,
  files: Record<string, VolumeFile> = {},
  status = connectedStatus(),
) {
  const request = vi.fn(async (name: string, input?: unknown): Promise<unknown> => {
    const { path } = input as { path?: string };
    if (name === 'volumes.browse') {
      const answer = browse[path ?? ''];
      if (answer instanceof BerthError) throw answer;
      if (answer) return answer;
    }
    if (name === 'volumes.readFile' && path && files[path]) return files[path];
    if (name === 'volumes.closeFiles') return { closed: true };
    throw new BerthError('unknown-request', name);
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(status);
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

async function renderPage(client: BerthClient) {
  await act(async () => {
    render(
      <ClientContext.Provider value={client}>
        <NavigateContext.Provider value={vi.fn()}>
          <EngineStatusProvider>
            <VolumeDetailsPage name="data" />
          </EngineStatusProvider>
        </NavigateContext.Provider>
      </ClientContext.Provider>,
    );
  });
}

describe('VolumeDetailsPage', () => {
  it('lists the root, opens a folder and says when it is empty, and goes back up', async () => {
    const { client, request } = fakeClient({
      '': root,
      logs: { name: 'data', path: 'logs', truncated: false, entries: [] },
    });
    await renderPage(client);
    expect(screen.getAllByTestId('volume-entry').map((row) => row.dataset.name)).toEqual([
      'logs',
      'big.log',
      'current',
    ]);
    expect(screen.getByTestId('read-only-note').textContent).toMatch(/read-only/);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Folder\s*logs/ })));
    expect(request).toHaveBeenCalledWith('volumes.browse', { name: 'data', path: 'logs' });
    expect(screen.getByTestId('volume-empty').textContent).toBe('This folder is empty.');
    await act(async () => fireEvent.keyDown(screen.getByTestId('volume-up'), { key: 'Backspace' }));
    expect(screen.getAllByTestId('volume-entry')).toHaveLength(3);
  });

  it('ends the browse session when the page is left, so the helper does not hold the volume', async () => {
    const { client, request } = fakeClient({ '': root });
    await renderPage(client);
    expect(request).not.toHaveBeenCalledWith('volumes.closeFiles', expect.anything());
    cleanup();
    expect(request).toHaveBeenCalledWith('volumes.closeFiles', { name: 'data' });
  });

  it('moves between rows with the arrow keys', async () => {
    await renderPage(fakeClient({ '': root }).client);
    const rows = screen.getAllByTestId('volume-entry');
    rows[0]!.focus();
    fireEvent.keyDown(rows[0]!, { key: 'ArrowDown' });
    expect(document.activeElement).toBe(rows[1]);
    fireEvent.keyDown(rows[1]!, { key: 'End' });
    expect(document.activeElement).toBe(rows[2]);
    fireEvent.keyDown(rows[2]!, { key: 'Home' });
    expect(document.activeElement).toBe(rows[0]);
  });

  it('offers a too-large file for download and does not read a link', async () => {
    const { client, request } = fakeClient(
      { '': root },
      { 'big.log': { path: 'big.log', size: 900_000, text: null, reason: 'too-large' } },
    );
    await renderPage(client);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^File\s*big\.log/ })));
    expect(screen.getByTestId('file-not-shown').textContent).toMatch(/too big to show/);
    expect(screen.getByRole('button', { name: 'Download big.log' })).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByRole('button', { name: /^Link\s*current/ })));
    expect(screen.getByTestId('file-preview').textContent).toMatch(/does not follow links/);
    expect(request).not.toHaveBeenCalledWith('volumes.readFile', expect.objectContaining({ path: 'current' }));
  });

  it('shows a failure with a retry that asks again', async () => {
    const browse: Record<string, VolumeListing | BerthError> = {
      '': new BerthError('not-found', 'There is no volume named data.'),
    };
    const { client, request } = fakeClient(browse);
    await renderPage(client);
    expect(screen.getByTestId('problem').dataset.problem).toBe('not-found');
    browse[''] = root;
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Try again' })));
    expect(request).toHaveBeenCalledTimes(2);
    expect(screen.getAllByTestId('volume-entry')).toHaveLength(3);
  });

  it('while the Docker server is unreachable, says so and asks nothing', async () => {
    const { client, request } = fakeClient({ '': root }, {}, disconnectedStatus());
    await renderPage(client);
    expect(screen.getByTestId('engine-unavailable')).toBeTruthy();
    expect(screen.queryByTestId('volume-entries')).toBeNull();
    expect(request).not.toHaveBeenCalledWith('volumes.browse', expect.anything());
  });
});
