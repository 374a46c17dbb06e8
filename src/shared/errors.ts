import { z } from 'zod';

/**
 * Every failure that crosses the contract carries one of these codes. The renderer turns a code
 * into a sentence in the user's language; the message is the English detail for logs and reports.
 */
export const errorCodes = [
  'invalid-input',
  'unknown-request',
  'engine-not-found',
  'engine-not-running',
  'engine-permission-denied',
  'engine-timeout',
  'engine-too-old',
  'engine-error',
  'endpoint-invalid',
  'cli-not-installed',
  'cli-failed',
  'transport-closed',
  'forbidden',
  'hub-rate-limited',
  'hub-unreachable',
  'hub-timeout',
  'hub-error',
  /** The Hub's search answered 410 Gone, or 200 with nothing a search answer has: Docker changed or retired it. */
  'hub-search-changed',
  'image-not-found',
  'registry-unauthorized',
  'registry-rate-limited',
  'network-unreachable',
  'engine-stopped',
  'cancelled',
  'not-found',
  'in-use',
  'name-in-use',
  'port-in-use',
  'confirmation-required',
  /** A build stopped at a step; the job's failure says which and why. */
  'build-failed',
  /** The compose command (up, down…) ended with an error; the message is what it printed last. */
  'compose-failed',
  /** Neither `docker compose` nor `docker-compose` was found on this computer. */
  'compose-not-installed',
  'internal',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Field-level problems for invalid input, so forms can show them inline. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  /** When trying again can work (epoch ms), e.g. after the Hub's rate limit. */
  retryAt: z.number().optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly issues: WireError['issues'];
  readonly retryAt: number | undefined;

  constructor(code: ErrorCode, message: string, issues?: WireError['issues'], retryAt?: number) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    this.issues = issues;
    this.retryAt = retryAt;
  }

  toWire(): WireError {
    const wire: WireError = { code: this.code, message: this.message };
    if (this.issues) wire.issues = this.issues;
    if (this.retryAt !== undefined) wire.retryAt = this.retryAt;
    return wire;
  }

  static fromWire(error: WireError): BerthError {
    return new BerthError(error.code, error.message, error.issues, error.retryAt);
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof BerthError) return error.toWire();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}

/** Any thrown value as a BerthError: a BerthError stays itself, anything else becomes an 'internal' one. */
export function toBerthError(error: unknown): BerthError {
  return error instanceof BerthError ? error : new BerthError('internal', String(error));
}
