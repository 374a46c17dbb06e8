import type { DetectionItemId, DetectionReport, StartEngineResult } from '../../shared/onboarding';
import type { HostSystem } from '../host/hostSystem';

/** How long starting Docker Desktop may take to hand over (the app then starts its engine by itself). */
export const START_TIMEOUT_MS = 10_000;

const where = (report: DetectionReport, id: DetectionItemId): string | null =>
  report.items.find((item) => item.id === id && item.found)?.where ?? null;

/**
 * What the user can run to start the engine, when Berth does not start it itself: for the engine
 * that was found, else the platform's usual one. Each is a command to copy, or what to open.
 */
export function startHint(report: DetectionReport): string {
  if (report.platform === 'linux') {
    // The socket is there and this user may not use it: the docker group's fix (then log in again).
    if (report.next === 'permission') return 'sudo usermod -aG docker $USER';
    if (where(report, 'desktop')) return 'systemctl --user start docker-desktop';
    if (where(report, 'cli')) return 'sudo systemctl start docker';
  }
  if (where(report, 'desktop'))
    return report.platform === 'win32' ? 'Open Docker Desktop from the Start menu' : 'open -a Docker';
  if (where(report, 'colima')) return 'colima start';
  if (where(report, 'orbstack')) return 'orb start';
  if (where(report, 'rancher')) return report.platform === 'darwin' ? 'open -a "Rancher Desktop"' : 'rdctl start';
  if (where(report, 'podman'))
    return report.platform === 'linux' ? 'systemctl --user start podman.socket' : 'podman machine start';
  if (report.platform === 'linux') return 'sudo systemctl start docker';
  return 'Install Docker Desktop: https://docs.docker.com/get-started/get-docker/';
}

/**
 * Starts the engine where Berth can, and only there: on macOS with Docker Desktop it runs
 * `open -a Docker`; on Windows with Docker Desktop it launches "Docker Desktop.exe" through
 * `cmd /c start` (which returns at once and leaves the app running). Nothing else is ever run:
 * everywhere else (Linux, Colima, OrbStack, Podman, nothing installed, a permission problem) the
 * result says what the user should run, with started false and no problem.
 *
 * problem is set only when Berth ran something and it failed.
 */
export async function startEngine(system: HostSystem, report: DetectionReport): Promise<StartEngineResult> {
  if (report.engineAnswers) {
    return { started: false, how: 'Nothing to start: the engine already answers.', problem: null };
  }
  const desktop = where(report, 'desktop');
  if (report.next === 'start' && desktop && report.platform === 'darwin') {
    return run(system, '/usr/bin/open', ['-a', 'Docker'], 'open -a Docker');
  }
  if (report.next === 'start' && desktop && report.platform === 'win32') {
    const shell = system.env.ComSpec || system.env.COMSPEC || 'cmd.exe';
    // start's first quoted argument is the window title: an empty one.
    return run(system, shell, ['/d', '/c', 'start', '', desktop], `start "" "${desktop}"`);
  }
  return { started: false, how: startHint(report), problem: null };
}

async function run(system: HostSystem, file: string, args: string[], how: string): Promise<StartEngineResult> {
  const result = await system.execFile(file, args, { timeoutMs: START_TIMEOUT_MS });
  if (result.exitCode === 0 && !result.timedOut) return { started: true, how, problem: null };
  const why = result.timedOut
    ? `it did not return within ${START_TIMEOUT_MS / 1000} s`
    : result.stderr.trim().split('\n')[0] || `it exited with ${result.exitCode ?? 'a signal'}`;
  return {
    started: false,
    how,
    problem: { code: 'engine-not-running', message: `\`${how}\` failed: ${why}` },
  };
}
