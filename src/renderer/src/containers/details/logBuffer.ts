import type { LogLine } from '../../../../shared/containers';

export interface BufferedLine extends LogLine {
  /** Increases with every line ever received, so rows keep stable keys as old lines drop off. */
  seq: number;
}

/**
 * The newest `capacity` log lines. A container that logs forever keeps memory flat: older lines are
 * dropped (and counted) instead of growing the buffer.
 */
export class LogBuffer {
  private lines: BufferedLine[] = [];
  private nextSeq = 0;
  dropped = 0;

  constructor(readonly capacity: number) {}

  append(batch: LogLine[]): void {
    for (const line of batch) this.lines.push({ ...line, seq: this.nextSeq++ });
    const over = this.lines.length - this.capacity;
    if (over > 0) {
      this.lines.splice(0, over);
      this.dropped += over;
    }
  }

  clear(): void {
    this.lines = [];
    this.dropped = 0;
  }

  get length(): number {
    return this.lines.length;
  }

  at(index: number): BufferedLine | undefined {
    return this.lines[index];
  }

  all(): readonly BufferedLine[] {
    return this.lines;
  }
}

/** Escape codes out, for search, copy and download. */
// eslint-disable-next-line no-control-regex
const ansiPattern = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
export function stripAnsi(text: string): string {
  return text.replace(ansiPattern, '');
}

/** Indices of the lines containing `query` (case-insensitive, colours ignored). */
export function findMatches(lines: readonly LogLine[], query: string): number[] {
  const needle = query.toLowerCase();
  if (!needle) return [];
  const matches: number[] = [];
  lines.forEach((line, index) => {
    if (stripAnsi(line.text).toLowerCase().includes(needle)) matches.push(index);
  });
  return matches;
}
