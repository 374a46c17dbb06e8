import type { BuildStep } from '../../shared/builds';
import { keywordOf } from './buildStream';

/** One entry of GET /images/{id}/history (newest first). */
export interface HistoryEntry {
  /** The image the step left ("sha256:…"; Podman: the bare hex), or "<missing>" when it is not local. */
  Id: string;
  Size: number;
  CreatedBy: string;
}

/** Instructions that only change the image's settings: no files, no layer. */
const metadataKeywords = new Set([
  'ENV',
  'CMD',
  'ENTRYPOINT',
  'EXPOSE',
  'LABEL',
  'MAINTAINER',
  'USER',
  'ARG',
  'VOLUME',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
  'ONBUILD',
]);

/**
 * Each step's layer size from the built image's history. A step is found by the image it left (its
 * id in the stream is a prefix of the history's); the final stage's steps the builder named no
 * image for are matched by position from the newest entry. Metadata-only steps are 0; FROM gets the
 * base image's size (the layers it starts from); steps of earlier stages are not in this image.
 */
export function layerSizes(
  steps: readonly BuildStep[],
  history: readonly HistoryEntry[],
  lastStageFrom: number,
): BuildStep[] {
  const bare = (id: string) => id.replace(/^sha256:/, '');
  const byId = history.filter((entry) => entry.Id && entry.Id !== '<missing>');
  const finalSteps = steps.slice(lastStageFrom + 1);
  // History entries of the final stage's own steps, oldest first; the rest is the base image.
  const own = history.length >= finalSteps.length ? history.slice(0, finalSteps.length).reverse() : [];
  const baseBytes =
    own.length > 0 || finalSteps.length === 0
      ? history.slice(finalSteps.length).reduce((sum, entry) => sum + entry.Size, 0)
      : null;
  return steps.map((step, position) => {
    let bytes: number | null = null;
    const match = step.imageId ? byId.find((entry) => bare(entry.Id).startsWith(bare(step.imageId!))) : undefined;
    const keyword = keywordOf(step.instruction);
    if (position === lastStageFrom && keyword === 'FROM') bytes = baseBytes;
    else if (match && keyword !== 'FROM') bytes = match.Size;
    else if (position > lastStageFrom && own.length > 0) bytes = own[position - lastStageFrom - 1]!.Size;
    if (bytes === null && metadataKeywords.has(keyword)) bytes = 0;
    return bytes === step.layerBytes ? step : { ...step, layerBytes: bytes };
  });
}
