import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';
import type { z } from 'zod';
import { containerLogsInputSchema, type LogBatch, type LogLine } from '../../shared/containers';
import { BerthError } from '../../shared/errors';
import { dialStream, readStream } from '../engine/dialStream';
import { containerError } from './inspectService';
import { createLogParser } from './logLines';

export type LogsInput = z.input<typeof containerLogsInputSchema>;

export interface LogsServiceOptions {
  /** The connected engine's client (the backend passes monitor.requireClient). */
  getClient: () => Docker;
  /** At most one batch per this many milliseconds (a full batch goes at once). Default 100. */
  batchIntervalMs?: number;
  /** A batch that reaches this many lines is sent at once. Default 5000. */
  maxBatchLines?: number;
}

interface LogsSession {
  closed: boolean;
  abort: AbortController;
  response: IncomingMessage | null;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * `docker logs [-f]` of one container as batches of lines: stdout and stderr apart (TTY
 * containers have only stdout), with the engine's timestamps, a few batches a second however fast
 * the container writes.
 */
export class LogsService {
  private readonly getClient: () => Docker;
  private readonly batchIntervalMs: number;
  private readonly maxBatchLines: number;
  private readonly sessions = new Set<LogsSession>();

  constructor(options: LogsServiceOptions) {
    this.getClient = options.getClient;
    this.batchIntervalMs = options.batchIntervalMs ?? 100;
    this.maxBatchLines = options.maxBatchLines ?? 5000;
  }

  /**
   * Starts reading the logs and returns close(). Batches come through emit; when the engine ends the
   * stream (follow false, or the container stopped) a last batch has ended: true. A failure (no such
   * container: 'not-found') goes to onError, followed by an empty ended batch. After close()
   * nothing more is emitted. Throws at once only when the engine is not connected.
   */
  open(input: LogsInput, emit: (batch: LogBatch) => void, onError?: (error: BerthError) => void): () => void {
    const parsed = containerLogsInputSchema.safeParse(input);
    if (!parsed.success) throw new BerthError('invalid-input', `Invalid logs input: ${parsed.error.message}`);
    const options = parsed.data;
    const docker = this.getClient();
    const session: LogsSession = { closed: false, abort: new AbortController(), response: null, timer: null };
    this.sessions.add(session);

    let pending: LogLine[] = [];
    let lastEmitAt = 0;
    let finished = false;

    const send = (ended: boolean) => {
      if (session.timer) clearTimeout(session.timer);
      session.timer = null;
      if (session.closed || finished) return;
      if (ended) finished = true;
      if (pending.length === 0 && !ended) return;
      const lines = pending;
      pending = [];
      lastEmitAt = Date.now();
      emit({ lines, ended });
    };
    const schedule = () => {
      if (session.timer || session.closed) return;
      const wait = Math.max(0, lastEmitAt + this.batchIntervalMs - Date.now());
      session.timer = setTimeout(() => send(false), wait);
    };
    const addLine = (line: LogLine) => {
      if (session.closed) return;
      pending.push(line);
      if (pending.length >= this.maxBatchLines) send(false);
      else schedule();
    };
    const fail = (error: unknown) => {
      if (session.closed || finished) return;
      onError?.(containerError(error, options.id, `Reading the logs of ${options.id}`));
      send(true);
      this.release(session);
    };

    void this.follow(docker, options, session, addLine).then(
      () => {
        send(true);
        this.release(session);
      },
      (error: unknown) => fail(error),
    );

    return () => {
      if (session.closed) return;
      session.closed = true;
      this.release(session);
    };
  }

  /** Closes every logs stream. */
  dispose(): void {
    for (const session of [...this.sessions]) {
      session.closed = true;
      this.release(session);
    }
  }

  /** Inspects (TTY or not), then reads the logs stream into lines; resolves when it ends. */
  private async follow(
    docker: Docker,
    options: z.output<typeof containerLogsInputSchema>,
    session: LogsSession,
    addLine: (line: LogLine) => void,
  ): Promise<void> {
    const info = await docker.getContainer(options.id).inspect({ abortSignal: session.abort.signal } as object);
    if (session.closed) return;
    const tty = info.Config?.Tty === true;
    const query: Record<string, unknown> = {
      follow: options.follow,
      stdout: true,
      stderr: true,
      timestamps: true,
      tail: options.tail === null ? 'all' : String(options.tail),
    };
    if (options.since !== null) query.since = options.since;
    const response = await dialStream(docker, {
      path: `/containers/${encodeURIComponent(options.id)}/logs?`,
      method: 'GET',
      signal: session.abort.signal,
      statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      options: query,
    });
    if (session.closed) {
      response.destroy();
      return;
    }
    session.response = response;

    const parser = createLogParser(tty, addLine);

    await readStream(response, parser, () => session.closed);
  }

  private release(session: LogsSession): void {
    if (session.timer) clearTimeout(session.timer);
    session.timer = null;
    this.sessions.delete(session);
    if (session.closed) {
      session.abort.abort();
      session.response?.destroy();
    }
  }
}
