import type { LogLine } from '../../shared/containers';
import { createDemuxer, MAX_LINE_CHARS, type OutputStream } from '../run/outputBuffer';

/*
 * The engine's log stream (GET /containers/{id}/logs?timestamps=1) read into lines: frames or raw
 * TTY bytes cut into messages, each message's timestamp split off, and messages joined into lines.
 * Pure: no engine, no I/O; the logs service feeds it the response's chunks.
 */

/** The prefix the engine adds with timestamps=1 (RFC3339NanoFixed, then a space). */
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})) /;
/** "2006-01-02T15:04:05.000000000-07:00 " is the longest prefix TIMESTAMP matches. */
const MAX_TIMESTAMP_BYTES = 36;
/**
 * The engine's log copier cuts a line without a newline into messages of this many bytes (each with
 * its own timestamp prefix); the rest of the line follows in the next message.
 */
const ENGINE_PARTIAL_BYTES = 16 * 1024;
const NEWLINE = 0x0a;

/**
 * A log time in one shape, RFC 3339 in UTC with nine fraction digits, as dockerd stamps it: Podman
 * stamps whole seconds ("2026-12-02T18:52:56Z"), and an offset other than Z is moved to UTC.
 */
export function normalizeLogTime(time: string): string {
  const match = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/.exec(time);
  if (!match) return time;
  const [, seconds = '', fraction = '', zone = 'Z'] = match;
  const utcSeconds = zone === 'Z' ? seconds : new Date(`${seconds}${zone}`).toISOString().slice(0, 19);
  return `${utcSeconds}.${fraction.padEnd(9, '0')}Z`;
}

/** Splits the engine's timestamp prefix off one log message. */
export function splitTimestamp(message: Buffer): { time: string | null; body: Buffer } {
  const match = TIMESTAMP.exec(message.subarray(0, MAX_TIMESTAMP_BYTES).toString('latin1'));
  if (!match) return { time: null, body: message };
  return { time: normalizeLogTime(match[1]!), body: message.subarray(match[0].length) };
}

/**
 * Podman's prefix: whole seconds, no fraction. dockerd always writes nine fraction digits, so a
 * prefix without them is Podman's, whose partial messages are as long as each read of the TTY was.
 */
const SECONDS_TIMESTAMP = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:Z|[+-]\d{2}:\d{2}) /g;

/**
 * A TTY container's log stream has no frames: messages follow each other, each "<timestamp> <text>",
 * ending at a newline or where the engine cut a long line. dockerd cuts after ENGINE_PARTIAL_BYTES
 * bytes of text; Podman wherever a read of the TTY ended, so there the next message starts at the
 * next timestamp of its shape. This cuts the bytes back into those messages, so a timestamp in the
 * middle of a long line is recognised as the next message's.
 */
export function createRawMessageSplitter(onMessage: (message: Buffer) => void): {
  push(chunk: Buffer): void;
  end(): void;
} {
  let pending: Buffer = Buffer.alloc(0);
  return {
    push(chunk) {
      pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
      let offset = 0;
      while (offset < pending.length) {
        const head = pending.subarray(offset, offset + MAX_TIMESTAMP_BYTES);
        const match = TIMESTAMP.exec(head.toString('latin1'));
        // A timestamp cut by the chunk boundary: wait for the rest of it.
        if (!match && head.length < MAX_TIMESTAMP_BYTES && !head.includes(NEWLINE)) break;
        const textStart = offset + (match ? match[0].length : 0);
        const newline = pending.indexOf(NEWLINE, textStart);
        if (match && !match[1]!.includes('.')) {
          // Podman: up to the newline or the next prefix, whichever comes first.
          const end = newline === -1 ? pending.length : newline;
          const next = nextSecondsPrefix(pending, textStart, end);
          if (next !== -1) {
            onMessage(pending.subarray(offset, next));
            offset = next;
          } else if (newline !== -1) {
            onMessage(pending.subarray(offset, newline + 1));
            offset = newline + 1;
          } else {
            break;
          }
        } else if (newline !== -1 && newline < textStart + ENGINE_PARTIAL_BYTES) {
          onMessage(pending.subarray(offset, newline + 1));
          offset = newline + 1;
        } else if (pending.length - textStart >= ENGINE_PARTIAL_BYTES) {
          onMessage(pending.subarray(offset, textStart + ENGINE_PARTIAL_BYTES));
          offset = textStart + ENGINE_PARTIAL_BYTES;
        } else {
          break;
        }
      }
      pending = offset === 0 ? pending : Buffer.from(pending.subarray(offset));
    },
    end() {
      if (pending.length > 0) onMessage(pending);
      pending = Buffer.alloc(0);
    },
  };
}

/**
 * Where the next whole-seconds prefix starts in bytes [from, to) of a message's text, or -1. The
 * text's own first characters are skipped: a program's line may start with a time of its own.
 */
function nextSecondsPrefix(bytes: Buffer, from: number, to: number): number {
  if (to - from < 2) return -1;
  const text = bytes.toString('latin1', from + 1, to);
  SECONDS_TIMESTAMP.lastIndex = 0;
  const found = SECONDS_TIMESTAMP.exec(text);
  return found ? from + 1 + found.index : -1;
}

/** Where to cut a long text so that no chunk is longer than max and no surrogate pair is split. */
function cutAt(text: string, start: number, max: number): number {
  let end = Math.min(text.length, start + max);
  if (end < text.length && end > start + 1) {
    const code = text.charCodeAt(end - 1);
    if (code >= 0xd800 && code <= 0xdbff) end -= 1;
  }
  return end;
}

/**
 * One stream's (stdout or stderr) lines out of its log messages: keeps a partial line until its
 * newline, gives the line the time of the message it started in, and cuts lines longer than
 * MAX_LINE_CHARS into chunks. Invalid UTF-8 becomes U+FFFD; nothing throws.
 */
export class LineAssembler {
  private readonly decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  private partial = '';
  private partialTime: string | null = null;
  private open = false;

  constructor(
    private readonly stream: OutputStream,
    private readonly out: (line: LogLine) => void,
  ) {}

  push(time: string | null, bytes: Buffer): void {
    const text = this.decoder.decode(bytes, { stream: true });
    this.add(time, text);
  }

  /** The stream ended: the partial line (if any) becomes a line. */
  end(): void {
    this.add(this.partialTime, this.decoder.decode());
    if (this.open && this.partial !== '') this.emit(this.partial);
    this.partial = '';
    this.open = false;
  }

  private add(time: string | null, text: string): void {
    if (text === '') return;
    if (!this.open) {
      this.partialTime = time;
      this.open = true;
    }
    let start = 0;
    let newline = text.indexOf('\n');
    while (newline !== -1) {
      let line = this.partial + text.slice(start, newline);
      this.partial = '';
      if (line.endsWith('\r')) line = line.slice(0, -1);
      this.emitLong(line);
      start = newline + 1;
      this.partialTime = time;
      newline = text.indexOf('\n', start);
    }
    let rest = this.partial + text.slice(start);
    let offset = 0;
    while (rest.length - offset > MAX_LINE_CHARS) {
      const end = cutAt(rest, offset, MAX_LINE_CHARS);
      this.emit(rest.slice(offset, end));
      offset = end;
    }
    rest = offset === 0 ? rest : rest.slice(offset);
    this.partial = rest;
    this.open = rest !== '';
  }

  private emitLong(line: string): void {
    if (line.length <= MAX_LINE_CHARS) {
      this.emit(line);
      return;
    }
    let offset = 0;
    while (offset < line.length) {
      const end = cutAt(line, offset, MAX_LINE_CHARS);
      this.emit(line.slice(offset, end));
      offset = end;
    }
  }

  private emit(text: string): void {
    this.out({ stream: this.stream, text, time: this.partialTime });
  }
}

/**
 * The whole parser for one logs response: a TTY container's raw bytes (one stream, stdout) or the
 * multiplexed frames of a container without one, into lines with their times.
 */
export function createLogParser(
  tty: boolean,
  addLine: (line: LogLine) => void,
): { push(chunk: Buffer): void; end(): void } {
  const assemblers: Record<OutputStream, LineAssembler> = {
    stdout: new LineAssembler('stdout', addLine),
    stderr: new LineAssembler('stderr', addLine),
  };
  const onMessage = (stream: OutputStream, message: Buffer) => {
    const { time, body } = splitTimestamp(message);
    assemblers[stream].push(time, body);
  };
  let feed: (chunk: Buffer) => void;
  let flush: () => void = () => undefined;
  if (tty) {
    const splitter = createRawMessageSplitter((message) => onMessage('stdout', message));
    feed = (chunk) => splitter.push(chunk);
    flush = () => splitter.end();
  } else {
    // Each frame of the multiplexed stream is one log message.
    feed = createDemuxer(onMessage);
  }
  return {
    push: feed,
    end() {
      flush();
      assemblers.stdout.end();
      assemblers.stderr.end();
    },
  };
}
