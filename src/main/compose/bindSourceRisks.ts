import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import type { ComposeRiskyMount, ComposeTarget } from '../../shared/compose';
import { forbiddenBindReason } from '../../shared/run';
import { composeFilesOf } from './composeTargetFiles';

// TODO(#15): a minimal reader of the bind sources until the compose-files part (its model's
// riskyMounts) lands on main; backend.ts then passes that part's function instead, and this file goes.

/** The host side of one `volumes:` entry when it is a bind, absolute; null otherwise. */
function bindSource(entry: unknown, folder: string, homeDir: string): string | null {
  let source: string | null = null;
  if (typeof entry === 'string') {
    const first = entry.split(':')[0] ?? '';
    if (/^[./~]/.test(first) && entry.includes(':')) source = first;
  } else if (entry && typeof entry === 'object') {
    const long = entry as { type?: unknown; source?: unknown };
    if (long.type === 'bind' && typeof long.source === 'string') source = long.source;
  }
  if (source === null) return null;
  if (source.startsWith('~')) source = path.join(homeDir, source.slice(1));
  return path.resolve(folder, source);
}

/** The bind mounts of the target's files that would hand a container this computer (as run's forbiddenBindReason says). */
export async function readRiskyMounts(
  target: ComposeTarget,
  homeDir: string,
  realpath: (filePath: string) => string = fs.realpathSync.native,
): Promise<ComposeRiskyMount[]> {
  const risky: ComposeRiskyMount[] = [];
  for (const file of composeFilesOf(target)) {
    let document: unknown;
    try {
      document = parse(await fs.promises.readFile(file, 'utf8'));
    } catch {
      // A file that cannot be read is compose's to report when it runs.
      continue;
    }
    const services = (document as { services?: unknown } | null)?.services;
    if (!services || typeof services !== 'object') continue;
    for (const [service, definition] of Object.entries(services as Record<string, unknown>)) {
      const volumes = (definition as { volumes?: unknown } | null)?.volumes;
      if (!Array.isArray(volumes)) continue;
      for (const entry of volumes) {
        const source = bindSource(entry, target.folder, homeDir);
        if (source === null) continue;
        let real = source;
        try {
          real = realpath(source);
        } catch {
          // Not there yet: the engine creates it where it was written.
        }
        const kind = forbiddenBindReason(real) ?? forbiddenBindReason(source);
        if (kind) risky.push({ service, source, kind });
      }
    }
  }
  return risky;
}
