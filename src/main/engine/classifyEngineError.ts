import { BerthError } from '../../shared/errors';

/**
 * Turns a low-level connection failure into the state a beginner can act on. Node reports socket
 * errors with errno codes; docker-modem reports HTTP failures with statusCode.
 */
export function classifyEngineError(error: unknown, endpointUrl: string): BerthError {
  if (error instanceof BerthError) return error;
  const err = error as { code?: string; statusCode?: number; message?: string; reason?: string } | undefined;
  const code = err?.code;
  const detail = err?.message ?? String(error);
  switch (code) {
    case 'ENOENT':
    case 'ECONNREFUSED':
    case 'ECONNRESET':
    case 'EPIPE':
    case 'ENOTSOCK':
      return new BerthError('engine-not-running', `Nothing answers at ${endpointUrl} (${code}).`);
    case 'EACCES':
    case 'EPERM':
      return new BerthError('engine-permission-denied', `Permission denied on ${endpointUrl} (${code}).`);
    case 'ETIMEDOUT':
    case 'ESOCKETTIMEDOUT':
      return new BerthError('engine-timeout', `The engine at ${endpointUrl} did not answer in time.`);
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
      return new BerthError('engine-not-running', `Cannot reach ${endpointUrl} (${code}).`);
  }
  if (/All configured authentication methods failed|authentication/i.test(detail)) {
    return new BerthError('engine-permission-denied', `SSH login to ${endpointUrl} was refused: ${detail}`);
  }
  if (typeof err?.statusCode === 'number') {
    return new BerthError(
      'engine-error',
      `The engine at ${endpointUrl} answered ${err.statusCode}: ${err.reason ?? detail}`,
    );
  }
  return new BerthError('engine-error', `The engine at ${endpointUrl} failed: ${detail}`);
}
