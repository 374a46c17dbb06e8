import type Docker from 'dockerode';
import { BerthError } from '../../shared/errors';
import { engineError } from '../engine/engineErrors';

interface Modem {
  dial(options: Record<string, unknown>, callback: (error: unknown, result: unknown) => void): void;
}

/** Regular-expression metacharacters escaped: the engine matches the id filter as a pattern. */
function exactPattern(id: string): string {
  return `^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`;
}

/**
 * Removes one build cache record by its id: POST /build/prune with the filter id=^<id>$ (dockerd
 * passes the id filter to BuildKit as a pattern, "id~=", so it is anchored to match that record
 * only). Fails, rather than pruning more, when the engine did not remove exactly that record.
 */
export async function pruneBuildCacheRecord(client: Docker, id: string): Promise<void> {
  const modem = client.modem as unknown as Modem;
  let answer: { CachesDeleted?: string[] | null };
  try {
    answer = await new Promise((resolve, reject) => {
      modem.dial(
        {
          path: '/build/prune?',
          method: 'POST',
          statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' },
          options: { all: true, filters: { id: [exactPattern(id)] } },
        },
        (error, result) => (error ? reject(error) : resolve((result ?? {}) as { CachesDeleted?: string[] | null })),
      );
    });
  } catch (error) {
    throw engineError(error, `Removing the build cache record ${id}`);
  }
  const deleted = answer.CachesDeleted ?? [];
  if (!deleted.includes(id)) {
    throw new BerthError('engine-error', `The engine could not remove the build cache record ${id} by its id.`);
  }
}
