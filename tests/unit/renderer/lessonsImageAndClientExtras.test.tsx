// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { clientAndServerExtras } from '../../../src/renderer/src/lessons/course/clientAndServer';
import { imageAndContainerExtras } from '../../../src/renderer/src/lessons/course/imageAndContainer';
import type { BerthClient } from '../../../src/shared/client';
import type { EngineStatus } from '../../../src/shared/engine';
import { BerthError } from '../../../src/shared/errors';
import type { LessonState, VersionOutputResult } from '../../../src/shared/lessons';
import { connectedStatus, serverVersion } from '../../fixtures/builders/engineStatus';

/** A client answering the lesson's requests with `answers` and pushing one engine status. */
function fakeClient(answers: Record<string, (input: unknown) => unknown>, status: EngineStatus) {
  const request = vi.fn(async (name: string, input: unknown): Promise<unknown> => {
    const answer = answers[name];
    if (!answer) throw new BerthError('unknown-request', `Unknown request: ${name}`);
    return answer(input);
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (event: EngineStatus) => void) => {
    if (name !== 'engine.status') throw new Error(`unexpected stream ${name}`);
    onEvent(status);
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

function lesson(id: LessonState['id'], facts: Record<string, string>, stepId: string): LessonState {
  return {
    id,
    started: true,
    startedAt: 1,
    steps: [{ id: stepId, done: false, doneAt: null, commands: [], screen: '#/containers' }],
    current: stepId,
    finished: false,
    unmet: [],
    facts,
    folder: null,
  };
}

function renderWith(node: React.ReactNode, answers: Record<string, (input: unknown) => unknown>) {
  const fake = fakeClient(answers, connectedStatus({ server: { ...serverVersion, version: '28.3.0' } }));
  const navigate = vi.fn();
  render(
    <ClientContext.Provider value={fake.client}>
      <EngineStatusProvider>
        <NavigateContext.Provider value={navigate}>{node}</NavigateContext.Provider>
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
  return { ...fake, navigate };
}

beforeAll(async () => {
  await initI18n('en');
});

afterEach(async () => {
  cleanup();
  if (i18next.language !== 'en') await i18next.changeLanguage('en');
});

describe('lesson 3: the pasted `docker version` box', () => {
  const Step = clientAndServerExtras.steps!.versions!;
  const state = lesson('clientAndServer', { serverVersion: '28.3.0' }, 'versions');
  const step = state.steps[0]!;

  it('asks for the output first, then says inline why another server’s output does not match', async () => {
    const result: VersionOutputResult = { matches: false, reason: 'other-server', client: '28.2.2', server: '4.3.1' };
    const page = renderWith(<Step lesson={state} step={step} />, { 'lessons.checkVersionOutput': () => result });
    fireEvent.click(screen.getByRole('button', { name: 'Check the output' }));
    expect(screen.getByRole('alert').textContent).toBe('Paste the output first.');
    expect(page.request).not.toHaveBeenCalled();

    const box = screen.getByLabelText('Paste what docker version printed in your terminal');
    fireEvent.change(box, { target: { value: 'Client:\n Version: 28.2.2\nServer:\n Engine:\n  Version: 4.3.1' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Check the output' }));
    });
    expect(page.request).toHaveBeenCalledWith('lessons.checkVersionOutput', {
      text: 'Client:\n Version: 28.2.2\nServer:\n Engine:\n  Version: 4.3.1',
    });
    expect(screen.getByRole('alert').textContent).toBe(
      'The Server: part says version 4.3.1, but the Docker server Berth is connected to is version 28.3.0. Your terminal may be using another Docker (another context or DOCKER_HOST).',
    );
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });

  it('says so when it matches, in Korean too, and opens the installation check', async () => {
    await i18next.changeLanguage('ko');
    const result: VersionOutputResult = { matches: true, reason: null, client: '28.2.2', server: '28.3.0' };
    const page = renderWith(<Step lesson={state} step={step} />, { 'lessons.checkVersionOutput': () => result });
    fireEvent.change(screen.getByRole('textbox'), { target: { value: 'Client: …' } });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: '출력 확인' }));
    });
    expect(screen.getByTestId('version-paste-matched').textContent).toContain('도커 서버(버전 28.3.0)');
    fireEvent.click(screen.getByRole('button', { name: '설치 확인 열기' }));
    expect(page.navigate).toHaveBeenCalledWith('installation');
  });

  it('shows the live server in the intro without asking for the installation check', () => {
    const Intro = clientAndServerExtras.Intro!;
    const page = renderWith(<Intro lesson={{ ...state, facts: { product: 'Docker Engine' } }} />, {});
    expect(screen.getByTestId('live-server').textContent).toContain('Docker Engine answers: version 28.3.0');
    expect(screen.getByTestId('client-and-server-live').textContent).toContain('unix:///var/run/docker.sock');
    // Opening the lesson is not opening the installation check.
    expect(page.request).not.toHaveBeenCalledWith('installation.check', expect.anything());
  });
});

describe('lesson 2: doing the steps in Berth', () => {
  it('runs busybox with sleep 3600 under the suggested name', async () => {
    const Step = imageAndContainerExtras.steps!.second!;
    const state = lesson('imageAndContainer', { first: 'box-1', second: 'box-2' }, 'second');
    const page = renderWith(<Step lesson={state} step={state.steps[0]!} />, { 'run.start': () => ({ runId: 'r1' }) });
    await act(async () => {
      fireEvent.click(screen.getByRole('button', { name: 'Run busybox again' }));
    });
    expect(page.request).toHaveBeenCalledWith('run.start', {
      image: 'busybox',
      name: 'box-2',
      command: ['sleep', '3600'],
    });
  });

  it('opens the terminal tab of each of the two containers', () => {
    const Step = imageAndContainerExtras.steps!.separate!;
    const state = lesson('imageAndContainer', { first: 'box-1', second: 'box-2' }, 'separate');
    const page = renderWith(<Step lesson={state} step={state.steps[0]!} />, {});
    fireEvent.click(screen.getByRole('button', { name: 'Open the terminal of box-1' }));
    expect(page.navigate).toHaveBeenCalledWith('containers', 'box-1', { tab: 'terminal' });
    fireEvent.click(screen.getByRole('button', { name: 'Open the terminal of box-2' }));
    expect(page.navigate).toHaveBeenCalledWith('containers', 'box-2', { tab: 'terminal' });
  });
});
