import { describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../src/shared/engine';
import type { WireError } from '../../src/shared/errors';
import { detectionReportSchema, type DetectionItemId, type DetectionReport } from '../../src/shared/onboarding';
import type { HostSystem } from '../../src/main/host/hostSystem';
import { cliCandidates } from '../../src/main/installation/dockerCli';
import { chooseNext, detect, enginePlaces, reportPlatform } from '../../src/main/onboarding/detector';

interface Machine {
  platform: NodeJS.Platform;
  arch?: string;
  env?: Record<string, string | undefined>;
  homeDir?: string;
  /** Paths that exist (apps, sockets, folders). */
  files?: string[];
  /** Executable files (they exist too). */
  executables?: string[];
}

function fakeSystem(machine: Machine): HostSystem {
  const files = new Set(machine.files ?? []);
  const executables = new Set(machine.executables ?? []);
  return {
    platform: machine.platform,
    arch: machine.arch ?? 'x64',
    env: machine.env ?? {},
    homeDir: machine.homeDir ?? (machine.platform === 'darwin' ? '/Users/me' : '/home/me'),
    readTextFile: () => null,
    exists: (filePath) => files.has(filePath) || executables.has(filePath),
    isExecutableFile: (filePath) => executables.has(filePath),
    // Detection looks, it never runs anything.
    execFile: vi.fn(() => Promise.reject(new Error('detect must not run programs'))),
  };
}

const macPath = { PATH: '/usr/bin:/bin:/usr/sbin:/sbin' };

function connected(url: string): EngineStatus {
  return {
    state: 'connected',
    endpoint: { kind: 'unix', url, source: 'platform-default', contextName: null, tls: false },
    searched: [],
    problem: null,
    server: null,
    retry: null,
    followedContext: null,
    checkedAt: 1,
  };
}

function disconnected(problem: WireError, url: string | null = null): EngineStatus {
  return {
    state: 'disconnected',
    endpoint: url ? { kind: 'unix', url, source: 'platform-default', contextName: null, tls: false } : null,
    searched: url ? [] : ['/var/run/docker.sock'],
    problem,
    server: null,
    retry: { attempt: 1, delayMs: 1000, nextAt: 1001 },
    followedContext: null,
    checkedAt: 1,
  };
}

const notFound: WireError = { code: 'engine-not-found', message: 'No Docker engine endpoint found.' };
const notRunning: WireError = { code: 'engine-not-running', message: 'Nothing listens.' };
const denied: WireError = { code: 'engine-permission-denied', message: 'permission denied' };

const item = (report: DetectionReport, id: DetectionItemId) => report.items.find((entry) => entry.id === id);
const foundIds = (report: DetectionReport) => report.items.filter((entry) => entry.found).map((entry) => entry.id);

function valid(report: DetectionReport): DetectionReport {
  expect(detectionReportSchema.parse(report)).toEqual(report);
  return report;
}

describe('detect', () => {
  it('finds nothing on a bare Mac with Apple silicon: install, every item missing', () => {
    const system = fakeSystem({ platform: 'darwin', arch: 'arm64', env: macPath });
    const report = valid(detect(system, disconnected(notFound)));
    expect(report).toEqual({
      platform: 'darwin',
      arch: 'arm64',
      items: ['cli', 'desktop', 'colima', 'orbstack', 'rancher', 'podman', 'endpoint'].map((id) => ({
        id,
        found: false,
        where: null,
      })),
      engineAnswers: false,
      problem: notFound,
      next: 'install',
      canStart: 'none',
    });
    expect(system.execFile).not.toHaveBeenCalled();
  });

  it('says start, and that Berth can start it, when Docker Desktop is installed but not running on an Intel Mac', () => {
    const system = fakeSystem({
      platform: 'darwin',
      arch: 'x64',
      env: macPath,
      files: ['/Applications/Docker.app'],
      executables: ['/usr/local/bin/docker', '/Applications/Docker.app/Contents/Resources/bin/docker'],
    });
    const report = valid(detect(system, disconnected(notFound)));
    expect(report.arch).toBe('x64');
    expect(item(report, 'cli')).toEqual({ id: 'cli', found: true, where: '/usr/local/bin/docker' });
    expect(item(report, 'desktop')).toEqual({ id: 'desktop', found: true, where: '/Applications/Docker.app' });
    expect(item(report, 'endpoint')).toEqual({ id: 'endpoint', found: false, where: null });
    expect(report).toMatchObject({
      engineAnswers: false,
      problem: notFound,
      next: 'start',
      canStart: 'docker-desktop',
    });
  });

  it("finds Docker Desktop in the user's own Applications folder", () => {
    const system = fakeSystem({ platform: 'darwin', env: macPath, files: ['/Users/me/Applications/Docker.app'] });
    const report = valid(detect(system, disconnected(notFound)));
    expect(item(report, 'desktop')?.where).toBe('/Users/me/Applications/Docker.app');
    expect(report).toMatchObject({ next: 'start', canStart: 'docker-desktop' });
  });

  it('finds the CLI on PATH before the usual places, and Docker Desktop running: ready, nothing to start', () => {
    const system = fakeSystem({
      platform: 'darwin',
      arch: 'arm64',
      env: { PATH: '/Users/me/bin:/usr/bin' },
      files: ['/Applications/Docker.app', '/Users/me/.docker/run/docker.sock'],
      executables: ['/opt/homebrew/bin/docker', '/Users/me/bin/docker'],
    });
    const report = valid(detect(system, connected('unix:///Users/me/.docker/run/docker.sock')));
    expect(item(report, 'cli')?.where).toBe('/Users/me/bin/docker');
    expect(item(report, 'endpoint')).toEqual({
      id: 'endpoint',
      found: true,
      where: 'unix:///Users/me/.docker/run/docker.sock',
    });
    expect(report).toMatchObject({ engineAnswers: true, problem: null, next: 'ready', canStart: 'none' });
  });

  it('finds the CLI in ~/.docker/bin when PATH is short (an app opened from the Finder)', () => {
    const system = fakeSystem({ platform: 'darwin', env: macPath, executables: ['/Users/me/.docker/bin/docker'] });
    const report = valid(detect(system, disconnected(notFound)));
    expect(item(report, 'cli')?.where).toBe('/Users/me/.docker/bin/docker');
    // A CLI with nothing to talk to: macOS needs an engine installed.
    expect(report).toMatchObject({ next: 'install', canStart: 'none' });
  });

  describe('CLI with Colima', () => {
    const colimaMac = () =>
      fakeSystem({
        platform: 'darwin',
        arch: 'arm64',
        env: macPath,
        files: ['/Users/me/.colima/default/docker.sock'],
        executables: ['/opt/homebrew/bin/docker', '/opt/homebrew/bin/colima'],
      });

    it('says start while Colima does not answer, and Berth does not start Colima itself', () => {
      const report = valid(
        detect(colimaMac(), disconnected(notRunning, 'unix:///Users/me/.colima/default/docker.sock')),
      );
      expect(item(report, 'cli')).toEqual({ id: 'cli', found: true, where: '/opt/homebrew/bin/docker' });
      expect(item(report, 'colima')).toEqual({
        id: 'colima',
        found: true,
        where: '/Users/me/.colima/default/docker.sock',
      });
      expect(foundIds(report)).toEqual(['cli', 'colima']);
      expect(report).toMatchObject({ engineAnswers: false, problem: notRunning, next: 'start', canStart: 'none' });
    });

    it('says ready once Colima answers', () => {
      const report = valid(detect(colimaMac(), connected('unix:///Users/me/.colima/default/docker.sock')));
      expect(foundIds(report)).toEqual(['cli', 'colima', 'endpoint']);
      expect(item(report, 'endpoint')?.where).toBe('unix:///Users/me/.colima/default/docker.sock');
      expect(report).toMatchObject({ engineAnswers: true, problem: null, next: 'ready', canStart: 'none' });
    });

    it('finds the colima program on PATH or in /usr/local/bin when its socket is gone', () => {
      const onPath = fakeSystem({
        platform: 'darwin',
        env: { PATH: '/Users/me/bin' },
        executables: ['/Users/me/bin/colima'],
      });
      expect(item(detect(onPath, disconnected(notFound)), 'colima')?.where).toBe('/Users/me/bin/colima');
      const usual = fakeSystem({ platform: 'darwin', env: macPath, executables: ['/usr/local/bin/colima'] });
      const report = detect(usual, disconnected(notFound));
      expect(item(report, 'colima')?.where).toBe('/usr/local/bin/colima');
      expect(report.next).toBe('start');
    });
  });

  it('finds OrbStack, Rancher Desktop and Podman by their sockets and apps on macOS', () => {
    const sockets = fakeSystem({
      platform: 'darwin',
      env: macPath,
      files: [
        '/Users/me/.orbstack/run/docker.sock',
        '/Users/me/.rd/docker.sock',
        '/Users/me/.local/share/containers/podman/machine/podman.sock',
      ],
    });
    const bySocket = valid(detect(sockets, disconnected(notRunning)));
    expect(item(bySocket, 'orbstack')?.where).toBe('/Users/me/.orbstack/run/docker.sock');
    expect(item(bySocket, 'rancher')?.where).toBe('/Users/me/.rd/docker.sock');
    expect(item(bySocket, 'podman')?.where).toBe('/Users/me/.local/share/containers/podman/machine/podman.sock');
    expect(bySocket.next).toBe('start');

    const apps = fakeSystem({
      platform: 'darwin',
      env: macPath,
      files: ['/Applications/OrbStack.app', '/Applications/Rancher Desktop.app'],
      executables: ['/opt/homebrew/bin/podman'],
    });
    const byApp = valid(detect(apps, disconnected(notFound)));
    expect(item(byApp, 'orbstack')?.where).toBe('/Applications/OrbStack.app');
    expect(item(byApp, 'rancher')?.where).toBe('/Applications/Rancher Desktop.app');
    expect(item(byApp, 'podman')?.where).toBe('/opt/homebrew/bin/podman');
    // Another engine installed is "start", but only Docker Desktop is started by Berth.
    expect(byApp).toMatchObject({ next: 'start', canStart: 'none' });
  });

  it('says permission on Linux when the socket refuses this user, whatever is installed', () => {
    const system = fakeSystem({
      platform: 'linux',
      env: { PATH: '/usr/local/bin:/usr/bin:/bin' },
      files: ['/var/run/docker.sock'],
      executables: ['/usr/bin/docker'],
    });
    const report = valid(detect(system, disconnected(denied, 'unix:///var/run/docker.sock')));
    expect(report).toMatchObject({
      platform: 'linux',
      engineAnswers: false,
      problem: denied,
      next: 'permission',
      canStart: 'none',
    });
    expect(item(report, 'cli')?.where).toBe('/usr/bin/docker');
    expect(item(report, 'endpoint')).toEqual({ id: 'endpoint', found: false, where: null });
  });

  it('says start on Linux for a CLI without a running daemon (systemctl starts it), install with nothing', () => {
    const withCli = fakeSystem({ platform: 'linux', env: { PATH: '/usr/bin' }, executables: ['/usr/bin/docker'] });
    expect(valid(detect(withCli, disconnected(notRunning, 'unix:///var/run/docker.sock')))).toMatchObject({
      next: 'start',
      canStart: 'none',
    });
    expect(detect(withCli, disconnected(notFound)).next).toBe('start');
    const bare = fakeSystem({ platform: 'linux', env: { PATH: '/usr/bin' } });
    const report = valid(detect(bare, disconnected(notFound)));
    expect(report.next).toBe('install');
    expect(foundIds(report)).toEqual([]);
  });

  it('finds Docker Desktop for Linux and a rootless Podman socket', () => {
    const desktop = fakeSystem({ platform: 'linux', files: ['/usr/share/applications/docker-desktop.desktop'] });
    const report = valid(detect(desktop, disconnected(notFound)));
    expect(item(report, 'desktop')?.where).toBe('/usr/share/applications/docker-desktop.desktop');
    expect(report).toMatchObject({ next: 'start', canStart: 'none' });
    const backend = fakeSystem({ platform: 'linux', executables: ['/opt/docker-desktop/bin/com.docker.backend'] });
    expect(item(detect(backend, disconnected(notFound)), 'desktop')?.where).toBe(
      '/opt/docker-desktop/bin/com.docker.backend',
    );

    const podman = fakeSystem({
      platform: 'linux',
      env: { XDG_RUNTIME_DIR: '/run/user/1000' },
      files: ['/run/user/1000/podman/podman.sock'],
    });
    const podmanReport = valid(detect(podman, disconnected(notFound)));
    expect(item(podmanReport, 'podman')?.where).toBe('/run/user/1000/podman/podman.sock');
    expect(podmanReport.next).toBe('start');
  });

  it('finds Docker Desktop at the Program Files path on Windows', () => {
    const system = fakeSystem({
      platform: 'win32',
      env: { ProgramFiles: 'C:\\Program Files', Path: 'C:\\Windows\\system32;C:\\Windows' },
      homeDir: 'C:\\Users\\me',
      files: ['C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe'],
      executables: ['C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe'],
    });
    const report = valid(detect(system, disconnected(notFound)));
    expect(item(report, 'desktop')).toEqual({
      id: 'desktop',
      found: true,
      where: 'C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe',
    });
    expect(item(report, 'cli')?.where).toBe('C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe');
    expect(report).toMatchObject({ platform: 'win32', next: 'start', canStart: 'docker-desktop' });

    const running = valid(detect(system, connected('npipe:////./pipe/docker_engine')));
    expect(running).toMatchObject({ next: 'ready', engineAnswers: true });
    expect(item(running, 'endpoint')?.where).toBe('npipe:////./pipe/docker_engine');
  });

  it('follows %ProgramFiles% on Windows, and a CLI alone there is install', () => {
    const system = fakeSystem({
      platform: 'win32',
      env: { ProgramFiles: 'D:\\Apps', Path: 'C:\\tools' },
      homeDir: 'C:\\Users\\me',
      files: ['D:\\Apps\\Docker\\Docker\\Docker Desktop.exe'],
    });
    expect(item(detect(system, disconnected(notFound)), 'desktop')?.where).toBe(
      'D:\\Apps\\Docker\\Docker\\Docker Desktop.exe',
    );
    const cliOnly = fakeSystem({
      platform: 'win32',
      env: { Path: 'C:\\tools' },
      homeDir: 'C:\\Users\\me',
      executables: ['C:\\tools\\docker.exe'],
    });
    const report = valid(detect(cliOnly, disconnected(notFound)));
    expect(item(report, 'cli')?.where).toBe('C:\\tools\\docker.exe');
    expect(report.next).toBe('install');
  });

  it('does not offer to start Docker Desktop when the problem is permission', () => {
    const system = fakeSystem({ platform: 'darwin', env: macPath, files: ['/Applications/Docker.app'] });
    const report = valid(detect(system, disconnected(denied, 'unix:///var/run/docker.sock')));
    expect(report).toMatchObject({ next: 'permission', canStart: 'none' });
  });

  it('is not ready while the first check is still under way', () => {
    const system = fakeSystem({ platform: 'darwin', env: macPath, files: ['/Applications/Docker.app'] });
    const connecting: EngineStatus = { ...disconnected(notFound), state: 'connecting', problem: null, retry: null };
    const report = valid(detect(system, connecting));
    expect(report).toMatchObject({ engineAnswers: false, problem: null, next: 'start', canStart: 'docker-desktop' });
  });

  it('names other systems "other" and keeps the arch as Node names it', () => {
    const system = fakeSystem({ platform: 'freebsd', arch: 'ppc64', env: { PATH: '/usr/local/bin' } });
    const report = valid(detect(system, disconnected(notFound)));
    expect(report).toMatchObject({ platform: 'other', arch: 'ppc64', next: 'install', canStart: 'none' });
  });

  it('uses the same CLI places as the installation check', () => {
    const system = fakeSystem({ platform: 'linux', env: { PATH: '/opt/x/bin' } });
    const looked: string[] = [];
    const spy: HostSystem = {
      ...system,
      isExecutableFile: (filePath) => {
        looked.push(filePath);
        return false;
      },
    };
    detect(spy, disconnected(notFound));
    expect(looked.slice(0, cliCandidates(system).length)).toEqual(cliCandidates(system));
  });
});

describe('chooseNext', () => {
  const none = ['cli', 'desktop', 'colima', 'orbstack', 'rancher', 'podman', 'endpoint'].map((id) => ({
    id: id as DetectionItemId,
    found: false,
    where: null,
  }));
  const withFound = (...ids: DetectionItemId[]) =>
    none.map((entry) => (ids.includes(entry.id) ? { ...entry, found: true, where: `/${entry.id}` } : entry));
  const down = { state: 'disconnected' as const, problem: notRunning };

  it.each([
    ['darwin', [], 'install'],
    ['darwin', ['cli'], 'install'],
    ['darwin', ['cli', 'desktop'], 'start'],
    ['darwin', ['desktop'], 'start'],
    ['darwin', ['colima'], 'start'],
    ['darwin', ['orbstack'], 'start'],
    ['darwin', ['rancher'], 'start'],
    ['darwin', ['podman'], 'start'],
    ['win32', ['cli'], 'install'],
    ['win32', ['desktop'], 'start'],
    ['linux', [], 'install'],
    ['linux', ['cli'], 'start'],
    ['linux', ['podman'], 'start'],
    ['other', ['cli'], 'install'],
  ] as const)('%s with %j found and no engine: %s', (platform, ids, next) => {
    expect(chooseNext(platform, withFound(...ids), down)).toBe(next);
  });

  it('puts ready before permission, and permission before start', () => {
    expect(chooseNext('linux', withFound(), { state: 'connected', problem: null })).toBe('ready');
    expect(chooseNext('linux', withFound('cli', 'desktop'), { state: 'disconnected', problem: denied })).toBe(
      'permission',
    );
  });
});

describe('reportPlatform and enginePlaces', () => {
  it('maps Node platforms to the report', () => {
    expect(['darwin', 'win32', 'linux', 'freebsd', 'aix'].map((p) => reportPlatform(p as NodeJS.Platform))).toEqual([
      'darwin',
      'win32',
      'linux',
      'other',
      'other',
    ]);
  });

  it('looks for engines that do not run on a platform nowhere (no Colima or OrbStack on Windows)', () => {
    const places = enginePlaces({ platform: 'win32', env: {}, homeDir: 'C:\\Users\\me' });
    expect(places.colima).toEqual({ files: [], programs: [] });
    expect(places.orbstack).toEqual({ files: [], programs: [] });
    expect(places.desktop.files).toEqual(['C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe']);
  });
});
