import type { ContainerSummary } from '../../../shared/containers';
import type { RunFlow } from '../../../shared/run';
import type { LessonDefinition, LessonMemory, LessonWorld } from '../lessonDefinition';
import { containersOf, exitedOk, imagesOf, runsOf } from '../worldQueries';

/** What a step remembers when it turns done. */
type Notes = LessonMemory['notes'];

const HELLO = 'hello-world';

/** One finished run of hello-world: a container that exited 0, or Berth's run of one (gone after --rm). */
interface HelloRun {
  containerId: string | null;
  name: string | null;
  imageId: string | null;
  /** What Berth's run flow saw in the image cache; null for a run Berth did not make. */
  cacheHit: boolean | null;
  runId: string | null;
}

function fromContainer(container: ContainerSummary): HelloRun {
  return {
    containerId: container.id,
    name: container.name,
    imageId: container.imageId,
    cacheHit: null,
    runId: null,
  };
}

function fromFlow(flow: RunFlow): HelloRun {
  return {
    containerId: flow.containerId,
    name: flow.containerName,
    imageId: null,
    cacheHit: flow.cacheHit,
    runId: flow.runId,
  };
}

/**
 * The engine dates a container in whole seconds (and its clock may run a little apart from
 * Berth's): a container created up to this much before the lesson started still counts as after.
 */
const CLOCK_SLACK_MS = 2000;

/** The hello-world containers made since the lesson started: runs from before (the guide's) are not this lesson's. */
function lessonContainers(world: LessonWorld, memory: LessonMemory): ContainerSummary[] {
  return containersOf(world, HELLO).filter(
    (container) => container.created * 1000 >= memory.startedAt - CLOCK_SLACK_MS,
  );
}

/**
 * Every hello-world run of this lesson that printed its greeting (exit code 0), newest first, each
 * container once. Berth's run flows add what they saw in the image cache, and the runs made with
 * --rm (whose container is gone, so it cannot be dated: such a run counts).
 */
function finishedRuns(world: LessonWorld, memory: LessonMemory): HelloRun[] {
  const runs = exitedOk(lessonContainers(world, memory)).map(fromContainer);
  const listed = new Set(containersOf(world, HELLO).map((container) => container.id));
  for (const flow of runsOf(world, HELLO)) {
    if (flow.state !== 'exited' || flow.exitCode !== 0) continue;
    const same = runs.find((run) => run.containerId !== null && run.containerId === flow.containerId);
    if (same) Object.assign(same, { cacheHit: flow.cacheHit, runId: flow.runId });
    else if (!flow.containerId || !listed.has(flow.containerId)) runs.push(fromFlow(flow));
  }
  return runs;
}

/**
 * Two containers of one hello-world image id, both exited 0: the later was created while the
 * earlier existed, and a container keeps its image, so the image was in the cache. Or Berth's run
 * flow saw the cache hit itself (a run with --rm leaves no container behind).
 */
function ranTwiceFromCache(world: LessonWorld, memory: LessonMemory): boolean {
  const containers = exitedOk(lessonContainers(world, memory));
  const byImage = new Map<string, number>();
  for (const container of containers) byImage.set(container.imageId, (byImage.get(container.imageId) ?? 0) + 1);
  if ([...byImage.values()].some((count) => count >= 2)) return true;
  const runs = finishedRuns(world, memory);
  return runs.length >= 2 && runs.some((run) => run.cacheHit === true);
}

function nameOf(run: HelloRun | undefined): string | null {
  return run ? (run.name ?? run.containerId?.slice(0, 12) ?? null) : null;
}

/** The run remembered as the first (the newest one until then). */
function firstRun(world: LessonWorld, memory: LessonMemory): HelloRun | undefined {
  const runs = finishedRuns(world, memory);
  return runs.find((run) => nameOf(run) === memory.notes.firstContainer) ?? runs[0];
}

/** The newest run other than the first one remembered. */
function secondRun(world: LessonWorld, memory: LessonMemory): HelloRun | undefined {
  const first = memory.notes.firstContainer;
  return finishedRuns(world, memory).find((run) => nameOf(run) !== first);
}

/** The run's live flow when Berth made it, else its container, else Berth's newest hello-world flow. */
function screenOf(run: HelloRun | undefined, world: LessonWorld): string {
  if (run?.runId) return `#/run/${encodeURIComponent(run.runId)}`;
  if (run?.containerId) return `#/containers?show=${encodeURIComponent(run.containerId)}`;
  const flow = runsOf(world, HELLO)[0];
  return flow ? `#/run/${encodeURIComponent(flow.runId)}` : '#/containers';
}

/**
 * Lesson 4, `docker run hello-world` and the image cache: the Docker client asks the Docker server;
 * the server looks in its image cache, pulls from Docker Hub when the image is missing, creates a
 * container and streams its output back. The second run finds the image in the cache. Only the
 * runs since the lesson started count: the learner does it here, with the flow in front of them.
 */
export const helloWorld: LessonDefinition = {
  id: 'helloWorld',
  steps: [
    {
      // Whether this run pulled depends on the cache (the guide's run may have filled it): the texts say both.
      id: 'firstRun',
      commands: () => ['docker run hello-world'],
      screen: (world, memory) => screenOf(firstRun(world, memory), world),
      done: (world, memory) => finishedRuns(world, memory).length > 0,
      remember: (world, memory): Notes => {
        const name = nameOf(finishedRuns(world, memory)[0]);
        return name ? { firstContainer: name } : {};
      },
    },
    {
      id: 'secondRun',
      commands: () => ['docker run hello-world'],
      screen: (world, memory) => screenOf(secondRun(world, memory), world),
      done: (world, memory) => ranTwiceFromCache(world, memory),
      remember: (world, memory): Notes => {
        const name = nameOf(secondRun(world, memory));
        return name ? { secondContainer: name } : {};
      },
    },
  ],
  facts: (world, memory) => {
    const facts: Record<string, string> = {};
    const image = imagesOf(world, HELLO)[0];
    if (image) facts.imageId = image.id.replace(/^sha256:/, '').slice(0, 12);
    const first = memory.notes.firstContainer ?? nameOf(firstRun(world, memory));
    if (first !== null && first !== undefined) facts.first = String(first);
    const second = memory.notes.secondContainer ?? nameOf(secondRun(world, memory));
    if (second !== null && second !== undefined) facts.second = String(second);
    return facts;
  },
};
