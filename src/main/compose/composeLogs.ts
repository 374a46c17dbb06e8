import type { z } from 'zod';
import { composeLogsInputSchema, type ComposeProjectState } from '../../shared/compose';
import type { LogBatch, LogLine } from '../../shared/containers';
import type { Dispose, Listener } from '../../shared/emitter';
import { BerthError } from '../../shared/errors';
import type { LogsService } from '../containers/logsService';
import { logSourceName } from './composeProjectList';

export type ComposeLogsInput = z.input<typeof composeLogsInputSchema>;

export interface ComposeLogsOptions {
  /** Reads each container's logs (the same service as one container's Logs tab). */
  logs: Pick<LogsService, 'open'>;
  /** The live projects: containers that appear later join the stream. */
  projects: { subscribe(emit: Listener<ComposeProjectState[]>): Dispose };
  /** At most one merged batch per this many milliseconds. Default 100. */
  batchIntervalMs?: number;
  /** The first batch waits at most this long for every container's first lines, so they come in time order. Default 1000. */
  firstBatchWaitMs?: number;
}

interface Followed {
  source: string;
  close: Dispose | null;
  /** The first read of its logs has answered (lines or its end). */
  answered: boolean;
  /** The time of its last line: a read after it stopped and started again starts there. */
  lastTime: string | null;
  /** Whether the latest list shows it running, and which list that was. */
  running: boolean;
  /** The list (its count) when its current read began. */
  followedAt: number;
}

/** Sorts lines by their engine time; a line without one keeps its place after the line before it. */
function byTime(a: { time: string }, b: { time: string }): number {
  return a.time < b.time ? -1 : a.time > b.time ? 1 : 0;
}

/**
 * `docker compose logs -f`: the logs of every container of a project (or of some services) in one
 * stream, each line with its source (the service, "web-2" for its second container), merged in time
 * order as the batches come. Containers that appear later (scaled, recreated) join; a container
 * that stops and starts again is read again from where it stopped. Only the subscriber ends it.
 */
export class ComposeLogs {
  private readonly options: ComposeLogsOptions;

  constructor(options: ComposeLogsOptions) {
    this.options = options;
  }

  /**
   * Starts following the project and returns close(). Batches come through emit, never ended: the
   * project may come (again) later, and while the engine is away the next list after it is back
   * picks the containers up again.
   */
  open(input: ComposeLogsInput, emit: (batch: LogBatch) => void): Dispose {
    const parsed = composeLogsInputSchema.safeParse(input);
    if (!parsed.success) throw new BerthError('invalid-input', `Invalid compose logs input: ${parsed.error.message}`);
    const { projectName, services, tail } = parsed.data;
    const batchIntervalMs = this.options.batchIntervalMs ?? 100;
    const firstBatchWaitMs = this.options.firstBatchWaitMs ?? 1000;
    const wanted = new Set(services);
    const followed = new Map<string, Followed>();
    let closed = false;
    let firstListSeen = false;
    let lists = 0;
    let firstSent = false;
    const openedAt = Date.now();
    let lastEmitAt = 0;
    let timer: ReturnType<typeof setTimeout> | null = null;
    let pending: Array<{ line: LogLine; time: string }> = [];

    const flush = () => {
      timer = null;
      if (closed) return;
      const waiting = !firstSent && (!firstListSeen || [...followed.values()].some((entry) => !entry.answered));
      if (waiting && Date.now() - openedAt < firstBatchWaitMs) {
        timer = setTimeout(flush, batchIntervalMs);
        return;
      }
      firstSent = true;
      if (pending.length === 0) return;
      const lines = pending.sort(byTime).map((entry) => entry.line);
      pending = [];
      lastEmitAt = Date.now();
      emit({ lines, ended: false });
    };
    const schedule = () => {
      if (timer || closed) return;
      timer = setTimeout(flush, Math.max(0, lastEmitAt + batchIntervalMs - Date.now()));
    };

    const follow = (id: string, entry: Followed, fromStart: boolean) => {
      const after = entry.lastTime;
      // `since` counts whole seconds: lines of that second already sent are dropped here.
      const since = after === null ? null : Math.floor(Date.parse(after) / 1000);
      entry.followedAt = lists;
      let lastLineTime: string | null = after;
      const batch = ({ lines, ended }: LogBatch) => {
        if (closed) return;
        for (const line of lines) {
          if (after !== null && line.time !== null && line.time <= after) continue;
          const time = line.time ?? lastLineTime ?? '';
          lastLineTime = time;
          if (line.time !== null) entry.lastTime = line.time;
          pending.push({ line: { ...line, source: entry.source }, time });
        }
        entry.answered = true;
        if (ended) {
          entry.close = null;
          // Restarted before its read ended: the list that says so came already.
          if (followed.get(id) === entry && entry.running && lists > entry.followedAt) follow(id, entry, false);
        }
        schedule();
      };
      try {
        entry.close = this.options.logs.open(
          {
            id,
            follow: true,
            tail: fromStart ? tail : null,
            since: since === null || Number.isNaN(since) ? null : since,
          },
          batch,
          // A container removed while being read: its end is enough, the list drops it.
          () => undefined,
        );
      } catch {
        // The engine went away: its next list (after the reconnect) reads the container again.
        entry.answered = true;
        entry.close = null;
      }
    };

    const update = (projects: ComposeProjectState[]) => {
      if (closed) return;
      const initial = !firstListSeen;
      firstListSeen = true;
      lists += 1;
      const project = projects.find((candidate) => candidate.name === projectName);
      const present = new Set<string>();
      for (const service of project?.services ?? []) {
        if (wanted.size > 0 && !wanted.has(service.name)) continue;
        for (const container of service.containers) {
          present.add(container.id);
          let entry = followed.get(container.id);
          if (!entry) {
            entry = {
              source: logSourceName(service.name, container.number),
              close: null,
              answered: false,
              lastTime: null,
              running: container.state === 'running',
              followedAt: lists,
            };
            followed.set(container.id, entry);
            // Containers there when the stream opened start from their tail; later ones from their first line.
            follow(container.id, entry, initial);
            continue;
          }
          entry.running = container.state === 'running';
          if (entry.close === null && entry.running) {
            // Stopped and started again (its read ended when it stopped): on from its last line.
            follow(container.id, entry, false);
          }
        }
      }
      for (const [id, entry] of followed) {
        if (present.has(id)) continue;
        entry.close?.();
        followed.delete(id);
      }
      schedule();
    };

    const stopProjects = this.options.projects.subscribe(update);
    schedule();
    return () => {
      if (closed) return;
      closed = true;
      if (timer) clearTimeout(timer);
      stopProjects();
      for (const entry of followed.values()) entry.close?.();
      followed.clear();
    };
  }
}
