import type { TFunction } from 'i18next';
import type { ImageLayers } from '../../../shared/builds';
import { formatBytes } from '../ui/format';

/** "busybox:latest, redis:latest and 2 more images": at most `shown` names, in the language's list form. */
export function imageNameList(t: TFunction, names: readonly string[], locale: string, shown = 3): string {
  const listed =
    names.length > shown + 1
      ? [...names.slice(0, shown), t('layers.more', { count: names.length - shown })]
      : [...names];
  return new Intl.ListFormat(locale, { style: 'long', type: 'conjunction' }).format(listed);
}

/**
 * The one sentence on top of the layers view that tells a beginner why a second image on the same
 * base costs little disk: how many of its layers other local images share, and what it adds.
 */
export function layersSummary(t: TFunction, image: ImageLayers, locale: string): string {
  const bytes = (value: number) => formatBytes(value, locale);
  const layers = image.layers.filter((layer) => !layer.metadataOnly);
  if (!image.sharingKnown) return t('layers.summary.unknown', { size: bytes(image.totalBytes) });
  if (layers.length === 0) return t('layers.summary.noLayers');
  const shared = layers.filter((layer) => layer.sharedWith.length > 0);
  if (shared.length === 0) return t('layers.summary.noneShared', { size: bytes(image.totalBytes) });
  // An image that shares a layer shares every layer below it too: the base layer's list names them all.
  const names = imageNameList(t, [...new Set(shared.flatMap((layer) => layer.sharedWith))], locale);
  const sharedSize = bytes(image.sharedBytes);
  if (shared.length === layers.length)
    return t('layers.summary.allShared', { count: layers.length, sharedSize, names });
  return t('layers.summary.shared', {
    count: shared.length,
    total: layers.length,
    sharedSize,
    names,
    ownSize: bytes(image.totalBytes - image.sharedBytes),
  });
}
