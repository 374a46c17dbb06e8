import { describe, expect, it } from 'vitest';
import { waitingStep } from '../../src/main/builds/buildStream';
import { rerunReasons, type RememberedStep } from '../../src/main/builds/rerunReasons';
import type { BuildStep, BuildStepState } from '../../src/shared/builds';

/** A step in a state, as the stream reader leaves it, on the line of its index. */
function step(index: number, instruction: string, state: BuildStepState): BuildStep {
  return { ...waitingStep(instruction), index, line: index, endLine: index, state, startedAt: 0, durationMs: 1 };
}

const lines = ['FROM busybox', 'RUN echo one', 'COPY site /site', 'RUN ls /site'];
const remembered = (instructions: string[]): RememberedStep[] =>
  instructions.map((instruction) => ({ instruction, completed: true }));
const oneStage = { noCache: false, stageOf: () => 0 };

describe('why a step ran instead of coming from the build cache', () => {
  it('first: this Dockerfile was not built before', () => {
    const steps = lines.map((text, i) => step(i + 1, text, i === 0 ? 'cached' : 'ran'));
    const reasons = rerunReasons(steps, { ...oneStage, previous: null }).map((s) => s.rerunReason);
    expect(reasons).toEqual([null, 'first', 'first', 'first']);
  });

  it('line-changed for the changed step, after-change for the ones after it, nothing for the cached ones', () => {
    const now = ['FROM busybox', 'RUN echo two', 'COPY site /site', 'RUN ls /site'];
    const steps = now.map((text, i) => step(i + 1, text, i === 0 ? 'cached' : 'ran'));
    const reasons = rerunReasons(steps, { ...oneStage, previous: remembered(lines) }).map((s) => s.rerunReason);
    expect(reasons).toEqual([null, 'line-changed', 'after-change', 'after-change']);
  });

  it('files-changed for a COPY whose line is the same; blanks and the word’s case do not make a line different', () => {
    const now = ['from busybox', 'RUN  echo one', 'COPY site /site', 'RUN ls /site'];
    const states: BuildStepState[] = ['cached', 'cached', 'ran', 'ran'];
    const steps = now.map((text, i) => step(i + 1, text, states[i]!));
    const reasons = rerunReasons(steps, { ...oneStage, previous: remembered(lines) }).map((s) => s.rerunReason);
    expect(reasons).toEqual([null, null, 'files-changed', 'after-change']);
  });

  it('no-cache when the build asked for it; a failed step ran too', () => {
    const steps = [step(1, 'FROM busybox', 'cached'), step(2, 'RUN exit 3', 'failed')];
    const reasons = rerunReasons(steps, { ...oneStage, noCache: true, previous: remembered(lines) });
    expect(reasons.map((s) => s.rerunReason)).toEqual([null, 'no-cache']);
  });

  it('a change in one stage does not explain a step of another stage', () => {
    const now = ['FROM busybox AS build', 'RUN echo changed', 'FROM busybox', 'RUN echo final'];
    const before = ['FROM busybox AS build', 'RUN echo before', 'FROM busybox', 'RUN echo final'];
    const states: BuildStepState[] = ['cached', 'ran', 'cached', 'ran'];
    const steps = now.map((text, i) => step(i + 1, text, states[i]!));
    const reasons = rerunReasons(steps, {
      noCache: false,
      stageOf: (s) => (s.index <= 2 ? 0 : 1),
      previous: remembered(before),
    });
    // The final stage's RUN is the same line after a cached FROM: its cache entry was lost.
    expect(reasons.map((s) => s.rerunReason)).toEqual([null, 'line-changed', null, 'first']);
  });

  it('keeps a step object whose reason did not change', () => {
    const steps = [step(1, 'FROM busybox', 'cached'), step(2, 'RUN true', 'running')];
    const out = rerunReasons(steps, { ...oneStage, previous: null });
    expect(out[0]).toBe(steps[0]);
    expect(out[1]).toBe(steps[1]);
  });
});
