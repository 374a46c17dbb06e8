import { BerthError, type ErrorCode, type WireError } from '../../shared/errors';

interface EngineFailure {
  statusCode?: number;
  code?: string;
  reason?: string;
  message?: string;
  json?: { message?: string } | string | null;
}

/** The engine's own sentence for a failed request (docker-modem keeps it in json.message). */
export function engineMessage(error: unknown): string {
  const failure = error as EngineFailure | undefined;
  const json = failure?.json;
  if (json && typeof json === 'object' && typeof json.message === 'string') return json.message;
  if (typeof json === 'string' && json.trim() !== '') return json.trim();
  return failure?.message ?? String(error);
}

const lostConnection = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ENOENT', 'ENOTSOCK', 'ECONNABORTED']);

/**
 * A failed step of a run as a wire error: the port or name conflicts and a missing image keep their
 * own codes so the renderer can say what to do; a lost connection is the engine stopping.
 */
export function toRunError(error: unknown, doing: string): WireError {
  if (error instanceof BerthError) return error.toWire();
  const failure = error as EngineFailure | undefined;
  const detail = engineMessage(error);
  let code: ErrorCode = 'engine-error';
  if (/port is already allocated|address already in use/i.test(detail)) code = 'port-in-use';
  else if (failure?.statusCode === 409 && /name/i.test(detail)) code = 'name-in-use';
  else if (failure?.statusCode === 404 && /image/i.test(detail)) code = 'image-not-found';
  else if (failure?.code && lostConnection.has(failure.code)) code = 'engine-stopped';
  return { code, message: `${doing} failed: ${detail}` };
}
