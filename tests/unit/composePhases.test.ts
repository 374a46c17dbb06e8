import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyComposeLine, serviceOfContainer, type ComposePhases } from '../../src/main/compose/composePhases';

const fixtures = path.join(__dirname, 'fixtures', 'compose');

/** Folds a recorded output through the parser: every distinct phases object it went through, and the last. */
function replay(name: string, project = 'berthrec'): { seen: ComposePhases[]; last: ComposePhases } {
  const lines = fs.readFileSync(path.join(fixtures, name), 'utf8').split(/\r\n|\n|\r/);
  let phases: ComposePhases = {};
  const seen: ComposePhases[] = [];
  for (const line of lines) {
    const next = applyComposeLine(phases, line, project);
    if (next !== phases) seen.push(next);
    phases = next;
  }
  return { seen, last: phases };
}

/** For each service, the phases it went through, in order, without repeats. */
function phasesBy(seen: ComposePhases[]): Record<string, string[]> {
  const by: Record<string, string[]> = {};
  for (const phases of seen) {
    for (const [service, phase] of Object.entries(phases)) {
      const list = (by[service] ??= []);
      if (list.at(-1) !== phase) list.push(phase);
    }
  }
  return by;
}

describe('serviceOfContainer', () => {
  it('reads the service out of v1 and v2 container names, and keeps other names', () => {
    expect(serviceOfContainer('berthrec_box_1', 'berthrec')).toBe('box');
    expect(serviceOfContainer('berthrec-my_web-12', 'berthrec')).toBe('my_web');
    expect(serviceOfContainer('berthrec_my-web_1', 'berthrec')).toBe('my-web');
    expect(serviceOfContainer('custom-name', 'berthrec')).toBe('custom-name');
  });
});

describe('applyComposeLine on docker-compose 1.29.2’s recorded output', () => {
  it('pull: each service pulling until its "... done"', () => {
    const { seen, last } = replay('v1-pull.txt');
    expect(seen[0]).toEqual({ box: 'pulling' });
    expect(seen[1]).toEqual({ box: 'pulling', cache: 'pulling' });
    expect(phasesBy(seen)).toEqual({ box: ['pulling'], cache: ['pulling'] });
    expect(last).toEqual({});
  });

  it('up with a build: building web, then creating each container; not the build’s own "Removing intermediate container"', () => {
    const { seen, last } = replay('v1-up-build.txt');
    expect(seen[0]).toEqual({ web: 'building' });
    expect(phasesBy(seen)).toEqual({ web: ['building', 'creating'], box: ['creating'], cache: ['creating'] });
    expect(last).toEqual({});
  });

  it('a failed up: pulling the service that failed (the job’s end clears it)', () => {
    expect(replay('v1-up-failed.txt').last).toEqual({ bad: 'pulling' });
  });

  it('stop, start, restart, down', () => {
    expect(phasesBy(replay('v1-stop.txt').seen)).toEqual({ cache: ['stopping'], box: ['stopping'], web: ['stopping'] });
    const start = replay('v1-start.txt');
    expect(phasesBy(start.seen)).toEqual({
      box: ['starting'],
      cache: ['starting'],
      web: ['starting'],
      bad: ['starting'],
    });
    expect(start.last).toEqual({});
    expect(phasesBy(replay('v1-restart.txt').seen)).toEqual({
      cache: ['starting'],
      box: ['starting'],
      web: ['starting'],
    });
    const down = replay('v1-down.txt');
    expect(phasesBy(down.seen)).toEqual({
      cache: ['stopping', 'removing'],
      box: ['stopping', 'removing'],
      web: ['stopping', 'removing'],
    });
    expect(down.last).toEqual({});
  });
});

describe('applyComposeLine on compose v2’s plain output (written from its format)', () => {
  it('up: containers creating then starting, networks and volumes ignored', () => {
    const { seen, last } = replay('v2-up.txt');
    expect(phasesBy(seen)).toEqual({ box: ['creating', 'starting'], cache: ['creating', 'starting'] });
    expect(last).toEqual({});
  });

  it('pull: services pulling, layer ids are not services', () => {
    const { seen, last } = replay('v2-pull.txt');
    expect(phasesBy(seen)).toEqual({ box: ['pulling'], cache: ['pulling'] });
    expect(last).toEqual({});
  });

  it('a build (BuildKit’s plain steps) then the container', () => {
    const { seen, last } = replay('v2-up-build.txt');
    expect(phasesBy(seen)).toEqual({ web: ['building', 'creating', 'starting'] });
    expect(last).toEqual({});
  });

  it('a terminal’s spinner and check marks', () => {
    const { seen, last } = replay('v2-down-tty.txt');
    expect(phasesBy(seen)).toEqual({ box: ['stopping', 'removing'] });
    expect(last).toEqual({});
  });

  it('returns the same object for a line that changes nothing', () => {
    const phases: ComposePhases = { web: 'building' };
    expect(applyComposeLine(phases, 'Step 1/2 : FROM busybox', 'p')).toBe(phases);
    expect(applyComposeLine(phases, 'Building web', 'p')).toBe(phases);
    expect(applyComposeLine(phases, '', 'p')).toBe(phases);
  });
});
