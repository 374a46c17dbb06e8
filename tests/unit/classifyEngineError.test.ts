import { describe, expect, it } from 'vitest';
import { classifyEngineError } from '../../src/main/engine/classifyEngineError';
import { BerthError } from '../../src/shared/errors';

const url = 'unix:///var/run/docker.sock';

/** A socket error as Node reports it. */
function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`connect ${code} /var/run/docker.sock`), { code, syscall: 'connect' });
}

describe('classifyEngineError', () => {
  it.each(['ENOENT', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE'])('calls %s engine-not-running', (code) => {
    const error = classifyEngineError(errno(code), url);
    expect(error).toBeInstanceOf(BerthError);
    expect(error.code).toBe('engine-not-running');
    expect(error.message).toContain(url);
    expect(error.message).toContain(code);
  });

  it.each(['EACCES', 'EPERM'])('calls %s engine-permission-denied', (code) => {
    const error = classifyEngineError(errno(code), url);
    expect(error.code).toBe('engine-permission-denied');
    expect(error.message).toContain(url);
  });

  it('calls ETIMEDOUT engine-timeout', () => {
    expect(classifyEngineError(errno('ETIMEDOUT'), 'tcp://10.0.0.5:2375').code).toBe('engine-timeout');
  });

  it('calls an unknown host engine-not-running', () => {
    const error = classifyEngineError(errno('ENOTFOUND'), 'tcp://no-such-host:2375');
    expect(error.code).toBe('engine-not-running');
    expect(error.message).toContain('tcp://no-such-host:2375');
  });

  it('calls an HTTP 500 from the engine engine-error, with the status and reason', () => {
    const httpError = Object.assign(new Error('(HTTP code 500) server error - boom'), {
      statusCode: 500,
      reason: 'server error',
    });
    const error = classifyEngineError(httpError, url);
    expect(error.code).toBe('engine-error');
    expect(error.message).toContain('500');
    expect(error.message).toContain('server error');
  });

  it('calls a refused SSH login engine-permission-denied', () => {
    const error = classifyEngineError(
      new Error('All configured authentication methods failed'),
      'ssh://me@build-box:22',
    );
    expect(error.code).toBe('engine-permission-denied');
  });

  it('passes a BerthError through unchanged', () => {
    const original = new BerthError('engine-too-old', 'too old');
    expect(classifyEngineError(original, url)).toBe(original);
  });

  it('calls anything else engine-error, even values that are not errors', () => {
    expect(classifyEngineError(new Error('socket hang up'), url)).toMatchObject({
      code: 'engine-error',
      message: expect.stringContaining('socket hang up'),
    });
    expect(classifyEngineError('weird', url).code).toBe('engine-error');
    expect(classifyEngineError(undefined, url).code).toBe('engine-error');
  });
});
