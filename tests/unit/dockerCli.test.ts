import { describe, expect, it, vi } from 'vitest';
import type { ExecResult, HostSystem } from '../../src/main/host/hostSystem';
import { checkDockerCli, cliCandidates, parseClientJson } from '../../src/main/installation/dockerCli';

/** One line, exactly as `docker version --format '{{json .Client}}'` prints it (docker 28.2.2 on Linux). */
const clientJson =
  '{"Version":"28.2.2","ApiVersion":"1.41","DefaultAPIVersion":"1.50","GitCommit":"e6534b4","GoVersion":"go1.24.3","Os":"linux","Arch":"amd64","BuildTime":"Fri May 30 12:07:14 2025","Context":"default"}';

const noEngineStderr =
  'Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?\n';

interface FakeSystemOptions {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  homeDir?: string;
  executables?: string[];
  result?: Partial<ExecResult>;
}

function fakeSystem(options: FakeSystemOptions = {}) {
  const executables = new Set(options.executables ?? []);
  const execFile = vi.fn<HostSystem['execFile']>(async () => ({
    stdout: '',
    stderr: '',
    exitCode: 0,
    timedOut: false,
    ...options.result,
  }));
  const system: HostSystem = {
    platform: options.platform ?? 'linux',
    arch: 'x64',
    env: options.env ?? { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/me' },
    homeDir: options.homeDir ?? '/home/me',
    readTextFile: () => null,
    exists: (filePath) => executables.has(filePath),
    isExecutableFile: (filePath) => executables.has(filePath),
    execFile,
  };
  return { system, execFile };
}

describe('cliCandidates', () => {
  it('lists PATH in order first, then the usual Linux places, without repeats', () => {
    const candidates = cliCandidates({
      platform: 'linux',
      homeDir: '/home/me',
      env: { PATH: '/home/me/bin:/usr/local/bin::/usr/bin' },
    });
    expect(candidates).toEqual([
      '/home/me/bin/docker',
      '/usr/local/bin/docker',
      '/usr/bin/docker',
      '/home/me/.docker/bin/docker',
    ]);
  });

  it('adds the Homebrew and Docker Desktop places on macOS', () => {
    const candidates = cliCandidates({ platform: 'darwin', homeDir: '/Users/me', env: { PATH: '/usr/bin:/bin' } });
    expect(candidates).toEqual([
      '/usr/bin/docker',
      '/bin/docker',
      '/usr/local/bin/docker',
      '/opt/homebrew/bin/docker',
      '/Applications/Docker.app/Contents/Resources/bin/docker',
      '/Users/me/.docker/bin/docker',
    ]);
  });

  it('splits PATH on ";" and looks for docker.exe on Windows', () => {
    const candidates = cliCandidates({
      platform: 'win32',
      homeDir: 'C:\\Users\\me',
      env: { Path: 'C:\\Windows\\system32;C:\\Program Files\\Docker\\Docker\\resources\\bin;' },
    });
    expect(candidates).toEqual([
      'C:\\Windows\\system32\\docker.exe',
      'C:\\Program Files\\Docker\\Docker\\resources\\bin\\docker.exe',
    ]);
  });

  it('uses ProgramFiles for the Docker Desktop place on Windows', () => {
    const candidates = cliCandidates({ platform: 'win32', homeDir: 'D:\\me', env: { ProgramFiles: 'D:\\Apps' } });
    expect(candidates).toEqual(['D:\\Apps\\Docker\\Docker\\resources\\bin\\docker.exe']);
  });

  it('still lists the usual places when PATH is empty', () => {
    expect(cliCandidates({ platform: 'linux', homeDir: '/home/me', env: {} })).toEqual([
      '/usr/bin/docker',
      '/usr/local/bin/docker',
      '/home/me/.docker/bin/docker',
    ]);
  });
});

describe('parseClientJson', () => {
  it('reads the client half of `docker version`', () => {
    expect(parseClientJson('/usr/bin/docker', `${clientJson}\n`)).toEqual({
      path: '/usr/bin/docker',
      platformName: null,
      version: '28.2.2',
      apiVersion: '1.41',
      defaultApiVersion: '1.50',
      goVersion: 'go1.24.3',
      gitCommit: 'e6534b4',
      // `docker version`'s ANSIC time (UTC), as ISO 8601 like the server's.
      built: '2025-05-30T12:07:14.000Z',
      os: 'linux',
      arch: 'amd64',
      context: 'default',
    });
  });

  it('keeps a platform name and finds the JSON line after a warning', () => {
    const json = JSON.stringify({ ...JSON.parse(clientJson), Platform: { Name: 'Docker Desktop 4.42.0 (195023)' } });
    const client = parseClientJson('/usr/local/bin/docker', `WARNING: config file is old\n${json}\n`);
    expect(client?.platformName).toBe('Docker Desktop 4.42.0 (195023)');
    expect(client?.version).toBe('28.2.2');
  });

  it.each(['', 'docker: command not found', '{"Version": "28.2.2"', '{}', '{"ApiVersion":"1.41"}', 'null'])(
    'returns null for %j',
    (stdout) => {
      expect(parseClientJson('/usr/bin/docker', stdout)).toBeNull();
    },
  );
});

describe('checkDockerCli', () => {
  it('reports cli-not-installed with every place it looked when docker is nowhere', async () => {
    const { system, execFile } = fakeSystem();
    const check = await checkDockerCli(system, null);
    expect(check).toEqual({
      found: false,
      searched: cliCandidates(system),
      problem: { code: 'cli-not-installed', message: expect.stringContaining('not found') },
    });
    expect(check.found === false && check.searched).toContain('/usr/local/bin/docker');
    expect(execFile).not.toHaveBeenCalled();
  });

  it('runs the first executable candidate with `version --format {{json .Client}}`', async () => {
    const { system, execFile } = fakeSystem({
      executables: ['/usr/bin/docker', '/usr/local/bin/docker'],
      result: { stdout: `${clientJson}\n` },
    });
    const check = await checkDockerCli(system, null, 4321);
    expect(execFile).toHaveBeenCalledTimes(1);
    expect(execFile).toHaveBeenCalledWith('/usr/local/bin/docker', ['version', '--format', '{{json .Client}}'], {
      timeoutMs: 4321,
      env: { PATH: '/usr/local/bin:/usr/bin:/bin', HOME: '/home/me' },
    });
    expect(check).toMatchObject({ found: true, client: { path: '/usr/local/bin/docker', version: '28.2.2' } });
  });

  it('reads the client even when docker exits with 1 because no engine answers', async () => {
    const { system } = fakeSystem({
      executables: ['/usr/bin/docker'],
      result: { stdout: `${clientJson}\n`, stderr: noEngineStderr, exitCode: 1 },
    });
    const check = await checkDockerCli(system, null);
    expect(check).toEqual({
      found: true,
      client: expect.objectContaining({
        path: '/usr/bin/docker',
        version: '28.2.2',
        apiVersion: '1.41',
        defaultApiVersion: '1.50',
      }),
    });
  });

  it("passes the user's DOCKER_CONTEXT through when there is no endpoint override", async () => {
    const env = { PATH: '/usr/bin', DOCKER_CONTEXT: 'colima' };
    const { system, execFile } = fakeSystem({ env, executables: ['/usr/bin/docker'], result: { stdout: clientJson } });
    await checkDockerCli(system, null);
    expect(execFile.mock.calls[0]?.[2].env).toEqual(env);
  });

  it('points the CLI at the endpoint override through DOCKER_HOST and clears DOCKER_CONTEXT', async () => {
    const env = { PATH: '/usr/bin', DOCKER_CONTEXT: 'colima', DOCKER_HOST: 'unix:///old.sock' };
    const { system, execFile } = fakeSystem({ env, executables: ['/usr/bin/docker'], result: { stdout: clientJson } });
    await checkDockerCli(system, 'tcp://10.0.0.9:2375');
    const passed = execFile.mock.calls[0]?.[2].env;
    expect(passed?.DOCKER_HOST).toBe('tcp://10.0.0.9:2375');
    expect(passed?.DOCKER_CONTEXT).toBeUndefined();
    expect(passed?.PATH).toBe('/usr/bin');
    // The host system's own environment is left alone.
    expect(env).toEqual({ PATH: '/usr/bin', DOCKER_CONTEXT: 'colima', DOCKER_HOST: 'unix:///old.sock' });
  });

  it('names the path when docker does not answer in time', async () => {
    const { system } = fakeSystem({
      executables: ['/usr/bin/docker'],
      result: { stdout: '', exitCode: null, timedOut: true },
    });
    const check = await checkDockerCli(system, null);
    if (check.found) throw new Error('expected found: false');
    expect(check.problem.code).toBe('cli-failed');
    expect(check.problem.message).toContain('/usr/bin/docker');
    expect(check.problem.message).toContain('did not answer in time');
    expect(check.searched).toEqual(cliCandidates(system));
  });

  it('names the path and the first stderr line when docker prints no version', async () => {
    const { system } = fakeSystem({
      executables: ['/usr/bin/docker'],
      result: { stdout: '', stderr: 'exec format error\nsecond line\n', exitCode: 126 },
    });
    const check = await checkDockerCli(system, null);
    if (check.found) throw new Error('expected found: false');
    expect(check.problem.message).toContain('/usr/bin/docker');
    expect(check.problem.message).toContain('exec format error');
    expect(check.problem.message).not.toContain('second line');
  });

  it('says it printed no version when stdout and stderr are both empty', async () => {
    const { system } = fakeSystem({ executables: ['/usr/bin/docker'], result: { stdout: '', exitCode: 0 } });
    const check = await checkDockerCli(system, null);
    expect(check).toMatchObject({
      found: false,
      problem: { message: expect.stringMatching(/\/usr\/bin\/docker .*printed no version/) },
    });
  });
});
