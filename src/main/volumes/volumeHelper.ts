import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { BerthError } from '../../shared/errors';
import { engineError, engineStatus, notFound } from '../engine/engineErrors';
import type { Pulls } from '../images/pulls';

/** The image of Berth's helper containers: small, with sh, ls, stat and sleep. */
export const HELPER_IMAGE = 'busybox:latest';
/** What Berth's volume helpers carry: left-overs are found (and only they are removed) by it. */
export const HELPER_LABEL = 'berth.helper';
export const HELPER_PURPOSE = 'volume-files';
export const HELPER_VOLUME_LABEL = 'berth.volume';
/** How every helper's name starts: the lessons leave Berth's own helpers out of a volume's users. */
export const HELPER_NAME_PREFIX = 'berth-volume-files-';
/** Where the volume is mounted inside the helper. */
export const HELPER_MOUNT = '/volume';
/** A browse session keeps its read-only helper this long after its last use: clicking through folders stays fast. */
const DEFAULT_IDLE_MS = 60_000;
/**
 * The helper's command: it only has to stay up while Berth uses it. Bounded, so a helper left by a
 * crash stops by itself (and is removed at Berth's next use).
 */
const HELPER_COMMAND = ['sleep', '86400'];

export interface VolumeHelpersOptions {
  getClient: () => Docker;
  /** busybox is pulled through the pull jobs when missing, so the pulls panel shows it. */
  pulls: Pulls;
  idleMs?: number;
  /** The helper's image; HELPER_IMAGE unless a test pulls another name of busybox. */
  image?: string;
}

interface Kept {
  id: Promise<string>;
  users: number;
  timer: NodeJS.Timeout | null;
}

/**
 * Berth's short-lived helper containers for a volume, as Rancher Desktop browses volumes: busybox
 * with the volume mounted at /volume, read-only for browsing and backup (kept a short while between
 * uses), read-write only for a restore into a new volume (removed at once). Every helper is labelled
 * berth.helper=volume-files and removed when done; dispose() removes those still kept.
 */
export class VolumeHelpers {
  private readonly kept = new Map<string, Kept>();
  private leftoversCleared: Promise<void> | null = null;
  private disposed = false;
  private readonly idleMs: number;
  private readonly image: string;

  constructor(private readonly options: VolumeHelpersOptions) {
    this.idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
    this.image = options.image ?? HELPER_IMAGE;
  }

  /**
   * Runs `use` with a running read-only helper of the volume, kept for idleMs after the last use.
   * A helper gone meanwhile (removed from the Containers page) is replaced once.
   */
  async withReadOnly<T>(volume: string, use: (client: Docker, id: string) => Promise<T>): Promise<T> {
    const client = this.options.getClient();
    for (let attempt = 0; ; attempt += 1) {
      const kept = this.lease(volume);
      try {
        const id = await kept.id;
        return await use(client, id);
      } catch (error) {
        const gone = attempt === 0 && (await this.helperGone(client, kept));
        if (gone) {
          this.forget(volume, kept);
          continue;
        }
        throw error;
      } finally {
        this.release(volume, kept);
      }
    }
  }

  /**
   * Runs `use` with a helper of its own, removed as soon as it is done: read-write only for a
   * restore into a new volume; read-only for a backup, which must not keep the volume in use (the
   * remove dialog offers a backup just before removing).
   */
  async withOneShot<T>(
    volume: string,
    access: 'ro' | 'rw',
    use: (client: Docker, id: string) => Promise<T>,
  ): Promise<T> {
    const client = this.options.getClient();
    const id = await this.create(client, volume, access === 'ro');
    try {
      return await use(client, id);
    } finally {
      await removeHelper(client, id).catch(() => undefined);
    }
  }

  /** Removes the helper kept for the volume now (its page was left), so nothing holds the volume. */
  async endSession(volume: string): Promise<boolean> {
    const kept = this.kept.get(volume);
    if (!kept) return false;
    this.kept.delete(volume);
    await this.removeKept(kept);
    return true;
  }

  /** Removes every kept helper; resolves once they are gone. */
  async dispose(): Promise<void> {
    this.disposed = true;
    const all = [...this.kept.entries()];
    this.kept.clear();
    await Promise.all(all.map(([, kept]) => this.removeKept(kept)));
  }

  private lease(volume: string): Kept {
    let kept = this.kept.get(volume);
    if (!kept) {
      const client = this.options.getClient();
      const created: Kept = { id: this.create(client, volume, true), users: 0, timer: null };
      // A failed creation is not kept: the next use tries again.
      created.id.catch(() => this.forget(volume, created));
      this.kept.set(volume, created);
      kept = created;
    }
    if (kept.timer) clearTimeout(kept.timer);
    kept.timer = null;
    kept.users += 1;
    return kept;
  }

  private release(volume: string, kept: Kept): void {
    kept.users -= 1;
    if (kept.users > 0 || this.kept.get(volume) !== kept) return;
    kept.timer = setTimeout(() => {
      if (this.kept.get(volume) === kept && kept.users === 0) this.forget(volume, kept);
    }, this.idleMs);
    kept.timer.unref?.();
  }

  private forget(volume: string, kept: Kept): void {
    if (this.kept.get(volume) === kept) this.kept.delete(volume);
    if (kept.timer) clearTimeout(kept.timer);
    void this.removeKept(kept);
  }

  private async removeKept(kept: Kept): Promise<void> {
    if (kept.timer) clearTimeout(kept.timer);
    // The client now, before any await: at Berth's quit the connection is closed right after.
    let client: Docker;
    try {
      client = this.options.getClient();
    } catch {
      return; // No engine: the next start removes it as a left-over.
    }
    const id = await kept.id.catch(() => null);
    if (id) await removeHelper(client, id).catch(() => undefined);
  }

  /** Whether the kept helper no longer runs (removed or stopped behind Berth's back). */
  private async helperGone(client: Docker, kept: Kept): Promise<boolean> {
    const id = await kept.id.catch(() => null);
    if (!id) return false;
    try {
      const info = await client.getContainer(id).inspect();
      return !info.State.Running;
    } catch (error) {
      return engineStatus(error) === 404;
    }
  }

  private async create(client: Docker, volume: string, readOnly: boolean): Promise<string> {
    if (this.disposed) throw new BerthError('cancelled', 'Berth is closing: no helper container is started.');
    await requireVolume(client, volume);
    await (this.leftoversCleared ??= removeLeftovers(client));
    await this.ensureImage(client);
    const doing = `Starting a helper container for the volume ${volume}`;
    let container: Docker.Container;
    try {
      container = await client.createContainer({
        name: `${HELPER_NAME_PREFIX}${randomBytes(4).toString('hex')}`,
        Image: this.image,
        Cmd: HELPER_COMMAND,
        Labels: { [HELPER_LABEL]: HELPER_PURPOSE, [HELPER_VOLUME_LABEL]: volume },
        WorkingDir: HELPER_MOUNT,
        HostConfig: {
          Binds: [`${volume}:${HELPER_MOUNT}${readOnly ? ':ro' : ''}`],
          // It reads and writes files only: no network.
          NetworkMode: 'none',
        },
      });
    } catch (error) {
      throw engineError(error, doing);
    }
    try {
      await container.start();
    } catch (error) {
      await removeHelper(client, container.id);
      throw engineError(error, doing);
    }
    return container.id;
  }

  private async ensureImage(client: Docker): Promise<void> {
    try {
      await client.getImage(this.image).inspect();
      return;
    } catch (error) {
      if (engineStatus(error) !== 404) throw engineError(error, `Looking for ${this.image}`);
    }
    let job = this.options.pulls.start(this.image);
    if (job.state === 'pulling') job = await this.options.pulls.settled(job.id);
    if (job.state !== 'done') {
      throw job.error
        ? new BerthError(job.error.code, `Pulling ${this.image} for the helper container failed: ${job.error.message}`)
        : new BerthError('cancelled', `The pull of ${this.image} for the helper container was cancelled.`);
    }
  }
}

/** The volume must exist: a bind of a missing name would create it. */
async function requireVolume(client: Docker, volume: string): Promise<void> {
  try {
    await client.getVolume(volume).inspect();
  } catch (error) {
    throw engineError(error, `Looking for the volume ${volume}`, [
      { status: 404, code: 'not-found', message: () => `There is no volume named ${volume}.` },
    ]);
  }
}

async function removeHelper(client: Docker, id: string): Promise<void> {
  try {
    await client.getContainer(id).remove({ force: true, v: false });
  } catch (error) {
    // Gone already, or being removed (Podman answers 409 while it is).
    if (engineStatus(error) !== 404 && engineStatus(error) !== 409) {
      throw engineError(error, 'Removing the helper container', [notFound('helper container')]);
    }
  }
}

/** Helpers a crash left behind: only containers with Berth's volume-files label. */
async function removeLeftovers(client: Docker): Promise<void> {
  try {
    const leftovers = await client.listContainers({
      all: true,
      filters: JSON.stringify({ label: [`${HELPER_LABEL}=${HELPER_PURPOSE}`] }),
    });
    await Promise.all(
      leftovers
        .filter((container) => container.Labels?.[HELPER_LABEL] === HELPER_PURPOSE)
        .map((container) => removeHelper(client, container.Id).catch(() => undefined)),
    );
  } catch {
    // Not being able to list them must not stop browsing; the next start tries again.
  }
}
