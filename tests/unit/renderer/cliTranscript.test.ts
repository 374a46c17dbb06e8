import { describe, expect, it } from 'vitest';
import { cliTranscript } from '../../../src/renderer/src/run/cliTranscript';
import type { RunFlow } from '../../../src/shared/run';
import { runFlow } from '../../fixtures/builders/sharedModels';

const flow = (overrides: Partial<RunFlow>): RunFlow =>
  runFlow({
    runId: 'r1',
    image: 'redis:latest',
    command: 'docker run redis',
    containerId: null,
    containerName: null,
    ...overrides,
  });

describe('the docker command’s transcript on the run page', () => {
  it('starts with the line that ran, options and all (not a bare docker run IMAGE)', () => {
    const command = 'docker run -d --name uxw-redis -p 127.0.0.1:6379:6379 redis:latest';
    const id = 'f'.repeat(64);
    expect(cliTranscript(flow({ command, containerId: id }), undefined)).toEqual([`$ ${command}`, id]);
  });

  it('without -d, prints no id: the output follows', () => {
    expect(cliTranscript(flow({ command: 'docker run hello-world', containerId: 'abc' }), undefined)).toEqual([
      '$ docker run hello-world',
    ]);
  });
});
