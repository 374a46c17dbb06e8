import { describe, expect, it } from 'vitest';
import { BuildStreamReader, MAX_STEP_OUTPUT_LINES, plannedSteps } from '../../src/main/builds/buildStream';
import { parseDockerfile } from '../../src/shared/dockerfile';
import { replay } from '../fixtures/builds/replay';

const summary = (reader: BuildStreamReader) =>
  reader.steps.map((step) => `${step.index} ${step.state} L${step.line} ${step.instruction}`);

describe.each(['docker', 'podman'] as const)('the build stream of %s', (engine) => {
  it('a first build: every step known up front, each ran (FROM takes the local base), outputs and image ids', () => {
    const { reader, waiting } = replay(engine, 'basic-cold', 'basic');
    expect(waiting).toEqual(['waiting', 'waiting', 'waiting', 'waiting', 'waiting', 'waiting']);
    expect(summary(reader)).toEqual([
      '1 cached L1 FROM busybox',
      // The builders print a continued line joined, with the blanks as written.
      '2 ran L2 RUN echo one &&     echo two',
      '3 ran L4 COPY a.txt /a.txt',
      '4 ran L5 ENV GREETING=hi',
      '5 ran L6 RUN cat /a.txt',
      '6 ran L7 CMD ["sh"]',
    ]);
    expect(reader.steps[1]!.endLine).toBe(3);
    expect(reader.steps[1]!.output).toEqual(['one', 'two']);
    expect(reader.steps[4]!.output).toEqual(['hello']);
    expect(reader.steps.slice(1).every((step) => /^[0-9a-f]{11,12}$/.test(step.imageId ?? ''))).toBe(true);
    expect(reader.steps.every((step) => step.durationMs !== null && step.durationMs >= 0)).toBe(true);
    expect(reader.imageId).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(reader.error).toBeNull();
    expect(reader.runningContainer).toBeNull();
    // Nothing of the builder's bookkeeping ("Removing intermediate container", COMMIT) counts as output.
    expect(reader.steps.flatMap((step) => step.output).join('\n')).not.toMatch(/intermediate|COMMIT|-->/);
  });

  it('a rebuild: every step from the cache', () => {
    const { reader } = replay(engine, 'basic-cached', 'basic');
    expect(reader.steps.map((step) => step.state)).toEqual([
      'cached',
      'cached',
      'cached',
      'cached',
      'cached',
      'cached',
    ]);
    expect(reader.steps.slice(1).every((step) => step.imageId !== null)).toBe(true);
  });

  it('multi-stage with an ARG before FROM: each step on its line, as this builder counts them', () => {
    const { reader } = replay(engine, 'multistage', 'multistage');
    const lines = reader.steps.map((step) => step.line);
    if (engine === 'docker') {
      // The classic builder counts the ARG before FROM as a step, and builds the unused stage too.
      expect(lines).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(reader.steps[0]!.state).toBe('cached');
    } else {
      // Buildah counts per stage ("[3/3] STEP 1/3"), skips the unused stage and prints FROM ${BASE} filled in.
      expect(lines).toEqual([2, 3, 6, 7, 8]);
      expect(reader.steps[0]!.instruction).toBe('FROM busybox AS build');
    }
    expect(reader.steps.map((step) => step.index)).toEqual(lines.map((_, position) => position + 1));
    expect(reader.steps.every((step) => step.state === 'ran' || step.state === 'cached')).toBe(true);
  });

  it('--target: only the stages up to it', () => {
    const { reader } = replay(engine, 'multistage-target', 'multistage', 'build');
    expect(reader.steps.map((step) => step.line)).toEqual(engine === 'docker' ? [1, 2, 3] : [2, 3]);
    expect(reader.steps.at(-1)!.state).toBe('cached');
  });

  it('a failing RUN: that step failed, its output kept, the error read', () => {
    const { reader } = replay(engine, 'exit3', 'exit3');
    // The second step may come from the cache of an earlier recording.
    expect(reader.steps.map((step) => step.state)).toEqual([
      'cached',
      expect.stringMatching(/^(ran|cached)$/),
      'failed',
    ]);
    expect(reader.steps[2]!.output).toEqual(['failing output']);
    expect(reader.error?.message).toMatch(/exit/);
  });

  it('a missing COPY source: the COPY failed', () => {
    const { reader } = replay(engine, 'missing-copy', 'missingcopy');
    expect(reader.steps.map((step) => step.state)).toEqual(['cached', 'failed']);
  });
});

describe('the build stream reader', () => {
  it('keeps the newest lines of a long output and says it cut some', () => {
    let clock = 0;
    const reader = new BuildStreamReader(
      plannedSteps(parseDockerfile('FROM busybox\nRUN seq 1000\n').instructions, 0),
      () => (clock += 1),
    );
    reader.push({
      stream: 'Step 1/2 : FROM busybox\n ---> bd72d60d281c\nStep 2/2 : RUN seq 1000\n ---> Running in 0123456789ab\n',
    });
    // Lines arrive cut anywhere: a message may end mid-line.
    const text = Array.from({ length: 1000 }, (_, n) => `${n + 1}\n`).join('');
    for (let at = 0; at < text.length; at += 7) reader.push({ stream: text.slice(at, at + 7) });
    expect(reader.runningContainer).toBe('0123456789ab');
    const step = reader.steps[1]!;
    expect(step.output).toHaveLength(MAX_STEP_OUTPUT_LINES);
    expect(step.output.at(-1)).toBe('1000');
    expect(step.output[0]).toBe(String(1000 - MAX_STEP_OUTPUT_LINES + 1));
    expect(step.outputTruncated).toBe(true);
  });

  it('shows a line the builder redraws with carriage returns as its last drawing', () => {
    const reader = new BuildStreamReader(
      plannedSteps(parseDockerfile('FROM busybox\nRUN wget x\n').instructions, 0),
      () => 0,
    );
    reader.push({ stream: 'Step 1/2 : FROM busybox\n ---> bd72d60d281c\nStep 2/2 : RUN wget x\n' });
    reader.push({ stream: ' 10% |**   |\r 50% |*****  |\r100% |*******|\n' });
    expect(reader.steps[1]!.output).toEqual(['100% |*******|']);
  });

  it('a step the file does not have is shown as the builder printed it, without a line', () => {
    const reader = new BuildStreamReader(plannedSteps(parseDockerfile('FROM busybox\n').instructions, 0), () => 0);
    reader.push({ stream: 'STEP 1/2: FROM busybox\nSTEP 2/2: ONBUILD RUN true\n--> 0123456789a\n' });
    expect(reader.steps.map((step) => [step.index, step.instruction, step.line, step.state])).toEqual([
      [1, 'FROM busybox', 1, 'cached'],
      [2, 'ONBUILD RUN true', null, 'ran'],
    ]);
  });
});
