import type { BuildRerunReason, BuildStep } from '../../shared/builds';
import { keywordOf, sameInstruction } from './buildStream';

/** A step of the last build of the same Dockerfile, as the next build compares against it. */
export interface RememberedStep {
  instruction: string;
  /** It finished (ran or came from the cache): its result is in the build cache. */
  completed: boolean;
}

export interface RerunContext {
  /** The last build's steps, by position; null when this Dockerfile was not built before (in this session). */
  previous: readonly RememberedStep[] | null;
  noCache: boolean;
  /** The stage a step belongs to: a step that runs again invalidates only the later steps of its stage. */
  stageOf: (step: BuildStep) => number;
}

/**
 * Why each step that ran did not come from the build cache: the course's story of cache keys told on
 * the user's own build. A step's cache key is its parent image and its instruction (and for COPY/ADD
 * the files' checksums), so a step runs again when its line changed, its files changed, or an earlier
 * step ran again. Steps keep their identity when their reason does not change.
 */
export function rerunReasons(steps: readonly BuildStep[], context: RerunContext): BuildStep[] {
  const firstRanInStage = new Map<number, number>();
  return steps.map((step, position) => {
    const stage = context.stageOf(step);
    const ran = step.state === 'ran' || step.state === 'failed';
    const reason = ran ? reasonFor(step, position, stage, firstRanInStage, context) : null;
    if (step.state === 'ran' && !firstRanInStage.has(stage)) firstRanInStage.set(stage, position);
    return reason === step.rerunReason ? step : { ...step, rerunReason: reason };
  });
}

function reasonFor(
  step: BuildStep,
  position: number,
  stage: number,
  firstRanInStage: ReadonlyMap<number, number>,
  context: RerunContext,
): BuildRerunReason {
  if (context.noCache) return 'no-cache';
  const before = context.previous?.[position];
  if (!before) return 'first';
  if (!sameInstruction(before.instruction, step.instruction)) return 'line-changed';
  if ((firstRanInStage.get(stage) ?? position) < position) return 'after-change';
  if (!before.completed) return 'first';
  const keyword = keywordOf(step.instruction);
  if (keyword === 'COPY' || keyword === 'ADD') return 'files-changed';
  return 'first';
}
