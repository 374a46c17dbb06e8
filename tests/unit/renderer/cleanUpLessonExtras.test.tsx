// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cleanUpExtras } from '../../../src/renderer/src/lessons/course/cleanUp';
import { initI18n } from '../../../src/renderer/src/i18n';
import type { LessonState } from '../../../src/shared/lessons';
import { fakeClient, renderCompose } from './composeFakes';

beforeAll(async () => {
  await initI18n('en');
});
afterEach(() => cleanup());

const lesson = (facts: Record<string, string>, cleanDone = false): LessonState => ({
  id: 'cleanUp',
  started: true,
  startedAt: 1,
  steps: [
    { id: 'measure', done: facts.total !== undefined, doneAt: null, commands: [], screen: '#/disk' },
    { id: 'clean', done: cleanDone, doneAt: null, commands: [], screen: '#/disk' },
  ],
  current: cleanDone ? null : 'clean',
  finished: cleanDone,
  unmet: [],
  facts,
  folder: null,
});

const measuring = {
  before: '300MB',
  after: '310MB',
  freed: '0B',
  total: '6GB',
  reclaimable: '310MB',
  reclaimableBytes: '310000000',
};

describe('lesson 8 on its page', () => {
  it('says it is measuring until the first measurement, then shows it', () => {
    const fake = fakeClient();
    const Intro = cleanUpExtras.Intro!;
    renderCompose(fake.client, <Intro lesson={lesson({})} />);
    expect(screen.getByTestId('lesson-clean-up-measured').textContent).toContain('Measuring the disk usage');
    cleanup();
    renderCompose(fake.client, <Intro lesson={lesson(measuring)} />);
    expect(screen.getByTestId('lesson-clean-up-total').textContent).toBe('6GB');
    expect(screen.getByTestId('lesson-clean-up-reclaimable').textContent).toBe('310MB');
    expect(screen.queryByTestId('lesson-clean-up-before')).toBeNull();
  });

  it('once cleaned, shows the reclaimable space before and after', () => {
    const fake = fakeClient();
    const Intro = cleanUpExtras.Intro!;
    renderCompose(fake.client, <Intro lesson={lesson({ ...measuring, after: '12MB' }, true)} />);
    expect(screen.getByTestId('lesson-clean-up-before').textContent).toBe('300MB');
    expect(screen.getByTestId('lesson-clean-up-after').textContent).toBe('12MB');
  });

  it('says honestly when nothing is reclaimable, with something to make first, and opens Disk usage', async () => {
    const fake = fakeClient();
    const Clean = cleanUpExtras.steps!.clean!;
    const empty = lesson({ ...measuring, reclaimable: '0B', reclaimableBytes: '0' });
    const navigate = renderCompose(fake.client, <Clean lesson={empty} step={empty.steps[1]!} />);
    const notice = screen.getByTestId('lesson-clean-up-nothing');
    expect(notice.textContent).toContain('Nothing is reclaimable now');
    expect(notice.textContent).toContain('docker run --name cleanup-practice busybox');
    expect(document.body.textContent).toContain('removes every stopped container on this computer');
    await act(async () => fireEvent.click(screen.getByTestId('lesson-clean-up-open-disk-clean')));
    expect(navigate).toHaveBeenCalledWith('disk');
    cleanup();
    const some = lesson(measuring);
    renderCompose(fake.client, <Clean lesson={some} step={some.steps[1]!} />);
    expect(screen.queryByTestId('lesson-clean-up-nothing')).toBeNull();
  });
});
