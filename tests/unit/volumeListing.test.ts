import { describe, expect, it } from 'vitest';
import { parseListing } from '../../src/main/volumes/volumeListing';
import { textOf } from '../../src/main/volumes/volumeFiles';

describe('parseListing (the helper’s NUL-separated folder listing)', () => {
  it('reads names with spaces, newlines and Korean, each with its kind, size and time', () => {
    const output =
      '4\n' +
      'my folder\0new\nline\0한글.txt\0link\0' +
      '41ed 4096 1700000000\n81a4 1 1700000001\n81a4 16 1700000002\na1ff 11 1700000003\n';
    expect(parseListing(output)).toEqual({
      total: 4,
      entries: [
        { name: 'my folder', kind: 'folder', size: 4096, modified: 1_700_000_000_000 },
        { name: 'new\nline', kind: 'file', size: 1, modified: 1_700_000_001_000 },
        { name: '한글.txt', kind: 'file', size: 16, modified: 1_700_000_002_000 },
        { name: 'link', kind: 'link', size: 11, modified: 1_700_000_003_000 },
      ],
    });
  });

  it('reads an empty folder, and a truncated one (more entries than names)', () => {
    expect(parseListing('0\n')).toEqual({ total: 0, entries: [] });
    const truncated = parseListing('1500\na\0b\0' + '81a4 1 1\n11b6 0 2\n');
    expect(truncated.total).toBe(1500);
    expect(truncated.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['a', 'file'],
      ['b', 'other'],
    ]);
  });

  it('refuses output that is not a listing', () => {
    expect(() => parseListing('sh: oops')).toThrow(/count/);
  });
});

describe('textOf (what the preview shows as text)', () => {
  it('is the text of valid UTF-8 without NUL, null for anything else', () => {
    expect(textOf(Buffer.from('안녕\nhello'))).toBe('안녕\nhello');
    expect(textOf(Buffer.from([0x61, 0x00, 0x62]))).toBeNull();
    expect(textOf(Buffer.from([0xff, 0xfe, 0x41]))).toBeNull();
    expect(textOf(Buffer.alloc(0))).toBe('');
  });
});
