// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { VolumesPage } from '../../../src/renderer/src/volumes/VolumesPage';
import type { BerthClient } from '../../../src/shared/client';
import type { EngineStatus } from '../../../src/shared/engine';
import type { Volume } from '../../../src/shared/volumes';
import { connectedStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';
import { polyfillDialog } from './jsdomDialog';

beforeAll(async () => {
  polyfillDialog();
  await initI18n('en');
});
afterEach(() => cleanup());

const volume = (name: string, patch: Partial<Volume> = {}): Volume => ({
  name,
  driver: 'local',
  created: Date.now() - 60_000,
  scope: 'local',
  labels: {},
  anonymous: false,
  containers: [],
  ...patch,
});
const db = volume('db-data', {
  containers: [{ id: 'c1', name: 'db', running: true, destination: '/var/lib/db', readOnly: false }],
});
const cache = volume('cache');
const anonymous = volume('f'.repeat(64), { anonymous: true });

/** A client whose streams are pushed by the test; requests answer from `answers`. */
function fakeClient(answers: Record<string, unknown> = {}) {
  const listeners = new Map<string, (value: unknown) => void>();
  const request = vi.fn(async (name: string) => answers[name] ?? {});
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    listeners.set(name, onEvent);
    return () => listeners.delete(name);
  });
  const push = (name: 'engine.status' | 'volumes.list', value: EngineStatus | Volume[]) =>
    act(() => listeners.get(name)?.(value));
  return { client: { request, subscribe } as unknown as BerthClient, request, subscribe, push };
}

function renderPage(client: BerthClient, navigate = vi.fn()) {
  render(
    <ClientContext.Provider value={client}>
      <EngineStatusProvider>
        <NavigateContext.Provider value={navigate}>
          <VolumesPage />
        </NavigateContext.Provider>
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
  return navigate;
}

describe('the Volumes page', () => {
  it('without the Docker server says the list is unknown and does not ask for it', async () => {
    const fake = fakeClient();
    renderPage(fake.client);
    await fake.push('engine.status', disconnectedStatus());
    expect(screen.getByTestId('volumes-page').textContent).toContain('Berth cannot list your volumes');
    expect(fake.subscribe.mock.calls.map(([name]) => name)).not.toContain('volumes.list');
  });

  it('loads, then with no volumes explains what a volume is and leads to lesson 6', async () => {
    const fake = fakeClient();
    const navigate = renderPage(fake.client);
    await fake.push('engine.status', connectedStatus());
    expect(screen.getByText('Loading volumes…')).toBeTruthy();
    await fake.push('volumes.list', []);
    expect(screen.getByTestId('empty-state').textContent).toContain('data that outlives a container');
    fireEvent.click(screen.getByRole('button', { name: 'Try it: lesson 6, ports and volumes' }));
    expect(navigate).toHaveBeenCalledWith('lessons', 'portsAndVolumes');
  });

  it('lists users as links and kinds, measures sizes only when asked, and prunes exactly the unused ones shown', async () => {
    const fake = fakeClient({
      'volumes.sizes': { sizes: { cache: 2048, 'db-data': 1_000_000 }, measuredAt: Date.now() },
      'volumes.prune': { removed: ['cache'], reclaimedBytes: 2048, failed: [] },
    });
    renderPage(fake.client);
    await fake.push('engine.status', connectedStatus());
    await fake.push('volumes.list', [db, cache, anonymous]);

    const dbRow = screen.getAllByTestId('volume-row')[0]!;
    expect(
      within(dbRow)
        .getByRole('link', { name: /Open the container db/ })
        .getAttribute('href'),
    ).toBe('#/containers/c1');
    expect(
      within(dbRow)
        .getByRole('link', { name: /Open the volume db-data/ })
        .getAttribute('href'),
    ).toBe('#/volumes/db-data');
    expect(screen.getAllByTestId('volume-kind').map((badge) => badge.textContent)).toEqual([
      'Named',
      'Named',
      'Anonymous',
    ]);
    expect(screen.queryAllByTestId('volume-size')).toHaveLength(0);
    expect(fake.request).not.toHaveBeenCalledWith('volumes.sizes', {});
    expect(screen.getByTestId('sizes-hint').textContent).toContain('can take a while');

    await act(async () => fireEvent.click(screen.getByTestId('volumes-show-sizes')));
    expect(fake.request).toHaveBeenCalledWith('volumes.sizes', {});
    expect(screen.getAllByTestId('volume-size').map((cell) => cell.textContent)).toEqual(['1 MB', '2 kB', 'unknown']);

    // A filter narrows what prune lists: only the unused volumes shown.
    fireEvent.change(screen.getByTestId('volumes-filter'), { target: { value: 'ca' } });
    fireEvent.click(screen.getByTestId('volumes-prune'));
    const dialog = screen.getByTestId('prune-volumes-dialog');
    expect(
      within(dialog)
        .getAllByRole('listitem')
        .map((item) => item.textContent),
    ).toEqual(['cache · 2 kB']);
    await act(async () => fireEvent.click(within(dialog).getByTestId('confirm-prune-volumes')));
    expect(fake.request).toHaveBeenCalledWith('volumes.prune', { names: ['cache'] });
    expect(screen.getByTestId('volumes-prune-result').textContent).toBe('Removed 1 volume and freed 2 kB.');
  });

  it('will not remove a volume in use: the dialog names its containers and Confirm stays disabled', async () => {
    const fake = fakeClient();
    renderPage(fake.client);
    await fake.push('engine.status', connectedStatus());
    await fake.push('volumes.list', [db, cache]);
    fireEvent.click(screen.getByRole('button', { name: 'Remove the volume db-data' }));
    const dialog = screen.getByTestId('remove-volume-dialog');
    expect(dialog.textContent).toContain('gone for good');
    expect(within(dialog).getByTestId('volume-in-use-containers').textContent).toContain('db');
    expect((within(dialog).getByTestId('confirm-remove-volume') as HTMLButtonElement).disabled).toBe(true);
    // The container goes (the live list says so): now it can be removed, confirmed by its name.
    await fake.push('volumes.list', [{ ...db, containers: [] }, cache]);
    const confirm = within(screen.getByTestId('remove-volume-dialog')).getByTestId('confirm-remove-volume');
    expect((confirm as HTMLButtonElement).disabled).toBe(false);
    await act(async () => fireEvent.click(confirm));
    expect(fake.request).toHaveBeenCalledWith('volumes.remove', { name: 'db-data', confirm: 'db-data' });
  });
});
