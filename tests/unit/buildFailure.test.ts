import { describe, expect, it } from 'vitest';
import { classifyBuildFailure } from '../../src/main/builds/buildFailure';
import { waitingStep } from '../../src/main/builds/buildStream';
import type { BuildStep } from '../../src/shared/builds';
import { replay } from '../fixtures/builds/replay';

/** The failure as the manager classifies it: the builder's error, or the engine's answer (HTTP 400), at the failed step. */
function failureOf(engine: 'docker' | 'podman', recording: string, context: string, target = '') {
  const { reader, message } = replay(engine, recording, context, target);
  const step: BuildStep | null =
    reader.steps.find((candidate) => candidate.state === 'failed' || candidate.state === 'running') ?? null;
  const error = reader.error ?? { message: message.message ?? '', code: null };
  return classifyBuildFailure({ message: error.message, code: error.code, step, target });
}

describe.each(['docker', 'podman'] as const)('why a build on %s failed, from its own words', (engine) => {
  it('a RUN that exits 3: command-failed, code 3, the line, the last output', () => {
    expect(failureOf(engine, 'exit3', 'exit3')).toEqual({
      kind: 'command-failed',
      step: 3,
      line: 3,
      exitCode: 3,
      subject: null,
      lastOutput: ['failing output'],
    });
  });

  it('a COPY of a file the context does not have: copy-source-missing, naming it', () => {
    expect(failureOf(engine, 'missing-copy', 'missingcopy')).toMatchObject({
      kind: 'copy-source-missing',
      step: 2,
      line: 2,
      subject: 'missing.txt',
    });
  });

  it('an unknown instruction: dockerfile-syntax with its line', () => {
    // dockerd refuses the file before any step (HTTP 400); Buildah fails at the step.
    expect(failureOf(engine, 'syntax', 'syntax')).toMatchObject({ kind: 'dockerfile-syntax', line: 3 });
  });

  it('a base image nowhere: base-not-found, naming it', () => {
    // Through the mirror, dockerd's words are only about Docker Hub being unreachable: the FROM step says it.
    expect(failureOf(engine, 'base-not-found', 'nobase')).toMatchObject({
      kind: 'base-not-found',
      step: 1,
      line: 1,
      subject: 'busybox-nope-berth-record',
      lastOutput: [],
    });
  });

  it('a target no stage has: target-not-found', () => {
    expect(failureOf(engine, 'target-not-found', 'multistage', 'nope')).toMatchObject({
      kind: 'target-not-found',
      subject: 'nope',
      step: null,
      line: null,
    });
  });
});

describe('build failures', () => {
  it('anything else is other, with the step it stopped at', () => {
    const step: BuildStep = { ...waitingStep('WORKDIR /app'), index: 2, line: 2, endLine: 2, state: 'failed' };
    expect(classifyBuildFailure({ message: 'no space left on device', code: null, step, target: '' })).toMatchObject({
      kind: 'other',
      step: 2,
      line: 2,
    });
  });
});
