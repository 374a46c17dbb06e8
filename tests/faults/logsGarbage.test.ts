import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { logBatchSchema, type LogBatch } from '../../src/shared/containers';
import { docker, imageExists, injectFault, openRecordedStream } from '../fixtures/faultTools';

// A container whose output is hostile to a log viewer: bytes that are not UTF-8, a 1 MB line,
// ANSI escape garbage (unterminated, huge parameters, 8-bit CSI, title and alternate-screen codes)
// and random bytes. containers.logs must deliver all of it, in order, without throwing and
// without a batch the contract would drop.

const suffix = `${process.pid}`;
const names: string[] = [];

const script = [
  "printf 'start\\n'",
  "printf '\\377\\376 not utf-8 \\300\\257 \\355\\240\\200 surrogate\\n'",
  "printf 'caf\\303\\251 half \\303\\n'",
  "head -c 1048576 /dev/zero | tr '\\0' a; printf '\\n'",
  "printf '\\033[31mred\\033[0m \\033[999999999999999999m \\033[38;5;300;2;1;2;3;4;5;6;7;8;9m \\033[\\n'",
  "printf '\\033]0;title\\007 \\033[?1049h \\033[2J\\033[H \\23331m 8-bit \\033 \\033\\033[ \\r\\r\\rover\\n'",
  "printf '\\000\\001\\002\\010\\013\\014\\177 control\\n'",
  'head -c 65536 /dev/urandom | tr -d a',
  "printf '\\nafter\\n'",
].join('; ');

describe('logs with garbage, through backend.server', () => {
  let backend: Backend;

  beforeAll(async () => {
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox');
    backend = createBackend({ system: realHostSystem(process.env) });
    await backend.start();
  });
  afterAll(() => {
    backend?.stop();
    if (names.length > 0) docker('rm', '-f', ...names);
  });

  for (const tty of [false, true]) {
    it(`invalid UTF-8, a 1 MB line and ANSI garbage${tty ? ' on a TTY' : ''}: delivered whole, nothing thrown or dropped`, async () => {
      await injectFault(`logs with invalid UTF-8, 1 MB line, ANSI garbage${tty ? ' (TTY)' : ''}`, async () => {
        const name = `berth-garbage-${suffix}-${tty ? 'tty' : 'plain'}`;
        names.push(name);
        docker('run', '-d', ...(tty ? ['-t'] : []), '--name', name, 'busybox', 'sh', '-c', `${script}; sleep 300`);
        const dropped = vi.spyOn(console, 'error');
        try {
          const logs = openRecordedStream<LogBatch>(backend.server, 'containers.logs', {
            id: name,
            follow: true,
            tail: null,
          });
          const texts = () => logs.events.flatMap((batch) => batch.lines.map((line) => line.text));
          await logs.waitFor('the line after the garbage', (batch) =>
            batch.lines.some((line) => line.text.includes('after')),
          );
          logs.close();
          expect(logs.errors).toEqual([]);
          for (const batch of logs.events) expect(logBatchSchema.safeParse(batch).success).toBe(true);
          // No event was dropped for failing the contract.
          expect(dropped.mock.calls.filter((call) => /dropped a malformed/.test(String(call[0])))).toEqual([]);
          const all = texts();
          const joined = all.join('\n');
          const markers = ['start', ' not utf-8 ', 'caf\u00e9 half', '[31mred', '8-bit', ' control', 'after'];
          const missing = markers.filter((marker) => !joined.includes(marker));
          expect(missing).toEqual([]);
          // The 1 MB line arrives in pieces that add up to it.
          const aChars = all
            .filter((text) => /^a+\r?$/.test(text))
            .reduce((sum, text) => sum + text.replace(/\r$/, '').length, 0);
          expect(aChars).toBe(1_048_576);
          return {
            dataLost: missing.length + (aChars === 1_048_576 ? 0 : 1),
            notes: `${all.length} lines in ${logs.events.length} batches`,
          };
        } finally {
          dropped.mockRestore();
        }
      });
    });
  }
});
