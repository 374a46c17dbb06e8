// @vitest-environment jsdom
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { act, cleanup, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { ContainerDetailsPage } from '../../../src/renderer/src/containers/ContainerDetailsPage';
import { ContainersProvider } from '../../../src/renderer/src/containers/containersStore';
import { EngineStatusProvider, useEngineAvailable } from '../../../src/renderer/src/engine/engineStatus';
import { EngineUnavailable } from '../../../src/renderer/src/engine/EngineUnavailable';
import { ProblemSummary } from '../../../src/renderer/src/engine/ProblemSummary';
import { asSentence, joinSentences } from '../../../src/renderer/src/engine/problemText';
import { initI18n } from '../../../src/renderer/src/i18n';
import type { BerthClient } from '../../../src/shared/client';
import type { EngineStatus } from '../../../src/shared/engine';
import type { ContainerChange, ContainerSummary } from '../../../src/shared/containers';
import { BerthError, type WireError } from '../../../src/shared/errors';
import { connectedStatus, connectingStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';

/** Not running, with the next check a few seconds from now (the banner counts down to it). */
const notRunningStatus = () =>
  disconnectedStatus({ retry: { attempt: 1, delayMs: 4000, nextAt: Date.now() + 4000 }, checkedAt: Date.now() });

const notRunning: WireError = {
  code: 'engine-not-running',
  message: 'Nothing answers at unix:///var/run/docker.sock (ENOENT)',
};

beforeAll(async () => {
  await initI18n('en');
});
afterEach(async () => {
  cleanup();
  if (i18next.language !== 'en') await i18next.changeLanguage('en');
});

describe('a problem title and the engine’s detail are two sentences, never run together', () => {
  it('closes each sentence once and puts one space between them', () => {
    expect(joinSentences('The Docker server (daemon) is not running', 'Nothing answers at unix:///x (ENOENT)')).toBe(
      'The Docker server (daemon) is not running. Nothing answers at unix:///x (ENOENT).',
    );
    expect(joinSentences('Already closed.', 'Asked?', 'Said (so).', '  ', null, undefined, 'Last')).toBe(
      'Already closed. Asked? Said (so). Last.',
    );
    expect(asSentence('도커 서버(데몬)가 실행되고 있지 않아요')).toBe('도커 서버(데몬)가 실행되고 있지 않아요.');
    expect(asSentence('')).toBe('');
  });

  it('a failed container action reads "name: what happened. The engine’s words." in English and Korean', async () => {
    const { container, rerender } = render(
      <ProblemSummary problem={notRunning} lead="web: The Docker server is down" />,
    );
    expect(container.textContent).toBe(
      'web: The Docker server is down. Nothing answers at unix:///var/run/docker.sock (ENOENT).',
    );
    rerender(<ProblemSummary problem={notRunning} />);
    expect(container.textContent).toBe(
      'The Docker server (daemon) is not running. Nothing answers at unix:///var/run/docker.sock (ENOENT).',
    );
    await act(() => i18next.changeLanguage('ko'));
    expect(container.textContent).toBe(
      '도커 서버(데몬)가 실행되고 있지 않아요. Nothing answers at unix:///var/run/docker.sock (ENOENT).',
    );
  });
});

describe('a failed container action on its page', () => {
  it('says what happened and the engine’s words as two sentences', async () => {
    const web: ContainerSummary = {
      id: 'a1b2c3d4e5f6',
      name: 'web',
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
    };
    const request = vi.fn(async (name: string) => {
      if (name === 'containers.act') {
        throw new BerthError('engine-not-running', 'Nothing answers at unix:///var/run/docker.sock (ECONNREFUSED)');
      }
      return {};
    });
    const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
      if (name === 'engine.status') onEvent(connectedStatus());
      if (name === 'containers.changes')
        onEvent({ type: 'snapshot', containers: [web], stale: false } as ContainerChange);
      return () => undefined;
    });
    render(
      <ClientContext.Provider value={{ request, subscribe } as unknown as BerthClient}>
        <EngineStatusProvider>
          <ContainersProvider>
            <NavigateContext.Provider value={vi.fn()}>
              <ContainerDetailsPage id="web" />
            </NavigateContext.Provider>
          </ContainersProvider>
        </EngineStatusProvider>
      </ClientContext.Provider>,
    );
    await act(async () => {
      screen.getByTestId('details-stop').click();
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      'The Docker server (daemon) is not running. Nothing answers at unix:///var/run/docker.sock (ECONNREFUSED).',
    );
  });
});

/** A BerthClient that pushes engine.status on demand and records engine.retryNow. */
function fakeClient() {
  const listeners = new Set<(status: EngineStatus) => void>();
  const request = vi.fn(async () => ({}));
  const subscribe = vi.fn((_name: string, _input: unknown, onEvent: (status: EngineStatus) => void) => {
    listeners.add(onEvent);
    return () => listeners.delete(onEvent);
  });
  const client = { request, subscribe } as unknown as BerthClient;
  const push = (status: EngineStatus) =>
    act(() => {
      for (const listener of listeners) listener(status);
    });
  return { client, request, push };
}

function StopButton() {
  const engine = useEngineAvailable();
  return (
    <button type="button" title="Stop web" {...engine.actionProps}>
      Stop
    </button>
  );
}

function renderScreen() {
  const fake = fakeClient();
  const navigate = vi.fn();
  render(
    <ClientContext.Provider value={fake.client}>
      <EngineStatusProvider>
        <NavigateContext.Provider value={navigate}>
          <EngineUnavailable consequence="Berth cannot list your images." />
        </NavigateContext.Provider>
        <StopButton />
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
  return { ...fake, navigate };
}

describe('the engine-unavailable state', () => {
  it('says why and what to do, disables actions with a reason, and gives them back when the server returns', async () => {
    const view = renderScreen();
    const stop = screen.getByRole('button', { name: 'Stop' });

    view.push(connectingStatus());
    expect(screen.getByTestId('engine-unavailable').getAttribute('data-state')).toBe('connecting');
    expect(stop.hasAttribute('disabled')).toBe(true);

    view.push(notRunningStatus());
    const banner = screen.getByTestId('engine-unavailable');
    expect(banner.getAttribute('data-state')).toBe('unavailable');
    expect(screen.getByRole('heading').textContent).toBe('Berth cannot reach the Docker server (daemon)');
    expect(banner.textContent).toContain(
      'The Docker server (daemon) is not running. Docker is set up here, but the Docker server does not answer.',
    );
    expect(screen.getByTestId('engine-unavailable-consequence').textContent).toBe('Berth cannot list your images.');
    expect(stop.hasAttribute('disabled')).toBe(true);
    expect(stop.getAttribute('title')).toBe('Not available until Berth reaches the Docker server again');

    screen.getByTestId('engine-unavailable-retry').click();
    expect(view.request).toHaveBeenCalledWith('engine.retryNow', {});
    screen.getByTestId('engine-unavailable-check').click();
    expect(view.navigate).toHaveBeenCalledWith('installation');

    view.push(connectedStatus());
    expect(screen.queryByTestId('engine-unavailable')).toBeNull();
    expect(stop.hasAttribute('disabled')).toBe(false);
    expect(stop.getAttribute('title')).toBe('Stop web');
  });

  it('speaks Korean with the glossary’s words', async () => {
    await i18next.changeLanguage('ko');
    const view = renderScreen();
    view.push(notRunningStatus());
    expect(screen.getByRole('heading').textContent).toBe('Berth가 도커 서버(데몬)에 연결할 수 없어요');
    expect(screen.getByRole('button', { name: 'Stop' }).getAttribute('title')).toBe(
      'Berth가 도커 서버에 다시 연결되면 쓸 수 있어요',
    );
  });
});
