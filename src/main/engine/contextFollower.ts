import fs from 'node:fs';
import { dockerConfigDir, readCurrentContext, type EndpointWorld } from './endpoint';

/** What following the CLI's current context reads: the endpoint world, and a way to watch a folder. */
export interface ContextFollowWorld extends EndpointWorld {
  /**
   * Calls onChange when something in the folder changes (with the file's name when known) and
   * returns the function that stops watching; null when the folder cannot be watched.
   */
  watchDirectory(dirPath: string, onChange: (fileName: string | null) => void): (() => void) | null;
}

/** The real folder watcher: fs.watch, which the OS drives (inotify, FSEvents…), so nothing polls. */
export function watchDirectoryWithFs(
  dirPath: string,
  onChange: (fileName: string | null) => void,
): (() => void) | null {
  try {
    const watcher = fs.watch(dirPath, { persistent: false }, (_event, fileName) => onChange(fileName ?? null));
    // A folder removed while watched ends the watch; that is not a failure of the app.
    watcher.on('error', () => watcher.close());
    return () => watcher.close();
  } catch {
    return null;
  }
}

export interface ContextFollowerOptions {
  world: ContextFollowWorld;
  /** Whether Berth's engine choice is automatic now (read at each change: the setting may change). */
  isAutomatic: () => boolean;
  /** The CLI's current context changed to this one, and Berth should move with it. */
  onFollow: (contextName: string) => void;
}

/**
 * Follows `docker context use` while the engine choice is automatic: the CLI writes currentContext
 * into config.json (replacing the file, so the folder is what is watched), and Berth reconnects to
 * where the CLI now goes, as the docker command does. DOCKER_HOST and DOCKER_CONTEXT outrank the
 * config file for the CLI, so with either set nothing is followed.
 */
export class ContextFollower {
  private stopWatching: (() => void) | null = null;
  private current: string | null = null;

  constructor(private readonly options: ContextFollowerOptions) {}

  start(): void {
    if (this.stopWatching) return;
    const { world } = this.options;
    this.current = readCurrentContext(world);
    this.stopWatching = world.watchDirectory(dockerConfigDir(world), (fileName) => {
      if (fileName === null || fileName === 'config.json') this.check();
    });
  }

  stop(): void {
    this.stopWatching?.();
    this.stopWatching = null;
  }

  private check(): void {
    const { world } = this.options;
    // Unreadable: a write caught half way, not a switch to "default"; the rename that ends it comes next.
    const next = readCurrentContext(world);
    if (next === null || next === this.current) return;
    this.current = next;
    if (world.env.DOCKER_HOST || world.env.DOCKER_CONTEXT) return;
    if (this.options.isAutomatic()) this.options.onFollow(next);
  }
}
