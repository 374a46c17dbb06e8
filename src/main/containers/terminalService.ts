import { randomUUID } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { TextDecoder } from 'node:util';
import type Docker from 'dockerode';
import type { z } from 'zod';
import {
  terminalInputSchema,
  terminalOpenInputSchema,
  terminalResizeSchema,
  terminalSessionSchema,
  terminalShells,
  terminalShellsInputSchema,
  type TerminalEvent,
} from '../../shared/containers';
import { Emitter } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import { engineStatus } from '../engine/engineErrors';
import { exitCodeOf } from './execOutput';
import { containerError } from './inspectService';

export type TerminalOpenInput = z.input<typeof terminalOpenInputSchema>;
export type TerminalInput = z.input<typeof terminalInputSchema>;
export type TerminalResizeInput = z.input<typeof terminalResizeSchema>;
export type TerminalSessionInput = z.input<typeof terminalSessionSchema>;
export type TerminalShellsInput = z.input<typeof terminalShellsInputSchema>;

/** How much of a session's first output is kept to recognise the runtime's "no such program". */
const HEAD_CHARS = 1024;
/** The runtime's words when the command is not in the container (runc, crun; dockerd and Podman). */
const NOT_FOUND = /executable file not found|no such file or directory|not found in \$PATH/i;

export interface TerminalServiceOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  /** A session nobody follows for this long is closed. Default 60 000 ms. */
  idleTimeoutMs?: number;
  /** Output kept for a session while nobody follows it (the newest characters). Default 256 KiB. */
  maxBufferedChars?: number;
  /** After the connection closed, how long to wait for the engine to report the exit code. Default 3000 ms. */
  exitCodeWaitMs?: number;
}

type Listener = (event: TerminalEvent) => void;

interface TerminalSession {
  id: string;
  containerId: string;
  exec: Docker.Exec;
  socket: Duplex;
  decoder: TextDecoder;
  followers: Emitter<TerminalEvent>;
  /** Output (and the exit) that came while nobody followed; given to the next follower. */
  backlog: TerminalEvent[];
  backlogChars: number;
  idleTimer: ReturnType<typeof setTimeout> | null;
  /** The start of the output, to tell "the program is not there" from a shell's own exit. */
  head: string;
  /** The shell's connection ended (its exit has been or is being reported). */
  ended: boolean;
  /** A follower was given the exit: nothing more will come. */
  exitDelivered: boolean;
  /** close() or the idle timeout: nothing more is emitted. */
  closed: boolean;
}

/**
 * `docker exec -it <container> sh`: an interactive shell in a running container over a hijacked
 * exec connection (TTY, so output is one raw stream).
 *
 * Output that comes before anyone follows the session (the shell's first prompt comes at once) is
 * not lost: while a session has no follower its output is kept (the newest maxBufferedChars
 * characters) and given to the next one. The exec starts in open(), so every failure (no such
 * container, not running) is open()'s. A session nobody follows for idleTimeoutMs is closed.
 */
export class TerminalService {
  private readonly getClient: () => Docker;
  private readonly idleTimeoutMs: number;
  private readonly maxBufferedChars: number;
  private readonly exitCodeWaitMs: number;
  private readonly sessions = new Map<string, TerminalSession>();

  constructor(options: TerminalServiceOptions) {
    this.getClient = options.getClient;
    this.idleTimeoutMs = options.idleTimeoutMs ?? 60_000;
    this.maxBufferedChars = options.maxBufferedChars ?? 256 * 1024;
    this.exitCodeWaitMs = options.exitCodeWaitMs ?? 3000;
  }

  /** POST /containers/{id}/exec, then /exec/{id}/start (hijacked, stdin open) and /exec/{id}/resize. */
  async open(input: TerminalOpenInput): Promise<{ sessionId: string }> {
    const { id, command, cols, rows } = parse(terminalOpenInputSchema, input);
    const docker = this.getClient();
    let exec: Docker.Exec;
    let socket: Duplex;
    try {
      exec = await docker.getContainer(id).exec({
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Tty: true,
        Cmd: command,
        Env: ['TERM=xterm-256color'],
      });
      // Tty here too: without it the engine multiplexes the output with 8-byte frame headers.
      socket = (await exec.start({ hijack: true, stdin: true, Tty: true, Detach: false })) as unknown as Duplex;
    } catch (error) {
      throw await openError(docker, id, error);
    }

    const session: TerminalSession = {
      id: randomUUID(),
      containerId: id,
      exec,
      socket,
      decoder: new TextDecoder('utf-8', { ignoreBOM: true }),
      followers: new Emitter(),
      backlog: [],
      backlogChars: 0,
      idleTimer: null,
      head: '',
      ended: false,
      exitDelivered: false,
      closed: false,
    };
    this.sessions.set(session.id, session);
    socket.on('data', (chunk: Buffer) => {
      const data = session.decoder.decode(chunk, { stream: true });
      if (session.head.length < HEAD_CHARS) session.head += data.slice(0, HEAD_CHARS - session.head.length);
      if (data !== '') this.deliver(session, { type: 'output', data });
    });
    let ending = false;
    const onEnd = () => {
      if (ending) return;
      ending = true;
      void this.ended(session);
    };
    socket.once('end', onEnd);
    socket.once('close', onEnd);
    socket.on('error', onEnd);
    this.startIdleTimer(session);

    try {
      await resizeExec(exec, rows, cols);
    } catch {
      // A shell that exited at once cannot be resized; its exit tells the rest.
    }
    return { sessionId: session.id };
  }

  /**
   * Which shells the container has: each of sh, bash and ash is run once (`-c "exit 0"`, no TTY)
   * and counts when it exits with 0. An image built FROM scratch often has none; the runtime then
   * answers "executable file not found" with 126 (dockerd) or 127.
   */
  async shells(input: TerminalShellsInput): Promise<{ shells: Array<(typeof terminalShells)[number]> }> {
    const { id } = parse(terminalShellsInputSchema, input);
    const docker = this.getClient();
    const container = docker.getContainer(id);
    try {
      const found = await Promise.all(
        terminalShells.map(async (shell) => {
          const exec = await container.exec({
            Cmd: [shell, '-c', 'exit 0'],
            AttachStdout: true,
            AttachStderr: true,
            Tty: false,
          });
          const stream = (await exec.start({ hijack: true, stdin: false })) as unknown as Duplex;
          await new Promise<void>((resolve) => {
            stream.on('data', () => undefined);
            stream.once('end', resolve);
            stream.once('close', resolve);
            stream.once('error', () => resolve());
          });
          return (await exitCodeOf(exec, this.exitCodeWaitMs)) === 0 ? shell : null;
        }),
      );
      return { shells: found.filter((shell) => shell !== null) };
    } catch (error) {
      throw await openError(docker, id, error);
    }
  }

  /**
   * Follows a session's output and returns the function that stops following. The output kept while
   * nobody followed comes first. Throws 'not-found' for an unknown (or closed) session.
   */
  output(input: TerminalSessionInput, emit: Listener): () => void {
    const session = this.require(parse(terminalSessionSchema, input).sessionId);
    this.clearIdleTimer(session);
    const backlog = session.backlog;
    session.backlog = [];
    session.backlogChars = 0;
    for (const event of backlog) emit(event);
    if (backlog.some((event) => event.type === 'exit')) session.exitDelivered = true;
    const stopFollowing = session.followers.event(emit);
    let following = true;
    return () => {
      if (!following) return;
      following = false;
      stopFollowing();
      if (session.followers.hasListeners || session.closed) return;
      // The exit was seen: nothing more will come. Otherwise wait for a new follower a while.
      if (session.exitDelivered) this.forget(session);
      else this.startIdleTimer(session);
    };
  }

  /** Keystrokes (and pasted text) to the shell. */
  async input(input: TerminalInput): Promise<{ ok: true }> {
    const { sessionId, data } = parse(terminalInputSchema, input);
    const session = this.require(sessionId);
    if (session.ended) throw new BerthError('not-found', `The terminal session ${sessionId} has ended.`);
    session.socket.write(data);
    return { ok: true };
  }

  /** The terminal's size changed: the shell is told (POST /exec/{id}/resize). */
  async resize(input: TerminalResizeInput): Promise<{ ok: true }> {
    const { sessionId, cols, rows } = parse(terminalResizeSchema, input);
    const session = this.require(sessionId);
    if (session.ended) return { ok: true };
    try {
      await resizeExec(session.exec, rows, cols);
    } catch (error) {
      // The shell may have just exited; that is not the resize's failure.
      if (session.ended || session.closed) return { ok: true };
      throw containerError(error, session.containerId, 'Resizing the terminal');
    }
    return { ok: true };
  }

  /** Ends the session: its connection is closed (the shell sees its input end) and it is forgotten. */
  async close(input: TerminalSessionInput): Promise<{ ok: true }> {
    const session = this.require(parse(terminalSessionSchema, input).sessionId);
    this.forget(session);
    return { ok: true };
  }

  /** The ids of the open sessions (for tests and diagnostics). */
  sessionIds(): string[] {
    return [...this.sessions.keys()];
  }

  /** Closes every session. */
  dispose(): void {
    for (const session of [...this.sessions.values()]) this.forget(session);
  }

  private require(sessionId: string): TerminalSession {
    const session = this.sessions.get(sessionId);
    if (!session || session.closed) {
      throw new BerthError('not-found', `There is no terminal session ${sessionId}: it was closed or never opened.`);
    }
    return session;
  }

  /** To the followers, or into the backlog while there are none. */
  private deliver(session: TerminalSession, event: TerminalEvent): void {
    if (session.closed) return;
    if (session.followers.hasListeners) {
      if (event.type === 'exit') session.exitDelivered = true;
      session.followers.fire(event);
      return;
    }
    session.backlog.push(event);
    if (event.type !== 'output') return;
    session.backlogChars += event.data.length;
    // Keep the newest output: drop (or cut) the oldest chunks beyond the limit.
    while (session.backlogChars > this.maxBufferedChars) {
      const first = session.backlog[0];
      if (!first || first.type !== 'output') break;
      const excess = session.backlogChars - this.maxBufferedChars;
      if (first.data.length <= excess) {
        session.backlog.shift();
        session.backlogChars -= first.data.length;
      } else {
        first.data = first.data.slice(excess);
        session.backlogChars -= excess;
      }
    }
  }

  /** The connection ended: the shell exited (or the container stopped). Reports the exit code. */
  private async ended(session: TerminalSession): Promise<void> {
    if (session.ended) return;
    session.ended = true;
    const rest = session.decoder.decode();
    if (rest !== '') this.deliver(session, { type: 'output', data: rest });
    if (session.closed) return;
    const exitCode = await this.exitCode(session);
    // 126/127: the runtime could not start the command; its message says the program is missing.
    const notFound = (exitCode === 126 || exitCode === 127) && NOT_FOUND.test(session.head);
    this.deliver(session, notFound ? { type: 'exit', exitCode, commandNotFound: true } : { type: 'exit', exitCode });
  }

  private exitCode(session: TerminalSession): Promise<number | null> {
    return exitCodeOf(session.exec, this.exitCodeWaitMs, () => session.closed);
  }

  private startIdleTimer(session: TerminalSession): void {
    this.clearIdleTimer(session);
    session.idleTimer = setTimeout(() => {
      session.idleTimer = null;
      if (!session.followers.hasListeners) this.forget(session);
    }, this.idleTimeoutMs);
    session.idleTimer.unref?.();
  }

  private clearIdleTimer(session: TerminalSession): void {
    if (session.idleTimer) clearTimeout(session.idleTimer);
    session.idleTimer = null;
  }

  private forget(session: TerminalSession): void {
    this.clearIdleTimer(session);
    if (this.sessions.get(session.id) === session) this.sessions.delete(session.id);
    if (session.closed) return;
    session.closed = true;
    session.followers.dispose();
    session.backlog = [];
    session.backlogChars = 0;
    if (session.ended) {
      session.socket.destroy();
      return;
    }
    // Docker does not end an exec whose connection closes: the shell would live on in the container.
    // Like closing a terminal window: Ctrl-C stops what runs in the foreground, then Ctrl-D (EOF on
    // an empty line) ends the shell, and the engine closes the connection.
    const { socket } = session;
    const destroyTimer = setTimeout(() => socket.destroy(), 2000);
    destroyTimer.unref?.();
    socket.once('close', () => clearTimeout(destroyTimer));
    if (socket.writable) socket.write('\x03');
    const eofTimer = setTimeout(() => {
      if (!socket.writable) return;
      socket.write('\x04');
      socket.end();
    }, 50);
    eofTimer.unref?.();
  }
}

/** POST /exec/{id}/resize. dockerd answers 200 and Podman 201 Created: both mean it was done. */
async function resizeExec(exec: Docker.Exec, rows: number, cols: number): Promise<void> {
  try {
    await exec.resize({ h: rows, w: cols });
  } catch (error) {
    const status = engineStatus(error);
    if (status !== undefined && status >= 200 && status < 300) return;
    throw error;
  }
}

/**
 * Why a shell could not be opened. A stopped container is told in Berth's words, because the
 * engines' differ (dockerd: 409 "is not running"; Podman: 500 "container state improper").
 */
async function openError(docker: Docker, id: string, error: unknown): Promise<BerthError> {
  const failure = containerError(error, id, `Opening a terminal in ${id}`);
  if (failure.code !== 'engine-error') return failure;
  try {
    const info = await docker.getContainer(id).inspect();
    if (!info.State?.Running) {
      return new BerthError('engine-error', `Opening a terminal in ${id} failed: the container is not running.`);
    }
  } catch {
    // The inspect failing says nothing more than the exec's own failure.
  }
  return failure;
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) throw new BerthError('invalid-input', `Invalid terminal input: ${parsed.error.message}`);
  return parsed.data;
}
