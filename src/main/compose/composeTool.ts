import path from 'node:path';
import type { ComposeTool } from '../../shared/compose';
import { dockerConfigDir } from '../engine/endpoint';
import type { HostSystem } from '../host/hostSystem';
import { onPath } from '../installation/dockerCli';

type ToolSystem = Pick<HostSystem, 'platform' | 'homeDir' | 'env' | 'readTextFile' | 'exists'>;

/** The folders the docker CLI installs with for its plugins, after the user's own (cli/cli-plugins/manager). */
function systemPluginDirs(system: ToolSystem): string[] {
  switch (system.platform) {
    case 'darwin':
      return [
        '/usr/local/lib/docker/cli-plugins',
        '/opt/homebrew/lib/docker/cli-plugins',
        '/usr/local/libexec/docker/cli-plugins',
        '/opt/homebrew/libexec/docker/cli-plugins',
        '/Applications/Docker.app/Contents/Resources/cli-plugins',
      ];
    case 'win32': {
      const programData = system.env.ProgramData || 'C:\\ProgramData';
      const programFiles = system.env.ProgramFiles || 'C:\\Program Files';
      return [
        path.win32.join(programData, 'Docker', 'cli-plugins'),
        path.win32.join(programFiles, 'Docker', 'cli-plugins'),
      ];
    }
    default:
      return [
        '/usr/local/lib/docker/cli-plugins',
        '/usr/local/libexec/docker/cli-plugins',
        '/usr/lib/docker/cli-plugins',
        '/usr/libexec/docker/cli-plugins',
      ];
  }
}

/** config.json's cliPluginsExtraDirs: folders the user added; unreadable or absent means none. */
function extraPluginDirs(system: ToolSystem, configDir: string): string[] {
  const text = system.readTextFile(path.join(configDir, 'config.json'));
  if (text === null) return [];
  try {
    const dirs = (JSON.parse(text) as { cliPluginsExtraDirs?: unknown } | null)?.cliPluginsExtraDirs;
    return Array.isArray(dirs) ? dirs.filter((dir): dir is string => typeof dir === 'string' && dir !== '') : [];
  } catch {
    return [];
  }
}

/**
 * The cli-plugins folders in the docker CLI's order: config.json's extra folders, then the user's
 * (~/.docker/cli-plugins, or $DOCKER_CONFIG/cli-plugins; Docker Desktop links its plugins there on
 * macOS), then the system's.
 */
export function pluginDirs(system: ToolSystem): string[] {
  const configDir = dockerConfigDir(system);
  const join = system.platform === 'win32' ? path.win32.join : path.posix.join;
  return [
    ...new Set([...extraPluginDirs(system, configDir), join(configDir, 'cli-plugins'), ...systemPluginDirs(system)]),
  ];
}

export interface ComposeCandidate {
  kind: 'plugin' | 'standalone';
  path: string;
}

/**
 * Where compose may be, in the order Berth prefers it: the plugin (`docker compose`), then
 * `docker-compose` on PATH. Standalone only on PATH, as a terminal finds it: Docker Desktop and
 * Homebrew install the plugin, whose folders are searched whatever PATH says.
 */
export function composeCandidates(system: ToolSystem): ComposeCandidate[] {
  const exe = system.platform === 'win32' ? 'docker-compose.exe' : 'docker-compose';
  const join = system.platform === 'win32' ? path.win32.join : path.posix.join;
  const plugins = pluginDirs(system).map((dir): ComposeCandidate => ({ kind: 'plugin', path: join(dir, exe) }));
  const standalone = [...new Set(onPath(system, 'docker-compose'))].map((file): ComposeCandidate => ({
    kind: 'standalone',
    path: file,
  }));
  return [...plugins, ...standalone];
}

/** `version --short` prints "1.29.2" (v1) or "2.24.5" (v2; some builds say "v2.24.5"). */
export function parseComposeVersion(stdout: string): { version: string; major: number } | null {
  const match = /^v?(\d+)\.\d+[^\s]*/m.exec(stdout.trim());
  if (!match) return null;
  return { version: match[0].replace(/^v/, ''), major: Number(match[1]) };
}

/**
 * Finds compose as the docker CLI would run it: the `docker compose` plugin first, then the
 * standalone `docker-compose` on PATH, and asks it its version. A candidate that is there but does
 * not answer a version (a broken link, a wrong architecture) is passed over for the next.
 * The plugin is run directly (compose v2 runs standalone too), so no docker CLI is needed for it.
 */
export async function findComposeTool(system: HostSystem, timeoutMs = 10_000): Promise<ComposeTool> {
  const candidates = composeCandidates(system);
  for (const candidate of candidates) {
    if (!system.isExecutableFile(candidate.path)) continue;
    const result = await system.execFile(candidate.path, ['version', '--short'], { timeoutMs });
    const parsed = result.exitCode === 0 ? parseComposeVersion(result.stdout) : null;
    if (!parsed) continue;
    return {
      found: true,
      kind: candidate.kind,
      path: candidate.path,
      command: candidate.kind === 'plugin' ? ['docker', 'compose'] : ['docker-compose'],
      version: parsed.version,
      major: parsed.major,
    };
  }
  return { found: false, searched: candidates.map((candidate) => candidate.path), platform: system.platform };
}

/**
 * The compose found once and kept: finding it runs the program (docker-compose v1 takes a good
 * fraction of a second to start), so each command does not pay that again. refresh() looks afresh
 * (the 'compose.tool' request, after the user installed it); a "not found" is never kept.
 */
export class ComposeToolCache {
  private found: Promise<ComposeTool> | null = null;

  constructor(private readonly find: () => Promise<ComposeTool>) {}

  current(): Promise<ComposeTool> {
    return this.found ?? this.refresh();
  }

  refresh(): Promise<ComposeTool> {
    const finding: Promise<ComposeTool> = this.find().then(
      (tool) => {
        if (!tool.found && this.found === finding) this.found = null;
        return tool;
      },
      (error: unknown) => {
        if (this.found === finding) this.found = null;
        throw error;
      },
    );
    this.found = finding;
    return finding;
  }
}
