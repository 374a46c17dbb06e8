import os from 'node:os';
import path from 'node:path';
import type { ComposeMount } from '../../shared/compose';

/**
 * A service's volumes entry as compose reads it: the short syntax ("src:dst:ro", "/data" for an
 * anonymous volume) or the long one ({type, source, target, read_only}). A source starting with
 * /, . or ~ is a folder of this computer (relative ones resolved against the project folder);
 * any other source names a volume.
 */
export function parseServiceMount(entry: unknown, folder: string): ComposeMount | null {
  if (typeof entry === 'string') return parseShort(entry, folder);
  if (!entry || typeof entry !== 'object' || Array.isArray(entry)) return null;
  const long = entry as Record<string, unknown>;
  const target = typeof long.target === 'string' ? long.target : null;
  if (target === null) return null;
  const source = typeof long.source === 'string' && long.source !== '' ? long.source : null;
  const readOnly = long.read_only === true;
  switch (long.type) {
    case 'bind':
      return { type: 'bind', source: source === null ? null : hostPath(source, folder), target, readOnly };
    case 'volume':
      return { type: 'volume', source, target, readOnly };
    case 'tmpfs':
      return { type: 'tmpfs', source: null, target, readOnly };
    default:
      return { type: 'other', source, target, readOnly };
  }
}

function parseShort(entry: string, folder: string): ComposeMount {
  const [source = '', target, mode = ''] = splitShort(entry);
  if (target === undefined) return { type: 'volume', source: null, target: source, readOnly: false };
  const readOnly = mode.split(',').includes('ro');
  if (isHostPath(source)) return { type: 'bind', source: hostPath(source, folder), target, readOnly };
  return { type: 'volume', source, target, readOnly };
}

/** "src:dst:mode", keeping a Windows drive ("C:\\data:/data") in its source. */
function splitShort(entry: string): string[] {
  const drive = /^[A-Za-z]:[\\/]/.test(entry) ? entry.slice(0, 2) : '';
  const [first = '', ...rest] = entry.slice(drive.length).split(':');
  return [drive + first, ...rest];
}

export function isHostPath(source: string): boolean {
  return /^[./~]/.test(source) || /^[A-Za-z]:[\\/]/.test(source) || source.startsWith('\\\\');
}

/** A bind source as compose resolves it: ~ is the home folder, a relative path is inside the project folder. */
export function hostPath(source: string, folder: string): string {
  if (source === '~' || source.startsWith('~/')) return path.join(os.homedir(), source.slice(1));
  if (/^[A-Za-z]:[\\/]/.test(source) || source.startsWith('\\\\')) return source;
  return path.resolve(folder, source);
}
