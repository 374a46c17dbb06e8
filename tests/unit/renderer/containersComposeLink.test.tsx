// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { ContainersPage } from '../../../src/renderer/src/containers/ContainersPage';
import { ContainersProvider } from '../../../src/renderer/src/containers/containersStore';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { PullByNameProvider } from '../../../src/renderer/src/pulls/pullByNameContext';
import { PullsProvider } from '../../../src/renderer/src/pulls/pullsStore';
import { RunDialogProvider } from '../../../src/renderer/src/run/runDialogContext';
import { SettingsProvider } from '../../../src/renderer/src/settings/settingsStore';
import type { BerthClient } from '../../../src/shared/client';
import type { ContainerChange } from '../../../src/shared/containers';
import { connectedStatus } from '../../fixtures/builders/engineStatus';
import { container } from '../../fixtures/builders/sharedModels';
import { polyfillDialog } from './jsdomDialog';

// The list is virtual: it renders the rows that fit its scroll box, which jsdom gives no size.
beforeAll(async () => {
  polyfillDialog();
  // jsdom has no matchMedia; the settings provider asks it for the system's dark mode.
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(HTMLElement.prototype, 'clientHeight', { configurable: true, get: () => 800 });
  Object.defineProperty(HTMLElement.prototype, 'clientWidth', { configurable: true, get: () => 1200 });
  await initI18n('en');
});
afterEach(() => cleanup());

function fakeClient() {
  const listeners = new Map<string, (value: unknown) => void>();
  const request = vi.fn(async () => ({}));
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    listeners.set(name, onEvent);
    return () => listeners.delete(name);
  });
  const push = (name: string, value: unknown) => act(() => listeners.get(name)?.(value));
  return { client: { request, subscribe } as unknown as BerthClient, push };
}

describe('the Containers page’s compose groups', () => {
  it('link each project header to the project’s own view, by click and by keyboard', async () => {
    const fake = fakeClient();
    const navigate = vi.fn();
    render(
      <ClientContext.Provider value={fake.client}>
        <NavigateContext.Provider value={navigate}>
          <SettingsProvider>
            <EngineStatusProvider>
              <ContainersProvider>
                <PullsProvider>
                  <RunDialogProvider>
                    <PullByNameProvider>
                      <ContainersPage />
                    </PullByNameProvider>
                  </RunDialogProvider>
                </PullsProvider>
              </ContainersProvider>
            </EngineStatusProvider>
          </SettingsProvider>
        </NavigateContext.Provider>
      </ClientContext.Provider>,
    );
    await fake.push('engine.status', connectedStatus());
    const snapshot: ContainerChange = {
      type: 'snapshot',
      stale: false,
      containers: [
        container({ id: 'a1', name: 'shop_web_1', composeProject: 'shop', composeService: 'web' }),
        container({ id: 'b1', name: 'blog-db-1', composeProject: 'blog', composeService: 'db' }),
        container({ id: 'c1', name: 'loose' }),
      ],
    };
    await fake.push('containers.changes', snapshot);

    const links = await screen.findAllByTestId('compose-group-link');
    expect(links.map((link) => [link.textContent, link.getAttribute('href')])).toEqual([
      ['blog (Compose)', '#/compose/blog'],
      ['shop (Compose)', '#/compose/shop'],
    ]);
    const shop = screen.getByRole('link', { name: 'shop (Compose): open the project' });
    // A link: Tab reaches it, Enter follows it (the browser turns Enter on a link into a click).
    expect(shop.tagName).toBe('A');
    shop.focus();
    expect(document.activeElement).toBe(shop);
    fireEvent.click(shop);
    expect(navigate).toHaveBeenCalledWith('compose', 'shop');

    await act(() => i18next.changeLanguage('ko'));
    try {
      expect(screen.getByRole('link', { name: 'shop (컴포즈): 프로젝트 열기' }).textContent).toBe('shop (컴포즈)');
    } finally {
      await act(() => i18next.changeLanguage('en'));
    }
  });
});
