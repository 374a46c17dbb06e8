import { describe, expect, it } from 'vitest';
import {
  containerError,
  inspectPorts,
  toContainerInspect,
  type InspectJson,
} from '../../src/main/containers/inspectService';
import {
  isSecretName,
  MASKED_VALUE,
  maskEnv,
  maskEnvEntry,
  maskEnvList,
  maskInspectJson,
} from '../../src/main/containers/secrets';
import { containerInspectSchema } from '../../src/shared/containers';
import { BerthError } from '../../src/shared/errors';

/** Shaped like GET /containers/{id}/json of docker 20.10 (trimmed). */
function inspectJson(): InspectJson & Record<string, unknown> {
  return {
    Id: 'c0ffee'.padEnd(64, '0'),
    Created: '2026-11-28T07:00:00.000000000Z',
    Path: 'sleep',
    Args: ['300'],
    State: {
      Status: 'running',
      ExitCode: 0,
      StartedAt: '2026-11-28T07:00:01.000000000Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    },
    Image: 'sha256:' + 'b'.repeat(64),
    Name: '/berth-demo',
    HostConfig: {
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      PortBindings: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }] },
    },
    Mounts: [
      {
        Type: 'volume',
        Name: 'berth-data',
        Source: '/var/lib/docker/volumes/berth-data/_data',
        Destination: '/data',
        RW: true,
      },
      { Type: 'bind', Source: '/home/me/site', Destination: '/site', RW: false },
    ],
    Config: {
      Image: 'busybox',
      Cmd: ['sleep', '300'],
      Entrypoint: null,
      WorkingDir: '',
      Env: [
        'DB_PASSWORD=hunter2',
        'GREETING=hi',
        'GITHUB_TOKEN=ghp_abc',
        'STRIPE_API_KEY=sk_live_1',
        'EMPTY_SECRET=',
        'WITH_EQUALS=a=b=c',
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      ],
      Labels: { a: 'b' },
      ExposedPorts: { '80/tcp': {} },
    },
    NetworkSettings: {
      Ports: { '80/tcp': [{ HostIp: '127.0.0.1', HostPort: '8080' }], '53/udp': null },
      Networks: { bridge: { IPAddress: '172.17.0.2', Gateway: '172.17.0.1', MacAddress: '02:42:ac:11:00:02' } },
    },
  };
}

describe('secret environment variables', () => {
  it('names that look secret', () => {
    for (const name of [
      'DB_PASSWORD',
      'MYSQL_ROOT_PASSWORD',
      'PGPASS',
      'password',
      'CLIENT_SECRET',
      'GITHUB_TOKEN',
      'API_KEY',
      'OPENAI_APIKEY',
      'x-api-key',
      'PRIVATE_KEY',
      'GOOGLE_APPLICATION_CREDENTIALS',
      'BASIC_AUTH',
      'auth',
    ]) {
      expect(isSecretName(name), name).toBe(true);
    }
    for (const name of ['GREETING', 'PATH', 'HOME', 'NODE_ENV', 'PORT', 'KEYBOARD', 'HOSTNAME']) {
      expect(isSecretName(name), name).toBe(false);
    }
  });

  it('masks the value, keeps the name, splits at the first "="', () => {
    expect(maskEnvEntry('DB_PASSWORD=hunter2')).toEqual({ key: 'DB_PASSWORD', value: MASKED_VALUE, masked: true });
    expect(maskEnvEntry('GREETING=hi')).toEqual({ key: 'GREETING', value: 'hi', masked: false });
    expect(maskEnvEntry('WITH_EQUALS=a=b=c')).toEqual({ key: 'WITH_EQUALS', value: 'a=b=c', masked: false });
    expect(maskEnvEntry('TOKEN=x=y')).toEqual({ key: 'TOKEN', value: MASKED_VALUE, masked: true });
    // Nothing to hide in an empty value, or in a name without one.
    expect(maskEnvEntry('EMPTY_SECRET=')).toEqual({ key: 'EMPTY_SECRET', value: '', masked: false });
    expect(maskEnvEntry('AUTH')).toEqual({ key: 'AUTH', value: '', masked: false });
    expect(maskEnv(null)).toEqual([]);
  });

  it('the engine-form list keeps order and masks in place', () => {
    expect(maskEnvList(['A=1', 'SECRET=s', 'B=2'])).toEqual(['A=1', `SECRET=${MASKED_VALUE}`, 'B=2']);
  });

  it('maskInspectJson copies: the engine object keeps its values', () => {
    const json = inspectJson();
    const masked = maskInspectJson(json);
    expect((masked.Config as { Env: string[] }).Env[0]).toBe(`DB_PASSWORD=${MASKED_VALUE}`);
    expect(json.Config!.Env![0]).toBe('DB_PASSWORD=hunter2');
    expect(maskInspectJson({ Config: null })).toEqual({ Config: null });
    expect(maskInspectJson({})).toEqual({});
  });
});

describe('inspect JSON as ContainerInspect', () => {
  it('maps every field and never carries a secret value, in env or raw', () => {
    const result = toContainerInspect(inspectJson());
    expect(containerInspectSchema.parse(result)).toEqual(result);
    const text = JSON.stringify(result);
    for (const secret of ['hunter2', 'ghp_abc', 'sk_live_1']) expect(text).not.toContain(secret);

    expect(result).toMatchObject({
      id: 'c0ffee'.padEnd(64, '0'),
      name: 'berth-demo',
      image: 'busybox',
      imageId: 'sha256:' + 'b'.repeat(64),
      command: ['sleep', '300'],
      entrypoint: [],
      workingDir: '',
      restartPolicy: { name: 'unless-stopped', maximumRetryCount: 0 },
      labels: { a: 'b' },
      createdAt: '2026-11-28T07:00:00.000000000Z',
      startedAt: '2026-11-28T07:00:01.000000000Z',
      finishedAt: null,
      state: 'running',
      exitCode: null,
    });
    expect(result.env).toEqual([
      { key: 'DB_PASSWORD', value: MASKED_VALUE, masked: true },
      { key: 'GREETING', value: 'hi', masked: false },
      { key: 'GITHUB_TOKEN', value: MASKED_VALUE, masked: true },
      { key: 'STRIPE_API_KEY', value: MASKED_VALUE, masked: true },
      { key: 'EMPTY_SECRET', value: '', masked: false },
      { key: 'WITH_EQUALS', value: 'a=b=c', masked: false },
      { key: 'PATH', value: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin', masked: false },
    ]);
    expect((result.raw.Config as { Env: string[] }).Env).toContain(`DB_PASSWORD=${MASKED_VALUE}`);
    expect(result.mounts).toEqual([
      {
        type: 'volume',
        name: 'berth-data',
        source: '/var/lib/docker/volumes/berth-data/_data',
        destination: '/data',
        readOnly: false,
      },
      { type: 'bind', name: null, source: '/home/me/site', destination: '/site', readOnly: true },
    ]);
    expect(result.networks).toEqual([
      { name: 'bridge', ipAddress: '172.17.0.2', gateway: '172.17.0.1', macAddress: '02:42:ac:11:00:02' },
    ]);
    expect(result.ports).toEqual([
      { privatePort: 53, publicPort: null, type: 'udp', ip: null },
      { privatePort: 80, publicPort: 8080, type: 'tcp', ip: '127.0.0.1' },
    ]);
  });

  it('an exited container: its exit code and finish time; its configured ports when none are live', () => {
    const json = inspectJson();
    json.State = {
      Status: 'exited',
      ExitCode: 3,
      StartedAt: json.State!.StartedAt,
      FinishedAt: '2026-11-28T08:00:00Z',
    };
    json.NetworkSettings = { Ports: {}, Networks: {} };
    const result = toContainerInspect(json);
    expect(result).toMatchObject({ state: 'exited', exitCode: 3, finishedAt: '2026-11-28T08:00:00Z', networks: [] });
    expect(inspectPorts(json)).toEqual([{ privatePort: 80, publicPort: 8080, type: 'tcp', ip: '127.0.0.1' }]);
  });

  it('a created container: no start, no exit code; a string entrypoint; an empty restart policy is "no"', () => {
    const json = inspectJson();
    json.State = {
      Status: 'created',
      ExitCode: 0,
      StartedAt: '0001-01-01T00:00:00Z',
      FinishedAt: '0001-01-01T00:00:00Z',
    };
    json.Config = { ...json.Config, Entrypoint: '/docker-entrypoint.sh', Cmd: null, Labels: null, Env: null };
    json.HostConfig = { RestartPolicy: { Name: '', MaximumRetryCount: 0 } };
    const result = toContainerInspect(json);
    expect(containerInspectSchema.parse(result)).toEqual(result);
    expect(result).toMatchObject({
      state: 'created',
      exitCode: null,
      startedAt: null,
      finishedAt: null,
      entrypoint: ['/docker-entrypoint.sh'],
      command: [],
      labels: {},
      env: [],
      restartPolicy: { name: 'no', maximumRetryCount: 0 },
    });
  });

  it('engine failures: 404 is not-found, a lost connection engine-stopped', () => {
    const missing = containerError(
      Object.assign(new Error('(HTTP code 404) no such container'), {
        statusCode: 404,
        json: { message: 'No such container: nope' },
      }),
      'nope',
      'Inspecting',
    );
    expect(missing).toBeInstanceOf(BerthError);
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('No such container: nope');
    expect(containerError(Object.assign(new Error('gone'), { code: 'ECONNRESET' }), 'x', 'Inspecting').code).toBe(
      'engine-stopped',
    );
    expect(containerError(Object.assign(new Error('boom'), { statusCode: 500 }), 'x', 'Inspecting').code).toBe(
      'engine-error',
    );
  });
});
