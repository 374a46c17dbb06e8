import fs from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import type { ContextEntry, ContextWalk } from './contextWalk';
import { END_OF_ARCHIVE, encodeTarHeader, padding, type TarHeader } from './tarHeader';

/** Files up to this size are read at once, header and content in one buffer; larger ones are streamed. */
const SMALL_FILE = 256 * 1024;
/** What is read ahead of the engine: also bounds how long one stretch of small reads holds the main process. */
const HIGH_WATER_MARK = 1024 * 1024;
const CHUNK = 64 * 1024;

/**
 * The walk's entries as the tar stream POST /build takes, with the headers the docker CLI writes
 * (moby's pkg/archive), so the classic builder's cache key for COPY/ADD is the same for a build
 * from Berth and one from the terminal:
 * - folders named with a trailing "/" (canonicalTarName);
 * - a file with more than one hard link sent once, then as a hard link to that first name (Linux
 *   and macOS; on Windows the CLI sees no hard links either);
 * - owners root (ChownOpts 0:0) with no user or group names; modes as they are (permission bits
 *   with setuid, setgid, sticky), except on Windows (see tarMode); mtime cut to whole seconds.
 * Links are stored as links, never followed. The stat results come from the walk; small files are
 * read whole, synchronously, a stretch of up to HIGH_WATER_MARK at a time (no stream, promise or
 * timer per file), which keeps packing thousands of small files close to GNU tar.
 */
export function packWalk(walk: ContextWalk): Readable {
  return new WalkPack(walk);
}

class WalkPack extends Readable {
  private next = 0;
  /** A large file is being streamed: _read only wakes it when it waits for room. */
  private streamingLarge = false;
  private waitingForRoom: (() => void) | null = null;
  /** "dev:ino" of each multiply linked entry sent, to the name it was sent as. */
  private readonly linked = new Map<string, string>();

  constructor(private readonly walk: ContextWalk) {
    super({ highWaterMark: HIGH_WATER_MARK });
  }

  override _read(): void {
    const wake = this.waitingForRoom;
    this.waitingForRoom = null;
    if (wake) wake();
    else if (!this.streamingLarge) this.packSmallOrFail();
  }

  private packSmallOrFail(): void {
    try {
      this.packSmall();
    } catch (error) {
      this.destroy(error as Error);
    }
  }

  /** Pushes entries until the buffer is full, the walk is done, or a large file needs streaming. */
  private packSmall(): void {
    const entries = this.walk.entries;
    while (this.next < entries.length) {
      const entry = entries[this.next]!;
      const header = this.headerOf(entry);
      if (header.type === 'file' && header.size > SMALL_FILE) {
        this.next++;
        this.streamingLarge = true;
        void this.streamLarge(entry, header).then(
          () => {
            this.streamingLarge = false;
            this.packSmallOrFail();
          },
          (error: Error) => this.destroy(error),
        );
        return;
      }
      this.next++;
      const block = header.type === 'file' ? this.readSmall(entry, header) : encodeTarHeader(header);
      if (!block) continue;
      this.remember(entry);
      if (!this.push(block)) return;
    }
    if (this.next === entries.length) {
      this.next++;
      this.push(END_OF_ARCHIVE);
      this.push(null);
    }
  }

  private headerOf(entry: ContextEntry): TarHeader {
    const { stats } = entry;
    const header: TarHeader = {
      name: entry.kind === 'directory' ? `${entry.path}/` : entry.path,
      type: entry.kind,
      mode: tarMode(stats.mode & 0o7777),
      size: entry.kind === 'file' ? stats.size : 0,
      mtime: Math.floor(stats.mtimeMs / 1000),
      linkname: entry.linkTarget,
    };
    const first = this.linked.get(inodeOf(entry) ?? '');
    return first === undefined ? header : { ...header, type: 'hardlink', size: 0, linkname: first };
  }

  /** Once sent (a file deleted since the walk is not), an entry with other hard links is what they link to. */
  private remember(entry: ContextEntry): void {
    const inode = inodeOf(entry);
    if (inode !== null && !this.linked.has(inode)) this.linked.set(inode, entry.path);
  }

  /** Header, content and padding in one buffer; null when the file went away since the walk. */
  private readSmall(entry: ContextEntry, header: TarHeader): Buffer | null {
    const fd = this.open(entry);
    if (fd === null) return null;
    const content = Buffer.allocUnsafe(header.size);
    let size = 0;
    try {
      // Read no more than the walk counted: a file that grew since is cut there, one that shrank is sent as it is now.
      while (size < header.size) {
        const read = fs.readSync(fd, content, size, header.size - size, size);
        if (read === 0) break;
        size += read;
      }
    } finally {
      fs.closeSync(fd);
    }
    const head = encodeTarHeader({ ...header, size });
    return Buffer.concat([head, content.subarray(0, size), Buffer.alloc(padding(size))]);
  }

  private async streamLarge(entry: ContextEntry, header: TarHeader): Promise<void> {
    const fd = this.open(entry);
    if (fd === null) return;
    this.remember(entry);
    try {
      // The header is sent before the content, so the size is the walk's: a file that shrinks is padded with zeros.
      await this.send(encodeTarHeader(header));
      let offset = 0;
      while (offset < header.size) {
        const chunk = Buffer.allocUnsafe(Math.min(CHUNK, header.size - offset));
        const read = await new Promise<number>((resolve, reject) =>
          fs.read(fd, chunk, 0, chunk.length, offset, (error, bytes) => (error ? reject(error) : resolve(bytes))),
        );
        if (read === 0) {
          // Shrank since the walk: zeros up to the size the header says.
          chunk.fill(0);
          await this.send(chunk);
          offset += chunk.length;
        } else {
          await this.send(read === chunk.length ? chunk : chunk.subarray(0, read));
          offset += read;
        }
      }
      await this.send(Buffer.alloc(padding(header.size)));
    } finally {
      fs.close(fd, () => undefined);
    }
  }

  /** Pushes, and when the buffer is full waits for the engine to read. */
  private send(data: Buffer): Promise<void> {
    if (this.destroyed) return Promise.reject(new Error('The build context stream was closed'));
    if (data.length === 0 || this.push(data)) return Promise.resolve();
    return new Promise((resolve) => {
      this.waitingForRoom = resolve;
    });
  }

  /** The file, open for reading; null when it was deleted since the walk (then it is not sent). */
  private open(entry: ContextEntry): number | null {
    try {
      return fs.openSync(path.join(this.walk.root, ...entry.path.split('/')), 'r');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return null;
      throw error;
    }
  }
}

/**
 * "dev:ino" of an entry with more than one hard link, as the CLI sends them (not folders); null
 * otherwise, and always on Windows, where the CLI sees no hard links.
 */
function inodeOf(entry: ContextEntry): string | null {
  if (entry.kind === 'directory' || entry.stats.nlink < 2 || process.platform === 'win32') return null;
  return `${entry.stats.dev}:${entry.stats.ino}`;
}

/**
 * Windows has no Unix modes to keep: as the docker CLI does there (chmodTarEntry), everything gets
 * the execute bits and loses group and other write (0755 for folders and scripts alike).
 */
function tarMode(mode: number): number {
  if (process.platform !== 'win32') return mode;
  return (mode & ~0o777) | (((mode & 0o777) | 0o111) & 0o755);
}
