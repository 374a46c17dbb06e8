import fs, { type Stats } from 'node:fs';
import path from 'node:path';
import type { Readable } from 'node:stream';
import tar from 'tar-fs';
import type { ContextWalk } from './contextWalk';

/** tar-fs's pack options this uses that its type definitions leave out. */
interface PackOptions extends tar.PackOptions {
  fs?: Partial<typeof fs>;
  umask?: number;
}

type StatCallback = (error: NodeJS.ErrnoException | null, stats?: Stats) => void;
type LinkCallback = (error: NodeJS.ErrnoException | null, target?: string) => void;

/**
 * The walk's entries as the tar stream POST /build takes, and nothing else: tar-fs is given the
 * entry list and a file system that answers with the walk's own lstat and readlink results and
 * lists no folder (every entry is in the list already). Links are stored as links, never followed;
 * modes are kept as they are (no umask); owners are root, as the docker CLI sends them.
 */
export function packWalk(walk: ContextWalk): Readable {
  const byPath = new Map(walk.entries.map((entry) => [path.join(walk.root, ...entry.path.split('/')), entry]));
  const walkedFs = {
    lstat: (file: string, callback: StatCallback) => {
      const entry = byPath.get(file);
      if (entry) callback(null, entry.stats);
      else fs.lstat(file, callback);
    },
    stat: (file: string, callback: StatCallback) => {
      const entry = byPath.get(file);
      if (entry) callback(null, entry.stats);
      else fs.stat(file, callback);
    },
    readdir: (_folder: string, callback: (error: null, names: string[]) => void) => callback(null, []),
    readlink: (file: string, callback: LinkCallback) => {
      const target = byPath.get(file)?.linkTarget;
      if (target !== undefined) callback(null, target);
      else fs.readlink(file, callback);
    },
    createReadStream: fs.createReadStream,
  };
  const options: PackOptions = {
    entries: walk.entries.map((entry) => entry.path.split('/').join(path.sep)),
    fs: walkedFs as unknown as Partial<typeof fs>,
    dereference: false,
    umask: 0,
    map: (header) => ({ ...header, uid: 0, gid: 0, mode: tarMode(header.mode) }),
  };
  return tar.pack(walk.root, options) as unknown as Readable;
}

/**
 * Windows has no Unix modes to keep: as the docker CLI does there, everything gets the execute
 * bits and loses group and other write (0755 for folders and scripts alike).
 */
function tarMode(mode: number): number {
  if (process.platform !== 'win32') return mode;
  return (mode & ~0o777) | (((mode & 0o777) | 0o111) & 0o755);
}
