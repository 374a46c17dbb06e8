import type { ContainerSummary } from '../../../shared/containers';
import type { LessonDefinition, LessonMemory, LessonWorld, ProbeRequest } from '../lessonDefinition';
import { containersOf, createdSince, running, shortId } from '../worldQueries';

/**
 * Lesson 2, image and container: one image, many containers, each with its own filesystem. The
 * lesson's containers are the running busybox containers made since it started (older ones are
 * someone else's business), newest first.
 */
const IMAGE = 'busybox';
/** The file the last step writes in one container and looks for in the other. */
const FILE = '/hello.txt';
/** The name the commands suggest: box-1, box-2, … (the first free ones). */
const NAME_PREFIX = 'box-';

function lessonBoxes(world: LessonWorld, memory: LessonMemory): ContainerSummary[] {
  return createdSince(running(containersOf(world, IMAGE)), memory.startedAt).sort((a, b) => b.created - a.created);
}

/**
 * The two containers the lesson compares, oldest first: the two newest lesson containers that
 * share one image id. Null while there is no such pair.
 */
function pairNow(world: LessonWorld, memory: LessonMemory): [ContainerSummary, ContainerSummary] | null {
  const boxes = lessonBoxes(world, memory);
  // The one step 1 saw comes first: two made in the same second have no order of their own.
  const firstSeen = boxes.find((box) => box.id === memory.notes.firstBox);
  const partner = firstSeen && boxes.find((box) => box !== firstSeen && box.imageId === firstSeen.imageId);
  if (firstSeen && partner) return [firstSeen, partner];
  for (const newest of boxes) {
    const older = boxes.find((box) => box !== newest && box.imageId === newest.imageId);
    if (older) return [older, newest];
  }
  return null;
}

/** The containers remembered when step 2 turned done, as they are now (stopped ones too); null when one is gone. */
function rememberedPair(world: LessonWorld, memory: LessonMemory): [ContainerSummary, ContainerSummary] | null {
  const byId = (id: unknown) => world.containers.find((container) => container.id === id);
  const first = byId(memory.notes.first);
  const second = byId(memory.notes.second);
  return first && second ? [first, second] : null;
}

/** How many of the lesson's containers the last step looks in (the newest, the remembered pair first). */
const MAX_PROBED = 6;

/**
 * The containers the last step looks in: the remembered pair while they run, then the newest other
 * lesson containers. The file written in any one of them and absent in another of the same image
 * shows it: a learner who ran a third container, or wrote in the second, is not stuck.
 */
function probedBoxes(world: LessonWorld, memory: LessonMemory): ContainerSummary[] {
  const remembered = (rememberedPair(world, memory) ?? []).filter((container) => container.state === 'running');
  const others = lessonBoxes(world, memory).filter((box) => !remembered.some((known) => known.id === box.id));
  return [...remembered, ...others].slice(0, MAX_PROBED);
}

/** The pair the commands and texts name: the remembered one, or the pair now. */
function namedPair(world: LessonWorld, memory: LessonMemory): [ContainerSummary, ContainerSummary] | null {
  return rememberedPair(world, memory) ?? pairNow(world, memory);
}

/** The first box-N name no container has (and that is not in `taken`). */
function freeName(world: LessonWorld, taken: readonly string[] = []): string {
  const names = new Set([...world.containers.map((container) => container.name), ...taken]);
  for (let n = 1; ; n += 1) {
    const name = `${NAME_PREFIX}${n}`;
    if (!names.has(name)) return name;
  }
}

const runCommand = (name: string) => `docker run -d --name ${name} ${IMAGE} sleep 3600`;

function firstName(world: LessonWorld, memory: LessonMemory): string {
  const boxes = lessonBoxes(world, memory);
  return boxes[boxes.length - 1]?.name ?? freeName(world);
}

function secondName(world: LessonWorld, memory: LessonMemory): string {
  const pair = pairNow(world, memory);
  if (pair) return pair[1].name;
  return freeName(world, [firstName(world, memory)]);
}

const probeKey = (containerId: string) => `imageAndContainer:hello:${containerId}`;

/**
 * A container with the file and one of the same image without it, from the probes' answers; null
 * until the probes show such a pair. "Without" is cat's own failure: the command ran (an exit code)
 * and found no file; a probe that could not run at all (the container stopped) says nothing.
 */
function separation(
  world: LessonWorld,
  memory: LessonMemory,
): { withFile: ContainerSummary; withoutFile: ContainerSummary } | null {
  const boxes = probedBoxes(world, memory);
  const answer = (box: ContainerSummary) => world.probes[probeKey(box.id)];
  const has = boxes.filter((box) => answer(box)?.ok === true);
  const lacks = boxes.filter((box) => {
    const found = answer(box);
    return found !== undefined && !found.ok && found.code !== null;
  });
  for (const withFile of has) {
    const withoutFile = lacks.find((box) => box.imageId === withFile.imageId);
    if (withoutFile) return { withFile, withoutFile };
  }
  return null;
}

export const imageAndContainer: LessonDefinition = {
  id: 'imageAndContainer',
  steps: [
    {
      // A container that keeps running: busybox's own command (sh) ends at once without a terminal.
      id: 'first',
      commands: (world, memory) => [runCommand(firstName(world, memory))],
      screen: (world, memory) => {
        const box = lessonBoxes(world, memory).at(-1);
        return box ? `#/containers?show=${encodeURIComponent(box.name)}` : '#/containers';
      },
      done: (world, memory) => lessonBoxes(world, memory).length > 0,
      remember: (world, memory): Record<string, string> => {
        const box = lessonBoxes(world, memory).at(-1);
        return box ? { firstBox: box.id } : {};
      },
    },
    {
      // The same image again: a second container, no second copy of the image.
      id: 'second',
      commands: (world, memory) => [runCommand(secondName(world, memory)), 'docker ps'],
      screen: () => '#/containers',
      done: (world, memory) => pairNow(world, memory) !== null,
      remember: (world, memory): Record<string, string> => {
        const pair = pairNow(world, memory);
        return pair ? { first: pair[0].id, second: pair[1].id, imageId: pair[0].imageId } : {};
      },
    },
    {
      // Separate filesystems: a file written in one is not in the other.
      id: 'separate',
      commands: (world, memory) => {
        const pair = namedPair(world, memory);
        const [first, second] = pair ? [pair[0].name, pair[1].name] : ['box-1', 'box-2'];
        const stopped = pair?.filter((container) => container.state !== 'running').map((c) => c.name) ?? [];
        return [
          ...(stopped.length > 0 ? [`docker start ${stopped.join(' ')}`] : []),
          `docker exec ${first} sh -c 'echo hello > ${FILE}'`,
          `docker exec ${first} cat ${FILE}`,
          `docker exec ${second} cat ${FILE}`,
        ];
      },
      screen: (world, memory) => {
        const pair = namedPair(world, memory);
        return pair ? `#/containers/${encodeURIComponent(pair[0].name)}` : '#/containers';
      },
      done: (world, memory) => separation(world, memory) !== null,
      remember: (world, memory): Record<string, string> => {
        const found = separation(world, memory);
        return found ? { withFile: found.withFile.name, withoutFile: found.withoutFile.name } : {};
      },
    },
  ],
  probes: (world, memory) => {
    // Only once the pair is known, and until the files are seen apart.
    if (memory.doneAt.second === undefined || memory.doneAt.separate !== undefined) return [];
    return probedBoxes(world, memory).map((container): ProbeRequest => ({
      kind: 'exec',
      key: probeKey(container.id),
      containerId: container.id,
      command: ['cat', FILE],
    }));
  },
  facts: (world, memory) => {
    const facts: Record<string, string> = { first: firstName(world, memory), second: secondName(world, memory) };
    const pair = memory.doneAt.second === undefined ? pairNow(world, memory) : namedPair(world, memory);
    if (pair) {
      facts.first = pair[0].name;
      facts.second = pair[1].name;
      facts.imageId = shortId(pair[0].imageId);
    } else {
      const box = lessonBoxes(world, memory).at(-1);
      if (box) facts.imageId = shortId(box.imageId);
    }
    const found = separation(world, memory);
    if (found) [facts.withFile, facts.withoutFile] = [found.withFile.name, found.withoutFile.name];
    // Once done, the probes stop: the names are the ones remembered when it turned done.
    if (typeof memory.notes.withFile === 'string') facts.withFile = memory.notes.withFile;
    if (typeof memory.notes.withoutFile === 'string') facts.withoutFile = memory.notes.withoutFile;
    return facts;
  },
};
