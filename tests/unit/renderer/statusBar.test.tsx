// @vitest-environment jsdom
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { StatusBar } from '../../../src/renderer/src/engine/StatusBar';
import { initI18n } from '../../../src/renderer/src/i18n';
import { PullsProvider } from '../../../src/renderer/src/pulls/pullsStore';
import { SettingsProvider } from '../../../src/renderer/src/settings/settingsStore';
import type { BerthClient } from '../../../src/shared/client';
import type { EngineStatus } from '../../../src/shared/engine';
import { connectedStatus, connectingStatus } from '../../fixtures/builders/engineStatus';

beforeAll(async () => {
  // jsdom has no matchMedia; the settings provider asks it for the system's dark mode.
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
  await initI18n('en');
});
afterEach(cleanup);

describe('the status bar', () => {
  it('keeps the Docker server switcher (and the keyboard focus on it) when the engine’s address becomes known', () => {
    const listeners = new Set<(status: EngineStatus) => void>();
    const client = {
      request: vi.fn(async () => ({})),
      subscribe: vi.fn((name: string, _input: unknown, onEvent: (status: EngineStatus) => void) => {
        if (name === 'engine.status') listeners.add(onEvent);
        return () => undefined;
      }),
    } as unknown as BerthClient;
    const push = (status: EngineStatus) =>
      act(() => {
        for (const listener of listeners) listener(status);
      });
    render(
      <ClientContext.Provider value={client}>
        <SettingsProvider>
          <EngineStatusProvider>
            <PullsProvider>
              <NavigateContext.Provider value={vi.fn()}>
                <StatusBar />
              </NavigateContext.Provider>
            </PullsProvider>
          </EngineStatusProvider>
        </SettingsProvider>
      </ClientContext.Provider>,
    );
    push(connectingStatus());
    const switcher = screen.getByTestId('engine-switcher');
    act(() => switcher.focus());
    push(connectedStatus());

    const after = screen.getByTestId('engine-switcher');
    expect(after).toBe(switcher);
    expect(document.activeElement).toBe(switcher);
    expect(after.textContent).toBe(connectedStatus().endpoint?.url);
  });
});
