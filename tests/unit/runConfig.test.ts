import type Docker from 'dockerode';
import { describe, expect, it } from 'vitest';
import { buildCreateOptions, RUN_LABEL } from '../../src/main/run/containerConfig';
import { createDemuxer, MAX_LINE_CHARS, OutputBuffer, type OutputLine } from '../../src/main/run/outputBuffer';
import { checkIssuesError, containerPublishing } from '../../src/main/run/runChecks';
import { toRunError } from '../../src/main/run/runErrors';
import { runInputSchema, type RunInput } from '../../src/shared/run';

const build = (input: RunInput) => buildCreateOptions(runInputSchema.parse(input), 'run-1');

/** Every key anywhere in the body, to be sure no dangerous option sneaks in at any depth. */
function allKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => allKeys(item, keys));
  else if (value && typeof value === 'object') {
    for (const [key, inner] of Object.entries(value)) {
      keys.add(key);
      allKeys(inner, keys);
    }
  }
  return keys;
}

const everything: RunInput = {
  image: 'redis',
  name: 'web',
  ports: [
    { hostPort: 16379, containerPort: 6379 },
    { hostIp: '0.0.0.0', hostPort: 26379, containerPort: 6379 },
    { hostPort: null, containerPort: 8080 },
    { hostIp: '0.0.0.0', hostPort: 5353, containerPort: 53, protocol: 'udp' },
  ],
  env: [
    { key: 'GREETING', value: 'hello world' },
    { key: 'EMPTY', value: '' },
  ],
  volumes: [
    { kind: 'named', name: 'data', containerPath: '/data' },
    { kind: 'bind', hostPath: '/home/me/site', containerPath: '/usr/share/site', readOnly: true, confirmed: true },
  ],
  command: ['redis-server', '--appendonly', 'yes'],
  restartPolicy: 'unless-stopped',
};

describe('buildCreateOptions (RunRequest → POST /containers/create)', () => {
  it('a plain run: the image, the run label, stdout and stderr attachable, nothing else', () => {
    const options = buildCreateOptions(runInputSchema.parse({ image: 'hello-world' }), 'run-1');
    expect(options).toEqual({
      Image: 'hello-world',
      Labels: { [RUN_LABEL]: 'run-1' },
      AttachStdin: false,
      AttachStdout: true,
      AttachStderr: true,
      OpenStdin: false,
      Tty: false,
      HostConfig: { AutoRemove: false, RestartPolicy: { Name: 'no', MaximumRetryCount: 0 } },
    });
    expect(options).not.toHaveProperty('name');
    expect(options).not.toHaveProperty('Cmd');
    expect(options).not.toHaveProperty('Env');
    expect(options).not.toHaveProperty('ExposedPorts');
  });

  it('stores the image as the user typed it, as docker run does (busybox, not busybox:latest)', () => {
    const image = (typed: string) => buildCreateOptions(runInputSchema.parse({ image: typed }), 'run-1').Image;
    expect(image('busybox')).toBe('busybox');
    expect(image('  busybox  ')).toBe('busybox');
    expect(image('busybox:latest')).toBe('busybox:latest');
    expect(image('docker.io/library/busybox')).toBe('docker.io/library/busybox');
  });

  it('labels the container berth.run=<runId>', () => {
    expect(buildCreateOptions(runInputSchema.parse({ image: 'busybox' }), 'abc-123').Labels).toEqual({
      'berth.run': 'abc-123',
    });
  });

  it('sets the name, command and environment', () => {
    const options = build(everything);
    expect(options.name).toBe('web');
    expect(options.Cmd).toEqual(['redis-server', '--appendonly', 'yes']);
    expect(options.Env).toEqual(['GREETING=hello world', 'EMPTY=']);
  });

  it('keeps the image’s command when the command is empty', () => {
    expect(build({ image: 'busybox', command: [] })).not.toHaveProperty('Cmd');
    expect(build({ image: 'busybox', command: null })).not.toHaveProperty('Cmd');
  });

  it('exposes and publishes ports per protocol, several host ports per container port', () => {
    const options = build(everything);
    expect(options.ExposedPorts).toEqual({ '6379/tcp': {}, '8080/tcp': {}, '53/udp': {} });
    expect(options.HostConfig?.PortBindings).toEqual({
      '6379/tcp': [
        { HostIp: '127.0.0.1', HostPort: '16379' },
        { HostIp: '0.0.0.0', HostPort: '26379' },
      ],
      // An empty host port lets the engine choose one.
      '8080/tcp': [{ HostIp: '127.0.0.1', HostPort: '' }],
      '53/udp': [{ HostIp: '0.0.0.0', HostPort: '5353' }],
    });
  });

  it('sends the paths whole, so a ":" is part of the path (a container path /data:ro stays read-write)', () => {
    expect(
      build({
        image: 'busybox',
        volumes: [{ kind: 'bind', hostPath: '/tmp/a:b', containerPath: '/data:ro', confirmed: true }],
      }).HostConfig?.Mounts,
    ).toEqual([{ Type: 'bind', Source: '/tmp/a:b', Target: '/data:ro', ReadOnly: false }]);
  });

  it('mounts named volumes and confirmed folders, read-only when asked', () => {
    expect(build(everything).HostConfig?.Mounts).toEqual([
      { Type: 'volume', Source: 'data', Target: '/data', ReadOnly: false },
      { Type: 'bind', Source: '/home/me/site', Target: '/usr/share/site', ReadOnly: true },
    ]);
    expect(build({ image: 'busybox' }).HostConfig).not.toHaveProperty('Mounts');
    expect(build({ image: 'busybox' }).HostConfig).not.toHaveProperty('Binds');
  });

  it('sets auto-remove and the restart policy', () => {
    expect(build({ image: 'hello-world', autoRemove: true }).HostConfig).toMatchObject({
      AutoRemove: true,
      RestartPolicy: { Name: 'no' },
    });
    for (const policy of ['always', 'unless-stopped', 'on-failure'] as const) {
      expect(build({ image: 'redis', restartPolicy: policy }).HostConfig).toMatchObject({
        AutoRemove: false,
        RestartPolicy: { Name: policy, MaximumRetryCount: 0 },
      });
    }
  });

  it('never grants privileges or the host’s namespaces, whatever the request', () => {
    const requests: RunInput[] = [{ image: 'busybox' }, everything, { image: 'hello-world', autoRemove: true }];
    for (const input of requests) {
      const options = build(input);
      const keys = allKeys(options);
      for (const forbidden of [
        'Privileged',
        'CapAdd',
        'Devices',
        'DeviceRequests',
        'DeviceCgroupRules',
        'SecurityOpt',
        'PidMode',
        'NetworkMode',
        'IpcMode',
        'UTSMode',
        'UsernsMode',
        'CgroupnsMode',
        'Binds',
      ]) {
        expect(keys.has(forbidden), `${forbidden} in ${JSON.stringify(options)}`).toBe(false);
      }
      expect(JSON.stringify(options)).not.toMatch(/"host"/);
      const hostConfig = options.HostConfig as Docker.HostConfig & Record<string, unknown>;
      expect(hostConfig.Privileged).toBeUndefined();
    }
  });

  it('does not let the request object leak through by reference', () => {
    const request = runInputSchema.parse(everything);
    const options = buildCreateOptions(request, 'run-1');
    options.Cmd?.push('--extra');
    expect(request.command).toEqual(['redis-server', '--appendonly', 'yes']);
  });
});

function frame(type: number, text: string): Buffer {
  const payload = Buffer.from(text, 'utf8');
  const header = Buffer.alloc(8);
  header.writeUInt8(type, 0);
  header.writeUInt32BE(payload.length, 4);
  return Buffer.concat([header, payload]);
}

describe('createDemuxer (the attach stream of a non-TTY container)', () => {
  it('splits frames in order, whether they come together or byte by byte', () => {
    const stream = Buffer.concat([frame(1, 'out 1\n'), frame(2, 'err 1\n'), frame(1, ''), frame(1, 'out 2\n')]);
    const whole: Array<[string, string]> = [];
    createDemuxer((name, payload) => whole.push([name, payload.toString()]))(stream);
    expect(whole).toEqual([
      ['stdout', 'out 1\n'],
      ['stderr', 'err 1\n'],
      ['stdout', ''],
      ['stdout', 'out 2\n'],
    ]);

    const bytewise: Array<[string, string]> = [];
    const push = createDemuxer((name, payload) => bytewise.push([name, payload.toString()]));
    for (let i = 0; i < stream.length; i++) push(stream.subarray(i, i + 1));
    expect(bytewise).toEqual(whole);
  });
});

describe('OutputBuffer', () => {
  const texts = (lines: OutputLine[]) => lines.map((line) => `${line.stream}:${line.text}`);

  it('keeps partial lines per stream until their newline', () => {
    const buffer = new OutputBuffer(100);
    expect(buffer.write('stdout', Buffer.from('hel'))).toBe(false);
    expect(buffer.write('stderr', Buffer.from('oops\nhalf'))).toBe(true);
    expect(buffer.write('stdout', Buffer.from('lo\r\nworld\n'))).toBe(true);
    expect(texts(buffer.snapshot())).toEqual(['stderr:oops', 'stdout:hello', 'stdout:world']);
    expect(buffer.endAll()).toBe(true);
    expect(texts(buffer.snapshot())).toEqual(['stderr:oops', 'stdout:hello', 'stdout:world', 'stderr:half']);
    expect(buffer.truncated).toBe(false);
  });

  it('keeps empty lines and does not invent a last one', () => {
    const buffer = new OutputBuffer(100);
    buffer.write('stdout', Buffer.from('\nHello from Docker!\n\n'));
    buffer.endAll();
    expect(texts(buffer.snapshot())).toEqual(['stdout:', 'stdout:Hello from Docker!', 'stdout:']);
  });

  it('decodes UTF-8 split across chunks', () => {
    const buffer = new OutputBuffer(10);
    const bytes = Buffer.from('안녕하세요\n', 'utf8');
    for (let i = 0; i < bytes.length; i++) buffer.write('stdout', bytes.subarray(i, i + 1));
    expect(texts(buffer.snapshot())).toEqual(['stdout:안녕하세요']);
  });

  it('keeps only the newest lines and says it dropped some', () => {
    const buffer = new OutputBuffer(1000);
    buffer.write('stdout', Buffer.from(Array.from({ length: 5000 }, (_, i) => `${i + 1}\n`).join('')));
    const lines = buffer.snapshot();
    expect(lines).toHaveLength(1000);
    expect(lines[0]?.text).toBe('4001');
    expect(lines.at(-1)?.text).toBe('5000');
    expect(buffer.truncated).toBe(true);

    const small = new OutputBuffer(3);
    for (const n of [1, 2, 3]) small.write('stdout', Buffer.from(`${n}\n`));
    expect(small.truncated).toBe(false);
    small.write('stdout', Buffer.from('4\n'));
    expect(small.truncated).toBe(true);
    expect(texts(small.snapshot())).toEqual(['stdout:2', 'stdout:3', 'stdout:4']);
  });

  it('cuts endless lines into pieces', () => {
    const buffer = new OutputBuffer(10);
    buffer.write('stdout', Buffer.from('x'.repeat(MAX_LINE_CHARS * 2 + 5)));
    expect(buffer.snapshot().map((line) => line.text.length)).toEqual([MAX_LINE_CHARS, MAX_LINE_CHARS]);
    buffer.write('stdout', Buffer.from(`${'y'.repeat(MAX_LINE_CHARS + 1)}\n`));
    // The 5 x's left over join the y's: MAX_LINE_CHARS + 6 characters, cut into two pieces.
    expect(buffer.snapshot().map((line) => line.text.length)).toEqual([
      MAX_LINE_CHARS,
      MAX_LINE_CHARS,
      MAX_LINE_CHARS,
      6,
    ]);
    expect(buffer.snapshot().at(-1)?.text).toBe('y'.repeat(6));
  });
});

describe('containerPublishing', () => {
  const redis = {
    Id: 'abc',
    Names: ['/cache'],
    Ports: [
      { IP: '127.0.0.1', PrivatePort: 6379, PublicPort: 16379, Type: 'tcp' },
      { IP: '0.0.0.0', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { IP: '::', PrivatePort: 80, PublicPort: 8080, Type: 'tcp' },
      { PrivatePort: 9000, Type: 'tcp' },
    ],
  } as unknown as Docker.ContainerInfo;

  it('finds the container holding a host port on an overlapping address and protocol', () => {
    expect(containerPublishing([redis], { hostIp: '127.0.0.1', hostPort: 16379, protocol: 'tcp' })).toBe(redis);
    expect(containerPublishing([redis], { hostIp: '0.0.0.0', hostPort: 16379, protocol: 'tcp' })).toBe(redis);
    expect(containerPublishing([redis], { hostIp: '127.0.0.1', hostPort: 8080, protocol: 'tcp' })).toBe(redis);
    expect(containerPublishing([redis], { hostIp: '127.0.0.1', hostPort: 16379, protocol: 'udp' })).toBeUndefined();
    expect(containerPublishing([redis], { hostIp: '127.0.0.1', hostPort: 6379, protocol: 'tcp' })).toBeUndefined();
    expect(containerPublishing([redis], { hostIp: '127.0.0.1', hostPort: 9000, protocol: 'tcp' })).toBeUndefined();
  });
});

describe('run errors', () => {
  it('turns check issues into one error whose code says what is wrong', () => {
    const port = { field: 'ports.0.hostPort', code: 'port-in-use' as const, message: 'Host port taken.' };
    const name = { field: 'name', code: 'name-in-use' as const, message: 'Name taken.' };
    const reference = { field: 'image', code: 'reference-invalid' as const, message: 'Bad image.' };
    expect(checkIssuesError([port]).toWire()).toEqual({
      code: 'port-in-use',
      message: 'Host port taken.',
      issues: [{ path: 'ports.0.hostPort', message: 'Host port taken.' }],
    });
    expect(checkIssuesError([port, name]).code).toBe('name-in-use');
    expect(checkIssuesError([port, name, reference]).code).toBe('invalid-input');
  });

  it('maps the engine’s answers to codes the renderer can act on', () => {
    const engine = (statusCode: number, message: string) =>
      Object.assign(new Error(`(HTTP code ${statusCode}) ${message}`), { statusCode, json: { message } });
    expect(
      toRunError(
        engine(
          500,
          'driver failed programming external connectivity on endpoint x: Bind for 127.0.0.1:16379 failed: port is already allocated',
        ),
        'Starting the container',
      ),
    ).toMatchObject({ code: 'port-in-use', message: expect.stringContaining('port is already allocated') });
    expect(toRunError(engine(500, 'listen tcp4 0.0.0.0:80: bind: address already in use'), 'x').code).toBe(
      'port-in-use',
    );
    expect(
      toRunError(engine(409, 'Conflict. The container name "/web" is already in use by container "abc".'), 'x').code,
    ).toBe('name-in-use');
    expect(toRunError(engine(404, 'No such image: nope:latest'), 'x').code).toBe('image-not-found');
    expect(toRunError(engine(500, 'something else'), 'x')).toEqual({
      code: 'engine-error',
      message: 'x failed: something else',
    });
    expect(toRunError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'x').code).toBe(
      'engine-stopped',
    );
  });
});
