import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LessonProgressStore, MAX_OBSERVATIONS } from '../../../src/main/lessons/lessonProgressStore';

const dirs: string[] = [];
function tempFile(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-progress-'));
  dirs.push(dir);
  return path.join(dir, 'lessons.json');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the lessons progress store', () => {
  it('saves each lesson and the observations, and a new store reads them back', async () => {
    const filePath = tempFile();
    const store = new LessonProgressStore({ filePath });
    store.start('whyDocker', 100);
    store.update('whyDocker', (memory) => ({ ...memory, doneAt: { pull: 150 }, notes: { count: 3 } }));
    store.observe({ kind: 'installationCheck', at: 200, serverVersion: '24.0.5' });
    await store.flushed();
    const again = new LessonProgressStore({ filePath });
    expect(again.memory('whyDocker')).toEqual({
      startedAt: 100,
      doneAt: { pull: 150 },
      notes: { count: 3 },
      folder: null,
    });
    expect(again.allObservations()).toEqual([{ kind: 'installationCheck', at: 200, serverVersion: '24.0.5' }]);
  });

  it('starting a started lesson again keeps its progress; a reset forgets it', async () => {
    const store = new LessonProgressStore();
    store.start('compose', 1);
    store.update('compose', (memory) => ({ ...memory, doneAt: { up: 2 } }));
    expect(store.start('compose', 9).doneAt).toEqual({ up: 2 });
    store.reset('compose');
    expect(store.memory('compose')).toBeNull();
  });

  it('keeps the latest observations only', () => {
    const store = new LessonProgressStore();
    for (let at = 0; at < MAX_OBSERVATIONS + 5; at += 1) {
      store.observe({ kind: 'exec', at, containerId: 'c', command: 'true' });
    }
    expect(store.allObservations()).toHaveLength(MAX_OBSERVATIONS);
    expect(store.allObservations()[0]?.at).toBe(5);
  });

  it('moves an unreadable file aside, keeping its bytes, and starts afresh', () => {
    const filePath = tempFile();
    fs.writeFileSync(filePath, '{"version": 1, "lessons": {"whyDocker": {"startedAt": "soon"}}');
    const store = new LessonProgressStore({ filePath, now: () => new Date('2026-12-05T09:00:00Z') });
    expect(store.memory('whyDocker')).toBeNull();
    const moved = fs.readdirSync(path.dirname(filePath)).filter((name) => name.includes('.corrupt-'));
    expect(moved).toHaveLength(1);
    expect(fs.readFileSync(path.join(path.dirname(filePath), moved[0]!), 'utf8')).toContain('"soon"');
  });

  it('drops lessons it does not know (a newer Berth’s) and keeps the rest', () => {
    const filePath = tempFile();
    const memory = { startedAt: 1, doneAt: {}, notes: {}, folder: null };
    fs.writeFileSync(
      filePath,
      JSON.stringify({ version: 1, lessons: { whyDocker: memory, later: memory }, observations: [] }),
    );
    const store = new LessonProgressStore({ filePath });
    expect(store.memory('whyDocker')).toEqual(memory);
  });
});
