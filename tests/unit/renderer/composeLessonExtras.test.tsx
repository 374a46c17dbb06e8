// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { composeExtras } from '../../../src/renderer/src/lessons/course/compose';
import { initI18n } from '../../../src/renderer/src/i18n';
import { BerthError } from '../../../src/shared/errors';
import type { LessonState } from '../../../src/shared/lessons';
import { composeDocument, fakeClient, renderCompose } from './composeFakes';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => cleanup());

const lesson = (patch: Partial<LessonState> = {}): LessonState => ({
  id: 'compose',
  started: true,
  startedAt: 1,
  steps: ['up', 'counted', 'down', 'upAgain'].map((id) => ({
    id,
    done: false,
    doneAt: null,
    commands: [],
    screen: '#/compose',
  })),
  current: 'up',
  finished: false,
  unmet: [],
  facts: {},
  folder: null,
  ...patch,
});

const Intro = composeExtras.Intro!;

describe('lesson 7 on its page', () => {
  it('copies the example into the folder typed, and says a bad path inline', async () => {
    const fake = fakeClient({ 'lessons.copyExample': { lessons: [] } });
    renderCompose(fake.client, <Intro lesson={lesson()} />);
    const copy = screen.getByTestId('lesson-compose-copy-open');
    expect(copy.textContent).toBe('Copy here');
    await act(async () => fireEvent.click(copy));
    expect(screen.getByText('Type the folder’s full path first.')).toBeTruthy();
    expect(fake.requested('lessons.copyExample')).toEqual([]);

    fireEvent.change(screen.getByTestId('lesson-compose-copy-path'), { target: { value: '/home/me/visit-counter' } });
    await act(async () => fireEvent.click(copy));
    expect(fake.requested('lessons.copyExample')).toEqual([{ lesson: 'compose', folder: '/home/me/visit-counter' }]);
  });

  it('says inline to use the folder dialog when a typed folder is refused (Electron)', async () => {
    const fake = fakeClient({
      'lessons.copyExample': new BerthError('forbidden', '/home/me was not chosen in the folder dialog'),
    });
    renderCompose(fake.client, <Intro lesson={lesson()} />);
    fireEvent.change(screen.getByTestId('lesson-compose-copy-path'), { target: { value: '/home/me' } });
    await act(async () => fireEvent.click(screen.getByTestId('lesson-compose-copy-open')));
    expect(
      screen.getByText('Choose the folder with Choose folder…: Berth copies only into a folder you chose there.'),
    ).toBeTruthy();
  });

  it('once copied, says where and what compose names the project, and opens it in Compose', async () => {
    const fake = fakeClient({ 'compose.open': composeDocument() });
    const navigate = renderCompose(fake.client, <Intro lesson={lesson({ folder: '/home/me/Visit-Counter' })} />);
    expect(screen.getByTestId('lesson-compose-folder').textContent).toBe('The example is in /home/me/Visit-Counter.');
    expect(screen.getByTestId('lesson-compose-example').textContent).toContain('visit-counter-web-1');
    expect(screen.getByTestId('lesson-compose-open-page').getAttribute('href')).toBe('http://127.0.0.1:8089/');
    await act(async () => fireEvent.click(screen.getByTestId('lesson-compose-open-compose')));
    expect(fake.requested('compose.open')).toEqual([{ path: '/home/me/Visit-Counter' }]);
    expect(navigate).toHaveBeenCalledWith('compose', 'visit-counter');
  });

  it('the visit steps open the page and say to come back to Berth', () => {
    const fake = fakeClient();
    const Visit = composeExtras.steps!.counted!;
    const state = lesson({ facts: { project: 'berthtest1' } });
    renderCompose(fake.client, <Visit lesson={state} step={state.steps[1]!} />);
    expect(screen.getByTestId('lesson-compose-open-page')).toBeTruthy();
    expect(document.body.textContent).toContain('come back to Berth after opening the page');
  });

  it('a project started in a terminal (no copy) still opens in Compose by its name', async () => {
    const fake = fakeClient();
    const Up = composeExtras.steps!.down!;
    const state = lesson({ facts: { project: 'berthtest1' } });
    const navigate = renderCompose(fake.client, <Up lesson={state} step={state.steps[2]!} />);
    await act(async () => fireEvent.click(screen.getByTestId('lesson-compose-open-compose')));
    expect(fake.requested('compose.open')).toEqual([]);
    expect(navigate).toHaveBeenCalledWith('compose', 'berthtest1');
  });
});
