import type { LessonId } from '../../../shared/lessons';
import type { LessonDefinition } from '../lessonDefinition';
import { cleanUp } from './cleanUp';
import { clientAndServer } from './clientAndServer';
import { compose } from './compose';
import { helloWorld } from './helloWorld';
import { imageAndContainer } from './imageAndContainer';
import { ownImage } from './ownImage';
import { portsAndVolumes } from './portsAndVolumes';
import { whyDocker } from './whyDocker';

/** The course in its order: one file a lesson. */
export const course: Readonly<Record<LessonId, LessonDefinition>> = {
  whyDocker,
  imageAndContainer,
  clientAndServer,
  helloWorld,
  ownImage,
  portsAndVolumes,
  compose,
  cleanUp,
};
