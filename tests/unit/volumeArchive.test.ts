import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import tarStream from 'tar-stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { looksLikeTar, readArchivedFile, rerootArchive, saveArchivedFile } from '../../src/main/volumes/volumeArchive';
import { BerthError } from '../../src/shared/errors';
import { readTarEntries } from '../fixtures/readTar';

/** A tar as the engine sends one: entries and their contents, in order. */
async function tarOf(
  entries: { header: tarStream.Header | { name: string; [key: string]: unknown }; content?: string }[],
) {
  const pack = tarStream.pack();
  for (const { header, content } of entries) pack.entry(header as tarStream.Header, content ?? '');
  pack.finalize();
  const chunks: Buffer[] = [];
  for await (const chunk of pack) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-volume-archive-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('rerootArchive', () => {
  it('makes every entry relative to the folder, hard links too, and drops the folder’s own entry', async () => {
    const long = `deep/${'x'.repeat(150)}.txt`;
    const archive = await tarOf([
      { header: { name: 'volume/', type: 'directory' } },
      { header: { name: 'volume/a b.txt', type: 'file' }, content: 'hello' },
      { header: { name: 'volume/deep/', type: 'directory' } },
      { header: { name: `volume/${long}`, type: 'file' }, content: 'long' },
      { header: { name: 'volume/hard', type: 'link', linkname: 'volume/a b.txt' } },
      { header: { name: 'volume/soft', type: 'symlink', linkname: '/volume/a b.txt' } },
    ]);
    const entries = await readTarEntries(Readable.from(rerootArchive(Readable.from([archive]), 'volume')));
    expect(entries.map((entry) => [entry.header.name, entry.header.type, entry.header.linkname ?? null])).toEqual([
      ['a b.txt', 'file', null],
      ['deep/', 'directory', null],
      [long, 'file', null],
      ['hard', 'link', 'a b.txt'],
      // A symlink's target is the link's own business: kept as it was.
      ['soft', 'symlink', '/volume/a b.txt'],
    ]);
    expect(entries[0]!.content.toString()).toBe('hello');
    expect(entries[2]!.content.toString()).toBe('long');
  });
});

describe('readArchivedFile and saveArchivedFile', () => {
  it('reads a small file, and only the size of a bigger one', async () => {
    const archive = await tarOf([{ header: { name: 'note.txt', type: 'file' }, content: 'hi there' }]);
    expect(await readArchivedFile(Readable.from([archive]), 100)).toEqual({
      size: 8,
      content: Buffer.from('hi there'),
      type: 'file',
    });
    expect(await readArchivedFile(Readable.from([archive]), 4)).toEqual({ size: 8, content: null, type: 'file' });
  });

  it('saves the file whole, and refuses a folder leaving nothing behind', async () => {
    const file = await tarOf([{ header: { name: 'r.bin', type: 'file' }, content: 'bytes' }]);
    const destination = path.join(dir, 'copy.bin');
    expect(await saveArchivedFile(Readable.from([file]), destination, 'r.bin')).toBe(5);
    expect(fs.readFileSync(destination, 'utf8')).toBe('bytes');

    const folder = await tarOf([{ header: { name: 'logs/', type: 'directory' } }]);
    const refused = await saveArchivedFile(Readable.from([folder]), path.join(dir, 'logs'), '"logs"').catch(
      (error: unknown) => error,
    );
    expect(refused).toBeInstanceOf(BerthError);
    expect((refused as BerthError).code).toBe('invalid-input');
    expect(fs.readdirSync(dir)).toEqual(['copy.bin']);
  });
});

describe('looksLikeTar', () => {
  it('knows a tar (an empty one too) from other files', async () => {
    const tar = path.join(dir, 'a.tar');
    fs.writeFileSync(tar, await tarOf([{ header: { name: 'a', type: 'file' }, content: 'a' }]));
    const empty = path.join(dir, 'empty.tar');
    fs.writeFileSync(empty, await tarOf([]));
    const text = path.join(dir, 'text.tar');
    fs.writeFileSync(text, 'not a tar\n'.repeat(100));
    const tiny = path.join(dir, 'tiny.tar');
    fs.writeFileSync(tiny, 'x');
    expect(await looksLikeTar(tar)).toBe(true);
    expect(await looksLikeTar(empty)).toBe(true);
    expect(await looksLikeTar(text)).toBe(false);
    expect(await looksLikeTar(tiny)).toBe(false);
  });
});
