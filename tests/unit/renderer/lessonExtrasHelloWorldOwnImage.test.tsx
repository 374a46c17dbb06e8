// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import type { Navigate } from '../../../src/renderer/src/app/useRoute';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { helloWorldExtras } from '../../../src/renderer/src/lessons/course/helloWorld';
import { ownImageExtras } from '../../../src/renderer/src/lessons/course/ownImage';
import { RunDialogProvider } from '../../../src/renderer/src/run/runDialogContext';
import type { BuildJob } from '../../../src/shared/builds';
import type { BerthClient } from '../../../src/shared/client';
import type { LessonId, LessonState } from '../../../src/shared/lessons';
import { buildJob, buildStep } from '../../fixtures/builders/buildJob';
import { connectedStatus } from '../../fixtures/builders/engineStatus';
import { runFlow } from '../../fixtures/builders/sharedModels';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(cleanup);

function lesson(id: LessonId, stepIds: string[], current: string, folder: string | null = null): LessonState {
  return {
    id,
    started: true,
    startedAt: 1,
    steps: stepIds.map((step) => ({
      id: step,
      done: stepIds.indexOf(step) < stepIds.indexOf(current),
      doneAt: null,
      commands: [],
      screen: '',
    })),
    current,
    finished: false,
    unmet: [],
    facts: {},
    folder,
  };
}

const flow = runFlow({
  runId: 'run-7',
  image: 'hello-world:latest',
  command: 'docker run hello-world',
  containerId: 'c1',
  containerName: 'brave_hello',
  state: 'exited',
  exitCode: 0,
});

/** The main process as the lessons' parts talk to it: runs, builds and copies answered, streams fed. */
function fakeClient(jobs: BuildJob[] = []) {
  const request = vi.fn(async (name: string, input?: unknown): Promise<unknown> => {
    if (name === 'run.start') return { runId: 'run-7' };
    if (name === 'builds.start') return buildJob({ id: 'build-new', options: input as BuildJob['options'] });
    if (name === 'lessons.copyExample') return { lessons: [] };
    throw new Error(`unexpected ${name}`);
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(connectedStatus());
    if (name === 'run.flow') onEvent(flow);
    if (name === 'builds.jobs') for (const job of jobs) onEvent(job);
    return () => undefined;
  });
  return { client: { request, subscribe } as unknown as BerthClient, request };
}

function renderWith(client: BerthClient, navigate: Navigate, children: ReactNode) {
  render(
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={navigate}>
        <EngineStatusProvider>
          <RunDialogProvider>{children}</RunDialogProvider>
        </EngineStatusProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>,
  );
}

describe('lesson 4’s parts', () => {
  it('runs hello-world, shows the run’s diagram and what the image cache said, and opens the live flow', async () => {
    const { client, request } = fakeClient();
    const navigate = vi.fn<Navigate>();
    const state = lesson('helloWorld', ['firstRun', 'secondRun'], 'firstRun');
    const Run = helloWorldExtras.steps!.firstRun!;
    renderWith(client, navigate, <Run lesson={state} step={state.steps[0]!} />);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Run hello-world' })));
    expect(request).toHaveBeenCalledWith('run.start', { image: 'hello-world' });
    expect(screen.getByTestId('lesson-hello-run').dataset.cacheHit).toBe('true');
    expect(screen.getByText('This run found hello-world in the image cache: Docker Hub was skipped.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Open the live flow' }));
    expect(navigate).toHaveBeenCalledWith('run', 'run-7');
    cleanup();
    // The next step's part goes on showing that run until it makes its own.
    const Again = helloWorldExtras.steps!.secondRun!;
    renderWith(client, navigate, <Again lesson={state} step={state.steps[1]!} />);
    expect(screen.getByRole('button', { name: 'Run it again' })).toBeTruthy();
    expect(screen.getByTestId('lesson-hello-run')).toBeTruthy();
  });
});

describe('lesson 5’s parts', () => {
  it('shows the two files to type by hand', () => {
    const { client } = fakeClient();
    const Intro = ownImageExtras.Intro!;
    renderWith(client, vi.fn(), <Intro lesson={lesson('ownImage', ['build'], 'build')} />);
    expect(screen.getByTestId('lesson-site-files').textContent).toContain('COPY index.html /www/index.html');
    expect(screen.getByTestId('lesson-site-files').textContent).toContain('<h1>Hello from my first image</h1>');
  });

  it('copies the example into the folder typed, at the current step only', async () => {
    const { client, request } = fakeClient();
    const state = lesson('ownImage', ['build', 'rebuild', 'edit'], 'build');
    const Action = ownImageExtras.steps!.build!;
    renderWith(client, vi.fn(), <Action lesson={state} step={state.steps[1]!} />);
    expect(screen.queryByTestId('lesson-site-copy')).toBeNull();
    cleanup();
    renderWith(client, vi.fn(), <Action lesson={state} step={state.steps[0]!} />);
    fireEvent.change(screen.getByTestId('lesson-site-folder-path'), { target: { value: '/home/me' } });
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Copy the example here' })));
    expect(request).toHaveBeenCalledWith('lessons.copyExample', { lesson: 'ownImage', folder: '/home/me' });
  });

  it('builds the copy as my-site, opens it in Build, and shows the latest build’s CACHED steps', async () => {
    const folder = '/home/me/static-site';
    const cached = buildJob({
      id: 'build-2',
      state: 'done',
      options: { ...buildJob().options, contextPath: folder, tag: 'my-site' },
      steps: ['FROM busybox', 'COPY index.html /www/index.html'].map((instruction, position) =>
        buildStep({ index: position + 1, instruction, state: 'cached' }),
      ),
      imageId: 'sha256:abc',
      tags: ['my-site'],
    });
    const { client, request } = fakeClient([cached]);
    const navigate = vi.fn<Navigate>();
    const state = lesson('ownImage', ['build', 'rebuild', 'edit'], 'rebuild', folder);
    const Action = ownImageExtras.steps!.rebuild!;
    renderWith(client, navigate, <Action lesson={state} step={state.steps[1]!} />);
    expect(screen.getAllByTestId('build-step').map((row) => row.dataset.state)).toEqual(['cached', 'cached']);
    await act(async () => fireEvent.click(screen.getByRole('button', { name: 'Build again' })));
    expect(request).toHaveBeenCalledWith(
      'builds.start',
      expect.objectContaining({ contextPath: folder, tag: 'my-site', noCache: false }),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Open in Build' }));
    expect(navigate).toHaveBeenCalledWith('build', folder);
  });
});
