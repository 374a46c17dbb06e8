import type { Dirent, Stats } from 'node:fs';
import fs from 'node:fs/promises';
import { accessSync, constants as fsConstants, lstatSync, readlinkSync } from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../shared/errors';
import { readContextIgnore } from './dockerignore';

/** One thing the build context sends: a file, a folder, or a link (sent as a link, never followed). */
export interface ContextEntry {
  /** Relative to the context, with /. */
  path: string;
  kind: 'file' | 'directory' | 'symlink';
  /** From lstat: the tar header is made from these, so what is sent is what was counted. */
  stats: Stats;
  /** A link's target as written in the link. */
  linkTarget?: string;
}

/** Not sent: 'unreadable' (no permission, or gone wrong while looking), 'special' (sockets, pipes, devices). */
export interface LeftOutEntry {
  path: string;
  reason: 'unreadable' | 'special';
}

export interface ContextWalk {
  /** The context folder with its links resolved: the walk's root. */
  root: string;
  /** Every entry sent, each folder before what is in it, names in order. */
  entries: ContextEntry[];
  /** What .dockerignore left out; null without one. Folders are skipped whole, their files not counted. */
  ignored: { patterns: number; files: number; folders: number } | null;
  /** Links whose target is outside the context: absolute, or climbing out with "..". */
  outsideLinks: { path: string; target: string }[];
  leftOut: LeftOutEntry[];
}

/**
 * The one walk of a build context: the summary counts what it finds and the tar stream sends
 * exactly its entries. lstat, readlink and a permission check only, no file is opened: it stays fast on thousands of
 * files, and folders .dockerignore leaves out are not walked at all (unless a "!" pattern could
 * bring something back inside them, as the CLI does).
 *
 * What cannot be read is left out and reported (leftOut), not fatal: a folder that cannot be listed
 * is not sent at all, a file without read permission is not sent. (The docker CLI refuses the whole
 * build then; Berth sends the rest and the summary names what was left out.)
 */
export async function walkContext(root: string, dockerfile: string): Promise<ContextWalk> {
  const ignore = await readContextIgnore(root, dockerfile);
  const ignored = ignore ? { patterns: ignore.patterns, files: 0, folders: 0 } : null;
  const outsideLinks: ContextWalk['outsideLinks'] = [];
  const leftOut: LeftOutEntry[] = [];

  /**
   * The entries under a folder, or null when the folder could not be listed. Its children are
   * looked at synchronously, one folder at a time: lstat without a promise each is several times
   * faster on thousands of small files, and one folder's worth holds the process only briefly.
   */
  async function visitFolder(folder: string): Promise<ContextEntry[] | null> {
    let children: Dirent[];
    try {
      children = await fs.readdir(path.join(root, folder), { withFileTypes: true });
    } catch (error) {
      if (isGone(error)) return [];
      leftOut.push({ path: folder || '.', reason: 'unreadable' });
      return null;
    }
    children.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    const entries: ContextEntry[] = [];
    for (const child of children) {
      const relative = folder ? `${folder}/${child.name}` : child.name;
      const found = visitChild(relative, child);
      if (found === 'look-inside') entries.push(...((await visitFolder(relative)) ?? []));
      else if (found?.kind === 'directory') {
        const inside = await visitFolder(relative);
        if (inside !== null) entries.push(found, ...inside);
      } else if (found) entries.push(found);
    }
    return entries;
  }

  /** The child's entry (a folder's still to be visited), 'look-inside' for a left-out folder a "!" may reopen, or null. */
  function visitChild(relative: string, dirent: Dirent): ContextEntry | 'look-inside' | null {
    if (ignore && ignore.ignores(relative)) {
      // As the CLI: an excluded folder is looked into only for what a "!" pattern brings back; the
      // folder's own entry is not sent (the builder makes the folders of the files it gets).
      if (dirent.isDirectory() && ignore.mayReinclude(relative)) return 'look-inside';
      if (dirent.isDirectory()) ignored!.folders++;
      else ignored!.files++;
      return null;
    }
    const absolute = path.join(root, relative);
    let stats: Stats;
    try {
      stats = lstatSync(absolute);
    } catch (error) {
      if (!isGone(error)) leftOut.push({ path: relative, reason: 'unreadable' });
      return null;
    }
    if (stats.isSymbolicLink()) {
      let target: string;
      try {
        target = readlinkSync(absolute);
      } catch (error) {
        if (!isGone(error)) leftOut.push({ path: relative, reason: 'unreadable' });
        return null;
      }
      if (pointsOutside(root, absolute, target)) outsideLinks.push({ path: relative, target });
      return { path: relative, kind: 'symlink', stats, linkTarget: target };
    }
    if (stats.isDirectory()) return { path: relative, kind: 'directory', stats };
    if (stats.isFile()) {
      // A permission check, not a read: a file the tar could not open would break the build midway.
      try {
        accessSync(absolute, fsConstants.R_OK);
      } catch (error) {
        if (!isGone(error)) leftOut.push({ path: relative, reason: 'unreadable' });
        return null;
      }
      return { path: relative, kind: 'file', stats };
    }
    leftOut.push({ path: relative, reason: 'special' });
    return null;
  }

  const entries = await visitFolder('');
  if (entries === null) throw new BerthError('invalid-input', `Berth cannot read the folder ${root}: no permission`);
  // Sorted by path (found folder by folder), so the summary reads the same each time.
  const byPath = (a: { path: string }, b: { path: string }) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0);
  return { root, entries, ignored, outsideLinks: outsideLinks.sort(byPath), leftOut: leftOut.sort(byPath) };
}

/** Deleted while the walk ran: not sent, nothing to report. */
function isGone(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * An absolute target is read from the image's root, never the context, so it counts as outside;
 * a relative one is outside when it climbs above the context.
 */
function pointsOutside(root: string, link: string, target: string): boolean {
  if (path.isAbsolute(target) || /^[A-Za-z]:[\\/]/.test(target)) return true;
  const relative = path.relative(root, path.resolve(path.dirname(link), target));
  return relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
}
