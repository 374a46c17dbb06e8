import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TerminalService } from '../../src/main/containers/terminalService';
import { terminalEventSchema, type TerminalEvent } from '../../src/shared/containers';
import { BerthError } from '../../src/shared/errors';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';
import { sleep, waitFor } from '../fixtures/waitFor';
import { engineClient } from '../fixtures/engineClient';

async function rejection(promise: Promise<unknown>): Promise<BerthError> {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(BerthError);
  return error as BerthError;
}

function throwing(call: () => unknown): BerthError {
  try {
    call();
  } catch (error) {
    expect(error).toBeInstanceOf(BerthError);
    return error as BerthError;
  }
  throw new Error('did not throw');
}

describe.skipIf(!requireEngine.available)('container terminal (docker exec -it), against the real engine', () => {
  let client: Docker;
  let service: TerminalService;
  const suffix = randomBytes(4).toString('hex');
  const label = `berth.test.terminal=${suffix}`;
  const name = `berth-terminal-${suffix}`;

  /** The commands running in the test container, as `docker top` lists them. */
  function processes(): string[] {
    return docker('top', name, '-o', 'pid,comm')
      .split('\n')
      .slice(1)
      .map((line) => line.trim().split(/\s+/)[1] ?? '');
  }
  const shells = () => processes().filter((command) => command === 'sh').length;

  function follow(sessionId: string) {
    const events: TerminalEvent[] = [];
    const stop = service.output({ sessionId }, (event) => events.push(terminalEventSchema.parse(event)));
    return {
      events,
      stop,
      text: () => events.map((event) => (event.type === 'output' ? event.data : '')).join(''),
      exit: () => events.find((event) => event.type === 'exit'),
    };
  }

  beforeAll(() => {
    client = engineClient();
    service = new TerminalService({ getClient: () => client });
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
    docker('run', '-d', '--name', name, '--label', label, 'busybox', 'sleep', '300');
  });

  afterAll(() => {
    service?.dispose();
    const ids = docker('ps', '-aq', '--filter', `label=${label}`);
    if (ids) docker('rm', '-f', ...ids.split('\n'));
  });

  it('runs commands, resizes, and reports the exit code', async () => {
    const { sessionId } = await service.open({ id: name, command: ['sh'], cols: 80, rows: 24 });
    expect(sessionId).toMatch(/^[0-9a-f-]{36}$/);
    // Subscribed late: the prompt written meanwhile was kept.
    await sleep(300);
    const terminal = follow(sessionId);
    await waitFor('the prompt', () => terminal.text().includes('# '));

    await service.input({ sessionId, data: 'echo hi-$((40+2))\n' });
    await waitFor('hi-42', () => terminal.text().includes('hi-42'));

    await service.input({ sessionId, data: 'stty size\n' });
    await waitFor('24 80', () => terminal.text().includes('24 80'));
    await service.resize({ sessionId, cols: 100, rows: 30 });
    await service.input({ sessionId, data: 'stty size\n' });
    await waitFor('30 100', () => terminal.text().includes('30 100'));

    await service.input({ sessionId, data: 'exit 7\n' });
    await waitFor('the exit', () => terminal.exit() !== undefined);
    expect(terminal.exit()).toEqual({ type: 'exit', exitCode: 7 });
    expect(terminal.events.at(-1)).toEqual({ type: 'exit', exitCode: 7 });

    // Ended: typing goes nowhere, resizing is harmless; once nobody follows, it is forgotten.
    expect((await rejection(service.input({ sessionId, data: 'x' }))).code).toBe('not-found');
    expect(await service.resize({ sessionId, cols: 10, rows: 10 })).toEqual({ ok: true });
    terminal.stop();
    expect(service.sessionIds()).not.toContain(sessionId);
  });

  it('an exit before anyone follows is kept for the first follower', async () => {
    const { sessionId } = await service.open({ id: name, command: ['sh', '-c', 'echo early; exit 3'] });
    await sleep(800);
    const terminal = follow(sessionId);
    expect(terminal.text()).toContain('early');
    await waitFor('the exit', () => terminal.exit() !== undefined);
    expect(terminal.exit()).toEqual({ type: 'exit', exitCode: 3 });
    terminal.stop();
  });

  it('close() ends the shell in the container, even with a program running in it', async () => {
    const before = shells();
    const { sessionId } = await service.open({ id: name });
    const terminal = follow(sessionId);
    await waitFor('the prompt', () => terminal.text().includes('# '));
    await service.input({ sessionId, data: 'sleep 120\n' });
    await waitFor('a second shell', () => shells() === before + 1);
    expect(await service.close({ sessionId })).toEqual({ ok: true });
    expect(service.sessionIds()).not.toContain(sessionId);
    await waitFor('the shell gone', () => shells() === before, 10_000);
    // Its `sleep 120` was stopped too: only the container's own sleep is left.
    expect(processes().filter((command) => command === 'sleep')).toHaveLength(1);

    expect(throwing(() => service.output({ sessionId }, () => undefined)).code).toBe('not-found');
    expect((await rejection(service.input({ sessionId, data: 'x' }))).code).toBe('not-found');
    expect((await rejection(service.close({ sessionId }))).code).toBe('not-found');
  });

  it('output kept for a late follower is bounded: the newest characters stay', async () => {
    const small = new TerminalService({ getClient: () => client, maxBufferedChars: 100 });
    try {
      const { sessionId } = await small.open({
        id: name,
        command: ['sh', '-c', "head -c 5000 /dev/zero | tr '\\0' x; echo; echo END; sleep 5"],
      });
      await sleep(800);
      const events: TerminalEvent[] = [];
      const stop = small.output({ sessionId }, (event) => events.push(event));
      const text = events.map((event) => (event.type === 'output' ? event.data : '')).join('');
      expect(text.length).toBeLessThanOrEqual(100);
      expect(text).toMatch(/x+\r\nEND\r\n$/);
      stop();
    } finally {
      small.dispose();
    }
  });

  it('a session nobody follows is closed after the idle timeout', async () => {
    const quick = new TerminalService({ getClient: () => client, idleTimeoutMs: 300 });
    try {
      const { sessionId } = await quick.open({ id: name });
      expect(quick.sessionIds()).toEqual([sessionId]);
      await sleep(600);
      expect(quick.sessionIds()).toEqual([]);
      expect((await rejection(quick.input({ sessionId, data: 'x' }))).code).toBe('not-found');

      // Followed, it stays; left alone again, it goes.
      const kept = await quick.open({ id: name });
      const stop = quick.output(kept, () => undefined);
      await sleep(600);
      expect(quick.sessionIds()).toEqual([kept.sessionId]);
      stop();
      await sleep(600);
      expect(quick.sessionIds()).toEqual([]);
    } finally {
      quick.dispose();
    }
  });

  it('unknown sessions and containers', async () => {
    expect(throwing(() => service.output({ sessionId: 'nope' }, () => undefined)).code).toBe('not-found');
    expect((await rejection(service.input({ sessionId: 'nope', data: 'x' }))).code).toBe('not-found');
    expect((await rejection(service.resize({ sessionId: 'nope', cols: 1, rows: 1 }))).code).toBe('not-found');
    expect((await rejection(service.open({ id: `berth-missing-${suffix}` }))).code).toBe('not-found');

    const stopped = `berth-terminal-stopped-${suffix}`;
    docker('create', '--name', stopped, '--label', label, 'busybox', 'sleep', '300');
    const error = await rejection(service.open({ id: stopped }));
    expect(error.code).toBe('engine-error');
    expect(error.message).toMatch(/not running/i);
  });
});
