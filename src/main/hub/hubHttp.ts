import { BerthError, type ErrorCode } from '../../shared/errors';

/** A failure talking to Docker Hub; a 429 carries when to try again (retryAt). */
export class HubError extends BerthError {
  constructor(code: ErrorCode, message: string, retryAt?: number) {
    super(code, message, undefined, retryAt);
    this.name = 'HubError';
  }
}

export interface HubRequestOptions {
  fetch: typeof globalThis.fetch;
  timeoutMs: number;
  maxBodyBytes: number;
  now: () => number;
  /** When set, a 404 is 'not-found' with this message instead of a generic 'hub-error'. */
  notFoundMessage?: string;
  /**
   * When set, a 404 or 410 is 'hub-search-changed' with this message: the endpoint itself is gone,
   * as Docker's retired search first answered 410 (docker/roadmap#756).
   */
  goneMessage?: string;
}

/**
 * One GET to the Hub's JSON API: the parsed body (undefined for an empty one), or a HubError a
 * beginner can act on. The timeout covers reading the body too, so a Hub that sends headers and
 * then stalls still times out.
 */
export async function getHubJson(url: string, options: HubRequestOptions): Promise<unknown> {
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, options.timeoutMs);
  try {
    const response = await options.fetch(url, { signal: controller.signal, headers: { accept: 'application/json' } });
    if (!response.ok) {
      // Nothing in an error body is needed; cancelling it frees the connection.
      discardBody(response);
      throw statusError(response, options);
    }
    return parseJson(await readBodyCapped(response, options.maxBodyBytes));
  } catch (error) {
    if (error instanceof BerthError) throw error;
    if (timedOut) throw new HubError('hub-timeout', `Docker Hub did not answer within ${options.timeoutMs} ms.`);
    throw new HubError('hub-unreachable', `Cannot reach Docker Hub at ${new URL(url).origin}: ${networkDetail(error)}`);
  } finally {
    clearTimeout(timer);
  }
}

function statusError(response: Response, options: HubRequestOptions): HubError {
  const status = `${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 429) {
    const now = options.now();
    const retryAt = parseRetryAt(response.headers, now);
    const when =
      retryAt === undefined
        ? 'Try again in a minute.'
        : `Search works again in ${Math.ceil((retryAt - now) / 1000)} s, at ${new Date(retryAt).toISOString()}.`;
    return new HubError(
      'hub-rate-limited',
      `Docker Hub is limiting how often it may be asked (HTTP 429). ${when}`,
      retryAt,
    );
  }
  if ((response.status === 404 || response.status === 410) && options.goneMessage) {
    return new HubError('hub-search-changed', `${options.goneMessage} (HTTP ${status}).`);
  }
  if (response.status === 404 && options.notFoundMessage) return new HubError('not-found', options.notFoundMessage);
  if (response.status >= 500) {
    return new HubError('hub-error', `Docker Hub answered ${status}: it is having trouble, try again later.`);
  }
  return new HubError('hub-error', `Docker Hub answered ${status}.`);
}

/**
 * When a rate-limited client may ask again (epoch ms). Retry-After is seconds or an HTTP date;
 * the Hub also sends X-RateLimit-Reset in epoch seconds. Undefined when neither says.
 */
export function parseRetryAt(headers: Headers, now: number): number | undefined {
  const retryAfter = headers.get('retry-after')?.trim();
  if (retryAfter) {
    if (/^\d+$/.test(retryAfter)) return now + Number(retryAfter) * 1000;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(now, date);
  }
  const reset = headers.get('x-ratelimit-reset')?.trim();
  if (reset && /^\d+$/.test(reset)) return Math.max(now, Number(reset) * 1000);
  return undefined;
}

/** Counts bytes as they arrive, so a runaway body is refused before it is all in memory. */
async function readBodyCapped(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0);
  if (declared > maxBytes) {
    discardBody(response);
    throw tooLarge(maxBytes);
  }
  if (!response.body) return '';
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      reader.cancel().catch(() => undefined);
      throw tooLarge(maxBytes);
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function tooLarge(maxBytes: number): HubError {
  return new HubError('hub-error', `Docker Hub's answer is larger than ${maxBytes} bytes; Berth refused it.`);
}

function parseJson(text: string): unknown {
  // Docker's retired search answered 200 with an empty body; the caller says what that means.
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text);
  } catch {
    // A captive portal or a proxy's error page answers 200 with HTML.
    throw new HubError('hub-error', 'Docker Hub answered with something that is not JSON.');
  }
}

function discardBody(response: Response): void {
  response.body?.cancel().catch(() => undefined);
}

/** Node's fetch says only "fetch failed"; the errno code is in its cause. */
function networkDetail(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } } | undefined)?.cause;
  const code = cause?.code ?? (error as { code?: string } | undefined)?.code;
  switch (code) {
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return `the name does not resolve (${code}); is this computer offline?`;
    case 'ECONNREFUSED':
      return `nothing answers there (${code}).`;
    case 'ENETUNREACH':
    case 'EHOSTUNREACH':
      return `no network route (${code}); is this computer offline?`;
  }
  const message = cause?.message ?? (error instanceof Error ? error.message : String(error));
  return code ? `${message} (${code}).` : `${message}.`;
}
