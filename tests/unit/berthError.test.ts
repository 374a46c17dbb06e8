import { describe, expect, it } from 'vitest';
import { BerthError, toBerthError } from '../../src/shared/errors';

describe('toBerthError', () => {
  it('keeps a BerthError as it is', () => {
    const original = new BerthError('engine-not-running', 'the Docker server went away');
    expect(toBerthError(original)).toBe(original);
  });

  it('turns anything else into an internal BerthError with its text', () => {
    const converted = toBerthError(new TypeError('boom'));
    expect(converted).toBeInstanceOf(BerthError);
    expect(converted.code).toBe('internal');
    expect(converted.message).toBe('TypeError: boom');
    expect(toBerthError('plain text').message).toBe('plain text');
  });
});
