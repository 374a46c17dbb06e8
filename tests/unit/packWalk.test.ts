import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { walkContext } from '../../src/main/builds/contextWalk';
import { packWalk } from '../../src/main/builds/packWalk';
import { readTarEntries } from '../fixtures/readTar';

let context: string;
const write = (relative: string, content: string | Buffer) => {
  fs.mkdirSync(path.dirname(path.join(context, relative)), { recursive: true });
  fs.writeFileSync(path.join(context, relative), content);
};
const pack = async () => packWalk(await walkContext(context, 'Dockerfile'));

beforeEach(() => {
  context = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-packwalk-'));
  write('Dockerfile', 'FROM busybox\n');
});
afterEach(() => fs.rmSync(context, { recursive: true, force: true }));

describe('packWalk writes the headers the docker CLI writes', () => {
  it('names folders with a trailing /, owners root without names, mtime in whole seconds', async () => {
    write('site/index.html', '<h1>hi</h1>\n');
    const mtime = new Date('2026-03-01T10:00:05.900Z');
    fs.utimesSync(path.join(context, 'site', 'index.html'), mtime, mtime);
    const entries = await readTarEntries(await pack());
    expect(entries.map((entry) => entry.header.name)).toEqual(['Dockerfile', 'site/', 'site/index.html']);
    const file = entries[2]!.header;
    expect([file.uid, file.gid, file.uname, file.gname]).toEqual([0, 0, '', '']);
    // Cut, not rounded, as Go's tar writer does for the CLI.
    expect(file.mtime?.toISOString()).toBe('2026-03-01T10:00:05.000Z');
    expect(entries[1]!.header.type).toBe('directory');
  });

  it.skipIf(process.platform === 'win32')(
    'sends a second hard link to a file as a link to the first name',
    async () => {
      write('a.txt', 'shared\n');
      fs.mkdirSync(path.join(context, 'sub'));
      fs.linkSync(path.join(context, 'a.txt'), path.join(context, 'sub', 'b.txt'));
      const entries = await readTarEntries(await pack());
      const first = entries.find((entry) => entry.header.name === 'a.txt')!;
      const second = entries.find((entry) => entry.header.name === 'sub/b.txt')!;
      expect([first.header.type, first.content.toString()]).toEqual(['file', 'shared\n']);
      expect([second.header.type, second.header.linkname, second.header.size]).toEqual(['link', 'a.txt', 0]);
    },
  );

  it.skipIf(process.platform === 'win32')(
    'sends the second hard link as a file when the first was deleted since the walk',
    async () => {
      write('a.txt', 'shared\n');
      fs.linkSync(path.join(context, 'a.txt'), path.join(context, 'b.txt'));
      const walk = await walkContext(context, 'Dockerfile');
      fs.rmSync(path.join(context, 'a.txt'));
      const entries = await readTarEntries(packWalk(walk));
      expect(entries.map((entry) => [entry.header.name, entry.header.type, entry.content.toString()])).toEqual([
        ['Dockerfile', 'file', 'FROM busybox\n'],
        ['b.txt', 'file', 'shared\n'],
      ]);
    },
  );

  it('keeps long and Korean names and long link targets whole (USTAR prefix or PAX records)', async () => {
    const long = `${'a'.repeat(120)}/${'b'.repeat(90)}.txt`;
    const longer = `${'c'.repeat(160)}/${'d'.repeat(130)}.txt`;
    write(long, 'long\n');
    write(longer, 'longer\n');
    write('한글 폴더/파일.txt', '안녕\n');
    fs.symlinkSync(longer, path.join(context, 'to-longer'));
    const entries = await readTarEntries(await pack());
    const byName = new Map(entries.map((entry) => [entry.header.name, entry]));
    expect(byName.get(long)?.content.toString()).toBe('long\n');
    expect(byName.get(longer)?.content.toString()).toBe('longer\n');
    expect(byName.get('한글 폴더/')?.header.type).toBe('directory');
    expect(byName.get('한글 폴더/파일.txt')?.content.toString()).toBe('안녕\n');
    expect(byName.get('to-longer')?.header.linkname).toBe(longer);
  });
});

describe('packWalk streams', () => {
  it('sends large files intact to a slow reader, between small ones', async () => {
    const large = Buffer.alloc(3 * 1024 * 1024 + 7);
    for (let i = 0; i < large.length; i++) large[i] = (i * 31) % 251;
    write('a-small.txt', 'before\n');
    write('big.bin', large);
    write('c-small.txt', 'after\n');
    const entries = await readTarEntries(await pack(), { slow: true });
    expect(entries.map((entry) => entry.header.name)).toEqual(['Dockerfile', 'a-small.txt', 'big.bin', 'c-small.txt']);
    expect(entries[2]!.content.equals(large)).toBe(true);
    expect(entries[3]!.content.toString()).toBe('after\n');
  });

  it('leaves out a file deleted since the walk, and sends one that shrank as it is now', async () => {
    write('gone.txt', 'soon gone\n');
    write('shrinks.txt', 'a longer text than later\n');
    write('stays.txt', 'here\n');
    const walk = await walkContext(context, 'Dockerfile');
    fs.rmSync(path.join(context, 'gone.txt'));
    fs.writeFileSync(path.join(context, 'shrinks.txt'), 'short\n');
    const entries = await readTarEntries(packWalk(walk));
    expect(entries.map((entry) => entry.header.name)).toEqual(['Dockerfile', 'shrinks.txt', 'stays.txt']);
    expect(entries[1]!.content.toString()).toBe('short\n');
  });

  it('pads a large file that shrank since the walk to the size its header says', async () => {
    write('big.bin', Buffer.alloc(600 * 1024, 1));
    write('z.txt', 'last\n');
    const walk = await walkContext(context, 'Dockerfile');
    fs.truncateSync(path.join(context, 'big.bin'), 1000);
    const entries = await readTarEntries(packWalk(walk));
    expect(entries[1]!.header.size).toBe(600 * 1024);
    expect(entries[1]!.content.subarray(0, 1000).every((byte) => byte === 1)).toBe(true);
    expect(entries[1]!.content.subarray(1000).every((byte) => byte === 0)).toBe(true);
    expect(entries[2]!.content.toString()).toBe('last\n');
  });
});
