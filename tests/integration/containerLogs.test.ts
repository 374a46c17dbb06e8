import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogsService, type LogsInput } from '../../src/main/containers/logsService';
import { MAX_LINE_CHARS } from '../../src/main/run/outputBuffer';
import { logBatchSchema, type LogBatch } from '../../src/shared/containers';
import { BerthError } from '../../src/shared/errors';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';
import { sleep, waitFor } from '../fixtures/waitFor';
import { engineClient } from '../fixtures/engineClient';

const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{9}Z$/;

describe.skipIf(!requireEngine.available)('container logs, against the real engine', () => {
  let client: Docker;
  let service: LogsService;
  const suffix = randomBytes(4).toString('hex');
  const label = `berth.test.logs=${suffix}`;
  let counter = 0;

  /** docker run -d with a unique name and this file's label; returns the name. */
  function run(...args: string[]): string {
    const name = `berth-logs-${suffix}-${++counter}`;
    docker('run', '-d', '--name', name, '--label', label, ...args);
    return name;
  }

  function follow(input: LogsInput) {
    const batches: LogBatch[] = [];
    const errors: BerthError[] = [];
    const close = service.open(
      input,
      (batch) => batches.push(logBatchSchema.parse(batch)),
      (error) => errors.push(error),
    );
    return {
      batches,
      errors,
      close,
      lines: () => batches.flatMap((batch) => batch.lines),
      ended: () => batches.some((batch) => batch.ended),
    };
  }

  beforeAll(() => {
    client = engineClient();
    service = new LogsService({ getClient: () => client });
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
  });

  afterAll(() => {
    service?.dispose();
    const ids = docker('ps', '-aq', '--filter', `label=${label}`);
    if (ids) docker('rm', '-f', ...ids.split('\n'));
  });

  it('follows 5000 stdout lines in order with their times, then stderr, in a few batches', async () => {
    const name = run('busybox', 'sh', '-c', 'for i in $(seq 1 5000); do echo line $i; done; echo oops 1>&2; sleep 30');
    const logs = follow({ id: name, tail: null, follow: true });
    // stdout and stderr are two pipes copied apart by the engine: "oops" may be logged before the
    // last stdout lines, so wait for both.
    await waitFor(
      'every line',
      () => logs.lines().length >= 5001 && logs.lines().some((line) => line.stream === 'stderr'),
    );

    const stdout = logs.lines().filter((line) => line.stream === 'stdout');
    expect(stdout.map((line) => line.text)).toEqual(Array.from({ length: 5000 }, (_, i) => `line ${i + 1}`));
    expect(stdout.every((line) => line.time !== null && TIME.test(line.time))).toBe(true);
    const stderr = logs.lines().filter((line) => line.stream === 'stderr');
    expect(stderr).toEqual([{ stream: 'stderr', text: 'oops', time: expect.stringMatching(TIME) }]);
    // Batched: a handful of updates, not one per line; none bigger than the cap.
    expect(logs.batches.length).toBeLessThan(50);
    expect(logs.batches.every((batch) => batch.lines.length <= 5000)).toBe(true);
    expect(logs.ended()).toBe(false);
    expect(logs.errors).toEqual([]);
    logs.close();

    // Not following: the last lines, then the end.
    const tail = follow({ id: name, tail: 10, follow: false });
    await waitFor('the end of the tail', tail.ended);
    const tailed = tail.lines();
    expect(tailed).toHaveLength(10);
    const tailedStdout = tailed.filter((line) => line.stream === 'stdout').map((line) => line.text);
    expect(tailedStdout).toEqual(stdout.slice(-tailedStdout.length).map((line) => line.text));
    expect(tailedStdout.at(-1)).toBe('line 5000');
    expect(tail.batches.filter((batch) => batch.ended)).toHaveLength(1);
    expect(tail.batches.at(-1)!.ended).toBe(true);
  });

  it('close() stops the flow: no batch after it, and no ended batch', async () => {
    const name = run('busybox', 'sh', '-c', 'while :; do echo tick; sleep 0.05; done');
    const logs = follow({ id: name });
    await waitFor('three batches', () => logs.batches.length >= 3);
    logs.close();
    const count = logs.batches.length;
    await sleep(600);
    expect(logs.batches.length).toBe(count);
    expect(logs.ended()).toBe(false);
  });

  it('a TTY container: one raw stream, all stdout, colour codes kept, no carriage returns', async () => {
    const name = run(
      '-t',
      'busybox',
      'sh',
      '-c',
      'echo tty-hello; printf "\\033[31mred\\033[0m\\n"; head -c 40000 /dev/zero | tr "\\0" b; echo; echo tty-done; sleep 30',
    );
    const logs = follow({ id: name, tail: null });
    await waitFor('tty-done', () => logs.lines().some((line) => line.text === 'tty-done'));
    const lines = logs.lines();
    expect(lines.every((line) => line.stream === 'stdout')).toBe(true);
    expect(lines.every((line) => line.time !== null && TIME.test(line.time))).toBe(true);
    const texts = lines.map((line) => line.text);
    expect(texts[0]).toBe('tty-hello');
    expect(texts[1]).toBe('\u001b[31mred\u001b[0m');
    // The engine stores the long line in 16 KiB messages, each with its own timestamp: none of
    // those timestamps may end up in the text.
    const long = texts.slice(2, -1);
    expect(long.every((text) => /^b+$/.test(text) && text.length <= MAX_LINE_CHARS)).toBe(true);
    expect(long.join('').length).toBe(40_000);
    expect(texts.at(-1)).toBe('tty-done');
  });

  it('a 1 MB line arrives in chunks of at most 16 KB that add up to it', async () => {
    const name = run('busybox', 'sh', '-c', "head -c 1048576 /dev/zero | tr '\\0' a; echo; echo after; sleep 30");
    const logs = follow({ id: name, tail: null });
    await waitFor('the line after', () => logs.lines().some((line) => line.text === 'after'));
    const chunks = logs.lines().slice(0, -1);
    expect(chunks.length).toBeGreaterThanOrEqual(64);
    expect(chunks.every((line) => line.stream === 'stdout' && line.text.length <= 16_384)).toBe(true);
    expect(chunks.every((line) => /^a+$/.test(line.text))).toBe(true);
    expect(chunks.reduce((sum, line) => sum + line.text.length, 0)).toBe(1_048_576);
  });

  it('invalid UTF-8 does not throw, and the rest of the line is kept', async () => {
    const name = run('busybox', 'sh', '-c', "printf '\\xff\\xfe ok\\n'; printf 'caf\\xc3\\xa9\\n'");
    docker('wait', name);
    const logs = follow({ id: name, tail: null });
    await waitFor('the end', logs.ended);
    const texts = logs.lines().map((line) => line.text);
    expect(texts).toHaveLength(2);
    expect(texts[0]).toContain(' ok');
    expect(texts[1]).toBe('café');
    expect(logs.errors).toEqual([]);
  });

  it('an exited container while following: its lines, then the end', async () => {
    const name = run('busybox', 'sh', '-c', 'echo first; sleep 1; echo last');
    const logs = follow({ id: name, tail: null, follow: true });
    await waitFor('the end', logs.ended, 15_000);
    expect(logs.lines().map((line) => line.text)).toEqual(['first', 'last']);
  });

  it('an unknown container: onError with not-found, then an empty ended batch', async () => {
    const logs = follow({ id: `berth-missing-${suffix}` });
    await waitFor('the error', () => logs.errors.length > 0);
    expect(logs.errors[0]).toBeInstanceOf(BerthError);
    expect(logs.errors[0]!.code).toBe('not-found');
    await waitFor('the end', logs.ended);
    expect(logs.batches).toEqual([{ lines: [], ended: true }]);
  });

  it('since: only lines after that time', async () => {
    const name = run('busybox', 'sh', '-c', 'echo before; sleep 2; echo after; sleep 30');
    const seen = follow({ id: name, tail: null });
    await waitFor('the line after', () => seen.lines().some((line) => line.text === 'after'));
    seen.close();
    const after = seen.lines().find((line) => line.text === 'after')!;
    const since = Math.floor(Date.parse(after.time!) / 1000);
    const logs = follow({ id: name, tail: null, follow: false, since });
    await waitFor('the end', logs.ended);
    expect(logs.lines().map((line) => line.text)).toEqual(['after']);
  });
});
