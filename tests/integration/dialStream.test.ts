import { randomBytes } from 'node:crypto';
import type Docker from 'dockerode';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDockerClient } from '../../src/main/engine/dockerConnection';
import { dialStream, readStream } from '../../src/main/engine/dialStream';
import { engineError, engineStatus, notFound } from '../../src/main/engine/engineErrors';
import { resolveEndpoint } from '../../src/main/engine/endpoint';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { docker, imageExists, requireEngine } from '../fixtures/dockerCli';

describe.skipIf(!requireEngine.available)('dialStream, against the real engine', () => {
  let client: Docker;

  beforeAll(() => {
    const resolution = resolveEndpoint(realHostSystem(process.env));
    if (!resolution.ok) throw new Error(`no engine endpoint: ${resolution.problem.message}`);
    client = createDockerClient(resolution.endpoint);
  });

  it('resolves with the response stream, the options as its query', async () => {
    const label = `berth.test.dial=${randomBytes(4).toString('hex')}`;
    const response = await dialStream(client, {
      path: '/events?',
      method: 'GET',
      signal: new AbortController().signal,
      statusCodes: { 200: true, 500: 'server error' },
      // Without `until` the events stream never ends; with it (in the past) it ends at once, empty
      // because no event has this label.
      options: {
        since: '1',
        until: String(Math.floor(Date.now() / 1000) - 1),
        filters: JSON.stringify({ label: [label] }),
      },
    });
    expect(response.statusCode).toBe(200);
    let text = '';
    await readStream(response, { push: (chunk) => (text += String(chunk)), end: () => undefined }, () => false);
    expect(text.trim()).toBe('');
  });

  it("rejects with the engine's answer, which engineErrors reads", async () => {
    const id = `berth-no-such-container-${randomBytes(4).toString('hex')}`;
    const failure = await dialStream(client, {
      path: `/containers/${id}/logs?`,
      method: 'GET',
      signal: new AbortController().signal,
      statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
      options: { stdout: true },
    }).then(
      () => null,
      (error: unknown) => error,
    );
    expect(engineStatus(failure)).toBe(404);
    const error = engineError(failure, `Reading the logs of ${id}`, [notFound(`container ${id}`)]);
    expect(error.code).toBe('not-found');
    // The engine's words without docker-modem's "(HTTP code 404) no such container - " prefix.
    expect(error.message).toMatch(new RegExp(`^There is no container ${id}: [^(]*${id}`, 'i'));
  });

  it("reads a stream's chunks until it ends", async () => {
    const id = `berth-dial-${randomBytes(4).toString('hex')}`;
    if (!imageExists('busybox')) docker('pull', '-q', 'busybox');
    docker('run', '--name', id, 'busybox', 'sh', '-c', 'echo one; echo two');
    try {
      const response = await dialStream(client, {
        path: `/containers/${id}/logs?`,
        method: 'GET',
        signal: new AbortController().signal,
        statusCodes: { 200: true, 404: 'no such container', 500: 'server error' },
        options: { stdout: true, follow: true },
      });
      const chunks: Buffer[] = [];
      let ended = false;
      await readStream(response, { push: (chunk) => chunks.push(chunk), end: () => (ended = true) }, () => false);
      expect(ended).toBe(true);
      // Multiplexed frames: an 8-byte header, then the text.
      expect(Buffer.concat(chunks).toString('latin1')).toMatch(/one\n[\s\S]*two\n/);
    } finally {
      docker('rm', '-f', id);
    }
  });

  it('ends the request when its signal aborts', async () => {
    const abort = new AbortController();
    const response = await dialStream(client, {
      path: '/events?',
      method: 'GET',
      signal: abort.signal,
      statusCodes: { 200: true, 500: 'server error' },
    });
    const closed = new Promise<void>((resolve) => {
      response.once('close', () => resolve());
      response.once('error', () => resolve());
    });
    abort.abort();
    await closed;
    expect(response.destroyed).toBe(true);
  });
});
