import path from 'node:path';
import type { EngineStatus } from '../../shared/engine';
import type { DetectionItem, DetectionItemId, DetectionReport } from '../../shared/onboarding';
import type { HostSystem } from '../host/hostSystem';
import { cliCandidates } from '../installation/dockerCli';

export type ReportPlatform = DetectionReport['platform'];

/** The report's platform: the three Berth knows, anything else is "other". */
export function reportPlatform(platform: NodeJS.Platform): ReportPlatform {
  return platform === 'darwin' || platform === 'win32' || platform === 'linux' ? platform : 'other';
}

/**
 * Where one thing may be on this machine: paths that exist when it is installed or running (an app
 * bundle, a socket), then programs looked for on PATH and in the usual install folders.
 */
export interface Places {
  files: string[];
  programs: string[];
}

type EngineItemId = Exclude<DetectionItemId, 'cli' | 'endpoint'>;

/** The engines (and Docker Desktop) the wizard looks for, in the checklist's order. */
export const engineItemIds: readonly EngineItemId[] = ['desktop', 'colima', 'orbstack', 'rancher', 'podman'];

/** Every PATH folder joined with the program's name, then the usual places, without repeats. */
export function programCandidates(
  system: Pick<HostSystem, 'platform' | 'env'>,
  name: string,
  usual: readonly string[] = [],
): string[] {
  const win = system.platform === 'win32';
  const pathApi = win ? path.win32 : path.posix;
  const exe = win ? `${name}.exe` : name;
  const pathValue = system.env.PATH ?? system.env.Path ?? '';
  const fromPath = pathValue
    .split(win ? ';' : ':')
    .filter((dir) => dir !== '')
    .map((dir) => pathApi.join(dir, exe));
  return [...new Set([...fromPath, ...usual])];
}

/** Where each engine is looked for, per platform. A platform an engine does not run on has no places. */
export function enginePlaces(system: Pick<HostSystem, 'platform' | 'env' | 'homeDir'>): Record<EngineItemId, Places> {
  const home = system.homeDir;
  const none: Places = { files: [], programs: [] };
  const posixHome = (relative: string) => path.posix.join(home, relative);
  switch (system.platform) {
    case 'darwin':
      return {
        desktop: { files: ['/Applications/Docker.app', posixHome('Applications/Docker.app')], programs: [] },
        colima: {
          files: [posixHome('.colima/default/docker.sock')],
          programs: programCandidates(system, 'colima', ['/opt/homebrew/bin/colima', '/usr/local/bin/colima']),
        },
        orbstack: {
          files: [
            posixHome('.orbstack/run/docker.sock'),
            '/Applications/OrbStack.app',
            posixHome('Applications/OrbStack.app'),
          ],
          programs: [],
        },
        rancher: {
          files: [
            posixHome('.rd/docker.sock'),
            '/Applications/Rancher Desktop.app',
            posixHome('Applications/Rancher Desktop.app'),
          ],
          programs: [],
        },
        podman: {
          files: podmanSockets(system),
          programs: programCandidates(system, 'podman', [
            '/opt/homebrew/bin/podman',
            '/usr/local/bin/podman',
            '/opt/podman/bin/podman',
          ]),
        },
      };
    case 'win32': {
      const programFiles = system.env.ProgramFiles || 'C:\\Program Files';
      const localPrograms = system.env.LOCALAPPDATA
        ? [path.win32.join(system.env.LOCALAPPDATA, 'Programs', 'Rancher Desktop', 'Rancher Desktop.exe')]
        : [];
      return {
        desktop: { files: [path.win32.join(programFiles, 'Docker', 'Docker', 'Docker Desktop.exe')], programs: [] },
        colima: none,
        orbstack: none,
        rancher: {
          files: [path.win32.join(programFiles, 'Rancher Desktop', 'Rancher Desktop.exe'), ...localPrograms],
          programs: [],
        },
        podman: {
          files: ['\\\\.\\pipe\\podman-machine-default'],
          programs: programCandidates(system, 'podman', [
            path.win32.join(programFiles, 'RedHat', 'Podman', 'podman.exe'),
          ]),
        },
      };
    }
    case 'linux':
      return {
        desktop: {
          files: ['/opt/docker-desktop/bin/com.docker.backend', '/usr/share/applications/docker-desktop.desktop'],
          programs: [],
        },
        colima: {
          files: [posixHome('.colima/default/docker.sock')],
          programs: programCandidates(system, 'colima', ['/usr/local/bin/colima']),
        },
        orbstack: none,
        rancher: { files: [posixHome('.rd/docker.sock'), '/opt/rancher-desktop/rancher-desktop'], programs: [] },
        podman: {
          files: podmanSockets(system),
          programs: programCandidates(system, 'podman', ['/usr/bin/podman', '/usr/local/bin/podman']),
        },
      };
    default:
      return {
        desktop: none,
        colima: none,
        orbstack: none,
        rancher: none,
        podman: { files: [], programs: programCandidates(system, 'podman') },
      };
  }
}

/** The podman machine's API socket (macOS), and the rootless service's one (Linux, $XDG_RUNTIME_DIR). */
function podmanSockets(system: Pick<HostSystem, 'env' | 'homeDir'>): string[] {
  const sockets = [path.posix.join(system.homeDir, '.local/share/containers/podman/machine/podman.sock')];
  if (system.env.XDG_RUNTIME_DIR) sockets.push(path.posix.join(system.env.XDG_RUNTIME_DIR, 'podman/podman.sock'));
  return sockets;
}

function look(system: HostSystem, id: DetectionItemId, places: Places): DetectionItem {
  const where =
    places.files.find((file) => system.exists(file)) ??
    places.programs.find((program) => system.isExecutableFile(program)) ??
    null;
  return { id, found: where !== null, where };
}

/**
 * Which step the wizard shows next. In this order, the first that holds:
 *
 * 1. `ready`: the engine answers (the monitor is connected).
 * 2. `permission`: the engine's problem is engine-permission-denied (the socket is there, this user
 *    may not use it; installing or starting would not help).
 * 3. `start`: an engine is installed and does not answer: Docker Desktop, Colima, OrbStack, Rancher
 *    Desktop or Podman was found. On Linux the docker CLI alone counts too: the daemon comes with
 *    the distribution's or Docker's packages, and `sudo systemctl start docker` starts it.
 * 4. `install`: nothing that runs an engine was found. On macOS and Windows (and other systems)
 *    a docker CLI alone is `install`: there the CLI needs Docker Desktop or another engine to talk to.
 */
export function chooseNext(
  platform: ReportPlatform,
  items: readonly DetectionItem[],
  engine: Pick<EngineStatus, 'state' | 'problem'>,
): DetectionReport['next'] {
  if (engine.state === 'connected') return 'ready';
  if (engine.problem?.code === 'engine-permission-denied') return 'permission';
  const found = (id: DetectionItemId) => items.some((item) => item.id === id && item.found);
  if (engineItemIds.some(found)) return 'start';
  if (platform === 'linux' && found('cli')) return 'start';
  return 'install';
}

/**
 * The first-run wizard's view of this computer: the docker CLI, Docker Desktop and the other
 * engines (by their files and programs, through `system`), and whether an engine answers (from the
 * monitor's status, passed in: the detector makes no connection of its own).
 *
 * canStart is `docker-desktop` only on macOS, when Docker Desktop is installed and the next step is
 * `start` (no engine answers, and the problem is not a permission one): Berth can then run
 * `open -a Docker`.
 */
export function detect(system: HostSystem, engine: EngineStatus): DetectionReport {
  const platform = reportPlatform(system.platform);
  const places = enginePlaces(system);
  const engineAnswers = engine.state === 'connected';
  const items: DetectionItem[] = [
    look(system, 'cli', { files: [], programs: cliCandidates(system) }),
    ...engineItemIds.map((id) => look(system, id, places[id])),
    { id: 'endpoint', found: engineAnswers, where: engineAnswers ? (engine.endpoint?.url ?? null) : null },
  ];
  const next = chooseNext(platform, items, engine);
  const desktopFound = items.some((item) => item.id === 'desktop' && item.found);
  return {
    platform,
    arch: system.arch,
    items,
    engineAnswers,
    problem: engineAnswers ? null : engine.problem,
    next,
    canStart:
      (platform === 'darwin' || platform === 'win32') && desktopFound && next === 'start' ? 'docker-desktop' : 'none',
  };
}
