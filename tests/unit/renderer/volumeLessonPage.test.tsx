// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { ContainersProvider } from '../../../src/renderer/src/containers/containersStore';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { VolumeLessonPage } from '../../../src/renderer/src/lessons/VolumeLessonPage';
import { PullsProvider } from '../../../src/renderer/src/pulls/pullsStore';
import type { BerthClient } from '../../../src/shared/client';
import { BerthError } from '../../../src/shared/errors';
import type { PullJob } from '../../../src/shared/pulls';
import type { VolumeLessonState } from '../../../src/shared/volumes';
import { connectedStatus } from '../../fixtures/builders/engineStatus';
import { pullJob } from '../../fixtures/builders/sharedModels';
import { polyfillDialog } from './jsdomDialog';

const fresh: VolumeLessonState = {
  done: [],
  volume: 'berth-lesson-redis-data',
  container: null,
  containerName: null,
  observed: null,
  commands: [],
  written: null,
  readBack: null,
};

/**
 * The contract as the main process answers it: the state, and a step that stays pending until the
 * test settles it; the pulls stream pushes what the test sends.
 */
function fakeClient() {
  let settleStep: { resolve: (state: VolumeLessonState) => void; reject: (error: unknown) => void } | null = null;
  let pushPull: (job: PullJob) => void = () => undefined;
  const request = vi.fn(async (name: string): Promise<unknown> => {
    if (name === 'volumeLesson.state') return fresh;
    if (name === 'volumeLesson.step') {
      return new Promise((resolve, reject) => {
        settleStep = { resolve, reject };
      });
    }
    throw new BerthError('unknown-request', name);
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(connectedStatus());
    if (name === 'pulls.jobs') pushPull = onEvent;
    return () => undefined;
  });
  return {
    client: { request, subscribe } as unknown as BerthClient,
    request,
    pushPull: (job: PullJob) => act(() => pushPull(job)),
    settleStep: () => settleStep!,
  };
}

function renderPage(client: BerthClient) {
  render(
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={vi.fn()}>
        <EngineStatusProvider>
          <ContainersProvider>
            <PullsProvider>
              <VolumeLessonPage />
            </PullsProvider>
          </ContainersProvider>
        </EngineStatusProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>,
  );
}

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
});
afterEach(cleanup);

describe('the volume lesson page', () => {
  it('enables only the next step, and while redis is pulled for step 1 shows how far the pull is', async () => {
    const fake = fakeClient();
    renderPage(fake.client);
    const run = await screen.findByTestId('lesson-run-run');
    expect(run).toHaveProperty('disabled', false);
    for (const step of ['write', 'remove', 'runAgain', 'read']) {
      expect(screen.getByTestId(`lesson-run-${step}`)).toHaveProperty('disabled', true);
    }

    fireEvent.click(run);
    expect(fake.request).toHaveBeenCalledWith('volumeLesson.step', { step: 'run' });
    const item = screen.getByTestId('lesson-step-run');
    expect(within(item).getByRole('status').textContent).toBe('Starting redis and waiting for it to answer…');
    expect(within(item).getByTestId('spinner')).toBeTruthy();
    expect(run).toHaveProperty('disabled', true);

    fake.pushPull(pullJob({ id: 'p1', reference: 'redis:latest', state: 'pulling', percent: 41.6, bytesKnown: true }));
    expect(within(item).getByTestId('lesson-pulling').textContent).toBe(
      'redis is not in the local image cache yet: Berth pulls it first (42%).',
    );
    fake.pushPull(pullJob({ id: 'p1', reference: 'redis:latest', state: 'pulling', bytesKnown: false }));
    expect(within(item).getByTestId('lesson-pulling').textContent).toBe(
      'redis is not in the local image cache yet: Berth pulls it first.',
    );

    await act(async () =>
      fake.settleStep().resolve({ ...fresh, done: ['run'], containerName: 'berth-lesson-redis', container: 'c1' }),
    );
    expect(screen.getByTestId('lesson-step-run').getAttribute('data-state')).toBe('done');
    expect(screen.queryByTestId('lesson-pulling')).toBeNull();
    expect(screen.getByTestId('lesson-run-write')).toHaveProperty('disabled', false);
  });

  it('shows a failed check inline under its step, with what to do, and lets the step be tried again', async () => {
    const fake = fakeClient();
    renderPage(fake.client);
    fireEvent.click(await screen.findByTestId('lesson-run-run'));
    await act(async () =>
      fake
        .settleStep()
        .reject(
          new BerthError('lesson-check-failed', 'berth-lesson-redis stopped (exit code 1) before it answered PING.'),
        ),
    );
    const failure = within(screen.getByTestId('lesson-step-run')).getByTestId('lesson-step-failure');
    expect(within(failure).getByTestId('problem').getAttribute('data-problem')).toBe('lesson-check-failed');
    expect(within(failure).getByTestId('problem-detail').textContent).toContain('before it answered PING');
    expect(within(failure).getByTestId('lesson-step-what-to-do').textContent).toBe(
      'This step did not finish. Try it again; if it keeps failing, start the lesson over.',
    );
    expect(screen.getByTestId('lesson-run-run')).toHaveProperty('disabled', false);
  });
});
