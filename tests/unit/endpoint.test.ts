import { createHash, generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { isUnencryptedPrivateKey, sshConnectOptions } from '../../src/main/engine/dockerConnection';
import {
  endpointUrl,
  parseEndpointUrl,
  resolveEndpoint,
  type EndpointResolution,
  type EndpointWorld,
  type EngineEndpoint,
} from '../../src/main/engine/endpoint';
import { BerthError } from '../../src/shared/errors';

interface FakeWorldOptions {
  platform?: NodeJS.Platform;
  env?: Record<string, string | undefined>;
  homeDir?: string;
  /** Text files by absolute path; every key also exists. */
  files?: Record<string, string>;
  /** Paths that exist but are not read as text (sockets, pipes, certificates). */
  existing?: string[];
}

function fakeWorld(options: FakeWorldOptions = {}): EndpointWorld & { reads: string[] } {
  const files = new Map(Object.entries(options.files ?? {}));
  const existing = new Set([...(options.existing ?? []), ...files.keys()]);
  const reads: string[] = [];
  return {
    platform: options.platform ?? 'linux',
    env: options.env ?? {},
    homeDir: options.homeDir ?? '/home/me',
    reads,
    readTextFile(filePath) {
      reads.push(filePath);
      return files.get(filePath) ?? null;
    },
    exists: (filePath) => existing.has(filePath),
  };
}

const sha256 = (name: string) => createHash('sha256').update(name).digest('hex');

function contextMetaPath(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'meta', sha256(name), 'meta.json');
}

function contextTlsDir(configDir: string, name: string): string {
  return path.join(configDir, 'contexts', 'tls', sha256(name), 'docker');
}

/** meta.json as `docker context create` writes it. */
function contextMeta(name: string, host: string, skipTlsVerify = false): string {
  return JSON.stringify({
    Name: name,
    Metadata: { Description: `${name} engine` },
    Endpoints: { docker: { Host: host, SkipTLSVerify: skipTlsVerify } },
  });
}

function expectOk(resolution: EndpointResolution) {
  if (!resolution.ok) throw new Error(`expected a resolved endpoint, got ${JSON.stringify(resolution.problem)}`);
  return resolution;
}

function expectFailure(resolution: EndpointResolution) {
  if (resolution.ok) throw new Error(`expected a failure, got ${JSON.stringify(resolution.info)}`);
  return resolution;
}

/** The endpoint without the ssh login found on the machine, to compare with what a URL says. */
function withoutAuth(endpoint: EngineEndpoint): EngineEndpoint {
  if (endpoint.kind !== 'ssh') return endpoint;
  const { auth: _auth, ...rest } = endpoint;
  return rest;
}

function invalidEndpointError(raw: string): BerthError {
  try {
    parseEndpointUrl(raw);
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error(`"${raw}" was accepted`);
}

describe('parseEndpointUrl', () => {
  it('reads unix sockets, named pipes, tcp and ssh URLs', () => {
    expect(parseEndpointUrl('unix:///var/run/docker.sock')).toEqual({
      kind: 'unix',
      socketPath: '/var/run/docker.sock',
    });
    expect(parseEndpointUrl('npipe:////./pipe/docker_engine')).toEqual({
      kind: 'npipe',
      pipePath: '\\\\.\\pipe\\docker_engine',
    });
    expect(parseEndpointUrl('tcp://10.0.0.5:2375')).toEqual({ kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null });
    expect(parseEndpointUrl('ssh://me@build-box:2222')).toEqual({
      kind: 'ssh',
      host: 'build-box',
      port: 2222,
      username: 'me',
    });
  });

  it('defaults the ssh port to 22 and leaves the user empty when none is given', () => {
    expect(parseEndpointUrl('ssh://build-box')).toEqual({ kind: 'ssh', host: 'build-box', port: 22, username: null });
  });

  it('treats a host without a scheme as tcp', () => {
    expect(parseEndpointUrl('192.168.1.20')).toEqual({ kind: 'tcp', host: '192.168.1.20', port: 2375, tls: null });
    expect(parseEndpointUrl('localhost:2380')).toEqual({ kind: 'tcp', host: 'localhost', port: 2380, tls: null });
  });

  it('uses port 2375 for plain tcp and 2376 when TLS files are given', () => {
    expect(parseEndpointUrl('tcp://engine.local')).toMatchObject({ port: 2375, tls: null });
    const tls = { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem', verify: true };
    expect(parseEndpointUrl('tcp://engine.local', tls)).toEqual({ kind: 'tcp', host: 'engine.local', port: 2376, tls });
    expect(parseEndpointUrl('tcp://engine.local:9999', tls)).toMatchObject({ port: 9999 });
  });

  it('strips the brackets of an IPv6 host and puts them back in the URL', () => {
    const endpoint = parseEndpointUrl('tcp://[::1]:2375');
    expect(endpoint).toEqual({ kind: 'tcp', host: '::1', port: 2375, tls: null });
    expect(endpointUrl(endpoint)).toBe('tcp://[::1]:2375');
  });

  it.each([
    ['', 'empty'],
    ['   ', 'empty'],
    ['unix://var/run/docker.sock', 'absolute path'],
    ['ftp://files.example.com', 'scheme ftp is not supported'],
    ['ssh://me@host/some/path', 'no path'],
    ['tcp://', 'valid URL|no host'],
  ])('refuses %j with endpoint-invalid', (raw, why) => {
    const error = invalidEndpointError(raw);
    expect(error.code).toBe('endpoint-invalid');
    expect(error.message).toMatch(new RegExp(why));
  });

  it.each([
    'unix:///var/run/docker.sock',
    'npipe:////./pipe/docker_engine',
    'tcp://10.0.0.5:2375',
    'tcp://[fe80::1]:2376',
    'ssh://me@build-box:22',
    'ssh://build-box:2200',
  ])('writes %s back as the same URL', (url) => {
    const endpoint = parseEndpointUrl(url);
    expect(endpointUrl(endpoint)).toBe(url);
    expect(parseEndpointUrl(endpointUrl(endpoint))).toEqual(endpoint);
  });
});

describe('resolveEndpoint: explicit sources', () => {
  it('lets the setting win over DOCKER_HOST', () => {
    const world = fakeWorld({ env: { DOCKER_HOST: 'tcp://from-env:2375' } });
    const resolution = expectOk(resolveEndpoint(world, { kind: 'custom', url: 'unix:///custom/docker.sock' }));
    expect(resolution.endpoint).toEqual({ kind: 'unix', socketPath: '/custom/docker.sock' });
    expect(resolution.info).toEqual({
      kind: 'unix',
      url: 'unix:///custom/docker.sock',
      source: 'setting',
      contextName: null,
      tls: false,
    });
  });

  it('reports an invalid setting instead of falling back to DOCKER_HOST', () => {
    const world = fakeWorld({ env: { DOCKER_HOST: 'tcp://from-env:2375' } });
    const failure = expectFailure(resolveEndpoint(world, { kind: 'custom', url: 'ftp://nope' }));
    expect(failure.problem.code).toBe('endpoint-invalid');
    expect(failure.searched).toEqual([]);
  });

  it.each<[string, EngineEndpoint, string]>([
    ['unix:///run/user/1000/docker.sock', { kind: 'unix', socketPath: '/run/user/1000/docker.sock' }, 'unix'],
    ['tcp://10.1.2.3:2375', { kind: 'tcp', host: '10.1.2.3', port: 2375, tls: null }, 'tcp'],
    ['ssh://deploy@remote.example', { kind: 'ssh', host: 'remote.example', port: 22, username: 'deploy' }, 'ssh'],
    ['npipe:////./pipe/docker_engine', { kind: 'npipe', pipePath: '\\\\.\\pipe\\docker_engine' }, 'npipe'],
    ['remote.example:2375', { kind: 'tcp', host: 'remote.example', port: 2375, tls: null }, 'tcp'],
  ])('reads DOCKER_HOST=%s', (dockerHost, endpoint, kind) => {
    const resolution = expectOk(resolveEndpoint(fakeWorld({ env: { DOCKER_HOST: dockerHost } })));
    expect(withoutAuth(resolution.endpoint)).toEqual(endpoint);
    expect(resolution.info).toMatchObject({ kind, source: 'DOCKER_HOST', contextName: null, tls: false });
    expect(parseEndpointUrl(resolution.info.url)).toEqual(endpoint);
  });

  it('uses TLS on port 2376 with the certificates of DOCKER_CERT_PATH when DOCKER_TLS_VERIFY is set', () => {
    const world = fakeWorld({
      env: { DOCKER_HOST: 'tcp://secure.example', DOCKER_TLS_VERIFY: '1', DOCKER_CERT_PATH: '/certs' },
    });
    const resolution = expectOk(resolveEndpoint(world));
    expect(resolution.endpoint).toEqual({
      kind: 'tcp',
      host: 'secure.example',
      port: 2376,
      tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true },
    });
    expect(resolution.info).toMatchObject({ url: 'tcp://secure.example:2376', source: 'DOCKER_HOST', tls: true });
  });

  it('takes the certificates from ~/.docker when DOCKER_CERT_PATH is not set', () => {
    const world = fakeWorld({ env: { DOCKER_HOST: 'tcp://secure.example:2376', DOCKER_TLS_VERIFY: '1' } });
    const { endpoint } = expectOk(resolveEndpoint(world));
    expect(endpoint).toMatchObject({
      tls: {
        ca: '/home/me/.docker/ca.pem',
        cert: '/home/me/.docker/cert.pem',
        key: '/home/me/.docker/key.pem',
        verify: true,
      },
    });
  });

  it('uses TLS without verification when only DOCKER_TLS is set', () => {
    const world = fakeWorld({ env: { DOCKER_HOST: 'tcp://secure.example', DOCKER_TLS: '1' } });
    const { endpoint } = expectOk(resolveEndpoint(world));
    expect(endpoint).toMatchObject({ port: 2376, tls: { verify: false } });
  });

  it('lets DOCKER_HOST win over DOCKER_CONTEXT', () => {
    const world = fakeWorld({
      env: { DOCKER_HOST: 'unix:///from/env.sock', DOCKER_CONTEXT: 'remote' },
      files: { [contextMetaPath('/home/me/.docker', 'remote')]: contextMeta('remote', 'tcp://ctx:2375') },
    });
    const resolution = expectOk(resolveEndpoint(world));
    expect(resolution.info).toMatchObject({ url: 'unix:///from/env.sock', source: 'DOCKER_HOST', contextName: null });
  });

  it('reports an invalid DOCKER_HOST as endpoint-invalid', () => {
    const failure = expectFailure(resolveEndpoint(fakeWorld({ env: { DOCKER_HOST: 'unix://relative.sock' } })));
    expect(failure.problem.code).toBe('endpoint-invalid');
    expect(failure.problem.message).toContain('unix://relative.sock');
  });
});

describe('resolveEndpoint: Docker contexts', () => {
  const configDir = '/cfg/docker';

  it('reads DOCKER_CONTEXT from $DOCKER_CONFIG/contexts/meta/<sha256(name)>/meta.json', () => {
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'build-box' },
      files: { [contextMetaPath(configDir, 'build-box')]: contextMeta('build-box', 'ssh://ci@build-box') },
    });
    const resolution = expectOk(resolveEndpoint(world));
    expect(world.reads).toContain(`/cfg/docker/contexts/meta/${sha256('build-box')}/meta.json`);
    expect(withoutAuth(resolution.endpoint)).toEqual({ kind: 'ssh', host: 'build-box', port: 22, username: 'ci' });
    expect(resolution.info).toEqual({
      kind: 'ssh',
      url: 'ssh://ci@build-box:22',
      source: 'DOCKER_CONTEXT',
      contextName: 'build-box',
      tls: false,
    });
  });

  it("uses the context's TLS files from contexts/tls/<sha>/docker", () => {
    const tlsDir = contextTlsDir(configDir, 'secure');
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'secure' },
      files: { [contextMetaPath(configDir, 'secure')]: contextMeta('secure', 'tcp://secure.example') },
      existing: [path.join(tlsDir, 'ca.pem'), path.join(tlsDir, 'cert.pem'), path.join(tlsDir, 'key.pem')],
    });
    const resolution = expectOk(resolveEndpoint(world));
    expect(resolution.endpoint).toEqual({
      kind: 'tcp',
      host: 'secure.example',
      port: 2376,
      tls: {
        ca: `/cfg/docker/contexts/tls/${sha256('secure')}/docker/ca.pem`,
        cert: `/cfg/docker/contexts/tls/${sha256('secure')}/docker/cert.pem`,
        key: `/cfg/docker/contexts/tls/${sha256('secure')}/docker/key.pem`,
        verify: true,
      },
    });
    expect(resolution.info).toMatchObject({ tls: true, url: 'tcp://secure.example:2376' });
  });

  it('turns SkipTLSVerify into verify: false', () => {
    const tlsDir = contextTlsDir(configDir, 'lab');
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'lab' },
      files: { [contextMetaPath(configDir, 'lab')]: contextMeta('lab', 'tcp://lab.example:2376', true) },
      existing: [path.join(tlsDir, 'ca.pem')],
    });
    const { endpoint } = expectOk(resolveEndpoint(world));
    expect(endpoint).toMatchObject({ kind: 'tcp', port: 2376, tls: { verify: false } });
  });

  it('uses no TLS for a tcp context without certificate files', () => {
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'plain' },
      files: { [contextMetaPath(configDir, 'plain')]: contextMeta('plain', 'tcp://plain.example') },
    });
    const { endpoint } = expectOk(resolveEndpoint(world));
    expect(endpoint).toEqual({ kind: 'tcp', host: 'plain.example', port: 2375, tls: null });
  });

  it('falls through to the platform default for DOCKER_CONTEXT=default, ignoring currentContext', () => {
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'default' },
      files: {
        [path.join(configDir, 'config.json')]: JSON.stringify({ currentContext: 'remote' }),
        [contextMetaPath(configDir, 'remote')]: contextMeta('remote', 'tcp://remote.example:2375'),
      },
      existing: ['/var/run/docker.sock'],
    });
    const resolution = expectOk(resolveEndpoint(world));
    expect(resolution.info).toMatchObject({
      url: 'unix:///var/run/docker.sock',
      source: 'platform-default',
      contextName: null,
    });
  });

  it("uses config.json's currentContext when no variable names an endpoint", () => {
    const world = fakeWorld({
      homeDir: '/home/me',
      files: {
        '/home/me/.docker/config.json': JSON.stringify({ auths: {}, currentContext: 'colima' }),
        [contextMetaPath('/home/me/.docker', 'colima')]: contextMeta(
          'colima',
          'unix:///home/me/.colima/default/docker.sock',
        ),
      },
      existing: ['/var/run/docker.sock'],
    });
    const resolution = expectOk(resolveEndpoint(world));
    expect(resolution.info).toEqual({
      kind: 'unix',
      url: 'unix:///home/me/.colima/default/docker.sock',
      source: 'config-context',
      contextName: 'colima',
      tls: false,
    });
  });

  it('treats currentContext "default" as no context', () => {
    const world = fakeWorld({
      files: { '/home/me/.docker/config.json': JSON.stringify({ currentContext: 'default' }) },
      existing: ['/var/run/docker.sock'],
    });
    expect(expectOk(resolveEndpoint(world)).info.source).toBe('platform-default');
  });

  it('reports a DOCKER_CONTEXT that does not exist as endpoint-invalid', () => {
    const world = fakeWorld({ env: { DOCKER_CONTEXT: 'gone' }, existing: ['/var/run/docker.sock'] });
    const failure = expectFailure(resolveEndpoint(world));
    expect(failure.problem.code).toBe('endpoint-invalid');
    expect(failure.problem.message).toContain('"gone"');
    expect(failure.searched).toEqual([]);
  });

  it('reports a currentContext that does not exist as endpoint-invalid', () => {
    const world = fakeWorld({
      files: { '/home/me/.docker/config.json': JSON.stringify({ currentContext: 'gone' }) },
      existing: ['/var/run/docker.sock'],
    });
    expect(expectFailure(resolveEndpoint(world)).problem.code).toBe('endpoint-invalid');
  });

  it('reports a context with an unreadable meta.json or without a docker endpoint', () => {
    const broken = fakeWorld({
      env: { DOCKER_CONTEXT: 'broken' },
      files: { [contextMetaPath('/home/me/.docker', 'broken')]: '{not json' },
    });
    expect(expectFailure(resolveEndpoint(broken)).problem.code).toBe('endpoint-invalid');
    const empty = fakeWorld({
      env: { DOCKER_CONTEXT: 'empty' },
      files: { [contextMetaPath('/home/me/.docker', 'empty')]: JSON.stringify({ Name: 'empty', Endpoints: {} }) },
    });
    expect(expectFailure(resolveEndpoint(empty)).problem.message).toContain('no docker endpoint');
  });

  it('ignores a config.json that is not valid JSON', () => {
    const world = fakeWorld({
      files: { '/home/me/.docker/config.json': '{"currentContext": "remote",' },
      existing: ['/var/run/docker.sock'],
    });
    const resolution = expectOk(resolveEndpoint(world));
    expect(resolution.info).toMatchObject({ source: 'platform-default', url: 'unix:///var/run/docker.sock' });
  });
});

describe('resolveEndpoint: platform defaults', () => {
  const darwinCandidates = [
    '/Users/me/.docker/run/docker.sock',
    '/var/run/docker.sock',
    '/Users/me/.colima/default/docker.sock',
    '/Users/me/.orbstack/run/docker.sock',
    '/Users/me/.rd/docker.sock',
  ];

  it('tries Docker Desktop, /var/run, Colima, OrbStack and Rancher Desktop in that order on macOS', () => {
    const failure = expectFailure(resolveEndpoint(fakeWorld({ platform: 'darwin', homeDir: '/Users/me' })));
    expect(failure.searched).toEqual(darwinCandidates);
    expect(failure.problem.code).toBe('engine-not-found');
    for (const candidate of darwinCandidates) expect(failure.problem.message).toContain(candidate);
  });

  it.each(darwinCandidates.map((candidate, index) => [candidate, index]))(
    'on macOS picks %s when it is the first that exists',
    (candidate, index) => {
      const later = darwinCandidates.slice(Number(index) + 1);
      const world = fakeWorld({ platform: 'darwin', homeDir: '/Users/me', existing: [String(candidate), ...later] });
      const resolution = expectOk(resolveEndpoint(world));
      expect(resolution.endpoint).toEqual({ kind: 'unix', socketPath: candidate });
      expect(resolution.info).toEqual({
        kind: 'unix',
        url: `unix://${candidate}`,
        source: 'platform-default',
        contextName: null,
        tls: false,
      });
    },
  );

  it('tries /var/run/docker.sock then the rootless socket in $XDG_RUNTIME_DIR on Linux', () => {
    const env = { XDG_RUNTIME_DIR: '/run/user/1000' };
    const failure = expectFailure(resolveEndpoint(fakeWorld({ platform: 'linux', env })));
    expect(failure.searched).toEqual(['/var/run/docker.sock', '/run/user/1000/docker.sock']);

    const rootless = fakeWorld({ platform: 'linux', env, existing: ['/run/user/1000/docker.sock'] });
    expect(expectOk(resolveEndpoint(rootless)).endpoint).toEqual({
      kind: 'unix',
      socketPath: '/run/user/1000/docker.sock',
    });

    const both = fakeWorld({
      platform: 'linux',
      env,
      existing: ['/run/user/1000/docker.sock', '/var/run/docker.sock'],
    });
    expect(expectOk(resolveEndpoint(both)).info.url).toBe('unix:///var/run/docker.sock');
  });

  it('looks only at /var/run/docker.sock on Linux without XDG_RUNTIME_DIR', () => {
    const failure = expectFailure(resolveEndpoint(fakeWorld({ platform: 'linux' })));
    expect(failure.searched).toEqual(['/var/run/docker.sock']);
    expect(failure.problem.code).toBe('engine-not-found');
  });

  it("uses Docker Desktop's named pipe on Windows", () => {
    const pipe = '\\\\.\\pipe\\docker_engine';
    const failure = expectFailure(resolveEndpoint(fakeWorld({ platform: 'win32' })));
    expect(failure.searched).toEqual([pipe]);

    const resolution = expectOk(resolveEndpoint(fakeWorld({ platform: 'win32', existing: [pipe] })));
    expect(resolution.endpoint).toEqual({ kind: 'npipe', pipePath: pipe });
    expect(resolution.info).toMatchObject({ kind: 'npipe', url: 'npipe:////./pipe/docker_engine' });
    expect(parseEndpointUrl(resolution.info.url)).toEqual(resolution.endpoint);
  });

  it('ignores an empty DOCKER_HOST', () => {
    const world = fakeWorld({ env: { DOCKER_HOST: '' }, existing: ['/var/run/docker.sock'] });
    expect(expectOk(resolveEndpoint(world)).info.source).toBe('platform-default');
  });
});

describe('resolveEndpoint: the engine choice from settings', () => {
  const configDir = '/cfg/docker';
  const contexts = {
    [contextMetaPath(configDir, 'proxy')]: contextMeta('proxy', 'unix:///tmp/proxy.sock'),
    [contextMetaPath(configDir, 'remote')]: contextMeta('remote', 'tcp://remote.example:2375'),
  };

  it('resolves automatic exactly like no setting at all', () => {
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir, DOCKER_CONTEXT: 'remote' },
      files: contexts,
      existing: ['/var/run/docker.sock'],
    });
    expect(resolveEndpoint(world, { kind: 'automatic' })).toEqual(resolveEndpoint(world, null));
    expect(expectOk(resolveEndpoint(world, { kind: 'automatic' })).info).toMatchObject({
      source: 'DOCKER_CONTEXT',
      contextName: 'remote',
    });
  });

  it('resolves a chosen context over DOCKER_HOST and DOCKER_CONTEXT, as the setting', () => {
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir, DOCKER_HOST: 'tcp://from-env:2375', DOCKER_CONTEXT: 'remote' },
      files: contexts,
    });
    const resolution = expectOk(resolveEndpoint(world, { kind: 'context', name: 'proxy' }));
    expect(resolution.endpoint).toEqual({ kind: 'unix', socketPath: '/tmp/proxy.sock' });
    expect(resolution.info).toEqual({
      kind: 'unix',
      url: 'unix:///tmp/proxy.sock',
      source: 'setting',
      contextName: 'proxy',
      tls: false,
    });
  });

  it('resolves the "default" context to the platform socket, ignoring currentContext', () => {
    const world = fakeWorld({
      env: { DOCKER_CONFIG: configDir },
      files: { ...contexts, [path.join(configDir, 'config.json')]: JSON.stringify({ currentContext: 'remote' }) },
      existing: ['/var/run/docker.sock'],
    });
    const resolution = expectOk(resolveEndpoint(world, { kind: 'context', name: 'default' }));
    expect(resolution.info).toEqual({
      kind: 'unix',
      url: 'unix:///var/run/docker.sock',
      source: 'setting',
      contextName: 'default',
      tls: false,
    });
  });

  it('resolves the "default" context to DOCKER_HOST when it is set, as `docker --context default` does', () => {
    const world = fakeWorld({ env: { DOCKER_HOST: 'tcp://from-env:2375' }, existing: ['/var/run/docker.sock'] });
    const resolution = expectOk(resolveEndpoint(world, { kind: 'context', name: 'default' }));
    expect(resolution.info).toMatchObject({ url: 'tcp://from-env:2375', source: 'setting', contextName: 'default' });
  });

  it('says where it looked when the "default" context finds no socket', () => {
    const failure = expectFailure(resolveEndpoint(fakeWorld(), { kind: 'context', name: 'default' }));
    expect(failure.problem.code).toBe('engine-not-found');
    expect(failure.searched).toEqual(['/var/run/docker.sock']);
  });

  it('reports a chosen context that does not exist instead of falling back to another engine', () => {
    const world = fakeWorld({ env: { DOCKER_CONFIG: configDir }, files: contexts, existing: ['/var/run/docker.sock'] });
    const failure = expectFailure(resolveEndpoint(world, { kind: 'context', name: 'gone' }));
    expect(failure.problem.code).toBe('endpoint-invalid');
    expect(failure.problem.message).toContain('"gone"');
  });

  it('parses a custom address as the setting', () => {
    const world = fakeWorld({ env: { DOCKER_HOST: 'unix:///from/env.sock' } });
    const resolution = expectOk(resolveEndpoint(world, { kind: 'custom', url: 'tcp://10.0.0.9:2375' }));
    expect(resolution.endpoint).toEqual({ kind: 'tcp', host: '10.0.0.9', port: 2375, tls: null });
    expect(resolution.info).toMatchObject({ source: 'setting', contextName: null, url: 'tcp://10.0.0.9:2375' });
  });
});

describe('resolveEndpoint: the ssh login', () => {
  const home = '/home/me';
  const key = (file: string) => path.join(home, '.ssh', file);

  it('passes the agent socket and the key files that exist, in the order ssh tries them', () => {
    const world = fakeWorld({
      homeDir: home,
      env: { SSH_AUTH_SOCK: '/tmp/agent.sock', USER: 'me' },
      existing: [key('id_rsa'), key('id_ed25519')],
    });
    const { endpoint } = expectOk(resolveEndpoint(world, { kind: 'custom', url: 'ssh://deploy@remote:2222' }));
    expect(endpoint).toEqual({
      kind: 'ssh',
      host: 'remote',
      port: 2222,
      username: 'deploy',
      auth: { agentSocket: '/tmp/agent.sock', identityFiles: [key('id_ed25519'), key('id_rsa')], localUser: 'me' },
    });
    // The login is not part of the address shown to the user.
    expect(expectOk(resolveEndpoint(world, { kind: 'custom', url: 'ssh://deploy@remote:2222' })).info.url).toBe(
      'ssh://deploy@remote:2222',
    );
  });

  it('works without an agent: no socket, the key files only', () => {
    const world = fakeWorld({ homeDir: home, env: { LOGNAME: 'me' }, existing: [key('id_ecdsa')] });
    const { endpoint } = expectOk(resolveEndpoint(world, { kind: 'custom', url: 'ssh://remote' }));
    expect(endpoint).toMatchObject({
      username: null,
      auth: { agentSocket: null, identityFiles: [key('id_ecdsa')], localUser: 'me' },
    });
  });

  it('adds the login to ssh endpoints only', () => {
    const world = fakeWorld({ env: { SSH_AUTH_SOCK: '/tmp/agent.sock' } });
    expect(expectOk(resolveEndpoint(world, { kind: 'custom', url: 'tcp://h:2375' })).endpoint).not.toHaveProperty(
      'auth',
    );
  });
});

describe('sshConnectOptions', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  /** An OpenSSH-format key's armour around the cipher name, as ssh-keygen writes it. */
  function opensshKey(cipher: string): string {
    const name = Buffer.from(cipher, 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(name.length);
    const body = Buffer.concat([Buffer.from('openssh-key-v1\0', 'latin1'), length, name, Buffer.alloc(32, 1)]);
    return `-----BEGIN OPENSSH PRIVATE KEY-----\n${body.toString('base64')}\n-----END OPENSSH PRIVATE KEY-----\n`;
  }

  it('tells keys usable without a passphrase from protected ones', () => {
    const { privateKey: pem } = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs1', format: 'pem' },
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    const { privateKey: encrypted } = generateKeyPairSync('rsa', {
      modulusLength: 1024,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem', cipher: 'aes-256-cbc', passphrase: 'secret' },
      publicKeyEncoding: { type: 'pkcs1', format: 'pem' },
    });
    expect(isUnencryptedPrivateKey(opensshKey('none'))).toBe(true);
    expect(isUnencryptedPrivateKey(opensshKey('aes256-ctr'))).toBe(false);
    expect(isUnencryptedPrivateKey(pem)).toBe(true);
    expect(isUnencryptedPrivateKey(encrypted)).toBe(false);
    expect(isUnencryptedPrivateKey('ssh-ed25519 AAAA me@host')).toBe(false);
  });

  it('passes the agent when there is one and the first key usable without a passphrase', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-ssh-keys-'));
    const protectedKey = path.join(dir, 'id_ed25519');
    const plainKey = path.join(dir, 'id_rsa');
    fs.writeFileSync(protectedKey, opensshKey('aes256-ctr'));
    fs.writeFileSync(plainKey, opensshKey('none'));
    const files = [path.join(dir, 'missing'), protectedKey, plainKey];

    const withoutAgent = sshConnectOptions({ agentSocket: null, identityFiles: files, localUser: null }, 5000);
    expect(withoutAgent.agent).toBeUndefined();
    expect(withoutAgent.privateKey?.toString()).toBe(opensshKey('none'));
    expect(withoutAgent.readyTimeout).toBe(5000);

    const withAgent = sshConnectOptions({ agentSocket: '/tmp/agent.sock', identityFiles: [], localUser: null });
    expect(withAgent).toEqual({ agent: '/tmp/agent.sock' });
  });
});
