import { describe, expect, it } from 'vitest';
import { dockerRunCommand, shellQuote, splitCommandLine } from '../../src/shared/dockerRunCommand';
import { runInputSchema, type RunInput } from '../../src/shared/run';

const command = (input: RunInput) => dockerRunCommand(runInputSchema.parse(input));

describe('dockerRunCommand', () => {
  it('gives the course’s first command for a plain run', () => {
    expect(command({ image: 'hello-world' })).toBe('docker run hello-world');
    expect(command({ image: '  hello-world  ' })).toBe('docker run hello-world');
  });

  it('adds --rm and --name, without -d for a run that just runs', () => {
    expect(command({ image: 'hello-world', autoRemove: true })).toBe('docker run --rm hello-world');
    expect(command({ image: 'hello-world', name: 'first' })).toBe('docker run --name first hello-world');
  });

  it('runs detached (-d) when ports are published or a restart policy is set', () => {
    expect(command({ image: 'redis', ports: [{ hostPort: 16379, containerPort: 6379 }] })).toBe(
      'docker run -d -p 127.0.0.1:16379:6379 redis',
    );
    expect(command({ image: 'redis', restartPolicy: 'always' })).toBe('docker run -d --restart always redis');
    expect(command({ image: 'redis', restartPolicy: 'on-failure' })).toBe('docker run -d --restart on-failure redis');
  });

  it('writes -p as docker reads it: all interfaces, a random host port, udp', () => {
    expect(command({ image: 'nginx', ports: [{ hostIp: '0.0.0.0', hostPort: 8080, containerPort: 80 }] })).toBe(
      'docker run -d -p 8080:80 nginx',
    );
    expect(command({ image: 'nginx', ports: [{ hostIp: '0.0.0.0', hostPort: null, containerPort: 80 }] })).toBe(
      'docker run -d -p 80 nginx',
    );
    expect(
      command({ image: 'dns', ports: [{ hostIp: '0.0.0.0', hostPort: 5353, containerPort: 53, protocol: 'udp' }] }),
    ).toBe('docker run -d -p 5353:53/udp dns');
    expect(command({ image: 'dns', ports: [{ hostPort: 5353, containerPort: 53, protocol: 'udp' }] })).toBe(
      'docker run -d -p 127.0.0.1:5353:53/udp dns',
    );
  });

  // Known bug, reported: `docker run -p 127.0.0.1:6379 redis` fails with "invalid hostPort: 127.0.0.1";
  // a random host port on one address is written 127.0.0.1::6379. Flip to it() once fixed.
  it('writes a random host port on 127.0.0.1 as 127.0.0.1::PORT', () => {
    expect(command({ image: 'redis', ports: [{ hostIp: '127.0.0.1', hostPort: null, containerPort: 6379 }] })).toBe(
      'docker run -d -p 127.0.0.1::6379 redis',
    );
  });

  it('adds -e and -v, quoting values with spaces', () => {
    expect(
      command({
        image: 'redis',
        name: 'web',
        ports: [{ hostPort: 16379, containerPort: 6379 }],
        env: [
          { key: 'GREETING', value: 'hello world' },
          { key: 'EMPTY', value: '' },
        ],
        volumes: [
          { kind: 'named', name: 'data', containerPath: '/data', readOnly: true },
          { kind: 'bind', hostPath: '/home/me/my files', containerPath: '/work', confirmed: true },
        ],
        restartPolicy: 'unless-stopped',
      }),
    ).toBe(
      "docker run -d --name web -p 127.0.0.1:16379:6379 -e 'GREETING=hello world' -e EMPTY= " +
        "-v data:/data:ro -v '/home/me/my files:/work' --restart unless-stopped redis",
    );
  });

  it('puts the command after the image, each argument quoted when it needs it', () => {
    expect(command({ image: 'busybox', command: ['sh', '-c', 'echo out; echo err 1>&2; exit 3'] })).toBe(
      "docker run busybox sh -c 'echo out; echo err 1>&2; exit 3'",
    );
    expect(command({ image: 'busybox', command: ['echo', "it's"] })).toBe(`docker run busybox echo 'it'\\''s'`);
    expect(command({ image: 'busybox', command: ['seq', '1', '5000'] })).toBe('docker run busybox seq 1 5000');
  });

  it('round-trips through splitCommandLine', () => {
    const args = ['sh', '-c', 'echo \'quoted\' "double" $HOME; exit 3', '', 'a b'];
    const line = command({ image: 'busybox', command: args });
    expect(splitCommandLine(line)).toEqual(['docker', 'run', 'busybox', ...args]);
  });
});

describe('shellQuote', () => {
  it('leaves safe words alone and single-quotes the rest', () => {
    expect(shellQuote('redis:7')).toBe('redis:7');
    expect(shellQuote('127.0.0.1:16379:6379')).toBe('127.0.0.1:16379:6379');
    expect(shellQuote('')).toBe("''");
    expect(shellQuote('a b')).toBe("'a b'");
    expect(shellQuote('$HOME')).toBe("'$HOME'");
    expect(shellQuote("it's")).toBe(`'it'\\''s'`);
  });
});

describe('splitCommandLine', () => {
  it('splits on spaces and honours quotes and backslashes', () => {
    expect(splitCommandLine(`sh -c 'echo out; echo err 1>&2'`)).toEqual(['sh', '-c', 'echo out; echo err 1>&2']);
    expect(splitCommandLine(`echo "a \\"b\\"" c\\ d ''`)).toEqual(['echo', 'a "b"', 'c d', '']);
    expect(splitCommandLine('  seq   1  5000 ')).toEqual(['seq', '1', '5000']);
    expect(splitCommandLine('')).toEqual([]);
  });
});
