import { describe, expect, it } from 'vitest';
import { BerthError, type ErrorCode } from '../../src/shared/errors';
import { classifyPullFailure, classifyPullMessage, engineStoppedError } from '../../src/main/images/classifyPullError';

/** Real texts from Docker engines (20.10 here, and Docker Hub's answers as users meet them). */
const cases: Array<[string, ErrorCode]> = [
  // Docker Hub's answer for a repository that does not exist (or is private).
  [
    "pull access denied for does-not-exist-berth, repository does not exist or may require 'docker login': denied: requested access to the resource is denied",
    'image-not-found',
  ],
  ['manifest for redis:nope not found: manifest unknown: manifest unknown', 'image-not-found'],
  // Recorded here: a registry without that repository.
  ['manifest for 127.0.0.1:5000/nothere:latest not found: manifest unknown: manifest unknown', 'image-not-found'],
  ['manifest unknown: manifest unknown', 'image-not-found'],
  ['repository nothere not found: name unknown: repository name not known to registry', 'image-not-found'],
  ['no matching manifest for linux/arm64/v8 in the manifest list entries', 'image-not-found'],
  ['unauthorized: authentication required', 'registry-unauthorized'],
  [
    'Head "https://registry-1.docker.io/v2/private/app/manifests/latest": unauthorized: incorrect username or password',
    'registry-unauthorized',
  ],
  [
    'toomanyrequests: You have reached your pull rate limit. You may increase the limit by authenticating and upgrading: https://www.docker.com/increase-rate-limit',
    'registry-rate-limited',
  ],
  [
    'Head "https://registry-1.docker.io/v2/library/redis/manifests/latest": toomanyrequests: too many failed login attempts for username or IP address',
    'registry-rate-limited',
  ],
  // Recorded here: the mirror lacks the image and the engine's fallback to Docker Hub has no network.
  [
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    'network-unreachable',
  ],
  // Recorded here: nothing listens at the registry's port.
  ['Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused', 'network-unreachable'],
  // Recorded here: the registry went away mid-pull; the engine retried, then said this inside the 200 stream.
  ['dial tcp 127.0.0.1:36435: connect: connection refused', 'network-unreachable'],
  ['Get "https://registry-1.docker.io/v2/": net/http: TLS handshake timeout', 'network-unreachable'],
  ['Get "https://registry-1.docker.io/v2/": dial tcp 52.1.184.176:443: i/o timeout', 'network-unreachable'],
  [
    'Get "https://registry-1.docker.io/v2/": net/http: request canceled while waiting for connection (Client.Timeout exceeded while awaiting headers)',
    'network-unreachable',
  ],
  [
    'Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io: Temporary failure in name resolution',
    'network-unreachable',
  ],
  ['read tcp 172.17.0.2:45678->104.18.121.25:443: read: connection reset by peer', 'network-unreachable'],
  ['unexpected EOF', 'network-unreachable'],
  ['failed to register layer: Error processing tar file(exit status 1): no space left on device', 'engine-error'],
  // Recorded on Podman 4.3.1: the mirror's answer (no such image) and the failed fallback to Docker
  // Hub in one message. The registry that answered wins over the one that could not be reached.
  [
    'initializing source docker://berth-no-such-image-x1:latest: (Mirrors also failed: [127.0.0.1:5000/library/berth-no-such-image-x1:latest: reading manifest latest in 127.0.0.1:5000/library/berth-no-such-image-x1: manifest unknown: manifest unknown]): docker.io/library/berth-no-such-image-x1:latest: pinging container registry registry-1.docker.io: Get "https://registry-1.docker.io/v2/": dial tcp: lookup registry-1.docker.io on 10.255.255.53:53: no such host',
    'image-not-found',
  ],
  [
    'initializing source docker://127.0.0.1:5000/library/redis:no-such-tag: reading manifest no-such-tag in 127.0.0.1:5000/library/redis: manifest unknown: manifest unknown',
    'image-not-found',
  ],
  // Recorded on Podman 4.3.1: nothing answered at all, so it stays a network problem.
  [
    'initializing source docker://127.0.0.1:1/nothing:latest: pinging container registry 127.0.0.1:1: Get "https://127.0.0.1:1/v2/": dial tcp 127.0.0.1:1: connect: connection refused',
    'network-unreachable',
  ],
];

describe('classifyPullMessage', () => {
  it.each(cases)('%s → %s', (text, code) => {
    const error = classifyPullMessage(text);
    expect(error.code).toBe(code);
    // The engine's words stay in the message, for logs and reports.
    expect(error.message).toContain(text);
  });

  it('falls back to the HTTP status when the words say nothing known', () => {
    expect(classifyPullMessage('something odd', 404).code).toBe('image-not-found');
    expect(classifyPullMessage('something odd', 401).code).toBe('registry-unauthorized');
    expect(classifyPullMessage('something odd', 429).code).toBe('registry-rate-limited');
    expect(classifyPullMessage('something odd', 500).code).toBe('engine-error');
    expect(classifyPullMessage('').message).toContain('no reason');
  });
});

describe('classifyPullFailure', () => {
  it("classifies the engine's HTTP error by its words", () => {
    const error = Object.assign(
      new Error(
        '(HTTP code 500) server error - Get "http://127.0.0.1:5999/v2/": dial tcp 127.0.0.1:5999: connect: connection refused ',
      ),
      { statusCode: 500, json: null },
    );
    expect(classifyPullFailure(error).code).toBe('network-unreachable');
  });

  it('says engine-stopped when the connection to the engine breaks mid-stream', () => {
    const reset = Object.assign(new Error('read ECONNRESET'), { code: 'ECONNRESET' });
    expect(classifyPullFailure(reset).code).toBe('engine-stopped');
    expect(classifyPullFailure(new Error('aborted')).code).toBe('engine-stopped');
    expect(classifyPullFailure(Object.assign(new Error('x'), { code: 'ERR_STREAM_PREMATURE_CLOSE' })).code).toBe(
      'engine-stopped',
    );
    expect(engineStoppedError('socket closed')).toEqual({
      code: 'engine-stopped',
      message: expect.stringContaining('socket closed'),
    });
  });

  it("does not read Berth's own socket errors as the registry's: a refused engine socket is engine-not-running", () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
    expect(classifyPullFailure(refused).code).toBe('engine-not-running');
    const missing = Object.assign(new Error('connect ENOENT /var/run/docker.sock'), { code: 'ENOENT' });
    expect(classifyPullFailure(missing).code).toBe('engine-not-running');
  });

  it('passes BerthErrors through and calls anything else an engine error', () => {
    expect(classifyPullFailure(new BerthError('engine-not-running', 'down'))).toEqual({
      code: 'engine-not-running',
      message: 'down',
    });
    expect(classifyPullFailure(new Error('weird')).code).toBe('engine-error');
  });
});
