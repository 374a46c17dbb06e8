import type Docker from 'dockerode';
import type { z } from 'zod';
import type { Dispose, Listener } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import type {
  Volume,
  VolumePruneResult,
  VolumeSizes,
  volumeCreateInputSchema,
  volumePruneInputSchema,
  volumeRemoveInputSchema,
} from '../../shared/volumes';
import type { EngineEvent } from '../engine/engineMonitor';
import { engineError, engineStatus, notFound } from '../engine/engineErrors';
import { LiveList, type EngineEventSource } from '../engine/liveList';
import { readSystemDf } from '../engine/systemDf';
import { joinVolumes, toVolume, type EngineVolume } from './volumeList';

export type VolumeCreateInput = z.input<typeof volumeCreateInputSchema>;
export type VolumeRemoveInput = z.input<typeof volumeRemoveInputSchema>;
export type VolumePruneInput = z.input<typeof volumePruneInputSchema>;

export interface VolumeServiceOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  monitor: EngineEventSource;
  /** Engine events within this many ms make one list call. Default 100. */
  debounceMs?: number;
  /**
   * Ends Berth's own use of a volume (the file browser's helper container, kept a minute between
   * clicks) before it is removed, so Berth itself never makes a volume "in use".
   */
  releaseVolume?: (name: string) => Promise<void>;
}

/**
 * Container events that change "used by": a container made or gone (dockerd says destroy, Podman
 * remove), renamed, or starting and ending (whether a user runs).
 */
const containerActions = new Set(['create', 'destroy', 'remove', 'rename', 'start', 'die']);

/**
 * Every volume event may change the list: dockerd sends create, mount, unmount and destroy, Podman
 * create and remove (an action Berth does not know reads the list again too).
 */
export function isVolumeListEvent(event: EngineEvent): boolean {
  if (event.Type === 'volume') return true;
  if (event.Type === 'container') return containerActions.has(event.Action);
  return false;
}

/** "web (running), db" for messages. */
function containerNames(volume: Volume): string {
  return volume.containers.map((c) => `${c.name}${c.running ? ' (running)' : ''}`).join(', ');
}

function inUseError(volume: Volume): BerthError {
  const one = volume.containers.length === 1;
  return new BerthError(
    'in-use',
    `The volume ${volume.name} is used by ${one ? 'the container' : 'the containers'} ${containerNames(volume)}: remove ${one ? 'it' : 'them'} first.`,
  );
}

/**
 * The volumes (`docker volume ls`) with the containers that mount each; creating, removing and
 * removing the unused ones the user saw. Removal refuses unless the confirmation names the volume,
 * and never forces: a volume in use is refused, naming its containers. Changes are pushed when the
 * engine's events say something changed; nothing polls.
 */
export class VolumeService {
  private readonly getClient: () => Docker;
  private readonly live: LiveList<Volume[]>;
  private readonly releaseVolume: (name: string) => Promise<void>;

  constructor(options: VolumeServiceOptions) {
    this.getClient = options.getClient;
    this.releaseVolume = options.releaseVolume ?? (async () => undefined);
    this.live = new LiveList({
      monitor: options.monitor,
      load: () => this.list(),
      isRelevant: isVolumeListEvent,
      debounceMs: options.debounceMs,
    });
  }

  /** GET /volumes joined with GET /containers/json?all=1: named volumes first, then anonymous ones, each by name. */
  async list(): Promise<Volume[]> {
    const client = this.getClient();
    try {
      const [answer, containers] = await Promise.all([client.listVolumes(), client.listContainers({ all: true })]);
      return joinVolumes((answer.Volumes ?? []) as EngineVolume[], containers);
    } catch (error) {
      throw engineError(error, 'Listing the volumes');
    }
  }

  /**
   * Each volume's size from GET /system/df: the engine walks every volume's files for it, so only
   * when asked. null where the engine does not know (-1: a driver that cannot say).
   */
  async sizes(): Promise<VolumeSizes> {
    try {
      const df = (await readSystemDf(this.getClient())) as {
        Volumes?: Array<{ Name: string; UsageData?: { Size?: number } | null }> | null;
      };
      const sizes: Record<string, number | null> = {};
      for (const volume of df.Volumes ?? []) {
        const size = volume.UsageData?.Size;
        sizes[volume.Name] = typeof size === 'number' && size >= 0 ? size : null;
      }
      return { sizes, measuredAt: Date.now() };
    } catch (error) {
      throw engineError(error, 'Measuring the volumes');
    }
  }

  /**
   * POST /volumes/create, refusing a name that exists: both engines would answer with the existing
   * volume as if they had made it, and the user would think an empty one was new.
   */
  async create(input: VolumeCreateInput): Promise<Volume> {
    const client = this.getClient();
    if (await this.exists(input.name)) {
      throw new BerthError('name-in-use', `A volume named ${input.name} already exists.`);
    }
    const labels: Record<string, string> = {};
    for (const label of input.labels ?? []) labels[label.key.trim()] = label.value;
    try {
      await client.createVolume({ Name: input.name, Labels: labels });
      const created = (await client.getVolume(input.name).inspect()) as EngineVolume;
      this.live.invalidate();
      return toVolume(created, new Map());
    } catch (error) {
      throw engineError(error, `Creating the volume ${input.name}`);
    }
  }

  /** Removes one volume: only with a confirmation naming it, never while a container uses it, never forced. */
  async remove(input: VolumeRemoveInput): Promise<{ removed: string }> {
    if (input.confirm.trim() !== input.name) {
      throw new BerthError(
        'confirmation-required',
        `The confirmation "${input.confirm}" does not name the volume ${input.name}: its data would be gone for good.`,
      );
    }
    await this.releaseVolume(input.name);
    const volume = (await this.list()).find((candidate) => candidate.name === input.name);
    if (!volume) throw new BerthError('not-found', `There is no volume ${input.name}.`);
    if (volume.containers.length > 0) throw inUseError(volume);
    await this.removeOne(volume.name);
    return { removed: volume.name };
  }

  /**
   * Removes exactly the listed volumes, each only if it still exists and no container uses it now;
   * the others are reported with why. Never the engine's prune: since API 1.42 it takes only
   * anonymous volumes unless all=true, and either way it decides what goes, not the user.
   */
  async prune(input: VolumePruneInput): Promise<VolumePruneResult> {
    const sizes = await this.sizes().catch(() => null);
    for (const name of new Set(input.names)) await this.releaseVolume(name);
    const volumes = new Map((await this.list()).map((volume) => [volume.name, volume]));
    const result: VolumePruneResult = { removed: [], reclaimedBytes: 0, failed: [] };
    for (const name of new Set(input.names)) {
      const volume = volumes.get(name);
      if (!volume) {
        result.failed.push({ name, reason: 'not-found', message: `There is no volume ${name} (any more).` });
        continue;
      }
      if (volume.containers.length > 0) {
        result.failed.push({
          name,
          reason: 'in-use',
          message: inUseError(volume).message,
          containers: volume.containers.map((container) => container.name),
        });
        continue;
      }
      try {
        await this.removeOne(name);
        result.removed.push(name);
        result.reclaimedBytes += sizes?.sizes[name] ?? 0;
      } catch (error) {
        const code = error instanceof BerthError ? error.code : null;
        result.failed.push({
          name,
          reason: code === 'in-use' || code === 'not-found' ? code : 'engine-error',
          message: error instanceof Error ? error.message : String(error),
        });
      }
    }
    return result;
  }

  /** The list now (once it answers), then each fresh one: 'volumes.list'. */
  subscribe(emit: Listener<Volume[]>): Dispose {
    return this.live.subscribe(emit);
  }

  /** The fresh list after every engine change to volumes or their containers. */
  onChange(listener: Listener<Volume[]>): Dispose {
    return this.live.onChange(listener);
  }

  /** Loads the list again soon: after a change Berth made itself. */
  invalidate(): void {
    this.live.invalidate();
  }

  dispose(): void {
    this.live.dispose();
  }

  private async exists(name: string): Promise<boolean> {
    try {
      await this.getClient().getVolume(name).inspect();
      return true;
    } catch (error) {
      if (engineStatus(error) === 404) return false;
      throw engineError(error, `Looking for the volume ${name}`);
    }
  }

  /**
   * DELETE /volumes/<name> without force. The engine's own 409 (a container made meanwhile) is
   * in-use, naming the containers as a fresh list sees them (the engine names only ids).
   */
  private async removeOne(name: string): Promise<void> {
    try {
      await this.getClient().getVolume(name).remove({});
      this.live.invalidate();
    } catch (error) {
      if (engineStatus(error) === 409) {
        const volume = await this.list().then(
          (volumes) => volumes.find((candidate) => candidate.name === name),
          () => undefined,
        );
        if (volume && volume.containers.length > 0) throw inUseError(volume);
      }
      throw engineError(error, `Removing the volume ${name}`, [
        {
          status: 409,
          code: 'in-use',
          message: (words) => `The engine refused to remove the volume ${name}: ${words}`,
        },
        notFound(`volume ${name}`),
      ]);
    }
  }
}
