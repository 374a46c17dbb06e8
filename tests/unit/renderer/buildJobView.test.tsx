// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ClientContext } from '../../../src/renderer/src/app/clientContext';
import { NavigateContext } from '../../../src/renderer/src/app/navigation';
import { BuildJobView } from '../../../src/renderer/src/build/BuildJobView';
import { DRAWN_LINES_LIMIT } from '../../../src/renderer/src/build/BuildStepOutput';
import { EngineStatusProvider } from '../../../src/renderer/src/engine/engineStatus';
import { initI18n } from '../../../src/renderer/src/i18n';
import { RunDialogProvider } from '../../../src/renderer/src/run/runDialogContext';
import type { BuildFailureKind, BuildJob } from '../../../src/shared/builds';
import type { BerthClient } from '../../../src/shared/client';
import { BerthError } from '../../../src/shared/errors';
import {
  allCachedBuild,
  builtImage,
  buildJob,
  failedBuild,
  lineChangedBuild,
  runningBuild,
} from '../../fixtures/builders/buildJob';
import { connectedStatus } from '../../fixtures/builders/engineStatus';
import { polyfillDialog } from './jsdomDialog';

// Counts how often output lines are drawn, to show an update redraws only the step that changed.
const lineRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('../../../src/renderer/src/containers/details/LogLineView', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../../src/renderer/src/containers/details/LogLineView')>();
  const { memo } = await import('react');
  const Counted = (props: Parameters<typeof actual.LogLineView>[0]) => {
    lineRenders.count += 1;
    return <actual.LogLineView {...props} />;
  };
  return { LogLineView: memo(Counted) };
});

/** The built image EXPOSEs 8080, as the static-site example's Dockerfile says; run.check finds nothing. */
function fakeClient() {
  const request = vi.fn(async (name: string, input: { image?: string }): Promise<unknown> => {
    if (name === 'run.check') return { issues: [] };
    if (name === 'run.exposedPorts') {
      return input.image === 'static-site:latest'
        ? { present: true, ports: [{ port: 8080, protocol: 'tcp' }] }
        : { present: false, ports: [] };
    }
    throw new BerthError('unknown-request', name);
  });
  const subscribe = vi.fn((name: string, _input: unknown, onEvent: (value: unknown) => void) => {
    if (name === 'engine.status') onEvent(connectedStatus());
    return () => undefined;
  });
  return { request, subscribe } as unknown as BerthClient;
}

function renderView(job: BuildJob, onShowLine = vi.fn(), navigate = vi.fn()) {
  const client = fakeClient();
  const view = (current: BuildJob) => (
    <ClientContext.Provider value={client}>
      <NavigateContext.Provider value={navigate}>
        <EngineStatusProvider>
          <RunDialogProvider>
            <BuildJobView job={current} onShowLine={onShowLine} />
          </RunDialogProvider>
        </EngineStatusProvider>
      </NavigateContext.Provider>
    </ClientContext.Provider>
  );
  const result = render(view(job));
  return { onShowLine, navigate, rerender: (next: BuildJob) => result.rerender(view(next)) };
}

const step = (index: number) => screen.getAllByTestId('build-step')[index - 1]!;
const badges = () => screen.getAllByTestId('build-step-badge').map((badge) => badge.textContent);
const stateText = () => screen.getByRole('status').textContent;

beforeAll(async () => {
  await initI18n('en');
  polyfillDialog();
  Element.prototype.scrollIntoView ??= function () {};
});
beforeEach(() => {
  lineRenders.count = 0;
});
afterEach(async () => {
  cleanup();
  if (i18next.language !== 'en') await i18next.changeLanguage('en');
});

describe('BuildJobView: a build running', () => {
  it('says the step it is at for a screen reader, and opens the running step’s output', () => {
    renderView(runningBuild(4, ['fetching…', 'still going']));
    expect(stateText()).toBe('Building: step 4 of 6');
    expect(screen.getByTestId('build-counts').textContent).toBe('0 CACHED, 3 ran');
    expect(screen.getByTestId('build-context').textContent).toBe('Build context: 3 files, 2.3 kB');
    expect(badges()).toEqual(['Ran', 'Ran', 'Ran', 'Running', 'Waiting', 'Waiting']);
    expect(within(step(4)).getByText('RUN echo "built $(date)" > /www/built.txt')).toBeTruthy();

    const toggle = within(step(4)).getByTestId('build-step-output-toggle');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.textContent).toContain('Output (2 lines)');
    const output = within(step(4)).getByRole('log', { name: 'Output of step 4' });
    expect(toggle.getAttribute('aria-controls')).toBe(output.parentElement?.id);
    expect(output.textContent).toBe('fetching…still going');
    // A first build: nothing came from the cache, so the cache stopped nowhere.
    expect(within(step(1)).getByTestId('build-step-reason').textContent).toBe(
      'Nothing in the build cache for this step yet.',
    );
    expect(screen.queryByTestId('build-cache-stop')).toBeNull();

    // Folding is a button: Enter and Space work as a click does.
    fireEvent.click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    expect(within(step(4)).queryByRole('log')).toBeNull();
  });

  it('redraws only the step whose output grew when an update brings the whole job anew', () => {
    const finishedOutput = Array.from({ length: 50 }, (_, index) => `line ${index}`);
    const job = runningBuild(4, ['one']);
    job.steps[2] = { ...job.steps[2]!, output: finishedOutput };
    const { rerender } = renderView(job);
    fireEvent.click(within(step(3)).getByTestId('build-step-output-toggle'));
    expect(within(step(3)).getByRole('log').getAttribute('data-line-count')).toBe('50');
    lineRenders.count = 0;

    // As the contract's stream delivers it: every step a new object, the running step one line longer.
    const next: BuildJob = structuredClone(job);
    next.steps[3]!.output = ['one', 'two'];
    rerender(next);
    expect(within(step(4)).getByRole('log').textContent).toBe('onetwo');
    expect(lineRenders.count).toBe(2);
  });

  it('draws only the lines in view of a long output, and says when older lines were left out', () => {
    const long = Array.from({ length: 3000 }, (_, index) => `progress ${index}`);
    const job = runningBuild(4, long);
    job.steps[3] = { ...job.steps[3]!, outputTruncated: true };
    renderView(job);
    const output = within(step(4)).getByRole('log');
    expect(output.getAttribute('data-line-count')).toBe('3000');
    expect(within(output).queryAllByTestId('log-line').length).toBeLessThanOrEqual(DRAWN_LINES_LIMIT);
    expect(within(step(4)).getByTestId('build-step-output-truncated').textContent).toBe(
      'Older lines were left out: the newest are shown.',
    );
  });

  it('folds what the builder said outside any step, colours taken out', () => {
    const notes = [
      'DEPRECATED: The legacy builder is deprecated',
      '\u001b[33m[WARNING]\u001b[0m: empty continuation line',
    ];
    renderView({ ...runningBuild(2), notes });
    const folded = screen.getByTestId('build-notes');
    expect(folded.tagName).toBe('DETAILS');
    expect(within(folded).getByText('The builder’s messages (2)')).toBeTruthy();
    expect(folded.querySelector('pre')?.textContent).toBe(
      'DEPRECATED: The legacy builder is deprecated\n[WARNING]: empty continuation line',
    );
  });

  it('says the context is being sent before any step', () => {
    renderView(buildJob({ state: 'sending', steps: runningBuild(1).steps.map((s) => ({ ...s, state: 'waiting' })) }));
    expect(stateText()).toBe('Sending the build context to the Docker server…');
  });
});

describe('BuildJobView: the build cache', () => {
  it('built again unchanged: every step CACHED with its lookup time, and no layer for metadata-only steps', () => {
    renderView(allCachedBuild());
    expect(stateText()).toBe('Build done');
    expect(badges()).toEqual(Array(6).fill('CACHED'));
    expect(screen.getByTestId('build-counts').textContent).toBe('6 CACHED, 0 ran');
    expect(within(step(1)).getByTestId('build-step-time').textContent).toBe('cache lookup 4ms');
    expect(within(step(1)).getByTestId('build-step-layer').textContent).toBe('Layer 4.3 MB');
    expect(within(step(2)).getByTestId('build-step-layer').textContent).toBe('No layer: metadata only');
    expect(screen.queryAllByTestId('build-step-reason')).toHaveLength(0);
    expect(screen.queryByTestId('build-cache-stop')).toBeNull();
  });

  it('a lookup in under a millisecond reads "<1ms", not "0ms"', () => {
    const job = allCachedBuild();
    job.steps[0] = { ...job.steps[0]!, durationMs: 0 };
    renderView(job);
    expect(within(step(1)).getByTestId('build-step-time').textContent).toBe('cache lookup <1ms');
  });

  it('line 3 changed: the cache stops at step 3, which says why, and every step after says it follows', () => {
    const { onShowLine } = renderView(lineChangedBuild());
    expect(badges()).toEqual(['CACHED', 'CACHED', 'Ran', 'Ran', 'Ran', 'Ran']);
    expect(screen.getByTestId('build-counts').textContent).toBe('2 CACHED, 4 ran');
    expect(screen.getAllByTestId('build-cache-stop')).toHaveLength(1);
    expect(step(3).getAttribute('data-cache-stop')).toBe('true');
    expect(within(step(3)).getByTestId('build-cache-stop').textContent).toBe('The build cache stopped here');
    expect(within(step(3)).getByTestId('build-step-reason').textContent).toBe(
      'This line changed, so its cache key changed: it runs again, and so does every step after it.',
    );
    for (const index of [4, 5, 6]) {
      expect(within(step(index)).getByTestId('build-step-reason').textContent).toBe(
        'An earlier step ran again, so this one cannot come from the cache.',
      );
    }
    expect(within(step(3)).getByTestId('build-step-time').textContent).toBe('took 1.3s');

    fireEvent.click(within(step(3)).getByRole('button', { name: 'Show line 3 in the Dockerfile' }));
    expect(onShowLine).toHaveBeenCalledWith(3);
  });

  it('in Korean: 캐시 사용 (CACHED), and the reason in 해요체', async () => {
    await i18next.changeLanguage('ko');
    renderView(lineChangedBuild());
    expect(badges().slice(0, 3)).toEqual(['캐시 사용 (CACHED)', '캐시 사용 (CACHED)', '실행함']);
    expect(screen.getByTestId('build-counts').textContent).toBe('캐시 사용 (CACHED) 2개, 실행 4개');
    expect(within(step(3)).getByTestId('build-step-reason').textContent).toBe(
      '이 줄이 바뀌어서 캐시 키도 바뀌었어요. 이 단계와 그 뒤의 모든 단계가 다시 실행돼요.',
    );
    expect(stateText()).toBe('빌드 완료');
  });
});

const failureSentences: Record<BuildFailureKind, { en: string; ko: string; line: number | null }> = {
  'base-not-found': {
    en: 'The base image busybox-nope was not found: not in the local image cache nor on Docker Hub. Check the name in FROM.',
    ko: '베이스 이미지를 찾을 수 없어요: busybox-nope. 이미지 캐시 (로컬 보관소)에도, 도커 허브에도 없어요. FROM에 적은 이름을 확인하세요.',
    line: 1,
  },
  'command-failed': {
    en: 'The command on line 4 exited with code 3.',
    ko: '4번째 줄의 명령어가 종료 코드 3으로 끝났어요.',
    line: 4,
  },
  'copy-source-missing': {
    en: 'COPY on line 3 names site/, which is not in the build context (or .dockerignore leaves it out).',
    ko: '3번째 줄의 COPY에 적은 경로가 빌드 컨텍스트에 없어요: site/. .dockerignore가 빼 두었을 수도 있어요.',
    line: 3,
  },
  'dockerfile-syntax': {
    en: 'Line 7 is not a Dockerfile instruction Docker knows.',
    ko: '7번째 줄은 도커가 아는 Dockerfile 명령어가 아니에요.',
    line: 7,
  },
  'target-not-found': {
    en: 'No stage of the Dockerfile is named tester. Pick one of its stages as the target.',
    ko: 'Dockerfile에 이 이름의 스테이지가 없어요: tester. 대상 스테이지를 다시 고르세요.',
    line: null,
  },
  other: {
    en: 'The build stopped: failed to mkdir /www: no space left on device.',
    ko: '빌드가 멈췄어요: failed to mkdir /www: no space left on device.',
    line: 2,
  },
};

describe('BuildJobView: a build that failed', () => {
  describe.each(['en', 'ko'] as const)('in %s', (language) => {
    it.each(Object.keys(failureSentences) as BuildFailureKind[])('%s gets its sentence and its line', async (kind) => {
      await i18next.changeLanguage(language);
      const { onShowLine } = renderView(failedBuild(kind));
      const expected = failureSentences[kind];
      expect(screen.getByTestId('build-failure-sentence').textContent).toBe(expected[language]);
      const showLine = screen.queryByTestId('build-failure-show-line');
      if (expected.line === null) {
        expect(showLine).toBeNull();
      } else {
        fireEvent.click(showLine!);
        expect(onShowLine).toHaveBeenCalledWith(expected.line);
      }
    });
  });

  it('marks the failing step, says so for a screen reader, and shows what the command printed last', () => {
    renderView(failedBuild('command-failed'));
    expect(stateText()).toBe('Build failed at step 4 of 6');
    expect(step(4).getAttribute('data-state')).toBe('failed');
    expect(within(step(4)).getByTestId('build-step-badge').textContent).toBe('Failed');
    expect(screen.getByRole('button', { name: 'Show line 4' })).toBeTruthy();
    expect(screen.getByTestId('build-failure-output').textContent).toBe('checking the site…\nmissing index.html');
    expect(screen.getByTestId('build-failure-detail').textContent).toBe(
      "The command '/bin/sh -c exit 3' returned a non-zero code: 3",
    );
    // The failed step's output is open: it is what the user reads next.
    expect(within(step(4)).getByTestId('build-step-output-toggle').getAttribute('aria-expanded')).toBe('true');
  });

  it('says a Docker server that stopped with the problem texts, and a cancel plainly', () => {
    const stopped = buildJob({
      state: 'failed',
      steps: runningBuild(2).steps,
      error: { code: 'engine-stopped', message: 'socket hang up' },
    });
    const { rerender } = renderView(stopped);
    expect(screen.getByTestId('problem').getAttribute('data-problem')).toBe('engine-stopped');
    expect(screen.getByTestId('problem').textContent).toContain('The Docker server stopped');
    expect(screen.queryByTestId('build-job-failure')).toBeNull();

    rerender({ ...stopped, state: 'cancelled', error: { code: 'cancelled', message: 'Build cancelled' } });
    expect(stateText()).toBe('Build cancelled');
    expect(screen.getByTestId('build-cancelled').textContent).toBe(
      'You cancelled it. Nothing was left half done. Build cancelled.',
    );
  });
});

describe('BuildJobView: the image built', () => {
  it('shows its short id and tags; Run opens the run dialog with the image and the port it EXPOSEs', async () => {
    renderView(lineChangedBuild());
    expect(screen.getByTestId('build-image-id').textContent).toBe('9f86d081884c');
    expect(screen.getByTestId('build-tags').textContent).toBe('static-site:latest');
    fireEvent.click(screen.getByRole('button', { name: 'Run static-site:latest' }));
    await act(() => new Promise((resolve) => setTimeout(resolve, 400)));
    expect(screen.getByTestId('run-image')).toHaveProperty('value', 'static-site:latest');
    expect(screen.getByTestId('run-container-port')).toHaveProperty('value', '8080');
  });

  it('Layers goes to the image’s layers; an untagged image is named by its id', () => {
    const { navigate } = renderView(builtImage(allCachedBuild(), []));
    expect(screen.getByTestId('build-tags').textContent).toBe('No tag: the image is known by its ID only.');
    fireEvent.click(screen.getByRole('button', { name: 'Show the layers of 9f86d081884c' }));
    expect(navigate).toHaveBeenCalledWith(
      'images',
      'sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08',
    );
  });
});
