import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { certFolderFor, composeEnvironment, plainOutputArgs } from '../../src/main/compose/composeEnvironment';

const userEnv = {
  PATH: '/usr/bin',
  HOME: '/home/me',
  DOCKER_HOST: 'tcp://elsewhere:2375',
  DOCKER_CONTEXT: 'remote',
  DOCKER_TLS_VERIFY: '1',
  DOCKER_CERT_PATH: '/old/certs',
  COMPOSE_PROJECT_NAME: 'other',
  COMPOSE_FILE: 'other.yaml',
  DOCKER_CLI_PLUGIN_ORIGINAL_CLI_COMMAND: '/usr/bin/docker',
};

describe('composeEnvironment: the compose command points at Berth’s engine', () => {
  it('a unix socket: DOCKER_HOST, and none of the user’s context, TLS or project variables', () => {
    const env = composeEnvironment(userEnv, { kind: 'unix', socketPath: '/run/berth-podman.sock' });
    expect(env).toEqual({
      PATH: '/usr/bin',
      HOME: '/home/me',
      DOCKER_HOST: 'unix:///run/berth-podman.sock',
      COMPOSE_ANSI: 'never',
      NO_COLOR: '1',
      PYTHONUNBUFFERED: '1',
    });
    expect('DOCKER_CONTEXT' in env).toBe(false);
  });

  it('tcp without TLS', () => {
    const env = composeEnvironment({}, { kind: 'tcp', host: '10.0.0.5', port: 2375, tls: null });
    expect(env.DOCKER_HOST).toBe('tcp://10.0.0.5:2375');
    expect(env.DOCKER_TLS_VERIFY).toBeUndefined();
    expect(env.DOCKER_CERT_PATH).toBeUndefined();
  });

  it('tcp with verified TLS: the folder of ca.pem, cert.pem and key.pem', () => {
    const env = composeEnvironment(userEnv, {
      kind: 'tcp',
      host: 'build.example',
      port: 2376,
      tls: { ca: '/certs/ca.pem', cert: '/certs/cert.pem', key: '/certs/key.pem', verify: true },
    });
    expect(env).toMatchObject({
      DOCKER_HOST: 'tcp://build.example:2376',
      DOCKER_TLS_VERIFY: '1',
      DOCKER_CERT_PATH: '/certs',
    });
    expect(env.DOCKER_TLS).toBeUndefined();
  });

  it('tcp with TLS but no verification: DOCKER_TLS, not DOCKER_TLS_VERIFY', () => {
    const env = composeEnvironment(
      {},
      {
        kind: 'tcp',
        host: '::1',
        port: 2376,
        tls: { ca: '/c/ca.pem', cert: '/c/cert.pem', key: '/c/key.pem', verify: false },
      },
    );
    expect(env).toMatchObject({ DOCKER_HOST: 'tcp://[::1]:2376', DOCKER_TLS: '1', DOCKER_CERT_PATH: '/c' });
    expect(env.DOCKER_TLS_VERIFY).toBeUndefined();
  });

  it('ssh: user, host and port', () => {
    expect(composeEnvironment({}, { kind: 'ssh', host: 'pi.local', port: 2222, username: 'me' }).DOCKER_HOST).toBe(
      'ssh://me@pi.local:2222',
    );
    expect(composeEnvironment({}, { kind: 'ssh', host: 'pi.local', port: 22, username: null }).DOCKER_HOST).toBe(
      'ssh://pi.local:22',
    );
  });

  it('does not change the environment it was given', () => {
    const base = { ...userEnv };
    composeEnvironment(base, { kind: 'unix', socketPath: '/var/run/docker.sock' });
    expect(base).toEqual(userEnv);
  });
});

describe('certFolderFor', () => {
  it('files named otherwise, or in several folders: linked under the usual names into a folder of Berth’s', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-certs-'));
    try {
      for (const name of ['my-ca.crt', 'client.crt', 'client.key']) fs.writeFileSync(path.join(root, name), name);
      const linked = path.join(root, 'linked');
      fs.mkdirSync(linked);
      const folder = certFolderFor(
        {
          ca: path.join(root, 'my-ca.crt'),
          cert: path.join(root, 'client.crt'),
          key: path.join(root, 'client.key'),
          verify: true,
        },
        () => linked,
      );
      expect(folder).toBe(linked);
      expect(fs.readFileSync(path.join(linked, 'ca.pem'), 'utf8')).toBe('my-ca.crt');
      expect(fs.readFileSync(path.join(linked, 'cert.pem'), 'utf8')).toBe('client.crt');
      expect(fs.readFileSync(path.join(linked, 'key.pem'), 'utf8')).toBe('client.key');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('plainOutputArgs', () => {
  it('--ansi never for v2 and v1 since 1.28, --no-ansi before', () => {
    expect(plainOutputArgs(2, '2.24.5')).toEqual(['--ansi', 'never']);
    expect(plainOutputArgs(1, '1.29.2')).toEqual(['--ansi', 'never']);
    expect(plainOutputArgs(1, '1.25.0')).toEqual(['--no-ansi']);
  });
});
