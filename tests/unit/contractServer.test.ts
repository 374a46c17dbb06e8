import { describe, expect, it, vi } from 'vitest';
import { createContractServer, type ContractHandlers } from '../../src/main/contractServer';
import type { EngineStatus, InstallationReport } from '../../src/shared/engine';
import { BerthError } from '../../src/shared/errors';
import { clientFound, connectedStatus, disconnectedStatus } from '../fixtures/builders/engineStatus';

/** The slice of the contract these tests exercise; the server is generic over every request and stream. */
interface EngineHandlers {
  requests: Pick<ContractHandlers['requests'], 'engine.getStatus' | 'engine.retryNow' | 'installation.check'>;
  streams: Pick<ContractHandlers['streams'], 'engine.status'>;
}

const serve = (handlers: EngineHandlers) => createContractServer(handlers as ContractHandlers);

function setup(overrides: Partial<EngineHandlers['requests']> = {}) {
  const status = connectedStatus();
  const closeStream = vi.fn();
  const handlers = {
    requests: {
      'engine.getStatus': vi.fn(async () => status),
      'engine.retryNow': vi.fn(async () => status),
      'installation.check': vi.fn(async (): Promise<InstallationReport> => ({
        client: clientFound,
        engine: status,
        checkedAt: 1,
      })),
      ...overrides,
    },
    streams: {
      'engine.status': vi.fn((_input: Record<string, never>, emit: (event: EngineStatus) => void) => {
        emit(status);
        return closeStream;
      }),
    },
  } satisfies EngineHandlers;
  return { server: serve(handlers), handlers, status, closeStream };
}

describe('createContractServer: requests', () => {
  it('answers a known request with the validated value', async () => {
    const { server, handlers, status } = setup();
    await expect(server.handleRequest('engine.getStatus', {})).resolves.toEqual({ ok: true, value: status });
    expect(handlers.requests['engine.getStatus']).toHaveBeenCalledWith({});
  });

  it.each(['nope', 'engine', '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 42, null, undefined])(
    'refuses %j as unknown-request',
    async (name) => {
      const { server, handlers } = setup();
      const result = await server.handleRequest(name, {});
      expect(result).toEqual({ ok: false, error: { code: 'unknown-request', message: expect.any(String) } });
      for (const handler of Object.values(handlers.requests)) expect(handler).not.toHaveBeenCalled();
    },
  );

  it('does not answer a stream name as a request', async () => {
    const { server } = setup();
    const result = await server.handleRequest('engine.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
  });

  it('refuses an extra input field with invalid-input and its issues, before the handler runs', async () => {
    const { server, handlers } = setup();
    const result = await server.handleRequest('engine.retryNow', { force: true });
    expect(result).toEqual({
      ok: false,
      error: {
        code: 'invalid-input',
        message: expect.stringContaining('force'),
        issues: [{ path: '', message: expect.stringContaining('force') }],
      },
    });
    expect(handlers.requests['engine.retryNow']).not.toHaveBeenCalled();
  });

  it.each([null, undefined, 'text', []])('refuses input %j with invalid-input', async (input) => {
    const { server, handlers } = setup();
    const result = await server.handleRequest('installation.check', input);
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(handlers.requests['installation.check']).not.toHaveBeenCalled();
  });

  it("passes a BerthError's code and message on", async () => {
    const { server } = setup({
      'engine.retryNow': async () => {
        throw new BerthError('engine-permission-denied', 'Permission denied on unix:///var/run/docker.sock (EACCES).');
      },
    });
    await expect(server.handleRequest('engine.retryNow', {})).resolves.toEqual({
      ok: false,
      error: {
        code: 'engine-permission-denied',
        message: 'Permission denied on unix:///var/run/docker.sock (EACCES).',
      },
    });
  });

  it('turns any other thrown error into internal', async () => {
    const { server } = setup({
      'engine.getStatus': async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    });
    await expect(server.handleRequest('engine.getStatus', {})).resolves.toEqual({
      ok: false,
      error: { code: 'internal', message: 'cannot read properties of undefined' },
    });
  });

  it('answers with an error, never the malformed value, when a handler breaks the output schema', async () => {
    const malformed = { ...connectedStatus(), state: 'exploded' } as unknown as EngineStatus;
    const { server } = setup({ 'engine.getStatus': async () => malformed });
    const result = await server.handleRequest('engine.getStatus', {});
    expect(result.ok).toBe(false);
    expect(result).not.toHaveProperty('value');
    expect(result).toMatchObject({ error: { code: 'internal' } });
  });

  it('strips fields the contract does not declare from the output', async () => {
    const leaky = { ...disconnectedStatus(), secret: '/home/me/.ssh/id_ed25519' } as EngineStatus;
    const { server } = setup({ 'engine.getStatus': async () => leaky });
    const result = await server.handleRequest('engine.getStatus', {});
    if (!result.ok) throw new Error(result.error.message);
    expect(result.value).toEqual(disconnectedStatus());
    expect(result.value).not.toHaveProperty('secret');
  });
});

describe('createContractServer: streams', () => {
  it.each(['nope', 'engine.getStatus', '__proto__', 'constructor', 'toString', 7])(
    'refuses stream %j as unknown-request',
    (name) => {
      const { server, handlers } = setup();
      const emit = vi.fn();
      expect(server.openStream(name, {}, emit)).toMatchObject({ ok: false, error: { code: 'unknown-request' } });
      expect(handlers.streams['engine.status']).not.toHaveBeenCalled();
      expect(emit).not.toHaveBeenCalled();
    },
  );

  it('refuses invalid stream input before the handler runs', () => {
    const { server, handlers } = setup();
    const result = server.openStream('engine.status', { every: 5 }, vi.fn());
    expect(result).toMatchObject({ ok: false, error: { code: 'invalid-input', issues: [expect.any(Object)] } });
    expect(handlers.streams['engine.status']).not.toHaveBeenCalled();
  });

  it('delivers the first event and returns a close function that closes the handler', () => {
    const { server, status, closeStream } = setup();
    const emit = vi.fn();
    const result = server.openStream('engine.status', {}, emit);
    expect(emit).toHaveBeenCalledTimes(1);
    expect(emit).toHaveBeenCalledWith(status);
    if (!result.ok) throw new Error(result.error.message);
    expect(closeStream).not.toHaveBeenCalled();
    result.close();
    expect(closeStream).toHaveBeenCalledTimes(1);
  });

  it('delivers later events through the same emit, validated', () => {
    let push: ((event: EngineStatus) => void) | undefined;
    const server = serve({
      ...setup().handlers,
      streams: {
        'engine.status': (_input, emit) => {
          push = emit;
          return () => undefined;
        },
      },
    });
    const emit = vi.fn();
    expect(server.openStream('engine.status', {}, emit).ok).toBe(true);
    push?.(disconnectedStatus());
    push?.(connectedStatus());
    expect(emit.mock.calls.map(([event]) => (event as EngineStatus).state)).toEqual(['disconnected', 'connected']);
    // A malformed event is dropped (and logged), never thrown back into the engine code that emitted it.
    const logged = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(() => push?.({ state: 'exploded' } as unknown as EngineStatus)).not.toThrow();
    expect(emit).toHaveBeenCalledTimes(2);
    expect(logged).toHaveBeenCalledOnce();
    logged.mockRestore();
  });

  it('turns a stream handler that throws into an error result', () => {
    const server = serve({
      ...setup().handlers,
      streams: {
        'engine.status': () => {
          throw new BerthError('engine-not-running', 'The engine is not connected yet.');
        },
      },
    });
    expect(server.openStream('engine.status', {}, vi.fn())).toEqual({
      ok: false,
      error: { code: 'engine-not-running', message: 'The engine is not connected yet.' },
    });
  });
});
