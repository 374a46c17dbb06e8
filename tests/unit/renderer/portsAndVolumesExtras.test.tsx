// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ComponentType } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { portsAndVolumesExtras } from '../../../src/renderer/src/lessons/course/portsAndVolumes';
import type { LessonStepActionProps } from '../../../src/renderer/src/lessons/lessonExtras';
import { RunDialogProvider } from '../../../src/renderer/src/run/runDialogContext';
import type { BerthClient } from '../../../src/shared/client';
import type { LessonState } from '../../../src/shared/lessons';
import { connectedStatus } from '../../fixtures/builders/engineStatus';
import { polyfillDialog } from './jsdomDialog';

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
  Element.prototype.scrollIntoView ??= function () {};
});
afterEach(() => cleanup());

const lesson = (parts: Partial<LessonState> = {}): LessonState => ({
  id: 'portsAndVolumes',
  started: true,
  startedAt: 1,
  steps: ['run', 'open', 'volume', 'write', 'remove', 'read'].map((id) => ({
    id,
    done: false,
    doneAt: null,
    commands: [],
    screen: '#/containers',
  })),
  current: 'run',
  finished: false,
  unmet: [],
  facts: { volume: 'berth-notes', file: 'hello.txt' },
  folder: null,
  ...parts,
});

function fakeClient() {
  const request = vi.fn(async (name: string): Promise<unknown> => {
    if (name === 'run.check') return { issues: [] };
    if (name === 'run.exposedPorts') return { present: true, ports: [] };
    return {};
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(connectedStatus());
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

function renderAction(stepId: string, state: LessonState = lesson()) {
  const { client, request } = fakeClient();
  const Action = portsAndVolumesExtras.steps?.[stepId] as ComponentType<LessonStepActionProps>;
  const step = state.steps.find((one) => one.id === stepId)!;
  render(
    <ClientContext.Provider value={client}>
      <EngineStatusProvider>
        <NavigateContext.Provider value={vi.fn()}>
          <RunDialogProvider>
            <Action lesson={state} step={step} />
          </RunDialogProvider>
        </NavigateContext.Provider>
      </EngineStatusProvider>
    </ClientContext.Provider>,
  );
  return request;
}

describe('lesson 6’s actions in Berth', () => {
  it('writes through the run dialog: busybox, named notes-writer, berth-notes at /data, the command filled in', async () => {
    renderAction('write');
    await act(async () => fireEvent.click(screen.getByTestId('lesson-action-write')));
    expect(screen.getByTestId('run-command-preview').textContent).toBe(
      `$ docker run --name notes-writer --mount type=volume,source=berth-notes,target=/data busybox sh -c 'echo hello > /data/hello.txt'`,
    );
  });

  it('reads the file the write step saw, through a new container', async () => {
    renderAction('read', lesson({ facts: { volume: 'berth-notes', file: 'diary.md' } }));
    await act(async () => fireEvent.click(screen.getByTestId('lesson-action-read')));
    expect(screen.getByTestId('run-command-preview').textContent).toBe(
      '$ docker run --name notes-reader --mount type=volume,source=berth-notes,target=/data busybox cat /data/diary.md',
    );
  });

  it('makes the volume berth-notes through volumes.create', async () => {
    const request = renderAction('volume');
    await act(async () => fireEvent.click(screen.getByTestId('lesson-action-volume')));
    expect(request).toHaveBeenCalledWith('volumes.create', { name: 'berth-notes' });
  });

  it('runs my-site, or says to build it in lesson 5 while it is missing', () => {
    renderAction('run', lesson({ unmet: [{ kind: 'lesson', lesson: 'ownImage' }] }));
    expect(screen.queryByTestId('lesson-action-run')).toBeNull();
    expect(screen.getByTestId('lesson-site-missing').textContent).toBe(
      'my-site is not in the image cache yet: build it in lesson 5, or run any image with a web server and publish its port.',
    );
    cleanup();
    renderAction('run');
    expect(screen.getByTestId('lesson-action-run').textContent).toBe('Run my-site with a port');
  });

  it('opens the page at the published port in the browser', () => {
    renderAction('open', lesson({ facts: { url: 'http://localhost:18080' } }));
    const link = screen.getByTestId('lesson-action-open');
    expect(link.getAttribute('href')).toBe('http://localhost:18080');
    expect(link.getAttribute('target')).toBe('_blank');
    expect(link.textContent).toBe('Open http://localhost:18080');
  });
});
