import type { IncomingMessage } from 'node:http';
import type Docker from 'dockerode';

/** One streaming request to the engine's API. */
export interface StreamRequest {
  /** The API path with a trailing "?" so the options become its query, e.g. `/containers/${id}/logs?`. */
  path: string;
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  /** Aborting it ends the request, and the response stream once it has begun. */
  signal: AbortSignal;
  /**
   * What each HTTP status means: `true` is success; a string names the failure, and any status not
   * listed fails as "unexpected". A failure rejects with docker-modem's error ("(HTTP code 404) no
   * such container - <engine's words>"), which engineErrors reads.
   */
  statusCodes: Record<number, true | string>;
  /** The query parameters (docker-modem also sends them as the JSON body of a POST). */
  options?: Record<string, unknown>;
}

/** The one call of docker-modem this needs: dockerode does not type its modem. */
interface Modem {
  dial(options: Record<string, unknown>, callback: (error: unknown, result: unknown) => void): void;
}

/**
 * Sends a request whose answer is a stream (logs, stats, wait, and later build and compose output)
 * and resolves with the response once the engine sent its headers with a success status; the caller
 * reads the body and destroys the response when done. Rejects with the engine's error otherwise.
 */
export function dialStream(docker: Docker, request: StreamRequest): Promise<IncomingMessage> {
  const modem = docker.modem as unknown as Modem;
  return new Promise((resolve, reject) => {
    modem.dial(
      {
        path: request.path,
        method: request.method,
        isStream: true,
        abortSignal: request.signal,
        statusCodes: request.statusCodes,
        options: request.options ?? {},
      },
      (error, response) => (error ? reject(error) : resolve(response as IncomingMessage)),
    );
  });
}

/** Where readStream puts a response's bytes: a parser of the stream's format. */
export interface StreamSink {
  push(chunk: Buffer): void;
  /** The stream ended (or broke): flush what is held back. */
  end(): void;
}

/**
 * Feeds a streamed response into sink until it ends. Resolves when the engine ends it; rejects when
 * the connection breaks under it ('aborted' becomes ECONNRESET, which engineErrors reads as the
 * engine stopping). Once closed() says the reader is gone, nothing more reaches the sink and the
 * promise resolves, whatever the response does.
 */
export function readStream(response: IncomingMessage, sink: StreamSink, closed: () => boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    let done = false;
    const finish = (error?: unknown) => {
      if (done) return;
      done = true;
      if (closed()) return resolve();
      sink.end();
      if (error) reject(error);
      else resolve();
    };
    response.on('data', (chunk: Buffer) => {
      if (!done && !closed()) sink.push(chunk);
    });
    response.once('end', () => finish());
    response.once('close', () => finish());
    response.once('aborted', () =>
      finish(Object.assign(new Error('the engine closed the connection'), { code: 'ECONNRESET' })),
    );
    // Kept for good: a destroyed response may report more than one error.
    response.on('error', (error) => finish(error));
  });
}
