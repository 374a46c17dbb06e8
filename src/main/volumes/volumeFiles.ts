import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Docker from 'dockerode';
import { BerthError } from '../../shared/errors';
import {
  VOLUME_TEXT_LIMIT_BYTES,
  type SavedFile,
  type VolumeEntry,
  type VolumeFile,
  type VolumeListing,
} from '../../shared/volumes';
import { execOutput } from '../containers/execOutput';
import { engineError, engineStatus } from '../engine/engineErrors';
import type { ChosenFiles } from '../files/chosenFiles';
import type { Pulls } from '../images/pulls';
import { looksLikeTar, readArchivedFile, rerootArchive, saveArchivedFile, writeAtomically } from './volumeArchive';
import { HELPER_MOUNT, VolumeHelpers } from './volumeHelper';
import { parseListing, VOLUME_LISTING_LIMIT } from './volumeListing';

export interface VolumeFilesOptions {
  getClient: () => Docker;
  pulls: Pulls;
  /** Which files on this computer may be written or read (the dialogs' choices in Electron). */
  chosenFiles: ChosenFiles;
  /** How long a browse session's helper stays after its last use (default 60 s). */
  helperIdleMs?: number;
  /** The helper's image (tests pull busybox under another name); busybox:latest by default. */
  helperImage?: string;
}

/**
 * Lists one folder of the volume: "<count>\n", then the names (at most $2) each ended by a NUL, so
 * spaces, newlines and any other character in a name parse, then one `stat` line per name, in the
 * same order. Exit 3: nothing there; 4: not a folder. The path is an argument, never part of the script.
 */
const LIST_SCRIPT = `dir="${HELPER_MOUNT}/$1"
[ -e "$dir" ] || [ -h "$dir" ] || exit 3
[ -d "$dir" ] || exit 4
cd "$dir" || exit 5
limit=$2
set -- * .[!.]* ..?*
n=0
for f; do
  shift
  if [ -e "$f" ] || [ -h "$f" ]; then
    n=$((n+1))
    [ "$n" -le "$limit" ] && set -- "$@" "$f"
  fi
done
printf '%s\\n' "$n"
[ $# -gt 0 ] || exit 0
printf '%s\\0' "$@"
stat -c '%f %s %Y' -- "$@"
`;

const errnoOf = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | null)?.code;

/**
 * A volume's files, read-only, through a helper container (browse a folder, show a small text
 * file, download one file), and its backup to a .tar and restore from one into a new volume.
 */
/** Marks the volume a restore made, so only that one is ever written into or removed on failure. */
const RESTORE_LABEL = 'berth.restore';

export class VolumeFiles {
  private readonly helpers: VolumeHelpers;

  constructor(private readonly options: VolumeFilesOptions) {
    this.helpers = new VolumeHelpers({
      getClient: options.getClient,
      pulls: options.pulls,
      idleMs: options.helperIdleMs,
      image: options.helperImage,
    });
  }

  async browse({ name, path }: { name: string; path: string }): Promise<VolumeListing> {
    const result = await this.helpers.withReadOnly(name, (client, id) =>
      execOutput(client, id, ['sh', '-c', LIST_SCRIPT, 'sh', path, String(VOLUME_LISTING_LIMIT)], {
        timeoutMs: 30_000,
        maxChars: 32 * 1024 * 1024,
      }),
    );
    if (result.exitCode === 3) throw missing(name, path);
    if (result.exitCode === 4) {
      throw new BerthError('invalid-input', `"${path}" in the volume ${name} is a file, not a folder.`);
    }
    if (result.exitCode !== 0 || result.timedOut) {
      const why = result.timedOut ? 'it took too long' : result.stderr.trim() || `exit code ${result.exitCode}`;
      throw new BerthError('engine-error', `Listing "${path || '/'}" in the volume ${name} failed: ${why}.`);
    }
    const { entries, total } = parseListing(result.stdout);
    return { name, path, entries: sortEntries(entries), truncated: total > entries.length };
  }

  async readFile({ name, path }: { name: string; path: string }): Promise<VolumeFile> {
    const file = await this.helpers.withReadOnly(name, async (client, id) =>
      readArchivedFile(await this.archive(client, id, name, path), VOLUME_TEXT_LIMIT_BYTES),
    );
    if (file.type === 'directory') {
      throw new BerthError('invalid-input', `"${path}" in the volume ${name} is a folder, not a file.`);
    }
    if (file.type !== 'file') {
      throw new BerthError('invalid-input', `"${path}" in the volume ${name} is not a regular file (${file.type}).`);
    }
    if (file.content === null) return { path, size: file.size, text: null, reason: 'too-large' };
    const text = textOf(file.content);
    return text === null
      ? { path, size: file.size, text: null, reason: 'binary' }
      : { path, size: file.size, text, reason: 'shown' };
  }

  async download(input: { name: string; path: string; destination: string }): Promise<SavedFile> {
    const destination = this.options.chosenFiles.requireSave(input.destination);
    const bytes = await this.helpers.withReadOnly(input.name, async (client, id) =>
      saveArchivedFile(
        await this.archive(client, id, input.name, input.path),
        destination,
        `"${input.path}" in the volume ${input.name}`,
      ).catch((error: unknown) => {
        throw writeError(error, destination);
      }),
    );
    return { savedTo: destination, bytes };
  }

  /**
   * The volume's files as a tar whose entries are relative to the volume's root. Made from the
   * engine's own archive of /volume (GET /archive, as `docker cp` does) rather than busybox tar in
   * an exec: every file type, long name and hard link as the engine packs them, the same on both
   * engines, streamed to disk without going through an exec's text output. Only the leading
   * "volume/" is taken off each entry, so a restore puts the files back at the root.
   */
  async backup({ name, destination: asked }: { name: string; destination: string }): Promise<SavedFile> {
    const destination = this.options.chosenFiles.requireSave(asked);
    const bytes = await this.helpers.withOneShot(name, 'ro', async (client, id) => {
      const archive = await this.archive(client, id, name, '');
      return writeAtomically(destination, (temp) =>
        pipeline(rerootArchive(archive, HELPER_MOUNT.slice(1)), temp),
      ).catch((error: unknown) => {
        throw writeError(error, destination);
      });
    });
    return { savedTo: destination, bytes };
  }

  /** Unpacks a .tar into a new volume; a failure removes the volume it made (and only that one). */
  async restore({ source: asked, name }: { source: string; name: string }): Promise<{ name: string; bytes: number }> {
    const source = this.options.chosenFiles.requireOpen(asked);
    const client = this.options.getClient();
    // First: whatever the file, an existing volume is never written into.
    await requireNewVolume(client, name);
    let size: number;
    try {
      const stat = await fs.promises.stat(source);
      if (!stat.isFile()) throw new BerthError('invalid-input', `${source} is not a file.`);
      size = stat.size;
    } catch (error) {
      if (error instanceof BerthError) throw error;
      throw errnoOf(error) === 'ENOENT'
        ? new BerthError('not-found', `There is no file ${source} on this computer.`)
        : new BerthError('forbidden', `${source} cannot be read: ${(error as Error).message}`);
    }
    if (!(await looksLikeTar(source))) {
      throw new BerthError('invalid-input', `${source} is not a .tar archive (a backup Berth made is one).`);
    }
    // dockerd answers a create of an existing name with that volume, silently: a token of this
    // restore's own tells a volume made now from one someone made since the check above.
    const token = randomUUID();
    try {
      await client.createVolume({ Name: name, Labels: { [RESTORE_LABEL]: token } });
    } catch (error) {
      throw engineError(error, `Creating the volume ${name}`, [
        { status: 409, code: 'name-in-use', message: () => `A volume named ${name} already exists.` },
      ]);
    }
    // dockerode answers the create with a handle, not the volume: ask for its labels.
    const created = (await client.getVolume(name).inspect()) as { Labels?: Record<string, string> | null };
    if (created.Labels?.[RESTORE_LABEL] !== token) {
      throw new BerthError('name-in-use', `A volume named ${name} was made meanwhile; it is left as it is.`);
    }
    try {
      await this.helpers.withOneShot(name, 'rw', (helperClient, id) =>
        helperClient.getContainer(id).putArchive(fs.createReadStream(source), { path: HELPER_MOUNT }),
      );
    } catch (error) {
      await client
        .getVolume(name)
        .remove()
        .catch(() => undefined);
      throw engineError(error, `Restoring ${source} into the volume ${name}`);
    }
    return { name, bytes: size };
  }

  /**
   * Ends the browse session of a volume: its kept helper is removed now rather than after the idle
   * time, so the volume is no longer in use (it can be removed at once).
   */
  async close({ name }: { name: string }): Promise<{ closed: boolean }> {
    return { closed: await this.helpers.endSession(name) };
  }

  dispose(): Promise<void> {
    return this.helpers.dispose();
  }

  /** GET /containers/{id}/archive of a path of the volume ("" is its root). */
  private async archive(client: Docker, id: string, name: string, path: string): Promise<Readable> {
    try {
      return (await client
        .getContainer(id)
        .getArchive({ path: path ? `${HELPER_MOUNT}/${path}` : HELPER_MOUNT })) as unknown as Readable;
    } catch (error) {
      if (engineStatus(error) === 404 && (await this.helperRuns(client, id))) throw missing(name, path);
      throw engineError(error, `Reading "${path || '/'}" in the volume ${name}`);
    }
  }

  private async helperRuns(client: Docker, id: string): Promise<boolean> {
    try {
      return (await client.getContainer(id).inspect()).State.Running;
    } catch {
      return false;
    }
  }
}

function missing(name: string, path: string): BerthError {
  return new BerthError(
    'not-found',
    `There is no "${path}" in the volume ${name}: it may have been removed meanwhile.`,
  );
}

/** Folders first, then by name. */
function sortEntries(entries: VolumeEntry[]): VolumeEntry[] {
  const folderFirst = (entry: VolumeEntry) => (entry.kind === 'folder' ? 0 : 1);
  return [...entries].sort((a, b) => folderFirst(a) - folderFirst(b) || a.name.localeCompare(b.name));
}

/** The text of bytes that are valid UTF-8 without NUL characters; null for anything else (binary). */
export function textOf(bytes: Buffer): string | null {
  if (bytes.includes(0)) return null;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return null;
  }
}

/** Refuses a name an existing volume has: a restore never writes into one. */
async function requireNewVolume(client: Docker, name: string): Promise<void> {
  try {
    await client.getVolume(name).inspect();
  } catch (error) {
    if (engineStatus(error) === 404) return;
    throw engineError(error, `Looking for the volume ${name}`);
  }
  throw new BerthError('name-in-use', `A volume named ${name} already exists: a restore makes a new volume.`);
}

/** A failure writing the destination, said about the destination. */
function writeError(error: unknown, destination: string): BerthError {
  if (error instanceof BerthError) return error;
  const code = errnoOf(error);
  if (code === 'ENOENT') return new BerthError('not-found', `The folder of ${destination} does not exist.`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
    return new BerthError('forbidden', `Berth may not write ${destination}: ${(error as Error).message}`);
  }
  if (code === 'EISDIR') return new BerthError('invalid-input', `${destination} is a folder: give a file name.`);
  return engineError(error, `Saving ${destination}`);
}
