import type Docker from 'dockerode';
import type { z } from 'zod';
import type { CleanupKind, CleanupPlan, CleanupResult, cleanupRunInputSchema, DiskUsage } from '../../shared/diskUsage';
import { BerthError, toWireError, type ErrorCode } from '../../shared/errors';
import type { LocalImage } from '../../shared/images';
import { engineError, engineStatus, notFound } from '../engine/engineErrors';
import { removeImageUnforced } from '../images/imageRemoval';
import { pruneBuildCacheRecord } from './buildCachePrune';
import { isStoppedContainer, planCleanup, summarizeDiskUsage } from './summarizeDiskUsage';
import { readSystemDf, type DiskReading } from './systemDf';

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

/** GET /system/df tries before its error is the answer. */
const DF_ATTEMPTS = 3;

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
    const removed: Removed[] = [];
    const failed: Failed[] = [];
    const fail = (kind: CleanupKind, id: string, label: string, error: unknown) => {
      const wire = toWireError(error);
      failed.push({ kind, id, label, code: wire.code, message: wire.message });
    };
    const refuse = (kind: CleanupKind, id: string, label: string, code: ErrorCode, message: string) =>
      failed.push({ kind, id, label, code, message });

    // Containers first: an image is removed only when no container uses it, and stays if one does.
    for (const id of containers) {
      const container = beforeReading.containers.find((c) => c.Id === id);
      const label = (container?.Names?.[0] ?? id.slice(0, 12)).replace(/^\//, '');
      if (!container) {
        refuse('stoppedContainers', id, label, 'not-found', `There is no container ${id} (it may already be gone).`);
        continue;
      }
      if (!isStoppedContainer(container)) {
        refuse(
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
        removed.push({ kind: 'stoppedContainers', id, label });
      } catch (error) {
        fail(
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

    if (images.length > 0) {
      // Read now: a container made since the plan keeps its image.
      const current = await this.options.listImages();
      for (const id of images) {
        const image = current.find((candidate) => candidate.id === id);
        const known = beforeReading.images.find((candidate) => candidate.Id === id);
        const kind: CleanupKind = (image ?? { dangling: (known?.RepoTags ?? []).length === 0 }).dangling
          ? 'danglingImages'
          : 'unusedImages';
        const label =
          image && image.repoTags.length > 0 ? image.repoTags.join(', ') : id.replace(/^sha256:/, '').slice(0, 12);
        if (!image) {
          refuse(kind, id, label, 'not-found', `There is no image ${id} (it may already be gone).`);
          continue;
        }
        if (image.containers.length > 0) {
          const names = image.containers.map((container) => container.name).join(', ');
          refuse(kind, id, label, 'in-use', `${label} is used by ${names} now: it stays.`);
          continue;
        }
        try {
          await removeImageUnforced(client, image, label);
          removed.push({ kind, id, label });
        } catch (error) {
          fail(kind, id, label, error);
        }
      }
    }

    for (const id of buildCache) {
      const record = beforeReading.buildCache.find((candidate) => candidate.ID === id);
      const label = record?.Description || record?.Type || id.slice(0, 12);
      if (beforeReading.podman) {
        refuse('buildCache', id, label, 'engine-error', 'Podman keeps no build cache records to remove.');
        continue;
      }
      if (!record) {
        refuse('buildCache', id, label, 'not-found', `There is no build cache record ${id} (it may already be gone).`);
        continue;
      }
      if (record.InUse) {
        refuse('buildCache', id, label, 'in-use', `The build cache record ${label} is in use now.`);
        continue;
      }
      try {
        await pruneBuildCacheRecord(client, id);
        removed.push({ kind: 'buildCache', id, label });
      } catch (error) {
        fail('buildCache', id, label, error);
      }
    }

    for (const name of volumes) {
      const volume = beforeReading.volumes.find((candidate) => candidate.Name === name);
      if (!volume) {
        refuse('unusedVolumes', name, name, 'not-found', `There is no volume ${name} (it may already be gone).`);
        continue;
      }
      if (volume.UsageData?.RefCount !== 0) {
        refuse('unusedVolumes', name, name, 'in-use', `The volume ${name} is used by a container: it stays.`);
        continue;
      }
      try {
        // Without force: a container that mounted it since makes the engine refuse.
        await client.getVolume(name).remove({ force: false });
        removed.push({ kind: 'unusedVolumes', id: name, label: name });
      } catch (error) {
        if (engineStatus(error) === 404) {
          refuse('unusedVolumes', name, name, 'not-found', `There is no volume ${name} (it may already be gone).`);
          continue;
        }
        fail(
          'unusedVolumes',
          name,
          name,
          engineError(error, `Removing the volume ${name}`, [
            { status: 409, code: 'in-use', message: (words) => `The engine refused to remove ${name}: ${words}` },
          ]),
        );
      }
    }

    const after = await this.usage();
    return { removed, failed, before, after };
  }

  private async read(): Promise<DiskReading> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        const reading = await readSystemDf(this.options.getClient(), this.options.isPodman());
        this.options.onMeasured?.(summarizeDiskUsage(reading));
        return reading;
      } catch (error) {
        // Podman answers 500 when a container or image goes away while it counts: count again.
        if (engineStatus(error) === 500 && attempt < DF_ATTEMPTS) {
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
          continue;
        }
        throw engineError(error, 'Measuring disk usage');
      }
    }
  }
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
