import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { BerthError, type ErrorCode } from '../../shared/errors';

/**
 * A folder the user opens as a project (a build context, a compose project): its real path checked,
 * the version of the files in it, and the bundled examples copied into Berth's own folder once.
 */

/** Why a folder cannot be opened, said in the user's language by the form (the message). */
export type FolderProblem = 'folder-missing' | 'not-a-folder' | 'folder-unreadable';

const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;
export const isPermissionError = (error: unknown) => ['EACCES', 'EPERM'].includes(errnoOf(error) ?? '');
export const isMissingError = (error: unknown) => ['ENOENT', 'ENOTDIR'].includes(errnoOf(error) ?? '');

function fail(code: ErrorCode, field: string, problem: FolderProblem, message: string): BerthError {
  return new BerthError(code, message, [{ path: field, message: problem }]);
}

/** The version of bytes on disk: changes whenever the file does. */
export function fileVersion(bytes: Buffer): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** Whether target is strictly below root (both absolute, links already resolved). */
export function isInside(root: string, target: string): boolean {
  const relative = path.relative(root, target);
  return relative !== '' && relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
}

/**
 * A folder's real path (links resolved), or a clear error whose issue, on `field`, names the
 * problem (folder-missing, not-a-folder, folder-unreadable) for the form to say in the user's language.
 */
export async function realFolderPath(folder: string, field: string): Promise<string> {
  let stats: fs.Stats;
  try {
    stats = await fs.promises.stat(folder);
  } catch (error) {
    if (isPermissionError(error)) throw fail('forbidden', field, 'folder-unreadable', `${folder} cannot be read.`);
    throw fail('not-found', field, 'folder-missing', `There is no folder ${folder}.`);
  }
  if (!stats.isDirectory()) throw fail('invalid-input', field, 'not-a-folder', `${folder} is not a folder.`);
  try {
    await fs.promises.access(folder, fs.constants.R_OK | fs.constants.X_OK);
    return await fs.promises.realpath(folder);
  } catch {
    throw fail('forbidden', field, 'folder-unreadable', `${folder} cannot be read.`);
  }
}

/** The bundled examples (resources/examples), found above this file in development and tests. */
export function repositoryExamplesDir(): string {
  // src/main/* (tsx, vitest) and out/main (electron-vite) both sit below the repository's resources/.
  for (let dir = __dirname, depth = 0; depth < 6; dir = path.dirname(dir), depth++) {
    const candidate = path.join(dir, 'resources', 'examples');
    if (fs.existsSync(path.join(candidate, 'static-site'))) return candidate;
  }
  throw new BerthError('internal', 'The bundled examples (resources/examples) were not found.');
}

/** Copies the folder to target unless target is already there (the learner's copy, maybe edited). */
export async function copyOnce(source: string, target: string): Promise<void> {
  if (fs.existsSync(target)) return;
  await fs.promises.mkdir(path.dirname(target), { recursive: true });
  // Copied beside it first, then renamed: a copy cut short is never taken for the learner's own.
  const partial = `${target}.copying-${randomBytes(4).toString('hex')}`;
  try {
    await fs.promises.cp(source, partial, { recursive: true });
    await fs.promises.rename(partial, target).catch((error: unknown) => {
      // Another Berth copied it meanwhile: theirs stays.
      if (!fs.existsSync(target)) throw error;
    });
  } finally {
    await fs.promises.rm(partial, { recursive: true, force: true });
  }
}
