import type { LessonId } from '../../../../shared/lessons';
import type { LessonExtras } from '../lessonExtras';
import { cleanUpExtras } from './cleanUp';
import { clientAndServerExtras } from './clientAndServer';
import { composeExtras } from './compose';
import { helloWorldExtras } from './helloWorld';
import { imageAndContainerExtras } from './imageAndContainer';
import { ownImageExtras } from './ownImage';
import { portsAndVolumesExtras } from './portsAndVolumes';
import { whyDockerExtras } from './whyDocker';

/** Each lesson's own parts of its page, by lesson. */
export const lessonExtras: Readonly<Record<LessonId, LessonExtras>> = {
  whyDocker: whyDockerExtras,
  imageAndContainer: imageAndContainerExtras,
  clientAndServer: clientAndServerExtras,
  helloWorld: helloWorldExtras,
  ownImage: ownImageExtras,
  portsAndVolumes: portsAndVolumesExtras,
  compose: composeExtras,
  cleanUp: cleanUpExtras,
};
