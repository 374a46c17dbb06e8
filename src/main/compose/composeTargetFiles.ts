import fs from 'node:fs';
import path from 'node:path';
import { BerthError } from '../../shared/errors';
import type { ComposeTarget } from '../../shared/compose';

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
