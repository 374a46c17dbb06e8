import { describe, expect, it } from 'vitest';
import type { ComposeProjectState, ComposeTool } from '../../../src/shared/compose';
import type { Volume } from '../../../src/shared/volumes';
import type { LessonMemory, ProbeAnswer } from '../../../src/main/lessons/lessonDefinition';
import { compose } from '../../../src/main/lessons/course/compose';
import { container, memory, world } from './worldFixture';

const step = (id: string) => compose.steps.find((candidate) => candidate.id === id)!;

const tool: ComposeTool = {
  found: true,
  kind: 'standalone',
  path: '/usr/bin/docker-compose',
  command: ['docker-compose'],
  version: '1.29.2',
  major: 1,
};

/** The example's project as the labels show it: web and redis, each with one container. */
function project(
  name: string,
  state: 'running' | 'exited' = 'running',
  parts: Partial<ComposeProjectState> = {},
): ComposeProjectState {
  const service = (service: string) => ({
    name: service,
    image: service === 'redis' ? 'redis' : `${name}_web`,
    containers: [
      { id: `${name}-${service}-1`, name: `${name}_${service}_1`, state, exitCode: null, health: null, number: 1 },
    ],
    phase: null,
  });
  return {
    name,
    workingDir: `/home/me/${name}`,
    configFiles: [`/home/me/${name}/compose.yaml`],
    services: [service('web'), service('redis')],
    status: state === 'running' ? 'running' : 'stopped',
    ...parts,
  };
}

function volume(name: string, project: string | null, created: number | null = 1_799_999_500_000): Volume {
  return {
    name,
    driver: 'local',
    created,
    scope: 'local',
    labels: project ? { 'com.docker.compose.project': project, 'com.docker.compose.volume': 'counter-data' } : {},
    anonymous: false,
    containers: [],
  };
}

const answer = (output: string, ok = true): ProbeAnswer => ({ ok, code: ok ? 0 : 1, output, at: 1 });
const countOf = (projectName: string, output: string) => ({
  [`compose-visits:${projectName}-redis-1`]: answer(output),
});

describe('lesson 7, compose', () => {
  it('is up once both services of a web + redis project run, whatever the project is called', () => {
    expect(step('up').done(world(), memory())).toBe(false);
    expect(step('up').done(world({ composeProjects: [project('visit-counter', 'exited')] }), memory())).toBe(false);
    // Only one service running: not up yet.
    const half = project('visit-counter');
    half.services[0]!.containers[0]!.state = 'exited';
    expect(step('up').done(world({ composeProjects: [{ ...half, status: 'partly' }] }), memory())).toBe(false);
    // Another project (not the example's services) running: not this one.
    const other = project('shop', 'running', {
      services: [{ name: 'api', image: 'busybox', containers: [], phase: null }],
    });
    expect(step('up').done(world({ composeProjects: [other] }), memory())).toBe(false);
    // -p berthtest1 in a terminal: still the example.
    expect(step('up').done(world({ composeProjects: [project('berthtest1')] }), memory())).toBe(true);
    expect(step('up').remember!(world({ composeProjects: [project('berthtest1')] }), memory())).toEqual({
      project: 'berthtest1',
    });
  });

  it('remembers the project in the copied folder when several look like the example', () => {
    const mine = project('visit-counter-2');
    const theirs = project('visit-counter');
    const state = world({ composeProjects: [theirs, mine] });
    expect(step('up').remember!(state, memory({ folder: '/home/me/visit-counter-2' }))).toEqual({
      project: 'visit-counter-2',
    });
    expect(step('up').screen(state, memory({ notes: { project: 'visit-counter-2' } }))).toBe(
      '#/compose/visit-counter-2',
    );
    expect(step('up').screen(world(), memory())).toBe('#/compose');
  });

  it('is counted once redis holds a count of one or more, read in the redis container', () => {
    const remembered = memory({ notes: { project: 'visit-counter' } });
    const up = project('visit-counter');
    expect(step('counted').done(world({ composeProjects: [up] }), remembered)).toBe(false);
    // The key not set yet: redis-cli prints an empty line.
    expect(
      step('counted').done(world({ composeProjects: [up], probes: countOf('visit-counter', '\n') }), remembered),
    ).toBe(false);
    // The probe failed (the container stopping): no count.
    const failed = { 'compose-visits:visit-counter-redis-1': answer('Could not connect', false) };
    expect(step('counted').done(world({ composeProjects: [up], probes: failed }), remembered)).toBe(false);
    const counted = world({ composeProjects: [up], probes: countOf('visit-counter', '3\n') });
    expect(step('counted').done(counted, remembered)).toBe(true);
    expect(step('counted').remember!(counted, remembered)).toEqual({ count: 3 });
    // Another project's count does not count.
    const elsewhere = world({ composeProjects: [up, project('other')], probes: countOf('other', '5') });
    expect(step('counted').done(elsewhere, remembered)).toBe(false);
  });

  it('asks redis for the count with redis-cli while counting, in the running redis container only', () => {
    const up = project('visit-counter');
    const probes = compose.probes!(
      world({ composeProjects: [up] }),
      memory({ notes: { project: 'visit-counter' }, doneAt: { up: 1 } }),
    );
    expect(probes).toEqual([
      {
        kind: 'exec',
        key: 'compose-visits:visit-counter-redis-1',
        containerId: 'visit-counter-redis-1',
        command: ['redis-cli', 'GET', 'visits'],
      },
    ]);
    // Before up is done, nothing to ask; after down, no container to ask.
    expect(compose.probes!(world({ composeProjects: [up] }), memory())).toEqual([]);
    expect(
      compose.probes!(world(), memory({ notes: { project: 'visit-counter' }, doneAt: { up: 1, counted: 2, down: 3 } })),
    ).toEqual([]);
  });

  it('is down when the project has no containers left and its volume stays', () => {
    const remembered = memory({ notes: { project: 'visit-counter', count: 2 } });
    const kept = volume('visit-counter_counter-data', 'visit-counter', 42);
    // Still running.
    const runningContainer = container({
      name: 'visit-counter_redis_1',
      image: 'redis',
      composeProject: 'visit-counter',
    });
    expect(step('down').done(world({ containers: [runningContainer], volumes: [kept] }), remembered)).toBe(false);
    // Stopped but not removed (stop, not down).
    const stopped = { ...runningContainer, state: 'exited' as const };
    expect(step('down').done(world({ containers: [stopped], volumes: [kept] }), remembered)).toBe(false);
    // down -v: the volume went with it.
    expect(step('down').done(world(), remembered)).toBe(false);
    const down = world({ volumes: [kept] });
    expect(step('down').done(down, remembered)).toBe(true);
    expect(step('down').remember!(down, remembered)).toEqual({
      countAtDown: 2,
      volume: 'visit-counter_counter-data',
    });
    // Without labels (an engine that does not keep them), by compose's name for it.
    expect(step('down').done(world({ volumes: [volume('visit-counter_counter-data', null)] }), remembered)).toBe(true);
    // Another project's volume is not this one's.
    expect(step('down').done(world({ volumes: [volume('shop_counter-data', 'shop')] }), remembered)).toBe(false);
    expect(step('down').screen(down, remembered)).toBe('#/volumes');
  });

  it('is up again when the project runs again and the count is at least the one before down', () => {
    const notes = {
      project: 'visit-counter',
      count: 2,
      countAtDown: 2,
      volume: 'visit-counter_counter-data',
    };
    const remembered = memory({ notes, doneAt: { up: 1, counted: 2, down: 3 } });
    const sameVolume = volume('visit-counter_counter-data', 'visit-counter', 42);
    const up = project('visit-counter');
    expect(step('upAgain').done(world({ volumes: [sameVolume] }), remembered)).toBe(false);
    // Running, count not read yet.
    expect(step('upAgain').done(world({ composeProjects: [up], volumes: [sameVolume] }), remembered)).toBe(false);
    // A count below: not kept.
    expect(
      step('upAgain').done(
        world({ composeProjects: [up], volumes: [sameVolume], probes: countOf('visit-counter', '1') }),
        remembered,
      ),
    ).toBe(false);
    const kept = world({ composeProjects: [up], volumes: [sameVolume], probes: countOf('visit-counter', '3') });
    expect(step('upAgain').done(kept, remembered)).toBe(true);
    expect(step('upAgain').remember!(kept, remembered)).toEqual({ countAfter: 3 });
    // down -v then up: a new, empty volume (dockerd's CreatedAt of a volume changes with its files: no identity).
    const newVolume = volume('visit-counter_counter-data', 'visit-counter', 99);
    const emptied = world({ composeProjects: [up], volumes: [newVolume], probes: countOf('visit-counter', '\n') });
    expect(step('upAgain').done(emptied, remembered)).toBe(false);
    // The volume's time moved on (redis wrote to it): still the count kept.
    const written = world({ composeProjects: [up], volumes: [newVolume], probes: countOf('visit-counter', '2') });
    expect(step('upAgain').done(written, remembered)).toBe(true);
  });

  it('needs compose, and the example copied unless the project already exists', () => {
    const none: LessonMemory = memory();
    expect(compose.unmet!(world(), none)).toEqual([{ kind: 'compose' }, { kind: 'folder' }]);
    const missing: ComposeTool = { found: false, searched: ['/usr/bin/docker-compose'], platform: 'linux' };
    expect(compose.unmet!(world({ composeTool: missing }), memory({ folder: '/home/me/visit-counter' }))).toEqual([
      { kind: 'compose' },
    ]);
    expect(compose.unmet!(world({ composeTool: tool }), memory({ folder: '/home/me/visit-counter' }))).toEqual([]);
    // Started from a copy of one's own in a terminal: nothing is missing.
    expect(compose.unmet!(world({ composeTool: tool, composeProjects: [project('visit-counter')] }), none)).toEqual([]);
  });

  it('writes the commands with the compose this computer has, in the copied folder', () => {
    expect(step('up').commands(world({ composeTool: tool }), memory({ folder: '/home/me/visit-counter' }))).toEqual([
      'cd "/home/me/visit-counter"',
      'docker-compose up -d',
      'docker-compose ps',
    ]);
    expect(step('down').commands(world(), memory())).toEqual(['docker compose down', 'docker volume ls']);
    expect(step('counted').commands(world(), memory())).toContain('docker compose exec redis redis-cli GET visits');
  });

  it('shows the project, its volume and the counts as facts', () => {
    const up = project('visit-counter');
    const facts = compose.facts!(
      world({
        composeProjects: [up],
        probes: countOf('visit-counter', '4'),
        volumes: [volume('visit-counter_counter-data', 'visit-counter')],
      }),
      memory({ notes: { project: 'visit-counter', count: 1, countAtDown: 3 } }),
    );
    expect(facts).toMatchObject({
      project: 'visit-counter',
      volume: 'visit-counter_counter-data',
      counted: '1',
      count: '4',
      countAtDown: '3',
      url: 'http://127.0.0.1:8089/',
    });
    // After the lesson, with the project down: the done texts keep what was remembered.
    const later = compose.facts!(
      world(),
      memory({ notes: { project: 'visit-counter', count: 1, countAtDown: 3, countAfter: 5 } }),
    );
    expect(later).toMatchObject({ counted: '1', count: '5', countAtDown: '3', volume: 'visit-counter_counter-data' });
  });
});
