import { z } from 'zod';

/**
 * The course, chapter by chapter (#16). A lesson's steps are checked on the live engine by the main
 * process (src/main/lessons): a step is done when the engine shows it happened, whether the learner
 * did it in Berth or typed the docker command in a terminal.
 */
export const lessonIds = [
  'whyDocker',
  'imageAndContainer',
  'clientAndServer',
  'helloWorld',
  'ownImage',
  'portsAndVolumes',
  'compose',
  'cleanUp',
] as const;
export const lessonIdSchema = z.enum(lessonIds);
export type LessonId = z.infer<typeof lessonIdSchema>;

/** What a lesson needs before its steps can be done; the page says which is missing and links to the fix. */
export const lessonNeedSchema = z.discriminatedUnion('kind', [
  /** A connected Docker server. */
  z.object({ kind: z.literal('engine') }),
  /** `docker compose` or `docker-compose`. */
  z.object({ kind: z.literal('compose') }),
  /** Something an earlier lesson makes (lesson 6 runs the image lesson 5 builds). */
  z.object({ kind: z.literal('lesson'), lesson: lessonIdSchema }),
  /** The lesson's example project, copied to a folder the user picks (lessons.copyExample). */
  z.object({ kind: z.literal('folder') }),
]);
export type LessonNeed = z.infer<typeof lessonNeedSchema>;

export const lessonStepStateSchema = z.object({
  /** Unique in its lesson; the texts are course.<lesson>.steps.<id>.* in both catalogs. */
  id: z.string(),
  done: z.boolean(),
  /** When Berth saw it done (ms since the epoch); null while not done. */
  doneAt: z.number().nullable(),
  /** The docker CLI lines that do this step in a terminal. */
  commands: z.array(z.string()),
  /** The Berth screen that shows what the step makes, as a route hash ("#/containers?show=my-redis"). */
  screen: z.string(),
});
export type LessonStepState = z.infer<typeof lessonStepStateSchema>;

export const lessonStateSchema = z.object({
  id: lessonIdSchema,
  /** Opened at least once since the last reset: only started lessons are checked. */
  started: z.boolean(),
  startedAt: z.number().nullable(),
  steps: z.array(lessonStepStateSchema),
  /** The first step not done; null when the lesson is finished. */
  current: z.string().nullable(),
  finished: z.boolean(),
  /** What the lesson needs that is not there now (empty when it can go on). */
  unmet: z.array(lessonNeedSchema),
  /** Live values the texts show ({{imageId}}, {{port}}…), from the engine's state. */
  facts: z.record(z.string(), z.string()),
  /** Where the lesson's example project was copied, when it has one and it was copied. */
  folder: z.string().nullable(),
});
export type LessonState = z.infer<typeof lessonStateSchema>;

export const lessonsStateSchema = z.object({ lessons: z.array(lessonStateSchema) });
export type LessonsState = z.infer<typeof lessonsStateSchema>;

export const lessonInputSchema = z.object({ lesson: lessonIdSchema }).strict();

export const lessonCopyExampleInputSchema = z
  .object({ lesson: lessonIdSchema, folder: z.string().trim().min(1, 'folder-required').max(4096) })
  .strict();

/** What `docker version` printed in the learner's terminal, pasted into lesson 3. */
export const versionOutputInputSchema = z.object({ text: z.string().trim().min(1, 'empty').max(20_000) }).strict();

/**
 * Whether the pasted output came from this computer's Docker: its Server half names the version the
 * connected engine reports. reason says why not, for the page's words.
 */
export const versionOutputResultSchema = z.object({
  matches: z.boolean(),
  reason: z.enum(['no-client', 'no-server', 'other-server', 'engine-down']).nullable(),
  /** The versions read from the pasted text (null when absent), shown beside the live ones. */
  client: z.string().nullable(),
  server: z.string().nullable(),
});
export type VersionOutputResult = z.infer<typeof versionOutputResultSchema>;
