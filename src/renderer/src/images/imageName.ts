import type { LocalImage } from '../../../shared/images';

/** "sha256:abc…" → "abc…" (12 characters), as `docker images` shows an image id. */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** The name a person knows an image by: its first tag, or its short id when it has none. */
export function imageDisplayName(image: LocalImage): string {
  return image.repoTags[0] ?? shortImageId(image.id);
}
