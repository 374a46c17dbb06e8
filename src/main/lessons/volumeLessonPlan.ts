import { VOLUME_LESSON, type VolumeLessonStep } from '../../shared/volumes';

/** What the engine holds of the lesson: its labelled volume and its two containers, when they exist. */
export interface LessonFacts {
  volume: boolean;
  first: { id: string; running: boolean } | null;
  second: { id: string; running: boolean } | null;
  /** The key's value in the first container, when it runs and has one (read with redis-cli GET). */
  firstValue: string | null;
  /** Step 5 was done on the second container as it is now (Berth remembers it while it runs). */
  readOnSecond: boolean;
}

/**
 * The steps done, read from the engine so the lesson resumes after a restart of Berth. A container
 * that exists but does not run counts as not run: its step starts it again. With the first container
 * gone and the volume kept, steps 1 to 3 were done (Berth removes it only after step 2).
 */
export function doneSteps(facts: LessonFacts): VolumeLessonStep[] {
  if (facts.second) {
    if (!facts.second.running) return ['run', 'write', 'remove'];
    return facts.readOnSecond ? ['run', 'write', 'remove', 'runAgain', 'read'] : ['run', 'write', 'remove', 'runAgain'];
  }
  if (facts.first) {
    if (!facts.first.running) return [];
    return facts.firstValue !== null ? ['run', 'write'] : ['run'];
  }
  return facts.volume ? ['run', 'write', 'remove'] : [];
}

/** The step after the done ones; null when the lesson is finished. */
export function nextStep(done: readonly VolumeLessonStep[]): VolumeLessonStep | null {
  const order: VolumeLessonStep[] = ['run', 'write', 'remove', 'runAgain', 'read'];
  return order[done.length] ?? null;
}

/** The redis-server command both containers run: the append-only file puts every write into /data. */
export const REDIS_COMMAND = ['redis-server', '--appendonly', 'yes', '--dir', '/data'];

const runLine = (name: string) =>
  `docker run -d --name ${name} -v ${VOLUME_LESSON.volume}:/data ${VOLUME_LESSON.image} ${REDIS_COMMAND.join(' ')}`;

/** What a shell needs to keep a value as one argument: double quotes, with ", \, $ and ` escaped. */
export function shellQuote(value: string): string {
  return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
}

/**
 * The docker CLI line each done step equals. The write step's value is shown when Berth knows it
 * (not after a restart of Berth once the first container is gone).
 */
export function cliCommands(
  done: readonly VolumeLessonStep[],
  written: string | null,
): Array<{ step: VolumeLessonStep; command: string }> {
  const lines: Record<VolumeLessonStep, string> = {
    run: runLine(VOLUME_LESSON.first),
    write: `docker exec ${VOLUME_LESSON.first} redis-cli SET ${VOLUME_LESSON.key} ${shellQuote(written ?? 'Berth …')}`,
    remove: `docker rm -f ${VOLUME_LESSON.first}`,
    runAgain: runLine(VOLUME_LESSON.second),
    read: `docker exec ${VOLUME_LESSON.second} redis-cli GET ${VOLUME_LESSON.key}`,
  };
  return done.map((step) => ({ step, command: lines[step] }));
}

/** The value step 2 writes: Berth and the time, so each run of the lesson writes its own. */
export function lessonValue(now: Date): string {
  return `Berth ${now.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}
