import type Docker from 'dockerode';
import { containerName } from '../containers/containerSummary';
import type { z } from 'zod';
import type { CleanupKind, CleanupPlan, CleanupResult, cleanupRunInputSchema, DiskUsage } from '../../shared/diskUsage';
import { BerthError, toWireError, type ErrorCode } from '../../shared/errors';
import type { LocalImage } from '../../shared/images';
import { engineError, engineStatus, notFound } from '../engine/engineErrors';
import { removeImageUnforced } from '../images/imageRemoval';
import { pruneBuildCacheRecord } from './buildCachePrune';
import { isStoppedContainer, planCleanup, summarizeDiskUsage } from './summarizeDiskUsage';
import { imageTags, readDiskReading, type DiskReading } from './diskReading';

export type CleanupRunInput = z.input<typeof cleanupRunInputSchema>;

export interface DiskUsageServiceOptions {
  getClient: () => Docker;
  /** Whether the connected engine is Podman (no build cache records, other df answers). */
  isPodman: () => boolean;
  /** The local images joined with the containers that use them, read now (ImageService.list). */
  listImages: () => Promise<LocalImage[]>;
  /** Each fresh measurement, for the reclaimable hint (so the page's "Measure again" updates it too). */
  onMeasured?: (usage: DiskUsage) => void;
}

type Removed = CleanupResult['removed'][number];
type Failed = CleanupResult['failed'][number];

/**
 * Disk usage as `docker system df` counts it, the clean-up plan, and the clean-up itself. The
 * clean-up removes exactly the items named, one by one and each only if it still qualifies, without
 * force; it never calls the engine's prune endpoints for containers, images or volumes, and prunes
 * build cache by record id only.
 */
export class DiskUsageService {
  private readonly options: DiskUsageServiceOptions;

  constructor(options: DiskUsageServiceOptions) {
    this.options = options;
  }

  /** GET /system/df, read into the four categories. */
  async usage(): Promise<DiskUsage> {
    return summarizeDiskUsage(await this.read());
  }

  /** Every item the ticked kinds would remove, measured now. */
  async plan(input: { kinds: readonly CleanupKind[] }): Promise<CleanupPlan> {
    return planCleanup(await this.read(), input.kinds);
  }

  /**
   * Removes exactly the items named, each only if it still qualifies, and measures before and
   * after. Volumes not named in confirmVolumes too refuse the whole clean-up before anything goes.
   */
  async cleanUp(input: CleanupRunInput): Promise<CleanupResult> {
    const containers = unique(input.containers ?? []);
    const images = unique(input.images ?? []);
    const buildCache = unique(input.buildCache ?? []);
    const volumes = unique(input.volumes ?? []);
    const confirmed = new Set(input.confirmVolumes ?? []);
    // Before anything is removed: a volume's data is gone for good, so each needs its own "yes".
    const unconfirmed = volumes.filter((name) => !confirmed.has(name));
    if (unconfirmed.length > 0) {
      throw new BerthError(
        'confirmation-required',
        `Removing volumes needs a confirmation naming each of them; not confirmed: ${unconfirmed.join(', ')}.`,
      );
    }

    const client = this.options.getClient();
    const beforeReading = await this.read();
    const before = summarizeDiskUsage(beforeReading);
    const outcome = new Outcome();
    // Containers first: an image is removed only when no container uses it, and stays if one does.
    await removeContainers(client, beforeReading, containers, outcome);
    // Read now: a container made since the plan keeps its image.
    if (images.length > 0) await removeImages(client, beforeReading, await this.options.listImages(), images, outcome);
    await removeBuildCache(client, beforeReading, buildCache, outcome);
    await removeVolumes(client, beforeReading, volumes, outcome);
    const after = await this.usage();
    return { removed: outcome.removed, failed: outcome.failed, before, after };
  }

  /** GET /system/df (counted again when Podman's walk races a removal: readSystemDf). */
  private async read(): Promise<DiskReading> {
    try {
      const reading = await readDiskReading(this.options.getClient(), this.options.isPodman());
      this.options.onMeasured?.(summarizeDiskUsage(reading));
      return reading;
    } catch (error) {
      throw engineError(error, 'Measuring disk usage');
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** What a clean-up removed, and what it left with why. */
class Outcome {
  readonly removed: Removed[] = [];
  readonly failed: Failed[] = [];

  fail(kind: CleanupKind, id: string, label: string, error: unknown): void {
    const wire = toWireError(error);
    this.failed.push({ kind, id, label, code: wire.code, message: wire.message });
  }

  refuse(kind: CleanupKind, id: string, label: string, code: ErrorCode, message: string): void {
    this.failed.push({ kind, id, label, code, message });
  }

  /** Refuses an item that is not there (any more): `what` names its kind in the message. */
  gone(kind: CleanupKind, id: string, label: string, what: string): void {
    this.refuse(kind, id, label, 'not-found', `There is no ${what} ${id} (it may already be gone).`);
  }
}

/** Each container only if it is still stopped, without force. */
async function removeContainers(client: Docker, reading: DiskReading, ids: readonly string[], outcome: Outcome) {
  for (const id of ids) {
    const container = reading.containers.find((c) => c.Id === id);
    const label = containerName(container?.Names, id);
    if (!container) {
      outcome.gone('stoppedContainers', id, label, 'container');
      continue;
    }
    if (!isStoppedContainer(container)) {
      outcome.refuse(
        'stoppedContainers',
        id,
        label,
        'in-use',
        `${label} is ${container.State} now: only stopped containers are removed.`,
      );
      continue;
    }
    try {
      // Without force: a container that started since is refused by the engine, not killed.
      await client.getContainer(id).remove({ force: false, v: false });
      outcome.removed.push({ kind: 'stoppedContainers', id, label });
    } catch (error) {
      outcome.fail(
        'stoppedContainers',
        id,
        label,
        engineError(error, `Removing the container ${label}`, [
          { status: 409, code: 'in-use', message: (words) => `The engine refused to remove ${label}: ${words}` },
          notFound(`container ${label}`),
        ]),
      );
    }
  }
}

/** Each image only if no container uses it now, without force (tag by tag when it has several). */
async function removeImages(
  client: Docker,
  reading: DiskReading,
  current: readonly LocalImage[],
  ids: readonly string[],
  outcome: Outcome,
) {
  for (const id of ids) {
    const image = current.find((candidate) => candidate.id === id);
    const known = reading.images.find((candidate) => candidate.Id === id);
    const kind: CleanupKind = (image ?? { dangling: imageTags(known?.RepoTags).length === 0 }).dangling
      ? 'danglingImages'
      : 'unusedImages';
    const label =
      image && image.repoTags.length > 0 ? image.repoTags.join(', ') : id.replace(/^sha256:/, '').slice(0, 12);
    if (!image) {
      outcome.gone(kind, id, label, 'image');
      continue;
    }
    if (image.containers.length > 0) {
      const names = image.containers.map((container) => container.name).join(', ');
      outcome.refuse(kind, id, label, 'in-use', `${label} is used by ${names} now: it stays.`);
      continue;
    }
    try {
      await removeImageUnforced(client, image, label);
      outcome.removed.push({ kind, id, label });
    } catch (error) {
      outcome.fail(kind, id, label, error);
    }
  }
}

/** Each build cache record by its id only, if it is still not in use. */
async function removeBuildCache(client: Docker, reading: DiskReading, ids: readonly string[], outcome: Outcome) {
  for (const id of ids) {
    const record = reading.buildCache.find((candidate) => candidate.ID === id);
    const label = record?.Description || record?.Type || id.slice(0, 12);
    if (reading.podman) {
      outcome.refuse('buildCache', id, label, 'engine-error', 'Podman keeps no build cache records to remove.');
      continue;
    }
    if (!record) {
      outcome.gone('buildCache', id, label, 'build cache record');
      continue;
    }
    if (record.InUse) {
      outcome.refuse('buildCache', id, label, 'in-use', `The build cache record ${label} is in use now.`);
      continue;
    }
    try {
      await pruneBuildCacheRecord(client, id);
      outcome.removed.push({ kind: 'buildCache', id, label });
    } catch (error) {
      outcome.fail('buildCache', id, label, error);
    }
  }
}

/** Each volume (already confirmed by name) only if no container references it, without force. */
async function removeVolumes(client: Docker, reading: DiskReading, names: readonly string[], outcome: Outcome) {
  for (const name of names) {
    const volume = reading.volumes.find((candidate) => candidate.Name === name);
    if (!volume) {
      outcome.gone('unusedVolumes', name, name, 'volume');
      continue;
    }
    if (volume.UsageData?.RefCount !== 0) {
      outcome.refuse('unusedVolumes', name, name, 'in-use', `The volume ${name} is used by a container: it stays.`);
      continue;
    }
    try {
      // Without force: a container that mounted it since makes the engine refuse.
      await client.getVolume(name).remove({ force: false });
      outcome.removed.push({ kind: 'unusedVolumes', id: name, label: name });
    } catch (error) {
      if (engineStatus(error) === 404) {
        outcome.gone('unusedVolumes', name, name, 'volume');
        continue;
      }
      outcome.fail(
        'unusedVolumes',
        name,
        name,
        engineError(error, `Removing the volume ${name}`, [
          { status: 409, code: 'in-use', message: (words) => `The engine refused to remove ${name}: ${words}` },
        ]),
      );
    }
  }
}
