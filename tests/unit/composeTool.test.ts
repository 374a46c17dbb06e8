import { describe, expect, it, vi } from 'vitest';
import type { ComposeTool } from '../../src/shared/compose';
import {
  ComposeToolCache,
  composeCandidates,
  findComposeTool,
  parseComposeVersion,
  pluginDirs,
} from '../../src/main/compose/composeTool';
import type { ExecResult, HostSystem } from '../../src/main/host/hostSystem';

interface FakeOptions {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  files?: Record<string, string>;
  /** program → what `version --short` prints. */
  programs?: Record<string, string>;
}

function fakeSystem(options: FakeOptions = {}) {
  const programs = options.programs ?? {};
  const files = options.files ?? {};
  const execFile = vi.fn<HostSystem['execFile']>(async (file, args): Promise<ExecResult> => {
    const out = programs[file];
    expect(args).toEqual(['version', '--short']);
    return out === undefined
      ? { stdout: '', stderr: 'exec format error', exitCode: 126, timedOut: false }
      : { stdout: out, stderr: '', exitCode: 0, timedOut: false };
  });
  const system: HostSystem = {
    platform: options.platform ?? 'linux',
    arch: 'x64',
    env: options.env ?? { PATH: '/usr/local/bin:/usr/bin' },
    homeDir: '/home/me',
    readTextFile: (filePath) => files[filePath] ?? null,
    exists: (filePath) => filePath in programs || filePath in files,
    isExecutableFile: (filePath) => filePath in programs,
    execFile,
  };
  return { system, execFile };
}

const linuxPlugins = [
  '/home/me/.docker/cli-plugins/docker-compose',
  '/usr/local/lib/docker/cli-plugins/docker-compose',
  '/usr/local/libexec/docker/cli-plugins/docker-compose',
  '/usr/lib/docker/cli-plugins/docker-compose',
  '/usr/libexec/docker/cli-plugins/docker-compose',
];

describe('where compose is looked for', () => {
  it('Linux: the cli-plugins folders as the docker CLI reads them, then docker-compose on PATH', () => {
    const { system } = fakeSystem();
    expect(composeCandidates(system).map((candidate) => candidate.path)).toEqual([
      ...linuxPlugins,
      '/usr/local/bin/docker-compose',
      '/usr/bin/docker-compose',
    ]);
  });

  it('config.json’s cliPluginsExtraDirs first, and DOCKER_CONFIG’s folder instead of ~/.docker', () => {
    const { system } = fakeSystem({
      env: { PATH: '', DOCKER_CONFIG: '/cfg' },
      files: { '/cfg/config.json': '{"cliPluginsExtraDirs":["/opt/plugins", 3]}' },
    });
    expect(pluginDirs(system).slice(0, 3)).toEqual([
      '/opt/plugins',
      '/cfg/cli-plugins',
      '/usr/local/lib/docker/cli-plugins',
    ]);
  });

  it('an unreadable config.json adds no folder', () => {
    const { system } = fakeSystem({ files: { '/home/me/.docker/config.json': '{not json' } });
    expect(pluginDirs(system)[0]).toBe('/home/me/.docker/cli-plugins');
  });

  it('macOS: Docker Desktop’s and Homebrew’s plugin folders too', () => {
    const { system } = fakeSystem({ platform: 'darwin', env: { PATH: '/usr/bin' } });
    expect(pluginDirs(system)).toEqual([
      '/home/me/.docker/cli-plugins',
      '/usr/local/lib/docker/cli-plugins',
      '/opt/homebrew/lib/docker/cli-plugins',
      '/usr/local/libexec/docker/cli-plugins',
      '/opt/homebrew/libexec/docker/cli-plugins',
      '/Applications/Docker.app/Contents/Resources/cli-plugins',
    ]);
  });
});

describe('findComposeTool', () => {
  it('prefers the plugin: `docker compose`, run from its file', async () => {
    const { system } = fakeSystem({
      programs: { '/usr/lib/docker/cli-plugins/docker-compose': '2.24.5\n', '/usr/bin/docker-compose': '1.29.2\n' },
    });
    expect(await findComposeTool(system)).toEqual({
      found: true,
      kind: 'plugin',
      path: '/usr/lib/docker/cli-plugins/docker-compose',
      command: ['docker', 'compose'],
      version: '2.24.5',
      major: 2,
    });
  });

  it('standalone v1 on PATH', async () => {
    const { system } = fakeSystem({ programs: { '/usr/bin/docker-compose': '1.29.2\n' } });
    expect(await findComposeTool(system)).toEqual({
      found: true,
      kind: 'standalone',
      path: '/usr/bin/docker-compose',
      command: ['docker-compose'],
      version: '1.29.2',
      major: 1,
    });
  });

  it('standalone v2 on PATH ("v2.27.0"), after a plugin file that does not run', async () => {
    const { system, execFile } = fakeSystem({
      programs: { '/usr/local/bin/docker-compose': 'v2.27.0\n' },
    });
    // A plugin file that is there but is no program for this machine.
    system.isExecutableFile = (filePath) =>
      filePath === '/home/me/.docker/cli-plugins/docker-compose' || filePath === '/usr/local/bin/docker-compose';
    const tool = await findComposeTool(system);
    expect(tool).toMatchObject({ found: true, kind: 'standalone', version: '2.27.0', major: 2 });
    expect(execFile).toHaveBeenCalledTimes(2);
  });

  it('none: found false, every place it looked, and the platform for the install step', async () => {
    const { system } = fakeSystem({ platform: 'linux', env: { PATH: '/usr/bin' } });
    expect(await findComposeTool(system)).toEqual({
      found: false,
      searched: [...linuxPlugins, '/usr/bin/docker-compose'],
      platform: 'linux',
    });
  });

  it('Windows: docker-compose.exe in Docker Desktop’s folders and on PATH', async () => {
    const { system } = fakeSystem({
      platform: 'win32',
      env: { Path: 'C:\\bin', ProgramFiles: 'D:\\Apps', ProgramData: 'D:\\Data' },
    });
    const tool = await findComposeTool(system);
    expect(tool.found).toBe(false);
    expect(!tool.found && tool.searched.slice(-3)).toEqual([
      'D:\\Data\\Docker\\cli-plugins\\docker-compose.exe',
      'D:\\Apps\\Docker\\cli-plugins\\docker-compose.exe',
      'C:\\bin\\docker-compose.exe',
    ]);
  });
});

describe('parseComposeVersion', () => {
  it('reads 1.x and 2.x, with or without a v', () => {
    expect(parseComposeVersion('1.29.2\n')).toEqual({ version: '1.29.2', major: 1 });
    expect(parseComposeVersion('v2.27.0-desktop.1\n')).toEqual({ version: '2.27.0-desktop.1', major: 2 });
    expect(parseComposeVersion('nothing')).toBeNull();
  });
});

describe('ComposeToolCache', () => {
  const found: ComposeTool = {
    found: true,
    kind: 'standalone',
    path: '/x',
    command: ['docker-compose'],
    version: '1.29.2',
    major: 1,
  };
  const missing: ComposeTool = { found: false, searched: [], platform: 'linux' };

  it('finds once and keeps what it found; refresh looks again', async () => {
    const find = vi.fn(async () => found);
    const cache = new ComposeToolCache(find);
    await cache.current();
    await cache.current();
    expect(find).toHaveBeenCalledTimes(1);
    await cache.refresh();
    expect(find).toHaveBeenCalledTimes(2);
  });

  it('never keeps "not found": the next command looks again (the user may have installed it)', async () => {
    const find = vi.fn<() => Promise<ComposeTool>>().mockResolvedValueOnce(missing).mockResolvedValue(found);
    const cache = new ComposeToolCache(find);
    expect((await cache.current()).found).toBe(false);
    expect((await cache.current()).found).toBe(true);
    expect(find).toHaveBeenCalledTimes(2);
  });
});
