import { describe, expect, it } from 'vitest';
import { dockerRunCommand, shellQuote } from '../../src/shared/dockerRunCommand';
import { splitShellWords } from '../../src/shared/shellWords';
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

  it('adds -e and --mount, quoting values with spaces', () => {
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
        '--mount type=volume,source=data,target=/data,readonly ' +
        "--mount 'type=bind,source=/home/me/my files,target=/work' --restart unless-stopped redis",
    );
  });

  it('writes mounts with --mount, so a ":" in a path is just a character (-v would split on it)', () => {
    const bind = (hostPath: string, containerPath: string, readOnly = false) =>
      command({ image: 'busybox', volumes: [{ kind: 'bind', hostPath, containerPath, readOnly, confirmed: true }] });
    // -v /tmp/a:b:/data fails with "invalid mode"; -v /srv:/data:ro would mount read-only.
    expect(bind('/tmp/a:b', '/data')).toBe('docker run --mount type=bind,source=/tmp/a:b,target=/data busybox');
    expect(bind('/srv', '/data:ro')).toBe('docker run --mount type=bind,source=/srv,target=/data:ro busybox');
    expect(bind('/srv', '/data', true)).toBe('docker run --mount type=bind,source=/srv,target=/data,readonly busybox');
  });

  it('quotes a --mount field with a comma or a double quote as the CLI’s CSV reader needs', () => {
    const line = command({
      image: 'busybox',
      volumes: [{ kind: 'bind', hostPath: '/tmp/a,b "c"', containerPath: '/in,side', confirmed: true }],
    });
    const record = 'type=bind,"source=/tmp/a,b ""c""","target=/in,side"';
    expect(line).toBe(`docker run --mount '${record}' busybox`);
    // What the shell hands the CLI: one argument, the CSV record.
    expect(splitShellWords(line)).toEqual({ ok: true, words: ['docker', 'run', '--mount', record, 'busybox'] });
  });

  it('puts the command after the image, each argument quoted when it needs it', () => {
    expect(command({ image: 'busybox', command: ['sh', '-c', 'echo out; echo err 1>&2; exit 3'] })).toBe(
      "docker run busybox sh -c 'echo out; echo err 1>&2; exit 3'",
    );
    expect(command({ image: 'busybox', command: ['echo', "it's"] })).toBe(`docker run busybox echo 'it'\\''s'`);
    expect(command({ image: 'busybox', command: ['seq', '1', '5000'] })).toBe('docker run busybox seq 1 5000');
  });

  it('writes the Command field’s words, split like a shell, so the terminal passes the same ones', () => {
    expect(command({ image: 'busybox', command: String.raw`echo "a\nb" 'c\d' e\ f` })).toBe(
      String.raw`docker run busybox echo 'a\nb' 'c\d' 'e f'`,
    );
  });

  it('round-trips through the shell splitter', () => {
    const args = ['sh', '-c', 'echo \'quoted\' "double" $HOME; exit 3', '', 'a b', String.raw`a\nb`];
    const line = command({ image: 'busybox', command: args });
    expect(splitShellWords(line)).toEqual({ ok: true, words: ['docker', 'run', 'busybox', ...args] });
  });

  it('keeps the image as typed, as docker run does', () => {
    expect(command({ image: 'busybox' })).toBe('docker run busybox');
    expect(command({ image: 'docker.io/library/busybox:latest' })).toBe('docker run docker.io/library/busybox:latest');
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
