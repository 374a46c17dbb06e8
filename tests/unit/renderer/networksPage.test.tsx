// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { ContainersProvider } from '../../../src/renderer/src/containers/containersStore';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { NetworksPage } from '../../../src/renderer/src/networks/NetworksPage';
import type { BerthClient } from '../../../src/shared/client';
import type { ContainerChange, ContainerSummary } from '../../../src/shared/containers';
import type { EngineStatus } from '../../../src/shared/engine';
import type { Network, NetworkReachResult } from '../../../src/shared/networks';
import { connectedStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';
import { network, networkMember } from '../../fixtures/builders/network';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(async () => {
  cleanup();
  if (i18next.language !== 'en') await i18next.changeLanguage('en');
});

const container = (name: string): ContainerSummary => ({
  id: `${name}-id-0000000000`,
  name,
  image: 'busybox',
  imageId: 'sha256:0',
  command: 'sleep 300',
  state: 'running',
  status: 'Up 1 minute',
  health: null,
  exitCode: null,
  created: 1_750_000_000,
  ports: [],
  composeProject: null,
  composeService: null,
});
const bridge = network({
  containers: [
    networkMember('web', '172.17.0.2'),
    networkMember('db', '172.17.0.3'),
    networkMember('old', '', { running: false }),
  ],
});
const backend: Network = {
  ...bridge,
  id: 'backend-id',
  name: 'backend',
  builtIn: false,
  namesResolve: true,
  internal: true,
  subnets: [{ subnet: '172.30.0.0/16', gateway: '172.30.0.1' }],
  containers: [networkMember('web', '172.30.0.2', { aliases: ['api'] })],
};

function renderPage(options: { status: EngineStatus; networks?: Network[]; reach?: NetworkReachResult }) {
  const request = vi.fn(async (name: string) => (name === 'networks.reach' ? options.reach : {}));
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(options.status);
    if (name === 'containers.changes')
      onEvent({ type: 'snapshot', containers: [container('web'), container('db')], stale: false } as ContainerChange);
    if (name === 'networks.list' && options.networks) onEvent(options.networks);
    return () => undefined;
  });
  render(
    <ClientContext.Provider value={{ request, subscribe } as unknown as BerthClient}>
      <EngineStatusProvider>
        <ContainersProvider>
          <NavigateContext.Provider value={vi.fn()}>
            <NetworksPage />
          </NavigateContext.Provider>
        </ContainersProvider>
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
  return { request, subscribe };
}

describe('the Networks page', () => {
  it('without the Docker server says it cannot list them, and asks nothing', () => {
    const { subscribe } = renderPage({ status: disconnectedStatus() });
    expect(screen.getByTestId('networks-page').textContent).toContain(
      'Berth cannot list the networks until the Docker server answers.',
    );
    expect(subscribe.mock.calls.map(([name]) => name)).not.toContain('networks.list');
  });

  it('says it is loading until the first list', () => {
    renderPage({ status: connectedStatus() });
    expect(screen.getByTestId('networks-loading').textContent).toBe('Loading the networks…');
  });

  it('shows a built-in network without Remove but with why, and a user network with its badges, links and aliases', () => {
    renderPage({ status: connectedStatus(), networks: [bridge, backend] });
    const rows = screen.getAllByTestId('network-row');
    const bridgeRow = rows.find((row) => row.dataset.network === 'bridge')!;
    expect(within(bridgeRow).queryByTestId('network-remove')).toBeNull();
    expect(within(bridgeRow).getByTestId('built-in-why').textContent).toMatch(/cannot be removed/);
    const backendRow = rows.find((row) => row.dataset.network === 'backend')!;
    expect(within(backendRow).getByTestId('badge-internal').textContent).toBe('internal');
    expect(within(backendRow).getByRole('link', { name: 'Open the container web' }).getAttribute('href')).toBe(
      '#/containers/web-id-0000000000',
    );
    expect(within(backendRow).getByTestId('member-aliases').textContent).toBe('also known as api');
    // web is on both networks: the same color in both boxes of the diagram.
    const nodes = screen.getAllByTestId('diagram-node').filter((node) => node.dataset.container === 'web');
    expect(nodes).toHaveLength(2);
    expect(nodes[0]!.className).toBe(nodes[1]!.className);
    // A stopped container reaches nothing: named under its network, not drawn as a node.
    expect(screen.getAllByTestId('diagram-node').map((node) => node.dataset.container)).not.toContain('old');
    expect(screen.getByTestId('diagram-stopped').textContent).toBe('Stopped, so reaching nothing now: old');
  });

  it('explains a no-name on the default bridge and offers a network for both', async () => {
    const reach: NetworkReachResult = {
      from: 'web',
      to: 'db',
      reachable: false,
      outcome: 'no-name',
      address: null,
      command: 'docker exec web ping -c1 -W2 db',
      output: "ping: bad address 'db'",
      sharedNetworks: ['bridge'],
      onlyDefaultBridge: true,
    };
    const { request } = renderPage({ status: connectedStatus(), networks: [bridge, backend], reach });
    fireEvent.change(screen.getByTestId('reach-from'), { target: { value: 'web-id-0000000000' } });
    fireEvent.change(screen.getByTestId('reach-to'), { target: { value: 'db-id-0000000000' } });
    await act(async () => {
      fireEvent.click(screen.getByTestId('reach-run'));
    });
    expect(request).toHaveBeenCalledWith('networks.reach', { from: 'web', to: 'db' });
    expect(screen.getByTestId('reach-outcome').textContent).toBe('web cannot find anything named db.');
    expect(screen.getByTestId('reach-why').textContent).toMatch(/^They share only the default bridge/);
    expect(screen.getByTestId('reach-command').textContent).toBe('docker exec web ping -c1 -W2 db');
    expect(screen.getByTestId('reach-fix').textContent).toBe('Create the network web-db and connect both');
  });
});
