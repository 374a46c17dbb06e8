import fs from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../shared/errors';
import { composeFileNames, overrideFileName, type ComposeTarget } from '../../shared/compose';

/**
 * Checks that every file of the target is inside its folder once symlinks are resolved (a link in
 * the folder to a file elsewhere is refused too), and returns the folder's real path. Refused with
 * a BerthError before anything runs.
 */
export function checkTargetFiles(
  target: ComposeTarget,
  realpath: (filePath: string) => string = fs.realpathSync.native,
): string {
  let folder: string;
  try {
    folder = realpath(target.folder);
  } catch {
    throw new BerthError('not-found', `The project folder ${target.folder} does not exist.`, [
      { path: 'target.folder', message: 'this folder does not exist' },
    ]);
  }
  target.files.forEach((file, index) => {
    let real: string;
    try {
      real = realpath(file);
    } catch {
      throw new BerthError('not-found', `The compose file ${file} does not exist.`, [
        { path: `target.files.${index}`, message: 'this file does not exist' },
      ]);
    }
    const relative = path.relative(folder, real);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
      throw new BerthError(
        'forbidden',
        `The compose file ${file} is outside the project folder ${target.folder}${real !== file ? ` (it leads to ${real})` : ''}.`,
        [{ path: `target.files.${index}`, message: 'this file is outside the project folder' }],
      );
    }
  });
  return folder;
}

/**
 * The files compose reads for the target: its own, or else the ones compose picks in the folder
 * (the first of compose.yaml, compose.yml, docker-compose.yml, docker-compose.yaml, and the override
 * beside it). Berth names them with -f itself: left to find its file, compose would also look in
 * the folders above the project's, outside what the user chose. Empty when the folder has none.
 */
export function composeFilesOf(target: ComposeTarget, exists: (filePath: string) => boolean = fs.existsSync): string[] {
  if (target.files.length > 0) return target.files;
  for (const name of composeFileNames) {
    const file = path.join(target.folder, name);
    if (!exists(file)) continue;
    const override = path.join(target.folder, overrideFileName(name));
    return exists(override) ? [file, override] : [file];
  }
  return [];
}
