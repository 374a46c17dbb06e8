import { z } from 'zod';

/** A path on the computer that asks (POSIX or Windows), as the contract accepts it: absolute only. */
export const absolutePathSchema = z
  .string()
  .min(1)
  .max(4096)
  .refine((path) => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path), 'must be an absolute path');
