import { describe, expect, it, vi } from 'vitest';
import type { EngineStatus } from '../../src/shared/engine';
import { defaultEndpoint } from '../fixtures/builders/engineStatus';
import { startEngineResultSchema, type StartEngineResult } from '../../src/shared/onboarding';
import type { ExecResult, HostSystem } from '../../src/main/host/hostSystem';
import { detect } from '../../src/main/onboarding/detector';
import { START_TIMEOUT_MS, startEngine, startHint } from '../../src/main/onboarding/engineStarter';

interface Machine {
  platform: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  homeDir?: string;
  files?: string[];
  executables?: string[];
  result?: Partial<ExecResult>;
}

/** A machine whose execFile only records the call: starting an app is not an engine call. */
function fakeSystem(machine: Machine) {
  const files = new Set([...(machine.files ?? []), ...(machine.executables ?? [])]);
  const executables = new Set(machine.executables ?? []);
  const execFile = vi.fn<HostSystem['execFile']>(async () => ({
    stdout: '',
    stderr: '',
    exitCode: 0,
    timedOut: false,
    ...machine.result,
  }));
  const system: HostSystem = {
    platform: machine.platform,
    arch: 'arm64',
    env: machine.env ?? { PATH: '/usr/bin:/bin' },
    homeDir: machine.homeDir ?? '/Users/me',
    readTextFile: () => null,
    exists: (filePath) => files.has(filePath),
    isExecutableFile: (filePath) => executables.has(filePath),
    execFile,
  };
  return { system, execFile };
}

const down: EngineStatus = {
  state: 'disconnected',
  endpoint: null,
  searched: [],
  problem: { code: 'engine-not-found', message: 'No Docker engine endpoint found.' },
  server: null,
  retry: null,
  followedContext: null,
  checkedAt: 1,
};
const denied: EngineStatus = {
  ...down,
  endpoint: defaultEndpoint,
  problem: { code: 'engine-permission-denied', message: 'permission denied' },
};
const up: EngineStatus = { ...denied, state: 'connected', problem: null };

async function start(system: HostSystem, engine: EngineStatus = down): Promise<StartEngineResult> {
  const result = await startEngine(system, detect(system, engine));
  expect(startEngineResultSchema.parse(result)).toEqual(result);
  return result;
}

describe('startEngine on macOS', () => {
  it('runs `open -a Docker` when Docker Desktop is installed, with a 10 s timeout', async () => {
    const { system, execFile } = fakeSystem({ platform: 'darwin', files: ['/Applications/Docker.app'] });
    expect(await start(system)).toEqual({ started: true, how: 'open -a Docker', problem: null });
    expect(execFile).toHaveBeenCalledTimes(1);
    expect(execFile).toHaveBeenCalledWith('/usr/bin/open', ['-a', 'Docker'], { timeoutMs: 10_000 });
    expect(START_TIMEOUT_MS).toBe(10_000);
  });

  it('says what went wrong when `open` fails', async () => {
    const { system } = fakeSystem({
      platform: 'darwin',
      files: ['/Applications/Docker.app'],
      result: { exitCode: 1, stderr: "Unable to find application named 'Docker'\n" },
    });
    const result = await start(system);
    expect(result).toMatchObject({ started: false, how: 'open -a Docker', problem: { code: 'engine-not-running' } });
    expect(result.problem?.message).toContain("Unable to find application named 'Docker'");
  });

  it('says when `open` did not return in time', async () => {
    const { system } = fakeSystem({
      platform: 'darwin',
      files: ['/Applications/Docker.app'],
      result: { exitCode: null, timedOut: true },
    });
    const result = await start(system);
    expect(result.started).toBe(false);
    expect(result.problem?.message).toContain('did not return within 10 s');
  });

  it('runs nothing for Colima: it says `colima start`', async () => {
    const { system, execFile } = fakeSystem({
      platform: 'darwin',
      files: ['/Users/me/.colima/default/docker.sock'],
      executables: ['/opt/homebrew/bin/docker'],
    });
    expect(await start(system)).toEqual({ started: false, how: 'colima start', problem: null });
    expect(execFile).not.toHaveBeenCalled();
  });

  it('runs nothing when nothing is installed: it says to install Docker Desktop', async () => {
    const { system, execFile } = fakeSystem({ platform: 'darwin' });
    const result = await start(system);
    expect(result).toMatchObject({ started: false, problem: null });
    expect(result.how).toContain('Install Docker Desktop');
    expect(execFile).not.toHaveBeenCalled();
  });

  it('runs nothing when the engine already answers', async () => {
    const { system, execFile } = fakeSystem({ platform: 'darwin', files: ['/Applications/Docker.app'] });
    expect(await start(system, up)).toMatchObject({ started: false, problem: null });
    expect(execFile).not.toHaveBeenCalled();
  });

  it('runs nothing when the problem is permission', async () => {
    const { system, execFile } = fakeSystem({ platform: 'darwin', files: ['/Applications/Docker.app'] });
    expect((await start(system, denied)).started).toBe(false);
    expect(execFile).not.toHaveBeenCalled();
  });
});

describe('startEngine on Linux', () => {
  const linux = (machine: Partial<Machine> = {}) =>
    fakeSystem({ platform: 'linux', env: { PATH: '/usr/bin' }, homeDir: '/home/me', ...machine });

  it('runs nothing and says `sudo systemctl start docker`', async () => {
    const { system, execFile } = linux({ executables: ['/usr/bin/docker'] });
    expect(await start(system)).toEqual({ started: false, how: 'sudo systemctl start docker', problem: null });
    expect(execFile).not.toHaveBeenCalled();
  });

  it('says the docker group fix when the socket refuses this user', async () => {
    const { system, execFile } = linux({ executables: ['/usr/bin/docker'] });
    expect(await start(system, denied)).toEqual({
      started: false,
      how: 'sudo usermod -aG docker $USER',
      problem: null,
    });
    expect(execFile).not.toHaveBeenCalled();
  });

  it("says Docker Desktop for Linux's user service when that is installed", async () => {
    const { system, execFile } = linux({ files: ['/opt/docker-desktop/bin/com.docker.backend'] });
    expect((await start(system)).how).toBe('systemctl --user start docker-desktop');
    expect(execFile).not.toHaveBeenCalled();
  });
});

describe('startEngine on Windows', () => {
  const desktopExe = 'C:\\Program Files\\Docker\\Docker\\Docker Desktop.exe';

  it('launches Docker Desktop.exe through `cmd /c start`, which returns at once', async () => {
    const { system, execFile } = fakeSystem({
      platform: 'win32',
      env: { ProgramFiles: 'C:\\Program Files', ComSpec: 'C:\\Windows\\system32\\cmd.exe', Path: 'C:\\Windows' },
      homeDir: 'C:\\Users\\me',
      files: [desktopExe],
    });
    expect(await start(system)).toEqual({ started: true, how: `start "" "${desktopExe}"`, problem: null });
    expect(execFile).toHaveBeenCalledTimes(1);
    expect(execFile).toHaveBeenCalledWith('C:\\Windows\\system32\\cmd.exe', ['/d', '/c', 'start', '', desktopExe], {
      timeoutMs: 10_000,
    });
  });

  it('runs nothing without Docker Desktop', async () => {
    const { system, execFile } = fakeSystem({
      platform: 'win32',
      env: { Path: 'C:\\Windows' },
      homeDir: 'C:\\Users\\me',
    });
    const result = await start(system);
    expect(result).toMatchObject({ started: false, problem: null });
    expect(result.how).toContain('Install Docker Desktop');
    expect(execFile).not.toHaveBeenCalled();
  });
});

describe('startHint', () => {
  it('names the command for the engine that was found', async () => {
    const mac = fakeSystem({ platform: 'darwin', files: ['/Users/me/.orbstack/run/docker.sock'] }).system;
    expect(startHint(detect(mac, down))).toBe('orb start');
    const podman = fakeSystem({ platform: 'darwin', executables: ['/opt/homebrew/bin/podman'] }).system;
    expect(startHint(detect(podman, down))).toBe('podman machine start');
    const rancher = fakeSystem({ platform: 'darwin', files: ['/Applications/Rancher Desktop.app'] }).system;
    expect(startHint(detect(rancher, down))).toBe('open -a "Rancher Desktop"');
  });
});
