import type { ComposeProjectState } from '../../../shared/compose';
import type { ContainerSummary } from '../../../shared/containers';
import type { LessonNeed } from '../../../shared/lessons';
import type { Volume } from '../../../shared/volumes';
import type { LessonDefinition, LessonMemory, LessonWorld, ProbeRequest } from '../lessonDefinition';

/**
 * Lesson 7, many containers: the visit-counter example (resources/examples/visit-counter: web built
 * from ./web, redis keeping the count in the named volume counter-data) up, counted, down and up
 * again with the count kept. The project is found by its compose labels whoever started it, under
 * any project name (compose names it for its folder unless -p says otherwise), by its two services.
 */

/** The page the web service publishes (compose.yaml: 127.0.0.1:8089:80). */
export const VISIT_COUNTER_URL = 'http://127.0.0.1:8089/';
/** The Redis key the page's script increments (web/www/cgi-bin/index.cgi: INCR visits). */
export const VISITS_KEY = 'visits';
/** The example's named volume; compose names it <project>_counter-data and labels it. */
const VOLUME = 'counter-data';

/** The project with the example's services (web and redis), the one in the copied folder first. */
function visitCounterProject(world: LessonWorld, memory: LessonMemory): ComposeProjectState | null {
  const remembered = memory.notes.project;
  if (typeof remembered === 'string') return world.composeProjects.find((p) => p.name === remembered) ?? null;
  const candidates = world.composeProjects.filter((project) =>
    ['web', 'redis'].every((service) => project.services.some((candidate) => candidate.name === service)),
  );
  return (
    candidates.find((project) => memory.folder !== null && project.workingDir === memory.folder) ??
    candidates.find((project) => project.status === 'running') ??
    candidates[0] ??
    null
  );
}

/** Every service of the project has a running container. */
function allRunning(project: ComposeProjectState | null): boolean {
  return (
    project !== null &&
    project.services.length > 0 &&
    project.services.every((service) => service.containers.some((container) => container.state === 'running'))
  );
}

function runningRedis(project: ComposeProjectState | null): string | null {
  const redis = project?.services.find((service) => service.name === 'redis');
  return redis?.containers.find((container) => container.state === 'running')?.id ?? null;
}

const countProbeKey = (containerId: string) => `compose-visits:${containerId}`;

/** The count Redis holds now (0 while the key is not set); null when it was not read. */
function currentCount(world: LessonWorld, memory: LessonMemory): number | null {
  const id = runningRedis(visitCounterProject(world, memory));
  const answer = id ? world.probes[countProbeKey(id)] : undefined;
  if (!answer?.ok) return null;
  // redis-cli without a terminal prints the value alone, or an empty line for a key not set.
  const text = answer.output.trim();
  if (text === '') return 0;
  return /^\d+$/.test(text) ? Number(text) : null;
}

function projectName(world: LessonWorld, memory: LessonMemory): string | null {
  const remembered = memory.notes.project;
  return typeof remembered === 'string' ? remembered : (visitCounterProject(world, memory)?.name ?? null);
}

/** The project's counter-data volume: by compose's labels, or by the name compose gives it. */
function counterVolume(world: LessonWorld, project: string): Volume | null {
  return (
    world.volumes.find(
      (volume) =>
        volume.labels['com.docker.compose.project'] === project &&
        volume.labels['com.docker.compose.volume'] === VOLUME,
    ) ??
    world.volumes.find((volume) => volume.name === `${project}_${VOLUME}`) ??
    null
  );
}

function projectContainers(world: LessonWorld, project: string): ContainerSummary[] {
  return world.containers.filter((container) => container.composeProject === project);
}

/** The words the learner types for compose here: the tool Berth found, else Docker Desktop's. */
function composeWords(world: LessonWorld): string {
  return world.composeTool?.found ? world.composeTool.command.join(' ') : 'docker compose';
}

function projectScreen(world: LessonWorld, memory: LessonMemory): string {
  const name = projectName(world, memory);
  return name ? `#/compose/${encodeURIComponent(name)}` : '#/compose';
}

const countNote = (memory: LessonMemory, key: string): number => {
  const value = memory.notes[key];
  return typeof value === 'number' ? value : 1;
};

export const compose: LessonDefinition = {
  id: 'compose',
  example: 'visit-counter',
  steps: [
    {
      // One command starts both services, on their own network, with the volume made.
      id: 'up',
      commands: (world, memory) => [
        ...(memory.folder ? [`cd "${memory.folder}"`] : []),
        `${composeWords(world)} up -d`,
        `${composeWords(world)} ps`,
      ],
      screen: projectScreen,
      done: (world, memory) => allRunning(visitCounterProject(world, memory)),
      remember: (world, memory): Record<string, string> => {
        const project = visitCounterProject(world, memory);
        return project ? { project: project.name } : {};
      },
    },
    {
      // A visit: the page's script asks redis to count it. Read in redis itself, so checking counts no visit.
      id: 'counted',
      commands: (world) => [
        `curl ${VISIT_COUNTER_URL}`,
        `${composeWords(world)} exec redis redis-cli GET ${VISITS_KEY}`,
      ],
      screen: projectScreen,
      done: (world, memory) => (currentCount(world, memory) ?? 0) >= 1,
      remember: (world, memory) => ({ count: currentCount(world, memory) ?? 1 }),
    },
    {
      // Down removes the containers and the network; the named volume stays, with the count in it.
      id: 'down',
      commands: (world) => [`${composeWords(world)} down`, 'docker volume ls'],
      screen: () => '#/volumes',
      done: (world, memory) => {
        const name = projectName(world, memory);
        return name !== null && projectContainers(world, name).length === 0 && counterVolume(world, name) !== null;
      },
      remember: (world, memory) => {
        const name = projectName(world, memory);
        const volume = name ? counterVolume(world, name) : null;
        return {
          countAtDown: countNote(memory, 'count'),
          ...(volume ? { volume: volume.name } : {}),
        };
      },
    },
    {
      // New containers, the same volume: redis reads its data back and the count goes on.
      id: 'upAgain',
      commands: (world) => [
        `${composeWords(world)} up -d`,
        `curl ${VISIT_COUNTER_URL}`,
        `${composeWords(world)} exec redis redis-cli GET ${VISITS_KEY}`,
      ],
      screen: projectScreen,
      done: (world, memory) => {
        const name = projectName(world, memory);
        if (name === null || !allRunning(visitCounterProject(world, memory))) return false;
        // down -v and up again start from a new, empty volume: the count is 0 then, below the one before.
        // (The volume's CreatedAt is no identity: dockerd's local driver reports its folder's change time.)
        return (currentCount(world, memory) ?? 0) >= countNote(memory, 'countAtDown');
      },
      remember: (world, memory): Record<string, number> => {
        const count = currentCount(world, memory);
        return count === null ? {} : { countAfter: count };
      },
    },
  ],
  unmet: (world, memory) => {
    const needs: LessonNeed[] = [];
    if (!world.composeTool?.found) needs.push({ kind: 'compose' });
    // The example's files are needed to start it; a project already there (from a copy of one's own) needs none.
    if (memory.folder === null && projectName(world, memory) === null) needs.push({ kind: 'folder' });
    return needs;
  },
  probes: (world, memory) => {
    const current = compose.steps.find((step) => memory.doneAt[step.id] === undefined)?.id;
    // The count is read while a step asks for it, and while down is to come (the last count before it).
    if (current !== 'counted' && current !== 'down' && current !== 'upAgain') return [];
    const id = runningRedis(visitCounterProject(world, memory));
    const probes: ProbeRequest[] = id
      ? [{ kind: 'exec', key: countProbeKey(id), containerId: id, command: ['redis-cli', 'GET', VISITS_KEY] }]
      : [];
    return probes;
  },
  facts: (world, memory) => {
    const facts: Record<string, string> = { url: VISIT_COUNTER_URL, compose: composeWords(world) };
    const name = projectName(world, memory);
    if (name) {
      facts.project = name;
      facts.volume = counterVolume(world, name)?.name ?? `${name}_${VOLUME}`;
    }
    // Done texts stay shown after the project is gone: the counts fall back to what was remembered.
    const count = currentCount(world, memory);
    const counted = memory.notes.count ?? count;
    if (counted != null) facts.counted = String(counted);
    const latest = count ?? memory.notes.countAfter;
    if (latest !== undefined) facts.count = String(latest);
    if (typeof memory.notes.countAtDown === 'number') facts.countAtDown = String(memory.notes.countAtDown);
    return facts;
  },
};
