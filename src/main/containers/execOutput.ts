import { PassThrough, type Duplex } from 'node:stream';
import type Docker from 'dockerode';

export interface ExecOutput {
  /** null when the engine did not report it in time (or the command was stopped at the timeout). */
  exitCode: number | null;
  stdout: string;
  stderr: string;
  /** The command ran past the timeout and its connection was closed. */
  timedOut: boolean;
}

export interface ExecOutputOptions {
  /** Default 10 000 ms. */
  timeoutMs?: number;
  /** Characters kept of each stream (the first ones). Default 1 MiB. */
  maxChars?: number;
  /** How long to wait for the engine to report the exit code once the output ended. Default 3000 ms. */
  exitCodeWaitMs?: number;
  /** Told the exec's id once the engine made it (its events carry it: the lessons tell Berth's execs from the learner's). */
  onCreated?: (execId: string) => void;
}

/**
 * Runs a command in a running container without a TTY, as `docker exec CONTAINER CMD...` does, and
 * returns what it printed on stdout and stderr apart, with its exit code. For Berth's own short
 * checks (can A reach B, redis-cli in the volume lesson, a helper container's ls), not for users'
 * shells (the terminal service does those).
 */
export async function execOutput(
  client: Docker,
  containerId: string,
  cmd: string[],
  options: ExecOutputOptions = {},
): Promise<ExecOutput> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const maxChars = options.maxChars ?? 1024 * 1024;
  const exec = await client.getContainer(containerId).exec({
    Cmd: cmd,
    AttachStdout: true,
    AttachStderr: true,
    Tty: false,
  });
  options.onCreated?.(exec.id);
  const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Duplex;
  const stdout = collect(maxChars);
  const stderr = collect(maxChars);
  client.modem.demuxStream(stream, stdout.sink, stderr.sink);
  const timedOut = await new Promise<boolean>((resolve) => {
    const timer = setTimeout(() => {
      stream.destroy();
      resolve(true);
    }, timeoutMs);
    const done = () => {
      clearTimeout(timer);
      resolve(false);
    };
    stream.once('end', done);
    stream.once('close', done);
    stream.once('error', done);
  });
  const exitCode = timedOut ? null : await exitCodeOf(exec, options.exitCodeWaitMs ?? 3000);
  return { exitCode, stdout: stdout.text(), stderr: stderr.text(), timedOut };
}

function collect(maxChars: number): { sink: PassThrough; text: () => string } {
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  let kept = 0;
  sink.on('data', (chunk: Buffer) => {
    if (kept >= maxChars) return;
    chunks.push(chunk);
    kept += chunk.length;
  });
  return { sink, text: () => Buffer.concat(chunks).toString('utf8').slice(0, maxChars) };
}

/**
 * The exec's exit code, asked until the engine reports it ended: the output's end can come a moment
 * before the engine marks the exec finished. null when it does not within waitMs (or is cancelled).
 */
export async function exitCodeOf(exec: Docker.Exec, waitMs: number, cancelled = () => false): Promise<number | null> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      const info = await exec.inspect();
      if (!info.Running && typeof info.ExitCode === 'number') return info.ExitCode;
    } catch {
      return null;
    }
    if (Date.now() >= deadline || cancelled()) return null;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
