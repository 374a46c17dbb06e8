import { describe, expect, it } from 'vitest';
import { BerthError, type ErrorCode } from '../../src/shared/errors';
import {
  connectionLoss,
  engineError,
  engineMessage,
  engineStatus,
  notFound,
  type EngineAnswer,
} from '../../src/main/engine/engineErrors';

/** A docker-modem HTTP error as it builds them: "(HTTP code N) <reason> - <cause> ", statusCode, json. */
function httpError(statusCode: number, reason: string, cause: string, json: unknown): Error {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${reason} - ${cause} `), { statusCode, reason, json });
}

/** A Node socket error. */
function socketError(code: string, message = `connect ${code} /var/run/docker.sock`): Error {
  return Object.assign(new Error(message), { code });
}

describe('engineMessage', () => {
  const cases: Array<[string, unknown, string]> = [
    [
      'a streamed answer: the tail of the message',
      httpError(
        404,
        'unexpected',
        'manifest for 127.0.0.1:5000/nothere:latest not found: manifest unknown: manifest unknown',
        null,
      ),
      'manifest for 127.0.0.1:5000/nothere:latest not found: manifest unknown: manifest unknown',
    ],
    [
      'a buffered answer: json.message, not the message',
      httpError(409, 'conflict', 'whatever', {
        message:
          'conflict: unable to delete d83d89429591 (cannot be forced) - image is being used by running container 1e1b1d9ba4d5',
      }),
      'conflict: unable to delete d83d89429591 (cannot be forced) - image is being used by running container 1e1b1d9ba4d5',
    ],
    [
      'json.message trimmed',
      httpError(500, 'server error', 'x', { message: ' No such container: nope\n' }),
      'No such container: nope',
    ],
    ['a text answer (json is a string)', httpError(500, 'server error', 'x', '  page not found \n'), 'page not found'],
    ['a blank text answer falls back on the message', httpError(404, 'no such container', 'gone', '  '), 'gone'],
    [
      'a streamed answer whose cause is itself JSON text',
      httpError(404, 'no such container', 'No such container: abc', null),
      'No such container: abc',
    ],
    [
      'a message without the HTTP prefix stays whole',
      new Error('(HTTP code 500) no dash here'),
      '(HTTP code 500) no dash here',
    ],
    ['a socket error: its message', socketError('ECONNRESET', 'read ECONNRESET'), 'read ECONNRESET'],
    ['a string', 'plain', 'plain'],
    ['undefined', undefined, 'undefined'],
    ['null', null, 'null'],
  ];
  it.each(cases)('%s', (_name, error, expected) => {
    expect(engineMessage(error)).toBe(expected);
  });
});

describe('engineStatus', () => {
  const cases: Array<[string, unknown, number | undefined]> = [
    ['an HTTP error', httpError(304, 'container already started', 'x', null), 304],
    ['a 201 Created', Object.assign(new Error('(HTTP code 201) unexpected - '), { statusCode: 201 }), 201],
    ['a socket error', socketError('ECONNREFUSED'), undefined],
    ['a non-number statusCode', Object.assign(new Error('x'), { statusCode: '404' }), undefined],
    ['a string', 'nope', undefined],
    ['null', null, undefined],
  ];
  it.each(cases)('%s', (_name, error, expected) => {
    expect(engineStatus(error)).toBe(expected);
  });
});

describe('connectionLoss', () => {
  const cases: Array<[unknown, ReturnType<typeof connectionLoss>]> = [
    [socketError('ECONNRESET'), { kind: 'closed', code: 'ECONNRESET' }],
    [socketError('EPIPE'), { kind: 'closed', code: 'EPIPE' }],
    [socketError('ECONNABORTED'), { kind: 'closed', code: 'ECONNABORTED' }],
    [socketError('ERR_STREAM_PREMATURE_CLOSE'), { kind: 'closed', code: 'ERR_STREAM_PREMATURE_CLOSE' }],
    [socketError('ERR_HTTP_RESPONSE_ABORTED'), { kind: 'closed', code: 'ERR_HTTP_RESPONSE_ABORTED' }],
    [new Error('aborted'), { kind: 'closed', code: 'aborted' }],
    [new Error('socket hang up'), { kind: 'closed', code: 'socket hang up' }],
    [socketError('ENOENT'), { kind: 'unreachable', code: 'ENOENT' }],
    [socketError('ECONNREFUSED'), { kind: 'unreachable', code: 'ECONNREFUSED' }],
    [socketError('ENOTSOCK'), { kind: 'unreachable', code: 'ENOTSOCK' }],
    [socketError('EHOSTUNREACH'), { kind: 'unreachable', code: 'EHOSTUNREACH' }],
    [socketError('ENETUNREACH'), { kind: 'unreachable', code: 'ENETUNREACH' }],
    [socketError('ENOTFOUND'), { kind: 'unreachable', code: 'ENOTFOUND' }],
    // The engine's words about a registry it could not reach are not Berth's connection failing.
    [httpError(500, 'server error', 'dial tcp 127.0.0.1:5999: connect: connection refused', null), undefined],
    [socketError('EACCES'), undefined],
    [new Error('weird'), undefined],
    ['plain', undefined],
  ];
  it.each(cases)('%o', (error, expected) => {
    expect(connectionLoss(error)).toEqual(expected);
  });
});

describe('engineError', () => {
  const conflict: EngineAnswer = {
    status: 409,
    words: /name/i,
    code: 'name-in-use',
    message: (words) => `Taken: ${words}`,
  };
  const port: EngineAnswer = { words: /port is already allocated/i, code: 'port-in-use' };
  const answers = [notFound('container web'), conflict, port];
  const cases: Array<[string, unknown, ErrorCode, string]> = [
    [
      '404 with notFound',
      httpError(404, 'no such container', 'x', { message: 'No such container: web' }),
      'not-found',
      'There is no container web: No such container: web',
    ],
    [
      'status and words both match',
      httpError(409, 'conflict', 'x', { message: 'The container name "/web" is already in use' }),
      'name-in-use',
      'Taken: The container name "/web" is already in use',
    ],
    [
      'status matches, words do not: the engine’s words as engine-error',
      httpError(409, 'conflict', 'x', { message: 'container is not paused' }),
      'engine-error',
      'Starting web failed: container is not paused',
    ],
    [
      'words alone, any status, default message',
      httpError(500, 'server error', 'x', { message: 'Bind for 0.0.0.0:80 failed: port is already allocated' }),
      'port-in-use',
      'Starting web failed: Bind for 0.0.0.0:80 failed: port is already allocated',
    ],
    [
      'a streamed 404: the prefix is stripped',
      httpError(404, 'no such container', 'No such container: web', null),
      'not-found',
      'There is no container web: No such container: web',
    ],
    [
      'a closed connection',
      socketError('ECONNRESET', 'read ECONNRESET'),
      'engine-stopped',
      'Starting web failed: the engine closed the connection (ECONNRESET).',
    ],
    [
      'an engine that does not answer',
      socketError('ECONNREFUSED'),
      'engine-stopped',
      'Starting web failed: the engine does not answer (ECONNREFUSED).',
    ],
    [
      'anything else',
      httpError(500, 'server error', 'x', { message: 'something else' }),
      'engine-error',
      'Starting web failed: something else',
    ],
    ['not even an Error', 'boom', 'engine-error', 'Starting web failed: boom'],
  ];
  it.each(cases)('%s', (_name, error, code, message) => {
    const result = engineError(error, 'Starting web', answers);
    expect(result).toBeInstanceOf(BerthError);
    expect(result.toWire()).toEqual({ code, message });
  });

  it('keeps a BerthError as it is, and uses the first answer that matches', () => {
    const own = new BerthError('in-use', 'stop it first');
    expect(engineError(own, 'x', answers)).toBe(own);
    const both = httpError(409, 'conflict', 'x', { message: 'name taken: port is already allocated' });
    expect(engineError(both, 'x', answers).code).toBe('name-in-use');
    expect(engineError(both, 'x', [port, conflict]).code).toBe('port-in-use');
  });
});
