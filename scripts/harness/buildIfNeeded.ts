import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Builds the renderer with electron-vite when out/ is missing or older than the sources. */
export function buildIfNeeded(projectRoot: string): void {
  const builtIndex = path.join(projectRoot, 'out/renderer/index.html');
  const sources = ['src/renderer', 'src/shared'].map((dir) => newestMtime(path.join(projectRoot, dir)));
  if (fs.existsSync(builtIndex) && fs.statSync(builtIndex).mtimeMs >= Math.max(...sources)) return;
  console.error('harness: building the renderer (electron-vite build)…');
  const result = spawnSync('npx', ['electron-vite', 'build'], {
    cwd: projectRoot,
    stdio: ['ignore', 2, 2],
  });
  if (result.status !== 0) throw new Error('electron-vite build failed');
}
