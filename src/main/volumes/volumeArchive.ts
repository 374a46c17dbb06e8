import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import tarStream from 'tar-stream';
import { BerthError } from '../../shared/errors';
import { tempPathFor } from '../settings/settingsStore';

/** The one entry of GET /containers/{id}/archive for a file, read no further than needed. */
export interface ArchivedFile {
  size: number;
  /** The bytes, when the file is a regular one of at most maxBytes; null otherwise. */
  content: Buffer | null;
  type: tarStream.Header['type'];
}

/**
 * The first entry of an archive of one path (what the engine sends for a file), its content read
 * only when it is a regular file of at most maxBytes: a bigger one is not read at all.
 */
export async function readArchivedFile(archive: Readable, maxBytes: number): Promise<ArchivedFile> {
  const extract = extractFrom(archive);
  try {
    for await (const entry of extract) {
      const size = entry.header.size ?? 0;
      const type = entry.header.type;
      if (type !== 'file' || size > maxBytes) return { size, content: null, type };
      const chunks: Buffer[] = [];
      for await (const chunk of entry) chunks.push(chunk as Buffer);
      return { size, content: Buffer.concat(chunks), type };
    }
    throw new BerthError('engine-error', 'The engine sent an empty archive.');
  } finally {
    closeBoth(archive, extract);
  }
}

/**
 * Writes the first entry of an archive of one file to destination, through a temporary file in the
 * same folder renamed at the end: the destination is never left half written. Returns the bytes.
 */
export async function saveArchivedFile(archive: Readable, destination: string, what: string): Promise<number> {
  const extract = extractFrom(archive);
  try {
    for await (const entry of extract) {
      if (entry.header.type !== 'file') {
        entry.resume();
        throw new BerthError(
          'invalid-input',
          entry.header.type === 'directory'
            ? `${what} is a folder: only files are downloaded (back up the volume for everything).`
            : `${what} is not a regular file (${entry.header.type ?? 'unknown'}).`,
        );
      }
      return await writeAtomically(destination, (temp) => pipeline(entry, temp));
    }
    throw new BerthError('engine-error', 'The engine sent an empty archive.');
  } finally {
    closeBoth(archive, extract);
  }
}

/** Reads an archive's entries as they come; the archive's failure is the reader's. */
function extractFrom(archive: Readable): tarStream.Extract {
  const extract = tarStream.extract();
  archive.on('error', (error) => extract.destroy(error));
  archive.pipe(extract);
  return extract;
}

/** Stops reading: the rest of the engine's answer is not wanted (a big file's content, say). */
function closeBoth(archive: Readable, extract: tarStream.Extract): void {
  archive.unpipe(extract);
  archive.destroy();
  extract.destroy();
}

/**
 * An archive of a folder (the engine names its entries "<folder>/…") with the entries made relative
 * to that folder: "volume/a/b.txt" becomes "a/b.txt", the folder's own entry is dropped. Restoring
 * the result at a volume's root puts every file back where it was.
 */
export function rerootArchive(archive: Readable, folder: string): AsyncIterable<Buffer> {
  const extract = extractFrom(archive);
  const pack = tarStream.pack();
  const prefix = `${folder.replace(/\/+$/, '')}/`;
  const strip = (name: string): string | null => {
    const bare = name.replace(/^\.\//, '');
    if (bare === prefix || bare === prefix.slice(0, -1)) return null;
    return bare.startsWith(prefix) ? bare.slice(prefix.length) : bare;
  };
  extract.on('entry', (header, body, next) => {
    const name = strip(header.name);
    if (name === null) {
      body.on('end', () => next());
      body.resume();
      return;
    }
    const rerooted: tarStream.Header = { ...header, name };
    // A hard link names its target by its path in the archive: rerooted too. A symlink's target is its own.
    if (header.type === 'link' && header.linkname) rerooted.linkname = strip(header.linkname) ?? header.linkname;
    // The name and link target are written from the header; other pax records (long values, xattrs) are kept.
    const pax = header.pax as Record<string, string> | null | undefined;
    if (pax) {
      const rest = Object.fromEntries(Object.entries(pax).filter(([key]) => key !== 'path' && key !== 'linkpath'));
      rerooted.pax = Object.keys(rest).length > 0 ? rest : null;
    }
    const target = pack.entry(rerooted, (error) => {
      if (error) extract.destroy(error);
      else next();
    });
    body.on('error', (error: Error) => pack.destroy(error));
    body.pipe(target);
  });
  extract.on('finish', () => pack.finalize());
  extract.on('error', (error) => pack.destroy(error));
  pack.on('close', () => archive.destroy());
  return pack as AsyncIterable<Buffer>;
}

/**
 * Checks that a file begins like a tar (its first header parses), so a wrong file is refused before
 * a volume is made for it.
 */
export async function looksLikeTar(file: string): Promise<boolean> {
  // A tar is made of 512-byte blocks: anything shorter is not one.
  if ((await fs.promises.stat(file)).size < 512) return false;
  const extract = tarStream.extract();
  const source = fs.createReadStream(file, { end: 64 * 1024 - 1 });
  source.pipe(extract);
  try {
    for await (const entry of extract) {
      entry.resume();
      return true;
    }
    // An empty archive (only the end blocks) is a tar too.
    return true;
  } catch {
    return false;
  } finally {
    source.destroy();
    extract.destroy();
  }
}

/**
 * Writes destination through a temporary file beside it (same folder, so the rename is atomic):
 * renamed only once write() finished, removed on any failure. Returns the file's size.
 */
export async function writeAtomically(
  destination: string,
  write: (temp: fs.WriteStream) => Promise<void>,
): Promise<number> {
  const temp = tempPathFor(destination);
  try {
    const stream = fs.createWriteStream(temp, { flags: 'wx', mode: 0o644 });
    await write(stream);
    const { size } = await fs.promises.stat(temp);
    await fs.promises.rename(temp, destination);
    return size;
  } catch (error) {
    await fs.promises.rm(temp, { force: true });
    throw error;
  }
}
