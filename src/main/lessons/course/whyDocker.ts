import type { LessonDefinition } from '../lessonDefinition';
import { containersOf, imagesOf, running } from '../worldQueries';

/**
 * Lesson 1, why Docker: installing redis by hand (the intro's text) against `docker run redis`.
 * Done when a redis container runs.
 */
export const whyDocker: LessonDefinition = {
  id: 'whyDocker',
  steps: [
    {
      // The package: the image, with everything redis needs.
      id: 'pull',
      commands: () => ['docker pull redis'],
      screen: () => '#/images',
      done: (world) => imagesOf(world, 'redis').length > 0,
    },
    {
      // A running instance of it: no install, no configuration.
      id: 'run',
      commands: () => ['docker run -d --name my-redis redis'],
      screen: (world) => {
        const first = running(containersOf(world, 'redis'))[0];
        return first ? `#/containers?show=${encodeURIComponent(first.name)}` : '#/containers';
      },
      done: (world) => running(containersOf(world, 'redis')).length > 0,
    },
  ],
  facts: (world) => {
    const first = running(containersOf(world, 'redis'))[0];
    const facts: Record<string, string> = {};
    if (first) facts.container = first.name;
    return facts;
  },
};
