import { describe, expect, it } from 'vitest';
import {
  createLogParser,
  createRawMessageSplitter,
  normalizeLogTime,
  splitTimestamp,
} from '../../src/main/containers/logLines';
import { MAX_LINE_CHARS } from '../../src/main/run/outputBuffer';
import type { LogLine } from '../../src/shared/containers';

describe('log times', () => {
  it("writes every engine's stamp as RFC 3339 in UTC with nine fraction digits", () => {
    // dockerd's own shape stays as it is.
    expect(normalizeLogTime('2026-12-02T18:52:56.123456789Z')).toBe('2026-12-02T18:52:56.123456789Z');
    // Podman stamps whole seconds.
    expect(normalizeLogTime('2026-12-02T18:52:56Z')).toBe('2026-12-02T18:52:56.000000000Z');
    expect(normalizeLogTime('2026-12-02T18:52:56.5Z')).toBe('2026-12-02T18:52:56.500000000Z');
    expect(normalizeLogTime('2026-12-03T03:52:56.000000001+09:00')).toBe('2026-12-02T18:52:56.000000001Z');
    expect(splitTimestamp(Buffer.from('2026-12-02T18:52:56Z hello\n'))).toEqual({
      time: '2026-12-02T18:52:56.000000000Z',
      body: Buffer.from('hello\n'),
    });
  });
});

/** Splits the bytes, fed in chunks of `chunkSize`, into messages as text. */
function split(bytes: string, chunkSize: number): string[] {
  const messages: string[] = [];
  const splitter = createRawMessageSplitter((message) => messages.push(message.toString('latin1')));
  const buffer = Buffer.from(bytes, 'latin1');
  for (let at = 0; at < buffer.length; at += chunkSize) splitter.push(buffer.subarray(at, at + chunkSize));
  splitter.end();
  return messages;
}

describe("a TTY container's log stream cut back into the engine's messages", () => {
  const podmanTime = '2026-12-02T19:01:14Z ';

  it("Podman's: a long line comes as messages as long as each read of the TTY was", () => {
    // As GET /containers/{id}/logs?timestamps=1 answered on Podman 4.3.1 for a 40,000-byte line.
    const parts = ['b'.repeat(4095), 'b'.repeat(4095), 'b'.repeat(1088), 'b'.repeat(2) + '\r\n'];
    const stream = `${podmanTime}tty-hello\r\n${parts.map((part) => podmanTime + part).join('')}${podmanTime}tty-done\r\n`;
    for (const chunkSize of [7, 1000, 4096, stream.length]) {
      expect(split(stream, chunkSize)).toEqual([
        `${podmanTime}tty-hello\r\n`,
        ...parts.map((part) => podmanTime + part),
        `${podmanTime}tty-done\r\n`,
      ]);
    }
  });

  it("keeps a program's own time at the start of its line", () => {
    const line = `${podmanTime}${podmanTime}GET / 200\n${podmanTime}next\n`;
    expect(split(line, 5)).toEqual([`${podmanTime}${podmanTime}GET / 200\n`, `${podmanTime}next\n`]);
  });

  it("dockerd's: 16 KiB messages, each with a nanosecond time", () => {
    const time = '2026-12-02T19:01:14.123456789Z ';
    const stream = `${time}${'b'.repeat(16 * 1024)}${time}${'b'.repeat(100)}\n${time}done\n`;
    expect(split(stream, 999)).toEqual([
      `${time}${'b'.repeat(16 * 1024)}`,
      `${time}${'b'.repeat(100)}\n`,
      `${time}done\n`,
    ]);
  });
});

/** One frame of the multiplexed stream: 1 stdout, 2 stderr, then the payload's length. */
function frame(stream: 1 | 2, payload: string | Buffer): Buffer {
  const body = typeof payload === 'string' ? Buffer.from(payload) : payload;
  const header = Buffer.alloc(8);
  header.writeUInt8(stream, 0);
  header.writeUInt32BE(body.length, 4);
  return Buffer.concat([header, body]);
}

/** The lines a parser makes of these chunks, fed one at a time, then the end of the stream. */
function parse(tty: boolean, chunks: Buffer[]): LogLine[] {
  const lines: LogLine[] = [];
  const parser = createLogParser(tty, (line) => lines.push(line));
  for (const chunk of chunks) parser.push(chunk);
  parser.end();
  return lines;
}

describe('log messages assembled into lines', () => {
  const t1 = '2026-12-02T18:52:56.000000001Z';
  const t2 = '2026-12-02T18:52:57.000000002Z';

  it('keeps stdout and stderr apart, each line with the time of its message', () => {
    expect(parse(false, [frame(1, `${t1} out\n`), frame(2, `${t2} err\n`)])).toEqual([
      { stream: 'stdout', text: 'out', time: t1 },
      { stream: 'stderr', text: 'err', time: t2 },
    ]);
  });

  it('joins a line the engine cut into messages, with the time of the message it started in', () => {
    const bytes = Buffer.concat([frame(1, `${t1} first half, `), frame(1, `${t2} second half\n`)]);
    // Fed a byte at a time: frames and timestamps cut anywhere must come out the same.
    const chunks = [...bytes].map((byte) => Buffer.from([byte]));
    expect(parse(false, chunks)).toEqual([{ stream: 'stdout', text: 'first half, second half', time: t1 }]);
  });

  it('drops the \\r of CRLF, keeps a last line without a newline, and reads a message without a time', () => {
    expect(parse(false, [frame(1, `${t1} windows\r\n`), frame(1, `${t1} last`), frame(2, 'no time\n')])).toEqual([
      { stream: 'stdout', text: 'windows', time: t1 },
      { stream: 'stderr', text: 'no time', time: null },
      { stream: 'stdout', text: 'last', time: t1 },
    ]);
  });

  it('cuts a line longer than MAX_LINE_CHARS into chunks, and never splits a character', () => {
    const long = `${'a'.repeat(MAX_LINE_CHARS - 1)}😀${'b'.repeat(10)}`;
    const lines = parse(false, [frame(1, `${t1} ${long}\n`)]);
    expect(lines.map((line) => line.text).join('')).toBe(long);
    expect(lines.every((line) => line.text.length <= MAX_LINE_CHARS)).toBe(true);
    expect(lines[0]!.text.endsWith('a')).toBe(true);
    expect(lines[1]!.text.startsWith('😀')).toBe(true);
  });

  it('turns invalid UTF-8 into U+FFFD and joins a character cut between chunks', () => {
    const snowman = Buffer.from('☃');
    const bytes = frame(1, Buffer.concat([Buffer.from(`${t1} `), Buffer.from([0xff]), snowman, Buffer.from('\n')]));
    const cut = bytes.length - 2;
    expect(parse(false, [bytes.subarray(0, cut), bytes.subarray(cut)])).toEqual([
      { stream: 'stdout', text: '\uFFFD☃', time: t1 },
    ]);
  });

  it("reads a TTY container's raw stream as stdout", () => {
    expect(parse(true, [Buffer.from(`${t1} one\n${t2} tw`), Buffer.from('o\n')])).toEqual([
      { stream: 'stdout', text: 'one', time: t1 },
      { stream: 'stdout', text: 'two', time: t2 },
    ]);
  });
});
