import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Dispose } from '../../shared/emitter';

/**
 * Podman 4.3 sends network connect and disconnect events, but none when a network is made or
 * removed (checked on its Docker-compatible /events and on libpod's: nothing). It keeps one file per
 * network, though: CNI's <name>.conflist, netavark's <name>.json. Watching that folder is the
 * event Podman does not send (no polling). Root and rootless places; only those that exist.
 */
export function podmanNetworkFolders(home = os.homedir(), env: NodeJS.ProcessEnv = process.env): string[] {
  const dataHome = env.XDG_DATA_HOME || path.join(home, '.local', 'share');
  const configHome = env.XDG_CONFIG_HOME || path.join(home, '.config');
  return [
    '/etc/containers/networks',
    '/etc/cni/net.d',
    path.join(dataHome, 'containers', 'storage', 'networks'),
    path.join(configHome, 'cni', 'net.d'),
  ];
}

/**
 * Calls onChange when a network file appears, changes or goes, in every folder that exists and can
 * be watched; null when none can (a remote Podman: then only its events keep the list fresh).
 */
export function watchPodmanNetworkFiles(onChange: () => void, folders = podmanNetworkFolders()): Dispose | null {
  const watchers: fs.FSWatcher[] = [];
  for (const folder of folders) {
    try {
      const watcher = fs.watch(folder, { persistent: false }, (_event, file) => {
        // CNI's lock file changes on every container start: only the networks' own files count.
        if (file === null || /\.(conflist|json)$/.test(String(file))) onChange();
      });
      watcher.on('error', () => watcher.close());
      watchers.push(watcher);
    } catch {
      // Not there, or not ours to read.
    }
  }
  if (watchers.length === 0) return null;
  return () => {
    for (const watcher of watchers) watcher.close();
  };
}
