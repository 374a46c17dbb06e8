import fs from 'node:fs';
import { z } from 'zod';
import { lessonIdSchema, type LessonId } from '../../shared/lessons';
import { uniqueBackupPath, writeFileAtomic } from '../settings/settingsStore';
import type { LessonMemory, LessonObservation } from './lessonDefinition';

/** The most observations kept: enough for every lesson's history, small enough to save on each change. */
export const MAX_OBSERVATIONS = 200;

const noteSchema = z.union([z.string(), z.number(), z.boolean()]);
const memorySchema = z.object({
  startedAt: z.number(),
  doneAt: z.record(z.string(), z.number()),
  notes: z.record(z.string(), noteSchema),
  folder: z.string().nullable(),
});
const observationSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('installationCheck'), at: z.number(), serverVersion: z.string() }),
  z.object({ kind: z.literal('versionOutput'), at: z.number(), serverVersion: z.string() }),
  z.object({
    kind: z.literal('imageTagged'),
    at: z.number(),
    tag: z.string(),
    imageId: z.string(),
    layers: z.array(z.string()),
  }),
  z.object({ kind: z.literal('exec'), at: z.number(), containerId: z.string(), command: z.string() }),
  z.object({ kind: z.literal('diskUsage'), at: z.number(), reclaimableBytes: z.number(), totalBytes: z.number() }),
]);
const progressFileSchema = z.object({
  version: z.literal(1),
  // Unknown lesson ids (from a newer Berth) are dropped on load, not an error.
  lessons: z.record(z.string(), memorySchema),
  observations: z.array(observationSchema),
});
type ProgressFile = z.infer<typeof progressFileSchema>;

export interface LessonProgressStoreOptions {
  /** The progress file (userData/lessons.json); without it the progress lives in memory (tests). */
  filePath?: string | null;
  now?: () => Date;
}

/**
 * Each started lesson's memory (when it started, when each step turned done, what it remembered)
 * and the observations, saved after every change so a lesson resumes at its step after a restart.
 * An unreadable file is moved aside (kept, never overwritten) and the course starts afresh.
 */
export class LessonProgressStore {
  private readonly filePath: string | null;
  private readonly now: () => Date;
  private lessons = new Map<LessonId, LessonMemory>();
  private observations: LessonObservation[] = [];
  /** Saves run one after another, each writing the state as it is then. */
  private saving: Promise<void> = Promise.resolve();
  /** Why the last save failed, if it did (the next change tries again). */
  saveProblem: string | null = null;

  constructor(options: LessonProgressStoreOptions = {}) {
    this.filePath = options.filePath ?? null;
    this.now = options.now ?? (() => new Date());
    this.load();
  }

  memory(lesson: LessonId): LessonMemory | null {
    return this.lessons.get(lesson) ?? null;
  }

  allObservations(): readonly LessonObservation[] {
    return this.observations;
  }

  /** Starts the lesson now unless it is started already (opening it again keeps its progress). */
  start(lesson: LessonId, at: number): LessonMemory {
    const existing = this.lessons.get(lesson);
    if (existing) return existing;
    const memory: LessonMemory = { startedAt: at, doneAt: {}, notes: {}, folder: null };
    this.lessons.set(lesson, memory);
    this.save();
    return memory;
  }

  update(lesson: LessonId, change: (memory: LessonMemory) => LessonMemory): void {
    const memory = this.lessons.get(lesson);
    if (!memory) return;
    this.lessons.set(lesson, change(memory));
    this.save();
  }

  /** Forgets the lesson's progress (it is no longer started). */
  reset(lesson: LessonId): void {
    if (this.lessons.delete(lesson)) this.save();
  }

  observe(observation: LessonObservation): void {
    this.observations = [...this.observations, observation].slice(-MAX_OBSERVATIONS);
    this.save();
  }

  /** Resolves once everything changed so far is on disk. */
  flushed(): Promise<void> {
    return this.saving;
  }

  private load(): void {
    if (!this.filePath) return;
    let text: string;
    try {
      text = fs.readFileSync(this.filePath, 'utf8');
    } catch {
      return; // No file yet: nothing started.
    }
    let parsed: ProgressFile;
    try {
      parsed = progressFileSchema.parse(JSON.parse(text));
    } catch {
      this.moveAside(this.filePath);
      return;
    }
    for (const [id, memory] of Object.entries(parsed.lessons)) {
      const lesson = lessonIdSchema.safeParse(id);
      if (lesson.success) this.lessons.set(lesson.data, memory);
    }
    this.observations = parsed.observations.slice(-MAX_OBSERVATIONS);
  }

  private moveAside(filePath: string): void {
    try {
      fs.renameSync(filePath, uniqueBackupPath(filePath, this.now()));
    } catch {
      // Left where it is; the next save replaces it only through a complete new file.
    }
  }

  private save(): void {
    const filePath = this.filePath;
    if (!filePath) return;
    this.saving = this.saving.then(async () => {
      const file: ProgressFile = {
        version: 1,
        lessons: Object.fromEntries(this.lessons),
        observations: this.observations,
      };
      try {
        await writeFileAtomic(filePath, `${JSON.stringify(file, null, 2)}\n`);
        this.saveProblem = null;
      } catch (error) {
        this.saveProblem = error instanceof Error ? error.message : String(error);
      }
    });
  }
}
