import { BerthError, type ErrorCode } from '../../shared/errors';

/**
 * What a failed dockerode / docker-modem request carries: docker-modem sets statusCode, reason and
 * json (the engine's JSON answer, or its text) on HTTP failures; Node sets code on socket failures.
 */
interface EngineFailure {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  json?: unknown;
}

function failureOf(error: unknown): EngineFailure | undefined {
  return error !== null && typeof error === 'object' ? (error as EngineFailure) : undefined;
}

/** The HTTP status the engine answered with, when the request got that far. */
export function engineStatus(error: unknown): number | undefined {
  const status = failureOf(error)?.statusCode;
  return typeof status === 'number' ? status : undefined;
}

/**
 * The engine's own sentence for a failed request. docker-modem keeps a buffered answer in
 * json.message; a streamed request's answer is only in the message, which reads
 * "(HTTP code 404) no such container - <engine's words> ": the words are the tail.
 */
export function engineMessage(error: unknown): string {
  const failure = failureOf(error);
  const json = failure?.json;
  if (json !== null && typeof json === 'object') {
    const message = (json as { message?: unknown }).message;
    if (typeof message === 'string') return message.trim();
  }
  if (typeof json === 'string' && json.trim() !== '') return json.trim();
  const message = typeof failure?.message === 'string' ? failure.message : String(error);
  const match = /^\(HTTP code \d+\) [^-]*- ([\s\S]*)$/.exec(message);
  return (match ? match[1]! : message).trim();
}

/** The connection to the engine closed under a request (the engine stopped or restarted). */
const closedCodes = new Set([
  'ECONNRESET',
  'EPIPE',
  'ECONNABORTED',
  'ERR_STREAM_PREMATURE_CLOSE',
  'ERR_HTTP_RESPONSE_ABORTED',
]);
/** Nothing answers where the engine should be. */
const unreachableCodes = new Set(['ENOENT', 'ECONNREFUSED', 'ENOTSOCK', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND']);

export interface ConnectionLoss {
  /** 'closed': the connection broke during the request; 'unreachable': nothing answered at all. */
  kind: 'closed' | 'unreachable';
  /** Node's errno code, or the message when Node gave none ("socket hang up"). */
  code: string;
}

/**
 * Whether a request failed because Berth's connection to the engine failed, not because the engine
 * refused. Only Node's errno codes count: "connection refused" in the engine's own words is about
 * something the engine could not reach (a registry), not about the engine.
 */
export function connectionLoss(error: unknown): ConnectionLoss | undefined {
  const failure = failureOf(error);
  const code = typeof failure?.code === 'string' ? failure.code : undefined;
  if (code && closedCodes.has(code)) return { kind: 'closed', code };
  if (code && unreachableCodes.has(code)) return { kind: 'unreachable', code };
  if (engineStatus(error) === undefined && typeof failure?.message === 'string') {
    if (/^(aborted|socket hang up)$/i.test(failure.message)) return { kind: 'closed', code: code ?? failure.message };
  }
  return undefined;
}

/** An engine answer that means something particular to the caller, and the code it becomes. */
export interface EngineAnswer {
  /** Matches only this HTTP status (any failure when left out). */
  status?: number;
  /** Matches only when the engine's words match (any words when left out). */
  words?: RegExp;
  code: ErrorCode;
  /** The message, given the engine's words. Default: "<doing> failed: <words>". */
  message?: (words: string) => string;
}

/** A 404 as 'not-found': "There is no <what>: <engine's words>". */
export function notFound(what: string): EngineAnswer {
  return { status: 404, code: 'not-found', message: (words) => `There is no ${what}: ${words}` };
}

/**
 * Any failure of an engine request as the contract's error. In order: a BerthError stays as it is;
 * the first of `answers` that matches gives the code; a lost connection is 'engine-stopped';
 * anything else is 'engine-error' with the engine's own words.
 *
 * @param doing what was being done, as "Removing web": the message reads "<doing> failed: …".
 */
export function engineError(error: unknown, doing: string, answers: readonly EngineAnswer[] = []): BerthError {
  if (error instanceof BerthError) return error;
  const status = engineStatus(error);
  const words = engineMessage(error);
  for (const answer of answers) {
    if (answer.status !== undefined && answer.status !== status) continue;
    if (answer.words && !answer.words.test(words)) continue;
    return new BerthError(answer.code, answer.message ? answer.message(words) : `${doing} failed: ${words}`);
  }
  const lost = connectionLoss(error);
  if (lost) {
    const what = lost.kind === 'closed' ? 'the engine closed the connection' : 'the engine does not answer';
    return new BerthError('engine-stopped', `${doing} failed: ${what} (${lost.code}).`);
  }
  return new BerthError('engine-error', `${doing} failed: ${words}`);
}
