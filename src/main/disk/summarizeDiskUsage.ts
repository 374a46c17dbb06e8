import { containerName } from '../containers/containerSummary';
import {
  freesAtLeast,
  type CleanupKind,
  type CleanupPlan,
  type DiskCategoryUsage,
  type DiskItem,
  type DiskUsage,
} from '../../shared/diskUsage';
import {
  imageTags,
  type DfBuildCache,
  type DfContainer,
  type DfImage,
  type DfVolume,
  type DiskReading,
} from './diskReading';

/** The states a clean-up takes a container in, as `docker container prune` does: never running, paused or restarting. */
const stoppedStates = new Set(['exited', 'created', 'dead']);

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** What removing the image frees: its size without the layers other images share (unknown: its size). */
export function uniqueImageSize(image: DfImage): number {
  const size = Math.max(0, image.Size);
  return image.SharedSize >= 0 ? Math.max(0, size - image.SharedSize) : size;
}

export function isDanglingImage(image: DfImage): boolean {
  return imageTags(image.RepoTags).length === 0;
}

export function isStoppedContainer(container: DfContainer): boolean {
  return stoppedStates.has(container.State);
}

function imageItem(image: DfImage): DiskItem {
  const tags = imageTags(image.RepoTags);
  const unused = image.Containers === 0;
  return {
    id: image.Id,
    label: tags.length > 0 ? tags.join(', ') : `<none> (${shortId(image.Id)})`,
    size: uniqueImageSize(image),
    reclaimable: unused,
    state: !unused ? 'in-use' : tags.length === 0 ? 'dangling' : 'unused',
    sharesLayers: image.SharedSize > 0,
  };
}

function containerItem(container: DfContainer): DiskItem {
  return {
    id: container.Id,
    label: containerName(container.Names, container.Id),
    size: Math.max(0, container.SizeRw ?? 0),
    reclaimable: isStoppedContainer(container),
    state: container.State === 'running' ? 'running' : isStoppedContainer(container) ? 'stopped' : 'unknown',
  };
}

function volumeSize(volume: DfVolume): number {
  return Math.max(0, volume.UsageData?.Size ?? 0);
}

function volumeItem(volume: DfVolume): DiskItem {
  const unused = volume.UsageData?.RefCount === 0;
  return {
    id: volume.Name,
    label: volume.Name,
    size: volumeSize(volume),
    reclaimable: unused,
    state: !volume.UsageData ? 'unknown' : unused ? 'unused' : 'in-use',
  };
}

function buildCacheItem(record: DfBuildCache): DiskItem {
  return {
    id: record.ID,
    label: record.Description || record.Type || record.ID.slice(0, 12),
    size: Math.max(0, record.Size),
    reclaimable: !record.InUse,
    state: record.InUse ? 'in-use' : 'unused',
  };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

/**
 * The four categories, each counted exactly as `docker system df` counts it (docker/cli's
 * formatter): images: the layers once (LayersSize), reclaimable all but the unique sizes of the
 * images a container uses; containers: their writable layers, reclaimable all but the running ones';
 * volumes: their sizes, reclaimable those no container references; build cache: the records not
 * shared, reclaimable those not in use. Items carry what clean-up would take (a paused container is
 * reclaimable to the CLI, but clean-up leaves it).
 */
export function summarizeDiskUsage(reading: DiskReading): DiskUsage {
  const usedImages = reading.images.filter((image) => image.Containers !== 0);
  const usedBytes = sum(
    usedImages.filter((image) => image.Size !== -1 && image.SharedSize !== -1).map((i) => i.Size - i.SharedSize),
  );
  const images: DiskCategoryUsage = {
    count: reading.images.length,
    size: reading.layersSize,
    reclaimable: Math.max(0, reading.layersSize - usedBytes),
    items: reading.images.map(imageItem),
    unsupported: false,
  };
  const containers: DiskCategoryUsage = {
    count: reading.containers.length,
    size: sum(reading.containers.map((container) => Math.max(0, container.SizeRw ?? 0))),
    reclaimable: sum(
      reading.containers.filter((c) => c.State !== 'running').map((container) => Math.max(0, container.SizeRw ?? 0)),
    ),
    items: reading.containers.map(containerItem),
    unsupported: false,
  };
  const volumes: DiskCategoryUsage = {
    count: reading.volumes.length,
    size: sum(reading.volumes.map(volumeSize)),
    reclaimable: sum(reading.volumes.filter((volume) => volume.UsageData?.RefCount === 0).map(volumeSize)),
    items: reading.volumes.map(volumeItem),
    unsupported: false,
  };
  const ownRecords = reading.buildCache.filter((record) => !record.Shared);
  const buildCache: DiskCategoryUsage = {
    count: reading.buildCache.length,
    size: sum(ownRecords.map((record) => Math.max(0, record.Size))),
    reclaimable: sum(ownRecords.filter((record) => !record.InUse).map((record) => Math.max(0, record.Size))),
    items: reading.buildCache.map(buildCacheItem),
    unsupported: reading.podman,
  };
  return {
    measuredAt: reading.measuredAt,
    images,
    containers,
    volumes,
    buildCache,
    reclaimable: images.reclaimable + containers.reclaimable + volumes.reclaimable + buildCache.reclaimable,
  };
}

/**
 * What each ticked kind would remove now. Images a container uses (even a stopped one the same
 * clean-up removes) are left: they are listed next time. Unused images are the tagged ones; the
 * untagged are the dangling kind. An image's bytes are its own layers; layers only the removed
 * images share are not in the figure, so it is a floor then (`atLeast`).
 */
export function planCleanup(reading: DiskReading, kinds: readonly CleanupKind[]): CleanupPlan {
  const chosen = new Set(kinds);
  const groups: CleanupPlan['groups'] = [];
  const add = (kind: CleanupKind, items: DiskItem[]) => {
    if (chosen.has(kind)) groups.push({ kind, items, bytes: sum(items.map((item) => item.size)) });
  };
  add('stoppedContainers', reading.containers.filter(isStoppedContainer).map(containerItem));
  const unusedImages = reading.images.filter((image) => image.Containers === 0);
  add('danglingImages', unusedImages.filter(isDanglingImage).map(imageItem));
  add('unusedImages', unusedImages.filter((image) => !isDanglingImage(image)).map(imageItem));
  add(
    'buildCache',
    reading.buildCache
      .filter((record) => !record.InUse)
      // A shared record's bytes stay with the records that share it.
      .map((record) => ({ ...buildCacheItem(record), size: record.Shared ? 0 : Math.max(0, record.Size) })),
  );
  add('unusedVolumes', reading.volumes.filter((volume) => volume.UsageData?.RefCount === 0).map(volumeItem));
  const atLeast = freesAtLeast(groups.flatMap((group) => group.items));
  return { measuredAt: reading.measuredAt, groups, bytes: sum(groups.map((group) => group.bytes)), atLeast };
}
