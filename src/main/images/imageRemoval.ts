import type Docker from 'dockerode';
import { familiarListedName } from '../../shared/imageReference';
import type { LocalImage } from '../../shared/images';
import { engineError, notFound } from '../engine/engineErrors';

/**
 * Removes an image without force, as `docker rmi` does: several tags are untagged one by one, like
 * `docker rmi a:1 b:2` (the last untag deletes the image); by id without force the engine would
 * refuse a multi-tag image. The engine refuses an image a container uses. Returns what went
 * (untagged names and deleted ids).
 */
export async function removeImageUnforced(
  client: Docker,
  image: Pick<LocalImage, 'id' | 'repoTags'>,
  label: string,
): Promise<string[]> {
  const targets = image.repoTags.length > 1 ? image.repoTags : [image.id];
  const removed: string[] = [];
  for (const target of targets) removed.push(...(await deleteImage(client, target, false, label)));
  return removed;
}

export async function deleteImage(client: Docker, name: string, force: boolean, label: string): Promise<string[]> {
  try {
    const result = (await client.getImage(name).remove({ force })) as Array<{ Untagged?: string; Deleted?: string }>;
    const removed: string[] = [];
    for (const entry of result ?? []) {
      // Named as the list names them: Podman answers docker.io/library/x:1 and ids without "sha256:".
      if (entry.Untagged) removed.push(familiarListedName(entry.Untagged));
      if (entry.Deleted) removed.push(/^[0-9a-f]{64}$/.test(entry.Deleted) ? `sha256:${entry.Deleted}` : entry.Deleted);
    }
    return removed;
  } catch (error) {
    throw engineError(error, `Removing ${label}`, [
      { status: 409, code: 'in-use', message: (words) => `The engine refused to remove ${label}: ${words}` },
      notFound(`image ${label}`),
    ]);
  }
}
