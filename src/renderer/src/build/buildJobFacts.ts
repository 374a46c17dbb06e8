import type { BuildJob, BuildStep } from '../../../shared/builds';

/** The step the builder is at: the running one, else the first still waiting (between two steps). */
export function currentStep(steps: readonly BuildStep[]): BuildStep | null {
  return steps.find((step) => step.state === 'running') ?? steps.find((step) => step.state === 'waiting') ?? null;
}

export function stepCounts(steps: readonly BuildStep[]): { cached: number; ran: number } {
  let cached = 0;
  let ran = 0;
  for (const step of steps) {
    if (step.state === 'cached') cached += 1;
    else if (step.state === 'ran') ran += 1;
  }
  return { cached, ran };
}

const didNotComeFromCache = new Set<BuildStep['state']>(['running', 'ran', 'failed']);

/**
 * Where the build cache stopped: the first step that did not come from the cache after one that
 * did, or the step whose own line or files changed. A first build (nothing cached yet) has none.
 */
export function cacheStopIndex(steps: readonly BuildStep[]): number | null {
  let sawCached = false;
  for (const step of steps) {
    if (step.state === 'cached') sawCached = true;
    else if (didNotComeFromCache.has(step.state)) {
      const ownChange = step.rerunReason === 'line-changed' || step.rerunReason === 'files-changed';
      if (sawCached || ownChange) return step.index;
      return null;
    }
  }
  return null;
}

/** The step a failure belongs to: the one it names, else the one marked failed. */
export function failedStepIndex(job: BuildJob): number | null {
  return job.failure?.step ?? job.steps.find((step) => step.state === 'failed')?.index ?? null;
}

/** "9f86d081884c" from "sha256:9f86d0…", as `docker images` shows an id. */
export function shortImageId(id: string): string {
  return id.replace(/^sha256:/, '').slice(0, 12);
}
