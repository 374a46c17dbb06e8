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
  'transport-closed',
  'forbidden',
  'internal',
] as const;

export const errorCodeSchema = z.enum(errorCodes);
export type ErrorCode = z.infer<typeof errorCodeSchema>;

export const wireErrorSchema = z.object({
  code: errorCodeSchema,
  message: z.string(),
  /** Field-level problems for invalid input, so forms can show them inline. */
  issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
export type WireError = z.infer<typeof wireErrorSchema>;

export class BerthError extends Error {
  readonly code: ErrorCode;
  readonly issues: WireError['issues'];

  constructor(code: ErrorCode, message: string, issues?: WireError['issues']) {
    super(message);
    this.name = 'BerthError';
    this.code = code;
    this.issues = issues;
  }

  toWire(): WireError {
    return this.issues
      ? { code: this.code, message: this.message, issues: this.issues }
      : { code: this.code, message: this.message };
  }

  static fromWire(error: WireError): BerthError {
    return new BerthError(error.code, error.message, error.issues);
  }
}

export function toWireError(error: unknown): WireError {
  if (error instanceof BerthError) return error.toWire();
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'internal', message };
}
