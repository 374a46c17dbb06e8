import type Docker from 'dockerode';
import { containerName } from '../containers/containerSummary';
import type { z } from 'zod';
import type { Dispose, Listener } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import { familiarListedName } from '../../shared/imageReference';
import type {
  imagePruneInputSchema,
  imagePruneResultSchema,
  imageRemoveInputSchema,
  LocalImage,
} from '../../shared/images';
import type { EngineEvent } from '../engine/engineMonitor';
import { engineError, engineStatus } from '../engine/engineErrors';
import { LiveList, type EngineEventSource } from '../engine/liveList';
import { deleteImage, removeImageUnforced } from './imageRemoval';

export type ImageRemoveInput = z.input<typeof imageRemoveInputSchema>;
export type ImagePruneInput = z.input<typeof imagePruneInputSchema>;
export type ImagePruneResult = z.infer<typeof imagePruneResultSchema>;

/** What the service needs from the EngineMonitor: its events and its connection state. */
export type ImageEventSource = EngineEventSource;

export interface ImageServiceOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  monitor: ImageEventSource;
  /** Engine events within this many ms make one list call. Default 100. */
  debounceMs?: number;
  /** A steady stream of events still refreshes at least this often. Default 1000. */
  maxWaitMs?: number;
}

/**
 * Container events after which the list reads differently: a container made or gone changes "used
 * by", one starting or ending changes whether it runs (the removal dialog follows it). dockerd says
 * destroy, Podman remove.
 */
const containerActions = new Set([
  'create',
  'destroy',
  'remove',
  'commit',
  'start',
  'die',
  'stop',
  'kill',
  'pause',
  'unpause',
]);

/** Every image event may change the list (dockerd's delete is Podman's remove; an unknown action reads it again too). */
export function isImageListEvent(event: EngineEvent): boolean {
  if (event.Type === 'image') return true;
  if (event.Type === 'container') return containerActions.has(event.Action);
  return false;
}

/**
 * The local images (`docker images`), with the containers that use each, and their removal.
 * Removal refuses unless the confirmation names what it destroys. Changes are pushed when the
 * engine's events say something changed; nothing polls.
 */
export class ImageService {
  private readonly getClient: () => Docker;
  private readonly monitor: ImageEventSource;
  /** Follows the engine's events only while someone listens. */
  private readonly live: LiveList<LocalImage[]>;

  constructor(options: ImageServiceOptions) {
    this.getClient = options.getClient;
    this.monitor = options.monitor;
    this.live = new LiveList({
      monitor: options.monitor,
      load: () => this.list(),
      isRelevant: isImageListEvent,
      debounceMs: options.debounceMs,
      maxWaitMs: options.maxWaitMs,
    });
  }

  /** GET /images/json joined with GET /containers/json?all=1, newest first. */
  async list(): Promise<LocalImage[]> {
    const client = this.getClient();
    const [images, containers] = await Promise.all([
      client.listImages({ all: false }),
      client.listContainers({ all: true }),
    ]);
    const byImage = new Map<string, LocalImage['containers']>();
    for (const container of containers) {
      const using = byImage.get(container.ImageID) ?? [];
      using.push({
        id: container.Id,
        name: containerName(container.Names, container.Id),
        running: container.State === 'running',
      });
      byImage.set(container.ImageID, using);
    }
    return images
      .map((image): LocalImage => {
        // Sorted: dockerd lists an image's tags in order, Podman in the order they were added.
        const repoTags = (image.RepoTags ?? [])
          .filter((tag) => tag !== '<none>:<none>')
          .map(familiarListedName)
          .sort((a, b) => a.localeCompare(b));
        return {
          id: image.Id,
          repoTags,
          repoDigests: (image.RepoDigests ?? []).filter((digest) => digest !== '<none>@<none>').map(familiarListedName),
          size: Math.max(0, image.Size ?? 0),
          created: image.Created,
          containers: byImage.get(image.Id) ?? [],
          dangling: repoTags.length === 0,
        };
      })
      .sort((a, b) => b.created - a.created || a.id.localeCompare(b.id));
  }

  /**
   * Removes one image. The safety net under the renderer's dialogs: the confirmation must name the
   * image (its id, short id or a tag), and containers using it must be confirmed one by one.
   */
  async remove(input: ImageRemoveInput): Promise<{ removed: string[] }> {
    const force = input.force ?? false;
    const confirmContainers = input.confirmContainers ?? [];
    const images = await this.list();
    const image = findImage(images, input.id);
    if (!image) throw new BerthError('not-found', `There is no image ${input.id}.`);
    if (!namesImage(image, input.confirm)) {
      throw new BerthError(
        'confirmation-required',
        `The confirmation "${input.confirm}" does not name the image ${describe(image)}: type its name or id to remove it.`,
      );
    }
    if (image.containers.length > 0) {
      const names = image.containers.map((c) => `${c.name}${c.running ? ' (running)' : ''}`).join(', ');
      if (!force) {
        throw new BerthError(
          'in-use',
          `${describe(image)} is used by ${image.containers.length === 1 ? 'the container' : 'the containers'} ${names}: remove ${image.containers.length === 1 ? 'it' : 'them'} first, or force the removal.`,
        );
      }
      const unconfirmed = image.containers.filter(
        (container) => !confirmContainers.some((id) => sameContainerId(container.id, id)),
      );
      if (unconfirmed.length > 0) {
        throw new BerthError(
          'confirmation-required',
          `Forcing the removal of ${describe(image)} needs a confirmation naming every container that uses it; not confirmed: ${unconfirmed.map((c) => c.name).join(', ')}.`,
        );
      }
    }

    const client = this.getClient();
    const removed: string[] = [];
    let forceImage = force;
    if (image.containers.length > 0 && this.monitor.getStatus().server?.family === 'podman') {
      // Podman's force also removes the containers, running ones too: remove the confirmed stopped
      // containers by name first, refuse running ones as dockerd does, then the image without force.
      removed.push(...(await removeContainersFirst(client, image)));
      forceImage = false;
    }
    if (forceImage) removed.push(...(await deleteImage(client, image.id, true, describe(image))));
    else removed.push(...(await removeImageUnforced(client, image, describe(image))));
    return { removed };
  }

  /** Removes exactly the listed images that are dangling now; the others are reported, not touched. */
  async prune(input: ImagePruneInput): Promise<ImagePruneResult> {
    const images = await this.list();
    const client = this.getClient();
    const uniqueSizes = await this.uniqueSizes(client);
    const removed: string[] = [];
    const failed: ImagePruneResult['failed'] = [];
    let reclaimedBytes = 0;
    const seen = new Set<string>();
    for (const id of input.ids) {
      const image = findImage(images, id, { tags: false });
      if (!image) {
        failed.push({ id, message: 'No such image (it may already be gone).' });
        continue;
      }
      if (seen.has(image.id)) continue;
      seen.add(image.id);
      if (!image.dangling) {
        failed.push({ id, message: `Not dangling: it is tagged ${image.repoTags.join(', ')}.` });
        continue;
      }
      try {
        const deleted = await deleteImage(client, image.id, false, image.id);
        removed.push(...deleted);
        reclaimedBytes += uniqueSizes.get(image.id) ?? image.size;
      } catch (error) {
        failed.push({ id, message: error instanceof Error ? error.message : String(error) });
      }
    }
    return { removed, reclaimedBytes, failed };
  }

  /** The fresh list after every engine change to images (debounced) and when the engine connects again. */
  onChange(listener: Listener<LocalImage[]>): Dispose {
    return this.live.onChange(listener);
  }

  /** The list now (once it answers; nothing when the engine cannot list), then each fresh one: 'images.list'. */
  subscribe(emit: Listener<LocalImage[]>): Dispose {
    return this.live.subscribe(emit);
  }

  dispose(): void {
    this.live.dispose();
  }

  /** Size minus the layers other images share, from GET /system/df (what removing an image frees). */
  private async uniqueSizes(client: Docker): Promise<Map<string, number>> {
    const sizes = new Map<string, number>();
    try {
      const df = (await client.df()) as { Images?: Array<{ Id: string; Size: number; SharedSize: number }> };
      for (const image of df.Images ?? []) {
        if (image.SharedSize >= 0) sizes.set(image.Id, Math.max(0, image.Size - image.SharedSize));
      }
    } catch {
      // Without df the full size is the estimate.
    }
    return sizes;
  }
}

function describe(image: LocalImage): string {
  return image.repoTags[0] ?? shortId(image.id);
}

function shortId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}

/** An image by full id, id without "sha256:", a unique id prefix of at least 12 characters, or (optionally) a tag. */
function findImage(images: LocalImage[], key: string, options: { tags: boolean } = { tags: true }): LocalImage | null {
  const bare = key.replace(/^sha256:/, '');
  const byId = images.find((image) => image.id === key || image.id === `sha256:${bare}`);
  if (byId) return byId;
  if (/^[a-f0-9]{12,64}$/.test(bare)) {
    const matches = images.filter((image) => image.id.startsWith(`sha256:${bare}`));
    if (matches.length === 1) return matches[0]!;
  }
  if (!options.tags) return null;
  const tag = key.includes(':') && key.lastIndexOf(':') > key.lastIndexOf('/') ? key : `${key}:latest`;
  return images.find((image) => image.repoTags.includes(key) || image.repoTags.includes(tag)) ?? null;
}

/** Whether a confirmation names the image: its full id (with or without "sha256:"), its short id, or one of its tags. */
export function namesImage(image: Pick<LocalImage, 'id' | 'repoTags'>, confirm: string): boolean {
  const value = confirm.trim();
  if (value === '') return false;
  const bare = image.id.replace(/^sha256:/, '');
  return value === image.id || value === bare || value === bare.slice(0, 12) || image.repoTags.includes(value);
}

function sameContainerId(id: string, confirmed: string): boolean {
  return confirmed === id || (confirmed.length >= 12 && id.startsWith(confirmed));
}

/**
 * On Podman the confirmed containers go before their image, one by one and each without force, so a
 * container that started meanwhile is refused by the engine rather than killed.
 */
async function removeContainersFirst(client: Docker, image: LocalImage): Promise<string[]> {
  const running = image.containers.filter((container) => container.running);
  if (running.length > 0) {
    throw new BerthError(
      'in-use',
      `${describe(image)} is used by the running ${running.length === 1 ? 'container' : 'containers'} ${running.map((c) => c.name).join(', ')}: stop ${running.length === 1 ? 'it' : 'them'} first.`,
    );
  }
  const removed: string[] = [];
  for (const container of image.containers) {
    try {
      await client.getContainer(container.id).remove({ force: false, v: false });
      removed.push(container.id);
    } catch (error) {
      if (engineStatus(error) === 404) continue;
      throw engineError(error, `Removing the container ${container.name} before ${describe(image)}`, [
        {
          status: 409,
          code: 'in-use',
          message: (words) =>
            `The engine refused to remove the container ${container.name} before ${describe(image)}: ${words}`,
        },
      ]);
    }
  }
  return removed;
}
