import { ENGINE_PRODUCT_NAMES } from '../../../shared/engine';
import type { LessonDefinition, LessonMemory, LessonObservation, LessonWorld } from '../lessonDefinition';

/**
 * Lesson 3, client and server: the docker command is a client; the Docker server (daemon) answers
 * it on a socket. The engine never sees `docker version` run in a terminal, so the step is done by
 * what Berth can see: the installation check opened in Berth with the server answering, or the
 * terminal's `docker version` output pasted and matched against the connected server.
 */

type VersionSeen = Extract<LessonObservation, { kind: 'installationCheck' | 'versionOutput' }>;

/** The newest sign, since the lesson started, that the learner asked both halves for their versions. */
function versionSeen(world: LessonWorld, memory: LessonMemory): VersionSeen | null {
  let seen: VersionSeen | null = null;
  for (const observation of world.observations) {
    if (observation.kind !== 'installationCheck' && observation.kind !== 'versionOutput') continue;
    if (observation.at < memory.startedAt) continue;
    seen = observation;
  }
  return seen;
}

export const clientAndServer: LessonDefinition = {
  id: 'clientAndServer',
  steps: [
    {
      id: 'versions',
      commands: () => ['docker version'],
      screen: () => '#/installation',
      done: (world, memory) => versionSeen(world, memory) !== null,
      remember: (world, memory): Record<string, string> => {
        const seen = versionSeen(world, memory);
        return seen ? { how: seen.kind, serverVersion: seen.serverVersion } : {};
      },
    },
  ],
  facts: (world, memory) => {
    const facts: Record<string, string> = {};
    const server = world.engine.state === 'connected' ? world.engine.server : null;
    if (server) {
      facts.serverVersion = server.version;
      // The product's name only: its version is the server's, shown beside it.
      facts.product = ENGINE_PRODUCT_NAMES[server.product.id];
      facts.apiVersion = server.apiVersion;
    }
    if (world.engine.endpoint) facts.endpoint = world.engine.endpoint.url;
    // What Berth saw when the step turned done, for the done text: the version then.
    const seen = versionSeen(world, memory);
    const seenVersion =
      typeof memory.notes.serverVersion === 'string' ? memory.notes.serverVersion : seen?.serverVersion;
    if (seenVersion) facts.seenVersion = seenVersion;
    return facts;
  },
};
