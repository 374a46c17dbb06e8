import type { VolumeEntry } from '../../shared/volumes';

/** At most this many entries of a folder are listed (the first ones by name); the listing says it is truncated. */
export const VOLUME_LISTING_LIMIT = 1000;

/** The file type bits of a stat mode, and the kinds they mean. */
const S_IFMT = 0o170000;
const kinds = new Map<number, VolumeEntry['kind']>([
  [0o040000, 'folder'],
  [0o100000, 'file'],
  [0o120000, 'link'],
]);

/**
 * The helper's listing output: "<count>\n", each name ended by a NUL, then a line
 * "<mode in hex> <size> <mtime in s>" per name in the same order. count is every entry of the
 * folder, the names only the first ones. A name may hold any character but NUL and "/".
 */
export function parseListing(output: string): { entries: VolumeEntry[]; total: number } {
  const newline = output.indexOf('\n');
  const total = Number.parseInt(newline === -1 ? output : output.slice(0, newline), 10);
  if (!Number.isFinite(total))
    throw new Error(`The folder listing does not start with a count: ${output.slice(0, 80)}`);
  if (total === 0) return { entries: [], total };
  const names: string[] = [];
  let at = newline + 1;
  while (names.length < total) {
    const end = output.indexOf('\0', at);
    if (end === -1) break;
    names.push(output.slice(at, end));
    at = end + 1;
  }
  const lines = output.slice(at).split('\n');
  const entries = names.map((name, index): VolumeEntry => {
    const [mode, size, mtime] = (lines[index] ?? '').trim().split(' ');
    const type = Number.parseInt(mode ?? '', 16) & S_IFMT;
    return {
      name,
      kind: kinds.get(type) ?? 'other',
      size: Math.max(0, Number.parseInt(size ?? '', 10) || 0),
      modified: (Number.parseInt(mtime ?? '', 10) || 0) * 1000,
    };
  });
  return { entries, total };
}
