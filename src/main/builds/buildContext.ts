import type { Stats } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { CONTEXT_WARNING_BYTES, type BuildContextSummary } from '../../shared/builds';
import { BerthError } from '../../shared/errors';
import { walkContext, type ContextEntry, type ContextWalk } from './contextWalk';
import { ignoreLineFor } from './dockerignore';
import { packWalk } from './packWalk';

export interface PackedContext {
  /** The tar stream POST /build takes as its body. */
  stream: Readable;
  /** Files and bytes sent, after .dockerignore. */
  files: number;
  bytes: number;
}

/** The folders the summary names, and the left-out paths it lists. */
const LARGEST_FOLDERS = 5;
const LEFT_OUT_NAMED = 20;

/**
 * The build context as POST /build wants it: the walked entries as a tar stream (links as links),
 * counted. The same walk as the summary, so what the summary said is what is sent.
 */
export async function packBuildContext(contextPath: string, dockerfile: string): Promise<PackedContext> {
  const walk = await walkContext(await openContext(contextPath, dockerfile), dockerfile);
  return { stream: packWalk(walk), ...countSent(walk.entries) };
}

/** What a build of this folder would send, before anything is sent: stat only, no file is read. */
export async function summarizeBuildContext(contextPath: string, dockerfile: string): Promise<BuildContextSummary> {
  const walk = await walkContext(await openContext(contextPath, dockerfile), dockerfile);
  return summarize(contextPath, walk);
}

/**
 * The oversized warning's one click: a line for the folder at the end of .dockerignore (made if
 * missing; what is there is kept; nothing written when the line is there already). The new summary.
 */
export async function ignoreFolder(
  contextPath: string,
  dockerfile: string,
  folder: string,
): Promise<BuildContextSummary> {
  const root = await openContext(contextPath, dockerfile);
  const relative = insideContext(root, folder);
  if (relative === null || relative === '') {
    throw new BerthError('invalid-input', `${folder} is not a folder inside the build context`, [
      { path: 'folder', message: 'must be inside the build context' },
    ]);
  }
  let stats: Stats;
  try {
    stats = await fs.lstat(path.join(root, relative));
  } catch {
    throw new BerthError('not-found', `The build context has no folder ${folder}`, [
      { path: 'folder', message: 'not found' },
    ]);
  }
  if (!stats.isDirectory()) {
    throw new BerthError('invalid-input', `${folder} is not a folder`, [{ path: 'folder', message: 'not a folder' }]);
  }
  const line = ignoreLineFor(relative.split(path.sep).join('/'));
  if (line === null) {
    throw new BerthError('invalid-input', `${folder} has characters a .dockerignore line cannot name on Windows`);
  }
  await appendLine(path.join(root, '.dockerignore'), line);
  return summarizeBuildContext(contextPath, dockerfile);
}

async function appendLine(file: string, line: string): Promise<void> {
  let current = '';
  try {
    // Written through a link, the line could land outside the context.
    if ((await fs.lstat(file)).isSymbolicLink()) {
      throw new BerthError('invalid-input', `${file} is a link: Berth does not write through it`);
    }
    current = await fs.readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof BerthError) throw error;
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw asBerthError(error, `Reading ${file}`);
  }
  if (current.split(/\r?\n/).some((existing) => existing.trim() === line)) return;
  const newline = current.includes('\r\n') ? '\r\n' : '\n';
  const separator = current === '' || current.endsWith('\n') ? '' : newline;
  try {
    await fs.appendFile(file, `${separator}${line}${newline}`, 'utf8');
  } catch (error) {
    throw asBerthError(error, `Writing ${file}`);
  }
}

/** The context's real path, after checking it is a folder and the Dockerfile path stays inside it. */
async function openContext(contextPath: string, dockerfile: string): Promise<string> {
  let stats: Stats;
  try {
    stats = await fs.stat(contextPath);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      throw new BerthError('not-found', `There is no folder ${contextPath}`, [
        { path: 'contextPath', message: 'not found' },
      ]);
    }
    throw asBerthError(error, `Opening ${contextPath}`);
  }
  if (!stats.isDirectory()) {
    throw new BerthError('invalid-input', `${contextPath} is a file, not a folder`, [
      { path: 'contextPath', message: 'not a folder' },
    ]);
  }
  const root = await fs.realpath(contextPath);
  const relative = insideContext(root, dockerfile);
  if (relative === null || relative === '') {
    throw new BerthError(
      'invalid-input',
      `The Dockerfile ${dockerfile} is not inside the build context ${contextPath}`,
      [{ path: 'dockerfile', message: 'must be inside the build context' }],
    );
  }
  return root;
}

/** The path relative to root (with the OS separator), or null when it leads outside. */
function insideContext(root: string, relativePath: string): string | null {
  if (path.isAbsolute(relativePath) || /^[A-Za-z]:/.test(relativePath)) return null;
  const relative = path.relative(root, path.resolve(root, relativePath));
  if (relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative)) return null;
  return relative;
}

function asBerthError(error: unknown, doing: string): BerthError {
  const code = (error as NodeJS.ErrnoException).code;
  return new BerthError(
    'invalid-input',
    `${doing}: ${code === 'EACCES' || code === 'EPERM' ? 'no permission' : String(error)}`,
  );
}

/** Links and files count as files; a link sends no bytes. */
function countSent(entries: readonly ContextEntry[]): { files: number; bytes: number } {
  let files = 0;
  let bytes = 0;
  for (const entry of entries) {
    if (entry.kind === 'directory') continue;
    files++;
    if (entry.kind === 'file') bytes += entry.stats.size;
  }
  return { files, bytes };
}

function summarize(contextPath: string, walk: ContextWalk): BuildContextSummary {
  const { files, bytes } = countSent(walk.entries);
  // "." gathers the context's own files; everything else goes to its top-level folder.
  const folders = new Map<string, { path: string; bytes: number; files: number }>();
  for (const entry of walk.entries) {
    if (entry.kind === 'directory') continue;
    const slash = entry.path.indexOf('/');
    const top = slash === -1 ? '.' : entry.path.slice(0, slash);
    const folder = folders.get(top) ?? { path: top, bytes: 0, files: 0 };
    folder.files++;
    if (entry.kind === 'file') folder.bytes += entry.stats.size;
    folders.set(top, folder);
  }
  const bySize = [...folders.values()].sort(
    (a, b) => b.bytes - a.bytes || b.files - a.files || (a.path < b.path ? -1 : a.path > b.path ? 1 : 0),
  );
  return {
    contextPath,
    files,
    bytes,
    largestFolders: bySize.slice(0, LARGEST_FOLDERS),
    ignored: walk.ignored,
    outsideLinks: walk.outsideLinks,
    oversized: bytes > CONTEXT_WARNING_BYTES ? oversizedFolder(bySize) : null,
    leftOut: { count: walk.leftOut.length, paths: walk.leftOut.slice(0, LEFT_OUT_NAMED) },
  };
}

/**
 * The heaviest top-level folder, to offer for .dockerignore; null when the context's own files
 * weigh more than any folder (leaving a folder out would not be the fix).
 */
function oversizedFolder(bySize: readonly { path: string; bytes: number }[]): BuildContextSummary['oversized'] {
  const heaviest = bySize[0];
  if (!heaviest || heaviest.path === '.') return { folder: null, folderBytes: 0 };
  return { folder: heaviest.path, folderBytes: heaviest.bytes };
}
