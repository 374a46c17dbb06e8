// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import type { Navigate } from '../../../src/renderer/src/app/useRoute';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { OnboardingPage } from '../../../src/renderer/src/onboarding/OnboardingPage';
import { SettingsProvider } from '../../../src/renderer/src/settings/settingsStore';
import type { BerthClient } from '../../../src/shared/client';
import { defaultSettings, type SettingsState } from '../../../src/shared/settings';
import { connectedStatus } from '../../fixtures/builders/engineStatus';

/** The guide saved at its "Ideas" step. */
function fakeClient() {
  const saved: SettingsState = {
    settings: { ...defaultSettings, onboarding: { ...defaultSettings.onboarding, step: 'concepts' } },
    recovered: null,
    path: '/tmp/settings.json',
  };
  const request = vi.fn(async (name: string, _input?: unknown): Promise<unknown> =>
    name === 'settings.update' ? saved : {},
  );
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'settings.changes') onEvent(saved);
    if (name === 'engine.status') onEvent(connectedStatus());
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

beforeAll(async () => {
  // jsdom has no matchMedia; the settings provider asks it for the system's dark mode.
  window.matchMedia = (query: string) =>
    ({ matches: false, media: query, addEventListener() {}, removeEventListener() {} }) as unknown as MediaQueryList;
  await initI18n('en');
});
afterEach(cleanup);

describe('the guide’s Ideas step', () => {
  it('makes each idea the door to the lesson it starts, and offers the whole course', async () => {
    const fake = fakeClient();
    const navigate = vi.fn<Navigate>();
    render(
      <ClientContext.Provider value={fake.client}>
        <NavigateContext.Provider value={navigate}>
          <SettingsProvider>
            <EngineStatusProvider>
              <OnboardingPage />
            </EngineStatusProvider>
          </SettingsProvider>
        </NavigateContext.Provider>
      </ClientContext.Provider>,
    );
    const cards = await screen.findAllByTestId('concept-card');
    expect(cards.map((card) => within(card).getByRole('button').textContent)).toEqual([
      'Lesson 1: Why Docker →',
      'Lesson 2: Image and container →',
      'Lesson 3: Client and server →',
      'Lesson 4: hello-world and the image cache →',
    ]);
    await act(async () => fireEvent.click(within(cards[2]!).getByRole('button')));
    expect(navigate).toHaveBeenLastCalledWith('lessons', 'clientAndServer');
    // Opening a lesson finishes the guide, as the other ways out of it do.
    expect(fake.request).toHaveBeenCalledWith('settings.update', { onboarding: { step: 'done', finished: true } });
    await act(async () => fireEvent.click(screen.getByTestId('onboarding-start-course')));
    expect(navigate).toHaveBeenLastCalledWith('lessons');
  });
});
