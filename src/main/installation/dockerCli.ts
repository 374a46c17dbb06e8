import path from 'node:path';
import { normalizeBuildTime, type ClientCheck, type ClientVersion } from '../../shared/engine';
import type { HostSystem } from '../host/hostSystem';

/** Where installers put the docker CLI when it is not on PATH (a GUI app's PATH is often short). */
export function usualCliLocations(system: Pick<HostSystem, 'platform' | 'homeDir' | 'env'>): string[] {
  switch (system.platform) {
    case 'darwin':
      return [
        '/usr/local/bin/docker',
        '/opt/homebrew/bin/docker',
        '/Applications/Docker.app/Contents/Resources/bin/docker',
        path.join(system.homeDir, '.docker/bin/docker'),
      ];
    case 'win32': {
      const programFiles = system.env.ProgramFiles || 'C:\\Program Files';
      return [path.win32.join(programFiles, 'Docker', 'Docker', 'resources', 'bin', 'docker.exe')];
    }
    default:
      return ['/usr/bin/docker', '/usr/local/bin/docker', path.join(system.homeDir, '.docker/bin/docker')];
  }
}

/**
 * The program `name` in each PATH folder, in order, as a shell looks for it (docker.exe on Windows).
 * Shared by everything that finds a program the way the user's terminal would (docker, docker-compose).
 */
export function onPath(system: Pick<HostSystem, 'platform' | 'env'>, name: string): string[] {
  const pathApi = system.platform === 'win32' ? path.win32 : path.posix;
  const exe = system.platform === 'win32' ? `${name}.exe` : name;
  const pathValue = system.env.PATH ?? system.env.Path ?? '';
  return pathValue
    .split(system.platform === 'win32' ? ';' : ':')
    .filter((dir) => dir !== '')
    .map((dir) => pathApi.join(dir, exe));
}

/** Every place the CLI may be, PATH first (as a shell would find it), without repeats. */
export function cliCandidates(system: Pick<HostSystem, 'platform' | 'homeDir' | 'env'>): string[] {
  return [...new Set([...onPath(system, 'docker'), ...usualCliLocations(system)])];
}

interface CliClientJson {
  Platform?: { Name?: string };
  Version?: string;
  ApiVersion?: string;
  DefaultAPIVersion?: string;
  GitCommit?: string;
  GoVersion?: string;
  Os?: string;
  Arch?: string;
  BuildTime?: string;
  Context?: string;
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

/** Reads `docker version --format '{{json .Client}}'`: the client half prints even when no engine answers. */
export function parseClientJson(filePath: string, stdout: string): ClientVersion | null {
  const line = stdout.split('\n').find((candidate) => candidate.trim().startsWith('{'));
  if (!line) return null;
  let json: CliClientJson;
  try {
    json = JSON.parse(line) as CliClientJson;
  } catch {
    return null;
  }
  if (!json.Version) return null;
  return {
    path: filePath,
    platformName: text(json.Platform?.Name),
    version: json.Version,
    apiVersion: text(json.ApiVersion),
    defaultApiVersion: text(json.DefaultAPIVersion),
    goVersion: text(json.GoVersion),
    gitCommit: text(json.GitCommit),
    built: normalizeBuildTime(json.BuildTime),
    os: text(json.Os),
    arch: text(json.Arch),
    context: text(json.Context),
  };
}

/**
 * Finds the docker CLI and asks it for its version, as `docker version` prints it under "Client".
 * `endpointOverride` is Berth's own endpoint setting, when the user chose one: the CLI then asks the
 * same engine. Otherwise the CLI resolves its endpoint exactly as Berth did and shows its context.
 */
export async function checkDockerCli(
  system: HostSystem,
  endpointOverride: string | null,
  timeoutMs = 10_000,
): Promise<ClientCheck> {
  const searched = cliCandidates(system);
  const found = searched.find((candidate) => system.isExecutableFile(candidate));
  if (!found) {
    return {
      found: false,
      searched,
      problem: {
        code: 'cli-not-installed',
        message: 'The docker command was not found on PATH or in the usual install places.',
      },
    };
  }
  const env = endpointOverride
    ? { ...system.env, DOCKER_HOST: endpointOverride, DOCKER_CONTEXT: undefined }
    : { ...system.env };
  const result = await system.execFile(found, ['version', '--format', '{{json .Client}}'], { timeoutMs, env });
  const client = parseClientJson(found, result.stdout);
  if (!client) {
    const why = result.timedOut
      ? 'it did not answer in time'
      : result.stderr.trim().split('\n')[0] || 'it printed no version';
    return {
      found: false,
      searched,
      problem: { code: 'cli-failed', message: `${found} exists but \`docker version\` failed: ${why}` },
    };
  }
  return { found: true, client };
}
