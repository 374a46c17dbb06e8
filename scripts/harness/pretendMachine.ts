import os from 'node:os';
import path from 'node:path';
import type { HostSystem } from '../../src/main/host/hostSystem';

/**
 * For the harness only: this machine seen as another one, e.g. "darwin/arm64" with nothing
 * installed. Files exist only under HOME and the temp folder (where a test puts its sockets), so the
 * first-run guide can be driven end to end for another OS without touching the real machine.
 */
export function pretendMachine(real: HostSystem, spec: string): HostSystem {
  const [platform, arch] = spec.split('/');
  const roots = [real.homeDir, os.tmpdir()].map((root) => path.resolve(root) + path.sep);
  const visible = (filePath: string) => roots.some((root) => path.resolve(filePath).startsWith(root));
  return {
    ...real,
    platform: (platform || real.platform) as NodeJS.Platform,
    arch: arch || real.arch,
    exists: (filePath) => visible(filePath) && real.exists(filePath),
    isExecutableFile: (filePath) => visible(filePath) && real.isExecutableFile(filePath),
  };
}
