import type Docker from 'dockerode';
import { engineMessage, engineStatus } from './engineErrors';

/**
 * GET /system/df, again when Podman answers 500 "no such container/volume/image": its walk fails when
 * something it listed is removed before it reached it, as happens on any busy engine. Up to five
 * tries, 0.1 s, 0.2 s, 0.4 s, 0.8 s apart: a burst of removals is over by then.
 */
export async function readSystemDf(client: Docker): Promise<unknown> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await client.df();
    } catch (error) {
      const raced = engineStatus(error) === 500 && /no such (container|volume|image|layer)/i.test(engineMessage(error));
      if (!raced || attempt === 5) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100 * 2 ** (attempt - 1)));
    }
  }
}
