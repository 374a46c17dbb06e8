import fs from 'node:fs';
import { BerthError } from '../../shared/errors';
import { isForbiddenBindPath, type RunRequest } from '../../shared/run';

/**
 * The schema refuses "/" and the Docker socket by their names; a symlink could still point there.
 * Here, on the machine that has the files, each folder to share is resolved to its real path first.
 * (For a remote engine the folder is on the remote machine: only the name check applies there.)
 */
export function refuseForbiddenRealPaths(
  request: RunRequest,
  realpath: (path: string) => string = fs.realpathSync.native,
): void {
  request.volumes.forEach((volume, index) => {
    if (volume.kind !== 'bind') return;
    let real: string;
    try {
      real = realpath(volume.hostPath);
    } catch {
      return; // Missing: the engine refuses a bind source that does not exist.
    }
    if (isForbiddenBindPath(real)) {
      throw new BerthError(
        'invalid-input',
        `${volume.hostPath} leads to ${real}, which may not be shared with a container.`,
        [{ path: `volumes.${index}.hostPath`, message: 'this folder may not be shared with a container' }],
      );
    }
  });
}
