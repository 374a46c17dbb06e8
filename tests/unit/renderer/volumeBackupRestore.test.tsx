// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import '../../../src/renderer/src/transport/pickTransport';
import type { Transport } from '../../../src/shared/transport';
import { BackupVolumeButton } from '../../../src/renderer/src/volumes/BackupVolumeButton';
import { RestoreVolumeButton } from '../../../src/renderer/src/volumes/RestoreVolumeButton';
import type { BerthClient } from '../../../src/shared/client';
import { BerthError } from '../../../src/shared/errors';
import { connectedStatus } from '../../fixtures/builders/engineStatus';
import { polyfillDialog } from './jsdomDialog';

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
});

afterEach(() => {
  cleanup();
  delete window.berthTransport;
});

function fakeClient(answer: (name: string, input: unknown) => unknown) {
  const request = vi.fn(async (name: string, input?: unknown): Promise<unknown> => answer(name, input));
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(connectedStatus());
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

async function renderWith(client: BerthClient, children: ReactNode, navigate = vi.fn()) {
  await act(async () => {
    render(
      <ClientContext.Provider value={client}>
        <NavigateContext.Provider value={navigate}>
          <EngineStatusProvider>{children}</EngineStatusProvider>
        </NavigateContext.Provider>
      </ClientContext.Provider>,
    );
  });
  return navigate;
}

describe('BackupVolumeButton', () => {
  it('in Electron, saves where the OS save dialog answered, and nothing when it was cancelled', async () => {
    window.berthTransport = {} as Transport;
    const picks = ['/home/me/Downloads/data.tar', null];
    const onSaved = vi.fn();
    const { client, request } = fakeClient((name, input) => {
      if (name === 'files.pickSave') return { available: true, path: picks.shift() };
      if (name === 'volumes.backup') return { savedTo: (input as { destination: string }).destination, bytes: 2048 };
      throw new BerthError('unknown-request', name);
    });
    await renderWith(client, <BackupVolumeButton name="data" onSaved={onSaved} />);
    const button = screen.getByRole('button', { name: 'Back up the volume data to a .tar file' });
    await act(async () => fireEvent.click(button));
    expect(request).toHaveBeenCalledWith('files.pickSave', { suggestedName: 'data.tar', kind: 'tar' });
    expect(request).toHaveBeenCalledWith('volumes.backup', {
      name: 'data',
      destination: '/home/me/Downloads/data.tar',
    });
    expect(onSaved).toHaveBeenCalledWith('/home/me/Downloads/data.tar');
    expect(screen.getByTestId('backup-volume-saved').textContent).toMatch(
      /Backed up to \/home\/me\/Downloads\/data\.tar/,
    );
    await act(async () => fireEvent.click(button));
    expect(request.mock.calls.filter(([name]) => name === 'volumes.backup')).toHaveLength(1);
  });

  it('without a dialog, asks for a full path and says a missing folder under it', async () => {
    const { client } = fakeClient((name) => {
      if (name === 'volumes.backup') throw new BerthError('not-found', 'The folder of /nope/data.tar does not exist.');
      throw new BerthError('unknown-request', name);
    });
    await renderWith(client, <BackupVolumeButton name="data" />);
    await act(async () => fireEvent.click(screen.getByTestId('backup-volume-button')));
    const field = screen.getByTestId('backup-volume-path');
    fireEvent.change(field, { target: { value: 'data.tar' } });
    await act(async () => fireEvent.click(screen.getByTestId('backup-volume-save')));
    expect(screen.getByRole('alert').textContent).toMatch(/full path/);
    fireEvent.change(field, { target: { value: '/nope/data.tar' } });
    await act(async () => fireEvent.click(screen.getByTestId('backup-volume-save')));
    expect(screen.getByRole('alert').textContent).toMatch(/folder does not exist/);
  });
});

describe('RestoreVolumeButton', () => {
  it('checks the name inline, says a taken name under it, and links to the new volume', async () => {
    const { client, request } = fakeClient((name, input) => {
      const { name: volume } = input as { name: string };
      if (name === 'volumes.restore' && volume === 'taken') throw new BerthError('name-in-use', 'exists');
      if (name === 'volumes.restore') return { name: volume, bytes: 4096 };
      throw new BerthError('unknown-request', name);
    });
    const navigate = await renderWith(client, <RestoreVolumeButton />);
    await act(async () => fireEvent.click(screen.getByTestId('restore-volume-button')));
    fireEvent.change(screen.getByTestId('restore-volume-source'), { target: { value: '/home/me/data.tar' } });
    fireEvent.change(screen.getByTestId('restore-volume-name'), { target: { value: 'my data' } });
    expect(screen.getByRole('alert').textContent).toMatch(/letters, digits/);
    fireEvent.change(screen.getByTestId('restore-volume-name'), { target: { value: 'taken' } });
    await act(async () => fireEvent.click(screen.getByTestId('restore-volume-submit')));
    expect(screen.getByRole('alert').textContent).toMatch(/A volume named taken already exists/);
    fireEvent.change(screen.getByTestId('restore-volume-name'), { target: { value: 'copy' } });
    await act(async () => fireEvent.click(screen.getByTestId('restore-volume-submit')));
    expect(request).toHaveBeenLastCalledWith('volumes.restore', { source: '/home/me/data.tar', name: 'copy' });
    expect(screen.getByTestId('restore-volume-done').textContent).toMatch(/new volume copy/);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Open copy' })));
    expect(navigate).toHaveBeenCalledWith('volumes', 'copy');
  });
});
