import type { LessonNeed, LessonState } from '../../shared/lessons';
import type { LessonDefinition, LessonMemory, LessonWorld } from './lessonDefinition';
import { engineConnected } from './worldQueries';

export interface LessonEvaluation {
  state: LessonState;
  /** The memory after the steps that turned done now (the same object when none did). */
  memory: LessonMemory | null;
  /** Whether a step turned done in this evaluation (the memory must be saved). */
  changed: boolean;
}

/**
 * A lesson in this world: its done steps stay done; the first step not done is checked, and when it
 * is done the next one is, and so on (a learner who did two steps before looking sees both ticked).
 * Nothing is checked while the engine is not connected (its lists may be stale) or a need is unmet.
 * Pure: the watcher saves the memory and sends the state.
 */
export function evaluateLesson(
  definition: LessonDefinition,
  world: LessonWorld,
  saved: LessonMemory | null,
): LessonEvaluation {
  let memory = saved;
  let changed = false;
  const connected = engineConnected(world);
  const unmet: LessonNeed[] = connected ? [] : [{ kind: 'engine' }];
  if (connected && memory) unmet.push(...(definition.unmet?.(world, memory) ?? []));
  if (memory && unmet.length === 0) {
    for (const step of definition.steps) {
      if (memory.doneAt[step.id] !== undefined) continue;
      if (!step.done(world, memory)) break;
      const notes: Record<string, string | number | boolean> = step.remember?.(world, memory) ?? {};
      memory = {
        ...memory,
        doneAt: { ...memory.doneAt, [step.id]: world.now },
        notes: { ...memory.notes, ...notes },
      };
      changed = true;
    }
  }
  // Texts and commands read a memory even before the lesson starts (an empty one).
  const shown = memory ?? { startedAt: world.now, doneAt: {}, notes: {}, folder: null };
  const steps = definition.steps.map((step) => {
    const doneAt = memory?.doneAt[step.id] ?? null;
    return {
      id: step.id,
      done: doneAt !== null,
      doneAt,
      commands: step.commands(world, shown),
      screen: step.screen(world, shown),
    };
  });
  const current = steps.find((step) => !step.done)?.id ?? null;
  return {
    memory,
    changed,
    state: {
      id: definition.id,
      started: memory !== null,
      startedAt: memory?.startedAt ?? null,
      steps,
      current,
      finished: steps.length > 0 && current === null,
      unmet,
      facts: definition.facts?.(world, shown) ?? {},
      folder: memory?.folder ?? null,
    },
  };
}
