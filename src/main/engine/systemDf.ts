import type Docker from 'dockerode';
import { engineMessage, engineStatus } from './engineErrors';

/**
 * GET /system/df, again when the engine could not answer this time:
 * - Podman answers 500 "no such container/volume/image" when something it listed is removed before
 *   its walk reached it, as happens on any busy engine: a burst of removals is over within 1.5 s.
 * - dockerd answers "a disk usage operation is already running" while another df runs (the disk
 *   page, the reclaimable hint, a lesson measuring, `docker system df` in a terminal): that one
 *   ends, so it is asked again, for longer, as a big engine's walk takes a while.
 * Tries 0.1 s, 0.2 s, 0.4 s... apart: up to five for a race, up to nine (25 s in all) for a busy df.
 */
export async function readSystemDf(client: Docker): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await client.df();
    } catch (error) {
      const raced = engineStatus(error) === 500 && /no such (container|volume|image|layer)/i.test(engineMessage(error));
      const busy = /disk usage operation is already running/i.test(engineMessage(error));
      if (!(raced && attempt < 5) && !(busy && attempt < 9)) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
  }
}
