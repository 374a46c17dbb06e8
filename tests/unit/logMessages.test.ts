import { describe, expect, it } from 'vitest';
import { createRawMessageSplitter, normalizeLogTime, splitTimestamp } from '../../src/main/containers/logsService';

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
