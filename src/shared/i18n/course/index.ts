import { cleanUpEn, cleanUpKo } from './cleanUp';
import { clientAndServerEn, clientAndServerKo } from './clientAndServer';
import { composeEn, composeKo } from './compose';
import { helloWorldEn, helloWorldKo } from './helloWorld';
import { imageAndContainerEn, imageAndContainerKo } from './imageAndContainer';
import { ownImageEn, ownImageKo } from './ownImage';
import { portsAndVolumesEn, portsAndVolumesKo } from './portsAndVolumes';
import { whyDockerEn, whyDockerKo } from './whyDocker';

/**
 * The course's texts, one file a lesson, so each lesson's words are found (and changed) in one
 * place: course.<lesson>.{title,summary,intro}, course.<lesson>.steps.<step>.{title,body,done,action}.
 */
export const courseEn = {
  whyDocker: whyDockerEn,
  imageAndContainer: imageAndContainerEn,
  clientAndServer: clientAndServerEn,
  helloWorld: helloWorldEn,
  ownImage: ownImageEn,
  portsAndVolumes: portsAndVolumesEn,
  compose: composeEn,
  cleanUp: cleanUpEn,
} as const;

export const courseKo = {
  whyDocker: whyDockerKo,
  imageAndContainer: imageAndContainerKo,
  clientAndServer: clientAndServerKo,
  helloWorld: helloWorldKo,
  ownImage: ownImageKo,
  portsAndVolumes: portsAndVolumesKo,
  compose: composeKo,
  cleanUp: cleanUpKo,
};
