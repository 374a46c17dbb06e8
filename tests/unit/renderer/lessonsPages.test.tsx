// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import type { Navigate } from '../../../src/renderer/src/app/useRoute';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { LessonPage } from '../../../src/renderer/src/lessons/LessonPage';
import { LessonsListPage } from '../../../src/renderer/src/lessons/LessonsListPage';
import { LessonsProvider } from '../../../src/renderer/src/lessons/lessonsStore';
import { PullsProvider } from '../../../src/renderer/src/pulls/pullsStore';
import { RunDialogProvider } from '../../../src/renderer/src/run/runDialogContext';
import type { BerthClient } from '../../../src/shared/client';
import type { EngineStatus } from '../../../src/shared/engine';
import type { LessonId, LessonsState } from '../../../src/shared/lessons';
import { connectedStatus, disconnectedStatus } from '../../fixtures/builders/engineStatus';
import { lessonState, lessonsState, lessonStep } from '../../fixtures/builders/lessonState';
import { polyfillDialog } from './jsdomDialog';

/**
 * The main process as the pages meet it: 'lessons.progress' sends what the test pushes, and each
 * lessons.* request answers with `answer` (the state after it).
 */
function fakeClient(initial: LessonsState, engine: EngineStatus = connectedStatus()) {
  const listeners = new Map<string, (value: unknown) => void>();
  let answer = initial;
  const request = vi.fn(async (name: string, _input?: unknown): Promise<unknown> => {
    if (name.startsWith('lessons.')) return answer;
    if (name === 'pulls.start') return { id: 'p1', reference: 'redis', state: 'pulling', startedAt: 1 };
    if (name === 'run.check') return { conflicts: [], exposedPorts: [] };
    return {};
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    listeners.set(name, onEvent);
    if (name === 'engine.status') onEvent(engine);
    if (name === 'lessons.progress') onEvent(initial);
    return () => listeners.delete(name);
  });
  return {
    client: { request, subscribe } as unknown as BerthClient,
    request,
    push: (state: LessonsState) => act(() => listeners.get('lessons.progress')?.(state)),
    answerWith: (state: LessonsState) => {
      answer = state;
    },
    requested: (name: string) => request.mock.calls.filter(([called]) => called === name).map(([, input]) => input),
  };
}

function renderWith(client: BerthClient, page: ReactNode, navigate = vi.fn<Navigate>()) {
  render(
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={navigate}>
        <EngineStatusProvider>
          <PullsProvider>
            <RunDialogProvider>
              <LessonsProvider>{page}</LessonsProvider>
            </RunDialogProvider>
          </PullsProvider>
        </EngineStatusProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>,
  );
  return navigate;
}

const openLesson = (client: BerthClient, id: LessonId) => renderWith(client, <LessonPage lessonId={id} />);

/** Lesson 1 as the watcher sends it: pull done, run current. */
const pullDone = lessonState('whyDocker', {
  started: true,
  startedAt: 1,
  steps: [
    lessonStep('pull', { done: true, doneAt: 2, commands: ['docker pull redis'], screen: '#/images' }),
    lessonStep('run', { commands: ['docker run -d --name my-redis redis'], screen: '#/containers' }),
  ],
});
const bothDone = lessonState('whyDocker', {
  started: true,
  startedAt: 1,
  steps: pullDone.steps.map((step) => ({ ...step, done: true, doneAt: 3 })),
  facts: { container: 'my-redis' },
});

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
});
afterEach(cleanup);

describe('the lessons list', () => {
  it('lists the eight lessons in order, and a beginner is told to begin with lesson 1', async () => {
    const fake = fakeClient(lessonsState());
    const navigate = renderWith(fake.client, <LessonsListPage />);
    const rows = within(await screen.findByTestId('lessons-list')).getAllByRole('listitem');
    expect(rows.map((row) => row.getAttribute('data-testid'))).toEqual([
      'lesson-row-whyDocker',
      'lesson-row-imageAndContainer',
      'lesson-row-clientAndServer',
      'lesson-row-helloWorld',
      'lesson-row-ownImage',
      'lesson-row-portsAndVolumes',
      'lesson-row-compose',
      'lesson-row-cleanUp',
    ]);
    const first = rows[0]!;
    expect(within(first).getByRole('heading').textContent).toBe('Lesson 1: Why Docker');
    expect(first.textContent).toContain('Install redis the old way, or run it with one command.');
    expect(within(first).getByTestId('lesson-progress').textContent).toBe('0 of 2 steps');
    expect(within(first).getByTestId('lesson-recommended').textContent).toBe('Begin here');
    expect(screen.getAllByTestId('lesson-recommended')).toHaveLength(1);
    const start = within(first).getByTestId('lesson-open');
    expect(start.textContent).toBe('Start');
    expect(start.getAttribute('aria-label')).toBe('Start: lesson 1, Why Docker');
    fireEvent.click(start);
    expect(navigate).toHaveBeenCalledWith('lessons', 'whyDocker');
  });

  it('marks finished lessons, says how far a started one is, and points at the first one not finished', async () => {
    const fake = fakeClient(
      lessonsState({
        whyDocker: bothDone,
        imageAndContainer: lessonState('imageAndContainer', {
          started: true,
          startedAt: 5,
          steps: [lessonStep('a', { done: true }), lessonStep('b'), lessonStep('c'), lessonStep('d')],
        }),
      }),
    );
    renderWith(fake.client, <LessonsListPage />);
    const first = await screen.findByTestId('lesson-row-whyDocker');
    expect(within(first).getByTestId('lesson-finished').textContent).toBe('Done');
    expect(within(first).getByTestId('lesson-progress').textContent).toBe('2 of 2 steps');
    expect(within(first).getByTestId('lesson-open').textContent).toBe('Open again');
    expect(within(first).queryByTestId('lesson-recommended')).toBeNull();
    const second = screen.getByTestId('lesson-row-imageAndContainer');
    expect(within(second).getByTestId('lesson-progress').textContent).toBe('1 of 4 steps');
    expect(within(second).getByTestId('lesson-open').textContent).toBe('Continue');
    expect(second.getAttribute('data-recommended')).toBe('true');
    expect(within(second).getByTestId('lesson-recommended').textContent).toBe('Up next');
    expect(within(second).queryByTestId('lesson-finished')).toBeNull();
  });

  it('follows the progress stream: a lesson finished elsewhere is marked without a reload', async () => {
    const fake = fakeClient(lessonsState({ whyDocker: pullDone }));
    renderWith(fake.client, <LessonsListPage />);
    const first = await screen.findByTestId('lesson-row-whyDocker');
    expect(within(first).getByTestId('lesson-progress').textContent).toBe('1 of 2 steps');
    fake.push(lessonsState({ whyDocker: bothDone }));
    expect(within(first).getByTestId('lesson-finished')).toBeTruthy();
    expect(screen.getByTestId('lesson-row-imageAndContainer').getAttribute('data-recommended')).toBe('true');
  });
});

describe('the lesson page', () => {
  it('starts the lesson, and shows its steps: number, texts, commands, screen link, done mark, current step', async () => {
    const fake = fakeClient(lessonsState({ whyDocker: pullDone }));
    openLesson(fake.client, 'whyDocker');
    expect(fake.requested('lessons.start')).toEqual([{ lesson: 'whyDocker' }]);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Why Docker');
    expect(screen.getByTestId('lesson-intro').textContent).toContain('A container carries the program');
    const steps = within(await screen.findByTestId('lesson-steps')).getAllByRole('listitem');
    expect(steps).toHaveLength(2);

    const [pull, run] = steps as [HTMLElement, HTMLElement];
    expect(pull.getAttribute('data-state')).toBe('done');
    expect(pull.getAttribute('aria-current')).toBeNull();
    expect(within(pull).getByRole('heading').textContent).toBe('Step 1: Get the redis imagedone');
    expect(within(pull).getByTestId('lesson-step-done').textContent).toBe('The redis image is in the image cache.');
    expect(within(pull).getByTestId('lesson-command').textContent).toContain('$ docker pull redis');
    expect(within(pull).getByRole('button', { name: 'Copy the command of step 1' })).toBeTruthy();
    expect(within(pull).getByTestId('lesson-step-screen').getAttribute('href')).toBe('#/images');
    // A done step offers no button to do it again.
    expect(within(pull).queryByTestId('lesson-step-action')).toBeNull();

    expect(run.getAttribute('data-state')).toBe('current');
    expect(run.getAttribute('aria-current')).toBe('step');
    expect(within(run).getByTestId('lesson-step-status').textContent).toBe('do this now');
    expect(within(run).queryByTestId('lesson-step-done')).toBeNull();
    expect(within(run).getByTestId('lesson-command').textContent).toContain('$ docker run -d --name my-redis redis');
    expect(within(run).getByTestId('lesson-action-run').textContent).toBe('Run redis');

    // The engine shows the container: the step turns done, with what Berth saw, without a reload.
    fake.push(lessonsState({ whyDocker: bothDone }));
    expect(run.getAttribute('data-state')).toBe('done');
    expect(within(run).getByTestId('lesson-step-done').textContent).toBe('The container my-redis runs redis.');
    expect(screen.getByTestId('lesson-done').textContent).toContain('Lesson done');
    expect(within(screen.getByTestId('lesson-done')).getByTestId('lesson-done-next').textContent).toBe(
      'Next lesson: Image and container →',
    );
    expect(screen.getByTestId('lesson-next').getAttribute('href')).toBe('#/lessons/imageAndContainer');
    expect(screen.queryByTestId('lesson-previous')).toBeNull();
  });

  it('shows lesson 1’s old way and new way, pulls redis and opens the run dialog with redis', async () => {
    const fake = fakeClient(
      lessonsState({
        whyDocker: lessonState('whyDocker', {
          started: true,
          steps: [lessonStep('pull', { commands: ['docker pull redis'] }), lessonStep('run')],
        }),
      }),
    );
    openLesson(fake.client, 'whyDocker');
    const ways = await screen.findByTestId('why-docker-ways');
    expect(within(ways).getByRole('heading', { name: 'The old way: installing redis by hand' })).toBeTruthy();
    expect(within(ways).getByRole('heading', { name: 'With Docker' })).toBeTruthy();
    await act(async () => fireEvent.click(screen.getByTestId('lesson-action-pull')));
    expect(fake.requested('pulls.start')).toEqual([{ reference: 'redis' }]);
    fireEvent.click(screen.getByTestId('lesson-action-run'));
    expect((await screen.findByTestId('run-image')).getAttribute('value')).toBe('redis');
  });

  it('checks again when the window gets the focus back, and with the Check again button', async () => {
    const fake = fakeClient(lessonsState({ whyDocker: pullDone }));
    openLesson(fake.client, 'whyDocker');
    await screen.findByTestId('lesson-steps');
    expect(fake.requested('lessons.recheck')).toEqual([]);
    fake.answerWith(lessonsState({ whyDocker: bothDone }));
    await act(async () => window.dispatchEvent(new Event('focus')));
    expect(fake.requested('lessons.recheck')).toEqual([{ lesson: 'whyDocker' }]);
    // The answer is the new state, shown at once.
    expect(screen.getByTestId('lesson-step-run').getAttribute('data-state')).toBe('done');
    await act(async () => fireEvent.click(screen.getByTestId('lesson-check-again')));
    expect(fake.requested('lessons.recheck')).toHaveLength(2);
  });

  it('asks before starting over, saying that only the progress is forgotten, then resets', async () => {
    const fake = fakeClient(lessonsState({ whyDocker: pullDone }));
    openLesson(fake.client, 'whyDocker');
    fireEvent.click(await screen.findByTestId('lesson-start-over'));
    const dialog = screen.getByTestId('lesson-reset-dialog');
    expect(within(dialog).getByRole('heading').textContent).toBe('Start “Why Docker” over?');
    expect(within(dialog).getByTestId('lesson-reset-body').textContent).toBe(
      'Berth forgets the progress of the lesson “Why Docker” and starts it again at step 1. Nothing on the Docker server is removed: your images, containers and volumes stay as they are.',
    );
    expect(fake.requested('lessons.reset')).toEqual([]);
    const fresh = lessonState('whyDocker', {
      started: true,
      steps: pullDone.steps.map((step) => ({ ...step, done: false })),
    });
    fake.answerWith(lessonsState({ whyDocker: fresh }));
    await act(async () => fireEvent.click(screen.getByTestId('lesson-reset-confirm')));
    expect(fake.requested('lessons.reset')).toEqual([{ lesson: 'whyDocker' }]);
    // Reset forgets that it was started: the open page starts it again, so its steps are checked.
    expect(fake.requested('lessons.start')).toEqual([{ lesson: 'whyDocker' }, { lesson: 'whyDocker' }]);
    expect(screen.queryByTestId('lesson-reset-dialog')).toBeNull();
    expect(screen.getByTestId('lesson-step-pull').getAttribute('aria-current')).toBe('step');
    // Nothing done: nothing to start over.
    expect(screen.queryByTestId('lesson-start-over')).toBeNull();
  });

  it('says what the lesson needs first, each with its way to the fix', async () => {
    const fake = fakeClient(
      lessonsState({
        portsAndVolumes: lessonState('portsAndVolumes', {
          started: true,
          steps: [lessonStep('a')],
          unmet: [{ kind: 'compose' }, { kind: 'lesson', lesson: 'ownImage' }, { kind: 'folder' }],
        }),
      }),
    );
    openLesson(fake.client, 'portsAndVolumes');
    const needs = await screen.findByTestId('lesson-needs');
    expect(within(needs).getByTestId('lesson-need-compose').getAttribute('href')).toBe('#/compose');
    const lesson = within(needs).getByTestId('lesson-need-lesson');
    expect(lesson.getAttribute('href')).toBe('#/lessons/ownImage');
    expect(lesson.textContent).toBe('Open lesson 5');
    expect(needs.querySelector('[data-need=folder]')?.textContent).toBe(
      'This lesson builds from its example project. Copy it into a folder of your choice first (below).',
    );
    expect(screen.queryByTestId('engine-unavailable')).toBeNull();
    expect(screen.getByTestId('lesson-previous').getAttribute('href')).toBe('#/lessons/ownImage');
  });

  it('without the Docker server, shows the engine-down view with its Retry, and the steps stay visible', async () => {
    const fake = fakeClient(
      lessonsState({ whyDocker: { ...pullDone, unmet: [{ kind: 'engine' }] } }),
      disconnectedStatus(),
    );
    openLesson(fake.client, 'whyDocker');
    const down = await screen.findByTestId('engine-unavailable');
    expect(within(down).getByTestId('engine-unavailable-consequence').textContent).toBe(
      'This lesson checks its steps on the Docker server. It continues where you left it once the server is back.',
    );
    expect(within(down).getByTestId('engine-unavailable-retry')).toBeTruthy();
    expect(screen.queryByTestId('lesson-needs')).toBeNull();
    expect(screen.getByTestId('lesson-step-pull').getAttribute('data-state')).toBe('done');
    // Doing it in Berth waits for the server.
    expect(screen.getByTestId('lesson-action-run')).toHaveProperty('disabled', true);
  });
});
