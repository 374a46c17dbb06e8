import type { DiskCategory } from '../../../shared/diskUsage';
import { formatDiskSize } from '../../../shared/dockerUnits';

/** Sizes on this page are written as `docker system df` writes them, in any language. */
export const diskSize = formatDiskSize;

/** The share of a category that can be freed, in whole percent as the CLI prints it ("(96%)"). */
export function reclaimablePercent(reclaimable: number, size: number): number {
  return size > 0 ? Math.floor((reclaimable * 100) / size) : 0;
}

export const categoryOrder: readonly DiskCategory[] = ['images', 'containers', 'volumes', 'buildCache'];
