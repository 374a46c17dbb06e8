import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EndpointResolution } from '../../src/main/engine/endpoint';
import { EngineMonitor } from '../../src/main/engine/engineMonitor';
import type { EngineStatus } from '../../src/shared/engine';
import { BerthError, type WireError } from '../../src/shared/errors';

const notFoundProblem: WireError = {
  code: 'engine-not-found',
  message: 'No Docker engine endpoint found (looked at /var/run/docker.sock).',
};
const notFound: EndpointResolution = { ok: false, searched: ['/var/run/docker.sock'], problem: notFoundProblem };

describe('EngineMonitor without an engine (fake timers)', () => {
  let monitor: EngineMonitor | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ now: new Date('2025-06-01T10:00:00Z') });
  });

  afterEach(() => {
    monitor?.stop();
    monitor = undefined;
    vi.useRealTimers();
  });

  function setup() {
    const resolveEndpoint = vi.fn(() => notFound);
    monitor = new EngineMonitor({ resolveEndpoint });
    return { monitor, resolveEndpoint };
  }

  it('starts as connecting and has no client', () => {
    const { monitor } = setup();
    expect(monitor.getStatus()).toMatchObject({ state: 'connecting', endpoint: null, server: null, retry: null });
    expect(() => monitor.requireClient()).toThrow(BerthError);
  });

  it('is disconnected with engine-not-found and what it searched', async () => {
    const { monitor } = setup();
    const status = await monitor.start();
    expect(status).toEqual({
      state: 'disconnected',
      endpoint: null,
      searched: ['/var/run/docker.sock'],
      problem: notFoundProblem,
      server: null,
      retry: { attempt: 1, delayMs: 1000, nextAt: Date.now() + 1000 },
      followedContext: null,
      checkedAt: Date.now(),
    });
    expect(monitor.getStatus()).toBe(status);
    expect(() => monitor.requireClient()).toThrow(expect.objectContaining({ code: 'engine-not-found' }));
    // Nothing runs compose against an engine Berth is not connected to.
    expect(() => monitor.requireEndpoint()).toThrow(expect.objectContaining({ code: 'engine-not-found' }));
  });

  it('retries after 1 s, 2 s, 4 s, 8 s, then every 10 s, resolving once per attempt', async () => {
    const { monitor, resolveEndpoint } = setup();
    await monitor.start();
    expect(resolveEndpoint).toHaveBeenCalledTimes(1);

    const delays = [monitor.getStatus().retry?.delayMs];
    for (const [index, delay] of [1000, 2000, 4000, 8000, 10_000].entries()) {
      await vi.advanceTimersByTimeAsync(delay - 1);
      expect(resolveEndpoint).toHaveBeenCalledTimes(index + 1);
      await vi.advanceTimersByTimeAsync(1);
      expect(resolveEndpoint).toHaveBeenCalledTimes(index + 2);
      const status = monitor.getStatus();
      expect(status.state).toBe('disconnected');
      expect(status.retry).toMatchObject({ attempt: index + 2, nextAt: Date.now() + (status.retry?.delayMs ?? 0) });
      delays.push(status.retry?.delayMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 10_000, 10_000]);
  });

  it('resets the backoff on retryNow and drops the pending timer', async () => {
    const { monitor, resolveEndpoint } = setup();
    await monitor.start();
    await vi.advanceTimersByTimeAsync(1000 + 2000 + 4000);
    expect(monitor.getStatus().retry?.delayMs).toBe(8000);
    expect(resolveEndpoint).toHaveBeenCalledTimes(4);

    const status = await monitor.retryNow();
    expect(resolveEndpoint).toHaveBeenCalledTimes(5);
    expect(status.retry).toMatchObject({ attempt: 1, delayMs: 1000 });

    await vi.advanceTimersByTimeAsync(1000);
    expect(resolveEndpoint).toHaveBeenCalledTimes(6);
    expect(monitor.getStatus().retry?.delayMs).toBe(2000);
    // The old 8 s timer would have fired by now; only the new schedule (next at +2 s) runs.
    await vi.advanceTimersByTimeAsync(1999);
    expect(resolveEndpoint).toHaveBeenCalledTimes(6);
    await vi.advanceTimersByTimeAsync(1);
    expect(resolveEndpoint).toHaveBeenCalledTimes(7);
  });

  it('stops checking after stop()', async () => {
    const { monitor, resolveEndpoint } = setup();
    await monitor.start();
    await vi.advanceTimersByTimeAsync(1000);
    expect(resolveEndpoint).toHaveBeenCalledTimes(2);
    monitor.stop();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(resolveEndpoint).toHaveBeenCalledTimes(2);
  });

  it('schedules nothing when checked without being started', async () => {
    const { monitor, resolveEndpoint } = setup();
    const status = await monitor.retryNow();
    expect(status).toMatchObject({ state: 'disconnected', retry: null });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(resolveEndpoint).toHaveBeenCalledTimes(1);
  });

  it('tells status listeners about every change until they unsubscribe', async () => {
    const { monitor } = setup();
    const seen: EngineStatus[] = [];
    const unsubscribe = monitor.onStatus((status) => seen.push(status));
    await monitor.start();
    await vi.advanceTimersByTimeAsync(1000 + 2000);
    expect(seen.map((status) => [status.state, status.retry?.attempt, status.retry?.delayMs])).toEqual([
      ['disconnected', 1, 1000],
      ['disconnected', 2, 2000],
      ['disconnected', 3, 4000],
    ]);
    expect(seen.at(-1)).toBe(monitor.getStatus());

    unsubscribe();
    await vi.advanceTimersByTimeAsync(4000);
    expect(seen).toHaveLength(3);
    expect(monitor.getStatus().retry?.attempt).toBe(4);
  });

  it('subscribe sends the current status first, then each change', async () => {
    const { monitor } = setup();
    const seen: EngineStatus['state'][] = [];
    const unsubscribe = monitor.subscribe((status) => seen.push(status.state));
    expect(seen).toEqual(['connecting']);
    await monitor.start();
    expect(seen).toEqual(['connecting', 'disconnected']);
    unsubscribe();
    await vi.advanceTimersByTimeAsync(1000);
    expect(seen).toHaveLength(2);
  });

  it('says which context `docker context use` moved it to, through retries, until another reconnect', async () => {
    const { monitor, resolveEndpoint } = setup();
    await monitor.start();
    expect(monitor.getStatus().followedContext).toBeNull();

    const seen: EngineStatus[] = [];
    monitor.onStatus((status) => seen.push(status));
    const followed = await monitor.reconnect('podman');
    expect(followed.followedContext).toBe('podman');
    expect(seen.every((status) => status.followedContext === 'podman')).toBe(true);
    await vi.advanceTimersByTimeAsync(1000);
    expect(resolveEndpoint).toHaveBeenCalledTimes(3);
    expect(monitor.getStatus().followedContext).toBe('podman');

    // A reconnect for another reason (the engine setting changed) is no longer the CLI's doing.
    expect((await monitor.reconnect()).followedContext).toBeNull();
  });

  it('runs one check at a time when retryNow is called while a check is in flight', async () => {
    const { monitor, resolveEndpoint } = setup();
    const first = monitor.start();
    const second = monitor.retryNow();
    await Promise.all([first, second]);
    expect(resolveEndpoint).toHaveBeenCalledTimes(1);
  });
});

describe('EngineMonitor with a socket that does not exist (real timers)', () => {
  it('is disconnected with engine-not-running and keeps the endpoint', async () => {
    const socketPath = path.join(os.tmpdir(), `berth-missing-${randomUUID()}.sock`);
    const url = `unix://${socketPath}`;
    const resolveEndpoint = vi.fn((): EndpointResolution => ({
      ok: true,
      endpoint: { kind: 'unix', socketPath },
      info: { kind: 'unix', url, source: 'setting', contextName: null, tls: false },
    }));
    const monitor = new EngineMonitor({ resolveEndpoint, requestTimeoutMs: 2000 });
    try {
      const status = await monitor.start();
      expect(status.state).toBe('disconnected');
      expect(status.problem?.code).toBe('engine-not-running');
      expect(status.problem?.message).toContain(url);
      expect(status.endpoint).toMatchObject({ url, source: 'setting' });
      expect(status.server).toBeNull();
      expect(status.retry).toMatchObject({ attempt: 1, delayMs: 1000 });
      expect(() => monitor.requireClient()).toThrow(expect.objectContaining({ code: 'engine-not-running' }));
    } finally {
      monitor.stop();
    }
  });
});
