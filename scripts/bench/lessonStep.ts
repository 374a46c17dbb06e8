import { createBackend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { course } from '../../src/main/lessons/course';
import type { LessonDefinition } from '../../src/main/lessons/lessonDefinition';
import type { LessonsState } from '../../src/shared/lessons';
import { eventEpochMs, sleep, tapEngineEvents } from './benchContainers';
import { docker } from './docker';
import { median, round, type Benchmark } from './types';

/** The promise: a step turns done within a second of the engine event. */
const GOAL_MS = 1000;
/** Timed rounds, after one untimed warm-up. */
const ROUNDS = Number(process.env.BENCH_LESSON_ROUNDS ?? 10);
const TIMEOUT_MS = 15_000;

interface Round {
  /** The engine's start event → the lessons stream shows "the container runs" done, ms. */
  startMs: number;
  /** The engine's exec_die event of the learner's exec → the stream shows "the file is there" done (an exec probe), ms. */
  execMs: number;
}

/**
 * A lesson's steps done with the docker CLI while Berth watches: from the engine's event to the
 * 'lessons.progress' stream showing the step done, for a step read from the containers list and
 * for one that needs an exec probe.
 */
export const lessonStep: Benchmark = {
  name: 'lesson-step',
  async run(context) {
    const name = `berthbench-lesson-${process.pid}`;
    const running = (state: LessonsState) =>
      state.lessons.find((lesson) => lesson.id === 'imageAndContainer')?.steps.map((step) => step.done) ?? [];
    // Two steps: the bench container runs; a file written in it by the learner is there (an exec probe asks).
    const benchLesson: LessonDefinition = {
      id: 'imageAndContainer',
      steps: [
        {
          id: 'runs',
          commands: () => [],
          screen: () => '#/',
          done: (world) => world.containers.some((entry) => entry.name === name && entry.state === 'running'),
        },
        { id: 'file', commands: () => [], screen: () => '#/', done: (world) => world.probes.file?.ok === true },
      ],
      probes: (world) => {
        const target = world.containers.find((entry) => entry.name === name && entry.state === 'running');
        return target ? [{ kind: 'exec', key: 'file', containerId: target.id, command: ['cat', '/lesson.txt'] }] : [];
      },
    };
    const backend = createBackend({
      system: realHostSystem(process.env),
      lessonCourse: { ...course, imageAndContainer: benchLesson },
    });
    const events = await tapEngineEvents();
    let latest: { state: LessonsState; at: number } | null = null;
    const waiters = new Set<() => void>();
    const stop = backend.lessons.subscribe((state) => {
      latest = { state, at: Date.now() };
      for (const waiter of [...waiters]) waiter();
    });
    const shows = (done: boolean[], what: string) =>
      new Promise<number>((resolve, reject) => {
        const check = () => {
          if (!latest || JSON.stringify(running(latest.state)) !== JSON.stringify(done)) return;
          waiters.delete(check);
          clearTimeout(timer);
          resolve(latest.at);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          reject(new Error(`the lessons stream did not show ${what} within ${TIMEOUT_MS / 1000} s`));
        }, TIMEOUT_MS);
        waiters.add(check);
        check();
      });
    try {
      await backend.start();
      if (backend.monitor.getStatus().state !== 'connected') throw new Error("Berth's backend is not connected");
      const rounds: Round[] = [];
      context.log(`lesson-step: ${ROUNDS} rounds (+1 warm-up): docker run, then docker exec writing a file`);
      for (let index = 0; index <= ROUNDS; index += 1) {
        await docker('rm', '-f', name).catch(() => undefined);
        backend.lessons.reset('imageAndContainer');
        await backend.lessons.startLesson('imageAndContainer');
        await shows([false, false], 'a fresh lesson');
        const since = Date.now();
        const started = events.waitFor(
          (event) =>
            event.Action === 'start' && event.Actor?.Attributes?.name === name && eventEpochMs(event) >= since - 5,
          TIMEOUT_MS,
          `start of ${name}`,
        );
        const runsDone = shows([true, false], 'the container step done');
        await docker('run', '-d', '--name', name, 'busybox', 'sleep', '600');
        const startEvent = await started;
        const runsAt = await runsDone;
        // Let the first probe (file absent) answer before the learner writes it.
        await backend.lessons.recheck('imageAndContainer');
        const execSince = Date.now();
        const execDied = events.waitFor(
          (event) =>
            event.Action === 'exec_die' &&
            eventEpochMs(event) >= execSince - 5 &&
            event.Actor?.Attributes?.name === name,
          TIMEOUT_MS,
          `exec_die in ${name}`,
        );
        const fileDone = shows([true, true], 'the file step done');
        await docker('exec', name, 'sh', '-c', 'echo hi > /lesson.txt');
        const execEvent = await execDied;
        const fileAt = await fileDone;
        if (index > 0)
          rounds.push({ startMs: runsAt - eventEpochMs(startEvent), execMs: fileAt - eventEpochMs(execEvent) });
        await sleep(200);
      }
      const startMs = rounds.map((r) => r.startMs);
      const execMs = rounds.map((r) => r.execMs);
      const value = Math.max(median(startMs), median(execMs));
      return {
        name: 'lesson-step',
        goal: `median (engine event → 'lessons.progress' shows the step done) ≤ ${GOAL_MS} ms`,
        value: round(value),
        unit: 'ms',
        met: value <= GOAL_MS,
        details: {
          summary: `list step ${round(median(startMs))} ms, exec-probe step ${round(median(execMs))} ms (medians of ${rounds.length})`,
          rounds: rounds.length,
          median_list_step_ms: round(median(startMs)),
          median_probe_step_ms: round(median(execMs)),
          max_list_step_ms: round(Math.max(...startMs)),
          max_probe_step_ms: round(Math.max(...execMs)),
          notes: [
            `A two-step lesson on Berth's backend (createBackend, LessonWatcher): "${name} runs" (read from the containers list) and ` +
              '"a file written in it is there" (an exec probe, `cat`, asked after each exec by someone else). Each round resets the lesson, ' +
              '`docker run -d` starts the container, then `docker exec … sh -c "echo hi > /lesson.txt"` writes the file.',
            "Start: the engine's own event (start; exec_die), read by this process from GET /events, not through Berth. End: Date.now() " +
              "when the watcher's stream (what 'lessons.progress' sends) showed the step done.",
            `Per round (ms): list ${startMs.map((ms) => round(ms, 0)).join(', ')}; probe ${execMs.map((ms) => round(ms, 0)).join(', ')}.`,
          ],
        },
      };
    } finally {
      stop();
      events.close();
      backend.stop();
      await docker('rm', '-f', name).catch(() => undefined);
    }
  },
};
