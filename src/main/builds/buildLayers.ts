import { metadataKeywords } from '../../shared/dockerfile';
import type { BuildStep } from '../../shared/builds';
import { keywordOf } from './buildStream';

/** One entry of GET /images/{id}/history (newest first). */
export interface HistoryEntry {
  /** The image the step left ("sha256:…"; Podman: the bare hex), or "<missing>" when it is not local. */
  Id: string;
  Size: number;
  CreatedBy: string;
}

/**
 * Each step's layer size from the built image's history (newest first). The final stage's steps
 * are the newest entries, one each, in order: matched by position when every entry agrees with its
 * step (a RUN's entry is its command, the others' "#(nop) <INSTRUCTION>"). Otherwise, and for steps
 * of earlier stages, by the image the step left (its id in the stream is a prefix of the entry's;
 * Podman files ids one entry off, so this is only the fallback). Metadata-only steps are 0; FROM gets
 * the base image's size (the layers it starts from).
 */
export function layerSizes(
  steps: readonly BuildStep[],
  history: readonly HistoryEntry[],
  lastStageFrom: number,
): BuildStep[] {
  const finalSteps = steps.slice(lastStageFrom + 1);
  const own = history.slice(0, finalSteps.length).reverse();
  const byPosition =
    own.length === finalSteps.length && own.every((entry, position) => agrees(finalSteps[position]!, entry));
  const baseBytes = byPosition ? history.slice(finalSteps.length).reduce((sum, entry) => sum + entry.Size, 0) : null;
  const bare = (id: string) => id.replace(/^sha256:/, '');
  const known = history.filter((entry) => entry.Id && entry.Id !== '<missing>');
  return steps.map((step, position) => {
    const keyword = keywordOf(step.instruction);
    let bytes: number | null = null;
    if (position === lastStageFrom) bytes = baseBytes;
    else if (byPosition && position > lastStageFrom) bytes = own[position - lastStageFrom - 1]!.Size;
    else if (step.imageId && keyword !== 'FROM') {
      bytes = known.find((entry) => bare(entry.Id).startsWith(bare(step.imageId!)))?.Size ?? null;
    }
    if (bytes === null && metadataKeywords.has(keyword)) bytes = 0;
    return bytes === step.layerBytes ? step : { ...step, layerBytes: bytes };
  });
}

/** Whether a history entry can be the step's: a RUN's is its command; the others' name their instruction. */
function agrees(step: BuildStep, entry: HistoryEntry): boolean {
  const keyword = keywordOf(step.instruction);
  const nop = /#\(nop\)\s+(\w+)/.exec(entry.CreatedBy ?? '');
  if (keyword === 'RUN') return nop === null;
  return nop !== null && nop[1]!.toUpperCase() === keyword;
}
