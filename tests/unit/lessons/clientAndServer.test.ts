import { describe, expect, it } from 'vitest';
import { clientAndServer } from '../../../src/main/lessons/course/clientAndServer';
import { memory, world } from './worldFixture';

const step = clientAndServer.steps[0]!;
const started = memory().startedAt;

describe('lesson 3, client and server', () => {
  it('is one step, `docker version`, shown by the installation check', () => {
    expect(clientAndServer.steps.map((candidate) => candidate.id)).toEqual(['versions']);
    expect(step.commands(world(), memory())).toEqual(['docker version']);
    expect(step.screen(world(), memory())).toBe('#/installation');
  });

  it('is done when the installation check was opened, or matching output pasted, since the lesson started', () => {
    expect(step.done(world(), memory())).toBe(false);
    const before = world({ observations: [{ kind: 'installationCheck', at: started - 1, serverVersion: '24.0.5' }] });
    expect(step.done(before, memory())).toBe(false);
    const opened = world({ observations: [{ kind: 'installationCheck', at: started + 1, serverVersion: '24.0.5' }] });
    expect(step.done(opened, memory())).toBe(true);
    const pasted = world({ observations: [{ kind: 'versionOutput', at: started + 1, serverVersion: '24.0.5' }] });
    expect(step.done(pasted, memory())).toBe(true);
    // Other observations say nothing about the versions.
    const exec = world({ observations: [{ kind: 'exec', at: started + 1, containerId: 'abc', command: 'ls' }] });
    expect(step.done(exec, memory())).toBe(false);
    expect(step.remember!(pasted, memory())).toEqual({ how: 'versionOutput', serverVersion: '24.0.5' });
  });

  it('shows the live server and what Berth saw', () => {
    expect(clientAndServer.facts!(world(), memory())).toEqual({
      serverVersion: '24.0.5',
      product: 'Docker Engine',
      apiVersion: '1.43',
      endpoint: 'unix:///var/run/docker.sock',
    });
    const opened = world({ observations: [{ kind: 'installationCheck', at: started + 1, serverVersion: '24.0.4' }] });
    expect(clientAndServer.facts!(opened, memory()).seenVersion).toBe('24.0.4');
    const down = world({ engine: { ...world().engine, state: 'disconnected', server: null } });
    expect(clientAndServer.facts!(down, memory({ notes: { serverVersion: '24.0.5' } }))).toEqual({
      endpoint: 'unix:///var/run/docker.sock',
      seenVersion: '24.0.5',
    });
  });
});
