/**
 * Tar headers written as Go's archive/tar writes them for the docker CLI (USTAR, octal numbers
 * zero-padded and ending in NUL, a PAX header before an entry whose name is not ASCII, too long,
 * or whose size does not fit), so the classic builder's cache key (tarsum over the parsed headers)
 * is the same for Berth's build context as for the CLI's.
 */

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'directory';

export interface TarHeader {
  /** With / and, for a folder, a trailing / (as the CLI's canonicalTarName). */
  name: string;
  type: TarEntryType;
  /** Permission bits with setuid, setgid and sticky; no file type bits. */
  mode: number;
  size: number;
  /** Whole seconds since the epoch. */
  mtime: number;
  linkname?: string;
}

const BLOCK = 512;
const TYPEFLAG: Record<TarEntryType, string> = { file: '0', hardlink: '1', symlink: '2', directory: '5' };
/** The largest size an 11-digit octal field holds; beyond it the size goes in a PAX record. */
const MAX_OCTAL_SIZE = 0o77777777777;

/** The header block(s) of one entry: a PAX header first when USTAR cannot hold it. */
export function encodeTarHeader(header: TarHeader): Buffer {
  const pax: [string, string][] = [];
  let name = header.name;
  let prefix = '';
  if (!fitsUstar(name, 100)) {
    const split = splitUstarName(name);
    if (split) [prefix, name] = split;
    else {
      pax.push(['path', header.name]);
      name = asciiOnly(header.name).slice(0, 100);
    }
  }
  let linkname = header.linkname ?? '';
  if (!fitsUstar(linkname, 100)) {
    pax.push(['linkpath', linkname]);
    linkname = asciiOnly(linkname).slice(0, 100);
  }
  let size = header.size;
  if (size > MAX_OCTAL_SIZE) {
    pax.push(['size', String(size)]);
    size = 0;
  }
  const block = ustarBlock({ ...header, name, linkname, size }, prefix);
  if (pax.length === 0) return block;
  const records = Buffer.from(pax.map(([key, value]) => paxRecord(key, value)).join(''), 'utf8');
  const paxName = asciiOnly(`PaxHeaders.0/${header.name.replace(/\/$/, '').split('/').pop() ?? ''}`).slice(0, 100);
  const paxHeader = ustarBlock(
    { name: paxName, type: 'file', mode: 0, size: records.length, mtime: header.mtime, linkname: '' },
    '',
    'x',
  );
  return Buffer.concat([paxHeader, records, Buffer.alloc(padding(records.length)), block]);
}

/** Zero bytes after an entry's content, up to the next 512-byte block. */
export function padding(size: number): number {
  return (BLOCK - (size % BLOCK)) % BLOCK;
}

/** The two empty blocks that end an archive. */
export const END_OF_ARCHIVE = Buffer.alloc(BLOCK * 2);

function ustarBlock(
  header: TarHeader & { linkname: string },
  prefix: string,
  typeflag = TYPEFLAG[header.type],
): Buffer {
  const block = Buffer.alloc(BLOCK);
  block.write(header.name, 0, 100, 'utf8');
  writeOctal(block, 100, 8, header.mode);
  writeOctal(block, 108, 8, 0); // uid: root, as the CLI's ChownOpts
  writeOctal(block, 116, 8, 0); // gid
  writeOctal(block, 124, 12, header.size);
  writeOctal(block, 136, 12, header.mtime);
  block.write(typeflag, 156, 1, 'ascii');
  block.write(header.linkname, 157, 100, 'utf8');
  block.write('ustar\u000000', 257, 8, 'ascii');
  // uname and gname stay empty: the CLI looks no names up.
  writeOctal(block, 329, 8, 0); // devmajor
  writeOctal(block, 337, 8, 0); // devminor
  block.write(prefix, 345, 155, 'utf8');
  block.write('        ', 148, 8, 'ascii');
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += block[i]!;
  block.write(`${sum.toString(8).padStart(6, '0')}\u0000 `, 148, 8, 'ascii');
  return block;
}

function writeOctal(block: Buffer, offset: number, length: number, value: number): void {
  block.write(`${value.toString(8).padStart(length - 1, '0')}\u0000`, offset, length, 'ascii');
}

function fitsUstar(text: string, length: number): boolean {
  return text.length <= length && isAscii(text);
}

/** USTAR's long names: a prefix of up to 155 bytes and a name of up to 100, split at a /. */
function splitUstarName(name: string): [string, string] | null {
  if (!isAscii(name) || name.length > 256) return null;
  for (let i = name.indexOf('/'); i >= 0; i = name.indexOf('/', i + 1)) {
    const prefix = name.slice(0, i);
    const rest = name.slice(i + 1);
    if (prefix.length <= 155 && rest.length > 0 && rest.length <= 100) return [prefix, rest];
    if (prefix.length > 155) return null;
  }
  return null;
}

/** ASCII without NUL, as Go's isASCII: anything else needs a PAX record. */
function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0 || code > 0x7f) return false;
  }
  return true;
}

function asciiOnly(text: string): string {
  return Array.from(text)
    .filter((char) => isAscii(char))
    .join('');
}

/** "<length> <key>=<value>\n", the length counting itself. */
function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`;
  const bodyLength = Buffer.byteLength(body);
  let length = bodyLength + 1;
  while (String(length).length + bodyLength !== length) length = String(length).length + bodyLength;
  return `${length}${body}`;
}
