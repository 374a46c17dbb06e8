import fs from 'node:fs';
import { BerthError, type WireError } from '../../shared/errors';
import {
  BIND_FORBIDDEN,
  BIND_SOURCE_MISSING,
  forbiddenBindReason,
  type ForbiddenBindReason,
  type RunRequest,
} from '../../shared/run';

type Issue = NonNullable<WireError['issues']>[number];

/** One refused folder: the wire issue, the English sentence, and for a forbidden one where it leads and why. */
export type BindPathIssue = Issue & { detail: string; realPath?: string; reason?: ForbiddenBindReason };

/**
 * What is wrong with the folders of this computer a run would share, seen on the files themselves:
 * - a folder that does not exist. Berth refuses it before anything is created, as `docker run
 *   --mount` (the line the dialog copies) does on Docker Engine, rather than have an empty folder
 *   owned by root made from a mistyped path (what `-v` does).
 * - a path whose real place is one the schema refuses by name: a symlink to "/" or to the socket.
 * It only reads, so run.check may call it as well as start. Each issue's message is the schema's
 * wording (BIND_SOURCE_MISSING, BIND_FORBIDDEN), which the dialog turns into the user's language;
 * `detail` is the English sentence.
 * (For a remote engine the folder is on the remote machine; the dialog offers "a folder of this
 * computer", and that is what is checked.)
 */
export function bindPathIssues(
  request: RunRequest,
  realpath: (path: string) => string = fs.realpathSync.native,
): BindPathIssue[] {
  const issues: BindPathIssue[] = [];
  request.volumes.forEach((volume, index) => {
    if (volume.kind !== 'bind') return;
    const path = `volumes.${index}.hostPath`;
    let real: string;
    try {
      real = realpath(volume.hostPath);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      // Anything else (no permission to look) is left to the engine, which sees the files as root.
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        issues.push({
          path,
          message: BIND_SOURCE_MISSING,
          detail: `The folder ${volume.hostPath} does not exist on this computer.`,
        });
      }
      return;
    }
    const reason = forbiddenBindReason(real);
    if (reason) {
      issues.push({
        path,
        message: BIND_FORBIDDEN,
        detail: `${volume.hostPath} leads to ${real}, which may not be shared with a container.`,
        realPath: real,
        reason,
      });
    }
  });
  return issues;
}

/**
 * Why a host path may not be given to a container, looking through links: the path as written
 * ("/") or where it really leads ("./link" → "/"). A path that cannot be resolved (missing) is
 * judged as written.
 */
export function forbiddenRealBindReason(
  hostPath: string,
  realpath: (path: string) => string = fs.realpathSync.native,
): ForbiddenBindReason | null {
  const written = forbiddenBindReason(hostPath);
  if (written) return written;
  try {
    return forbiddenBindReason(realpath(hostPath));
  } catch {
    return null;
  }
}

/** Throws the issues above (invalid-input, one per volume row) before anything is created. */
export function refuseForbiddenRealPaths(
  request: RunRequest,
  realpath: (path: string) => string = fs.realpathSync.native,
): void {
  const issues = bindPathIssues(request, realpath);
  if (issues.length === 0) return;
  throw new BerthError(
    'invalid-input',
    issues.map((issue) => issue.detail).join(' '),
    issues.map(({ path, message }) => ({ path, message })),
  );
}
