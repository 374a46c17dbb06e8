import { formatDiskSize } from '../../../shared/dockerUnits';
import type { LessonDefinition, LessonMemory, LessonObservation, LessonWorld } from '../lessonDefinition';

/**
 * Lesson 8, clean up: disk usage before and after. Berth measures the disk usage (observations
 * diskUsage) when the lesson starts and after the engine events that can free space; the lesson is
 * done when a measurement's reclaimable space is below an earlier one's, whoever removed what.
 */

type DiskSample = Extract<LessonObservation, { kind: 'diskUsage' }>;

/** The measurements taken since the lesson started, oldest first. */
function samples(world: LessonWorld, memory: LessonMemory): DiskSample[] {
  return world.observations.filter(
    (observation): observation is DiskSample => observation.kind === 'diskUsage' && observation.at >= memory.startedAt,
  );
}

/**
 * The first drop: a measurement below the most reclaimable one before it. Measured against the
 * highest before it, not only the first, so a learner who started with nothing to reclaim can make
 * something (a stopped container) and remove it.
 */
function firstDrop(list: readonly DiskSample[]): { before: DiskSample; after: DiskSample } | null {
  let peak: DiskSample | null = null;
  for (const sample of list) {
    if (peak && sample.reclaimableBytes < peak.reclaimableBytes) return { before: peak, after: sample };
    if (!peak || sample.reclaimableBytes > peak.reclaimableBytes) peak = sample;
  }
  return null;
}

export const cleanUp: LessonDefinition = {
  id: 'cleanUp',
  measuresDisk: true,
  steps: [
    {
      // What takes space, and how much of it nothing uses: the first measurement since the lesson started.
      id: 'measure',
      commands: () => ['docker system df'],
      screen: () => '#/disk',
      done: (world, memory) => samples(world, memory).length > 0,
      remember: (world, memory): Record<string, number> => {
        const first = samples(world, memory)[0];
        return first ? { before: first.reclaimableBytes, total: first.totalBytes } : {};
      },
    },
    {
      // Removing what nothing uses: stopped containers, dangling images. The space reclaimable goes down.
      id: 'clean',
      commands: () => ['docker container prune', 'docker image prune', 'docker system df'],
      screen: () => '#/disk',
      done: (world, memory) => firstDrop(samples(world, memory)) !== null,
      remember: (world, memory): Record<string, number> => {
        const drop = firstDrop(samples(world, memory));
        return drop ? { before: drop.before.reclaimableBytes, after: drop.after.reclaimableBytes } : {};
      },
    },
  ],
  facts: (world, memory) => {
    const list = samples(world, memory);
    const first = list[0];
    const latest = list.at(-1);
    const facts: Record<string, string> = {};
    const number = (value: unknown) => (typeof value === 'number' ? value : undefined);
    // Before and after the clean-up once it is done; until then the first and the latest measurement.
    // What was remembered stands in when the measurements are no longer kept (only the last 200 are).
    const before = number(memory.notes.before) ?? first?.reclaimableBytes;
    const after = number(memory.notes.after) ?? latest?.reclaimableBytes;
    const total = latest?.totalBytes ?? number(memory.notes.total);
    if (before === undefined || after === undefined || total === undefined) return facts;
    facts.before = formatDiskSize(before);
    facts.after = formatDiskSize(after);
    facts.freed = formatDiskSize(Math.max(0, before - after));
    facts.total = formatDiskSize(total);
    facts.totalBefore = formatDiskSize(number(memory.notes.total) ?? first?.totalBytes ?? total);
    if (latest) {
      facts.reclaimable = formatDiskSize(latest.reclaimableBytes);
      // For the page to say honestly that there is nothing to remove now.
      facts.reclaimableBytes = String(latest.reclaimableBytes);
    }
    return facts;
  },
};
