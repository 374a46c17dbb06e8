// @vitest-environment jsdom
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { act, cleanup, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { InstallationCheckPage } from '../../../src/renderer/src/installation/InstallationCheckPage';
import { formatDateTime } from '../../../src/renderer/src/ui/format';
import type { BerthClient } from '../../../src/shared/client';
import type { ClientCheck, EngineStatus, InstallationReport } from '../../../src/shared/engine';
import { BerthError } from '../../../src/shared/errors';
import {
  clientVersion,
  connectedStatus,
  connectingStatus,
  disconnectedStatus,
  installationReport as report,
  podmanServerVersion,
  serverVersion,
} from '../../fixtures/builders/engineStatus';

/** A CLI one release behind the server, whose API version is lowered from its own default. */
const clientFound: ClientCheck = {
  found: true,
  client: {
    ...clientVersion,
    version: '28.1.1',
    defaultApiVersion: '1.49',
    goVersion: 'go1.23.8',
    gitCommit: '4eba377',
    built: '2025-04-18T09:52:14.000Z',
  },
};

/** Not running, checking again in 4 s from now (the page counts down to it). */
const notRunningStatus = () => disconnectedStatus({ retry: { attempt: 1, delayMs: 4000, nextAt: Date.now() + 4000 } });

/** A BerthClient answering installation.check with `answer` and pushing engine.status on demand. */
function fakeClient(answer: InstallationReport) {
  const statusListeners = new Set<(status: EngineStatus) => void>();
  const request = vi.fn(async (name: string): Promise<unknown> => {
    if (name === 'installation.check') return answer;
    throw new BerthError('unknown-request', `Unknown request: ${name}`);
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (event: EngineStatus) => void) => {
    if (name !== 'engine.status') throw new Error(`unexpected stream ${name}`);
    statusListeners.add(onEvent);
    return () => statusListeners.delete(onEvent);
  });
  const client = { request, subscribe } as unknown as BerthClient;
  const push = (status: EngineStatus) =>
    act(() => {
      for (const listener of statusListeners) listener(status);
    });
  return { client, request, subscribe, push, subscribers: () => statusListeners.size };
}

function renderPage(answer: InstallationReport) {
  const fake = fakeClient(answer);
  const onNavigate = vi.fn();
  const view = render(
    <ClientContext.Provider value={fake.client}>
      <EngineStatusProvider>
        <NavigateContext.Provider value={onNavigate}>
          <InstallationCheckPage />
        </NavigateContext.Provider>
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
  return { ...fake, onNavigate, view };
}

const text = (element: HTMLElement) => element.textContent ?? '';

/** No translation key or unfilled placeholder may reach the screen. */
function expectNoRawKeys() {
  const shown = document.body.textContent ?? '';
  expect(shown).not.toMatch(/\b(?:installation|problem|engine|empty|nav|transport|app)\.[A-Za-z-]+/);
  expect(shown).not.toContain('{{');
}

beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  cleanup();
  if (i18next.language !== 'en') await i18next.changeLanguage('en');
});

describe('InstallationCheckPage', () => {
  it('shows the CLI version from installation.check and the server from the pushed engine status', async () => {
    const page = renderPage(report(clientFound, connectingStatus()));
    const clientCard = screen.getByTestId('client-card');
    expect(text(clientCard)).toContain('Checking…');
    expect(text(await within(clientCard).findByTestId('client-version'))).toBe('28.1.1');
    expect(text(within(clientCard).getByTestId('client-api-version'))).toBe('1.41 (downgraded from 1.49)');
    expect(text(within(clientCard).getByTestId('client-path'))).toBe('/usr/bin/docker');

    page.push(connectedStatus({ server: { ...serverVersion, version: '28.3.0' } }));
    const serverCard = screen.getByTestId('server-card');
    expect(text(within(serverCard).getByTestId('server-version'))).toBe('28.3.0');
    expect(within(serverCard).getByText('API version')).toBeTruthy();
    expect(text(within(serverCard).getByTestId('server-api-version'))).toBe('1.50 (minimum version 1.24)');
    expect(text(within(serverCard).getByTestId('server-endpoint'))).toBe('unix:///var/run/docker.sock');
    // Whole, as `docker version` prints it (Debian's containerd commit is "1.6.20~ds1-1+deb12u3").
    expect(text(within(serverCard).getByTestId('component-containerd'))).toBe(
      '1.7.27 (05044ec0a9a75232cad458027ca83437aae3f4da)',
    );
    expect(within(serverCard).getByText('Experimental')).toBeTruthy();
    expect(text(within(serverCard).getByTestId('server-experimental'))).toBe('false');
    // A date in the app's language, never the raw ISO time.
    expect(text(within(serverCard).getByTestId('server-built'))).toBe(formatDateTime(serverVersion.built, 'en'));
    expect(text(within(serverCard).getByTestId('server-built'))).not.toContain('2025-05-30');
    expect(screen.getByTestId('ready')).toBeTruthy();
    expect(text(screen.getByTestId('report-text'))).toContain('Server: Docker Engine - Community');
    expectNoRawKeys();
  });

  it('explains an engine that is not running, then turns ready by itself when the engine comes up', async () => {
    const page = renderPage(report(clientFound, notRunningStatus()));
    await screen.findByTestId('client-version');
    page.push(notRunningStatus());

    const problem = screen.getByRole('alert');
    expect(problem.getAttribute('data-problem')).toBe('engine-not-running');
    expect(within(problem).getByRole('heading').textContent).toBe('The Docker server (daemon) is not running');
    expect(text(within(problem).getByTestId('problem-detail'))).toBe(
      'Nothing answers at unix:///var/run/docker.sock (ECONNREFUSED).',
    );
    expect(text(screen.getByTestId('waiting'))).toMatch(/Checking again in [34] s/);
    expect(text(screen.getByTestId('server-not-connected'))).toBe('Not connected yet');
    expect(screen.queryByTestId('ready')).toBeNull();
    expectNoRawKeys();

    page.push(connectedStatus());
    expect(screen.getByTestId('ready').textContent).toContain('Docker Engine is installed and running');
    expect(screen.queryByTestId('podman-note')).toBeNull();
    expect(screen.queryByRole('alert')).toBeNull();
    expect(text(screen.getByTestId('server-version'))).toBe('28.2.2');
    expect(page.request).toHaveBeenCalledExactlyOnceWith('installation.check', {});
    expect(page.subscribe).toHaveBeenCalledTimes(1);
    expectNoRawKeys();
  });

  it('names Podman in the headline and the server column, says what differs, and shows no 1970 build date', async () => {
    const podman = connectedStatus({
      endpoint: {
        kind: 'unix',
        url: 'unix:///run/berth-podman.sock',
        source: 'DOCKER_HOST',
        contextName: null,
        tls: false,
      },
      server: { ...podmanServerVersion, apiVersion: '1.41' },
    });
    const page = renderPage(report(clientFound, podman));
    await screen.findByTestId('client-version');
    page.push(podman);
    expect(text(screen.getByTestId('ready'))).toContain('Podman is installed and running');
    expect(text(screen.getByTestId('ready'))).not.toContain('Docker Engine');
    expect(text(screen.getByTestId('podman-note'))).toContain("Podman speaks Docker's Engine API");
    const serverCard = screen.getByTestId('server-card');
    expect(text(serverCard)).toContain('Podman service (Docker-compatible API)');
    expect(text(within(serverCard).getByTestId('server-product'))).toBe('Podman 4.3.1');
    expect(text(within(serverCard).getByTestId('server-built'))).toBe('—');
    expect(text(screen.getByTestId('report-text'))).not.toContain('1970');
    expect(text(screen.getByTestId('report-text'))).toContain('\nProduct:  Podman 4.3.1\n');
    expectNoRawKeys();

    await act(() => i18next.changeLanguage('ko'));
    expect(text(screen.getByTestId('ready'))).toContain('Podman: 설치되어 실행 중이에요');
    expect(text(screen.getByTestId('podman-note'))).toContain('도커 서버');
    expect(text(serverCard)).toContain('Podman 서비스');
    expectNoRawKeys();
  });

  it('writes build dates in the active language, through one formatter', async () => {
    const page = renderPage(report(clientFound, connectedStatus()));
    await screen.findByTestId('client-version');
    page.push(connectedStatus());
    const en = new Intl.DateTimeFormat('en', { dateStyle: 'medium', timeStyle: 'short' });
    expect(text(screen.getByTestId('server-built'))).toBe(en.format(new Date('2025-05-30T12:07:14.000Z')));
    expect(text(screen.getByTestId('client-built'))).toBe(en.format(new Date('2025-04-18T09:52:14.000Z')));
    expect(text(screen.getByTestId('server-built'))).toContain('2025');

    await act(() => i18next.changeLanguage('ko'));
    const ko = new Intl.DateTimeFormat('ko', { dateStyle: 'medium', timeStyle: 'short' });
    expect(text(screen.getByTestId('server-built'))).toBe(ko.format(new Date('2025-05-30T12:07:14.000Z')));
  });

  it('shows the problem in Korean', async () => {
    await i18next.changeLanguage('ko');
    const page = renderPage(report(clientFound, notRunningStatus()));
    await screen.findByTestId('client-version');
    page.push(notRunningStatus());

    const problem = screen.getByRole('alert');
    expect(within(problem).getByRole('heading').textContent).toBe('도커 서버(데몬)가 실행되고 있지 않아요');
    expect(text(screen.getByTestId('waiting'))).toMatch(/[34]초 뒤에 다시 확인해요/);
    expect(text(screen.getByTestId('client-card'))).toContain('클라이언트');
    expect(text(screen.getByTestId('client-api-version'))).toBe('1.41 (1.49에서 낮춤)');
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('설치 확인');
    expectNoRawKeys();
  });

  it('explains a missing docker command in the client card and lists where it looked', async () => {
    const missing: ClientCheck = {
      found: false,
      searched: ['/usr/local/bin/docker', '/usr/bin/docker'],
      problem: {
        code: 'cli-not-installed',
        message: 'The docker command was not found on PATH or in the usual install places.',
      },
    };
    const page = renderPage(report(missing, connectedStatus()));
    page.push(connectedStatus());
    const clientCard = screen.getByTestId('client-card');
    const problem = await within(clientCard).findByRole('alert');
    expect(within(problem).getByRole('heading').textContent).toBe('The docker command is not installed');
    expect(within(problem).getAllByRole('listitem').map(text)).toEqual(['/usr/local/bin/docker', '/usr/bin/docker']);
    expect(text(screen.getByTestId('server-version'))).toBe('28.2.2');
    expectNoRawKeys();
  });

  it('uses the engine status of the check until the first push arrives', async () => {
    renderPage(report(clientFound, notRunningStatus()));
    const problem = await screen.findByRole('alert');
    expect(problem.getAttribute('data-problem')).toBe('engine-not-running');
    expectNoRawKeys();
  });

  it('stops listening to engine.status when unmounted', () => {
    const page = renderPage(report(clientFound, connectingStatus()));
    expect(page.subscribers()).toBe(1);
    page.view.unmount();
    expect(page.subscribers()).toBe(0);
  });
});
