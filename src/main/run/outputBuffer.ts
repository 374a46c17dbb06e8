import { StringDecoder } from 'node:string_decoder';

export type OutputStream = 'stdout' | 'stderr';
export interface OutputLine {
  stream: OutputStream;
  text: string;
}

/** A line longer than this is cut into pieces, so output without newlines cannot grow without end. */
export const MAX_LINE_CHARS = 16_384;

/**
 * Splits the engine's multiplexed attach stream (non-TTY containers): each frame is an 8-byte header
 * (stream type in byte 0: 1 stdout, 2 stderr; payload length big-endian in bytes 4-7) and its
 * payload. Frames may be split across chunks or several may share one chunk; they come out in order.
 */
export function createDemuxer(onFrame: (stream: OutputStream, payload: Buffer) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  return (chunk) => {
    pending = pending.length === 0 ? chunk : Buffer.concat([pending, chunk]);
    let offset = 0;
    while (pending.length - offset >= 8) {
      const type = pending.readUInt8(offset);
      const length = pending.readUInt32BE(offset + 4);
      if (pending.length - offset - 8 < length) break;
      const payload = pending.subarray(offset + 8, offset + 8 + length);
      // Type 0 (stdin) never comes back from a container; anything else but 2 is treated as stdout.
      onFrame(type === 2 ? 'stderr' : 'stdout', payload);
      offset += 8 + length;
    }
    pending = offset === 0 ? pending : pending.subarray(offset);
  };
}

/**
 * A container's output as lines: stdout and stderr each keep their partial last line until a newline
 * (or the end) comes; only the newest `maxLines` complete lines are kept.
 */
export class OutputBuffer {
  private lines: OutputLine[] = [];
  private dropped = 0;
  private readonly partial: Record<OutputStream, string> = { stdout: '', stderr: '' };
  private readonly decoders: Record<OutputStream, StringDecoder> = {
    stdout: new StringDecoder('utf8'),
    stderr: new StringDecoder('utf8'),
  };

  constructor(private readonly maxLines: number) {
    if (!Number.isInteger(maxLines) || maxLines < 1) throw new RangeError('maxLines must be a positive integer');
  }

  /** Adds raw bytes of one stream; returns whether a complete line was added. */
  write(stream: OutputStream, bytes: Buffer): boolean {
    return this.append(stream, this.decoders[stream].write(bytes));
  }

  /** The stream ended: its partial line (if any) becomes a line. */
  end(stream: OutputStream): boolean {
    let added = this.append(stream, this.decoders[stream].end());
    if (this.partial[stream] !== '') {
      this.push(stream, this.partial[stream]);
      this.partial[stream] = '';
      added = true;
    }
    return added;
  }

  endAll(): boolean {
    const stdout = this.end('stdout');
    const stderr = this.end('stderr');
    return stdout || stderr;
  }

  /** The newest lines, oldest first (a copy). */
  snapshot(): OutputLine[] {
    const start = Math.max(0, this.lines.length - this.maxLines);
    return this.lines.slice(start);
  }

  /** Whether older lines were dropped to keep within maxLines. */
  get truncated(): boolean {
    return this.dropped > 0 || this.lines.length > this.maxLines;
  }

  private append(stream: OutputStream, text: string): boolean {
    if (text === '') return false;
    let rest = this.partial[stream] + text;
    let added = false;
    let newline = rest.indexOf('\n');
    while (newline !== -1) {
      this.pushLong(stream, rest.slice(0, newline).replace(/\r$/, ''));
      added = true;
      rest = rest.slice(newline + 1);
      newline = rest.indexOf('\n');
    }
    while (rest.length > MAX_LINE_CHARS) {
      this.push(stream, rest.slice(0, MAX_LINE_CHARS));
      rest = rest.slice(MAX_LINE_CHARS);
      added = true;
    }
    this.partial[stream] = rest;
    return added;
  }

  private pushLong(stream: OutputStream, text: string): void {
    for (let start = MAX_LINE_CHARS; start < text.length; start += MAX_LINE_CHARS) {
      this.push(stream, text.slice(start - MAX_LINE_CHARS, start));
    }
    const lastStart = text.length === 0 ? 0 : Math.floor((text.length - 1) / MAX_LINE_CHARS) * MAX_LINE_CHARS;
    this.push(stream, text.slice(lastStart));
  }

  private push(stream: OutputStream, text: string): void {
    this.lines.push({ stream, text });
    // Trim in batches: splicing the front on every line would be quadratic for chatty containers.
    if (this.lines.length >= this.maxLines * 2) {
      const excess = this.lines.length - this.maxLines;
      this.lines.splice(0, excess);
      this.dropped += excess;
    }
  }
}
