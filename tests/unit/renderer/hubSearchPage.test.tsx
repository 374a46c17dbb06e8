// @vitest-environment jsdom
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { CommandsProvider } from '../../../src/renderer/src/app/commands';
import { cleanup, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { HubSearchPage } from '../../../src/renderer/src/hub/HubSearchPage';
import { initI18n } from '../../../src/renderer/src/i18n';
import { PullByNameProvider } from '../../../src/renderer/src/pulls/pullByNameContext';
import { PullsProvider } from '../../../src/renderer/src/pulls/pullsStore';
import { RunDialogProvider } from '../../../src/renderer/src/run/runDialogContext';
import type { BerthClient } from '../../../src/shared/client';
import type { WireError } from '../../../src/shared/errors';
import type { HubSearchResult } from '../../../src/shared/hub';

// The engine's own search answers only where the engine reaches the internet, which the end-to-end
// suite's testbed does not: its note is checked here, on an answer shaped as the main process sends it.
function engineAnswer(hubProblem: WireError): HubSearchResult {
  return {
    query: 'redis',
    page: 1,
    total: 1,
    nextPage: null,
    skipped: 0,
    source: 'engine',
    hubProblem,
    results: [
      {
        repoName: 'library/redis',
        displayName: 'redis',
        shortDescription: 'Redis is an open source key-value store.',
        starCount: 13_187,
        pullCount: null,
        pullCountAtLeast: false,
        isOfficial: true,
        isVerifiedPublisher: false,
        isAutomated: false,
        isArchived: false,
      },
    ],
  };
}

function renderSearch(answer: HubSearchResult) {
  const request = vi.fn(async (name: string): Promise<unknown> => {
    if (name === 'hub.search') return answer;
    throw new Error(`unexpected request ${name}`);
  });
  const client = { request, subscribe: vi.fn(() => () => undefined) } as unknown as BerthClient;
  render(
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={vi.fn()}>
        <CommandsProvider>
          <PullsProvider>
            <RunDialogProvider>
              <PullByNameProvider>
                <HubSearchPage initialQuery="redis" />
              </PullByNameProvider>
            </RunDialogProvider>
          </PullsProvider>
        </CommandsProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>,
  );
}

beforeAll(async () => {
  // jsdom has no IntersectionObserver; the page uses one to load more results on scroll.
  vi.stubGlobal(
    'IntersectionObserver',
    class {
      observe() {}
      disconnect() {}
    },
  );
  await initI18n('en');
});

afterEach(async () => {
  cleanup();
  if (i18next.language !== 'en') await i18next.changeLanguage('en');
});

describe('HubSearchPage with the engine search standing in', () => {
  it('says the search has changed when that is why the engine answered, in both languages', async () => {
    const changed = { code: 'hub-search-changed', message: "Docker Hub's search has changed: …" } as const;
    renderSearch(engineAnswer(changed));
    expect((await screen.findByTestId('engine-fallback')).textContent).toBe(
      'Docker Hub’s search has changed, so these results come from the Docker server’s own search: no pull counts, and one page only.',
    );
    // No pull count at all, rather than a false 0.
    expect(screen.queryByTestId('pull-count')).toBeNull();

    cleanup();
    await i18next.changeLanguage('ko');
    renderSearch(engineAnswer(changed));
    expect((await screen.findByTestId('engine-fallback')).textContent).toContain('도커 허브의 검색 방식이 바뀌어서');
  });

  it('keeps saying the Hub could not be reached when it could not', async () => {
    renderSearch(engineAnswer({ code: 'hub-unreachable', message: 'Cannot reach Docker Hub' }));
    expect((await screen.findByTestId('engine-fallback')).textContent).toContain('Docker Hub could not be reached');
  });
});
