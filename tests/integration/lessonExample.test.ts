import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createBackend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { course } from '../../src/main/lessons/course';
import type { LessonsState } from '../../src/shared/lessons';

/*
 * A lesson's example project is copied through the contract into the folder the user picked, never
 * over what is there, and (with the OS dialog, as in Electron) only into a folder chosen in it.
 */

const root = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-lesson-example-'));
const chosen = path.join(root, 'chosen');
const other = path.join(root, 'other');
fs.mkdirSync(chosen);
fs.mkdirSync(other);
let picked: string | null = null;
const lessonCourse = { ...course, ownImage: { ...course.ownImage, example: 'static-site' } };

afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe('copying a lesson’s example', () => {
  const backend = createBackend({ system: realHostSystem(process.env), lessonCourse, pickFolder: async () => picked });

  it('refuses a folder not chosen in the dialog, then copies into the chosen one', async () => {
    const refused = await backend.server.handleRequest('lessons.copyExample', { lesson: 'ownImage', folder: other });
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.error.code).toBe('forbidden');
    expect(fs.readdirSync(other)).toEqual([]);

    picked = chosen;
    expect((await backend.server.handleRequest('builds.pickFolder', {})).ok).toBe(true);
    const copied = await backend.server.handleRequest('lessons.copyExample', { lesson: 'ownImage', folder: chosen });
    expect(copied.ok).toBe(true);
    const target = path.join(fs.realpathSync(chosen), 'static-site');
    expect(fs.readdirSync(target).sort()).toEqual(['Dockerfile', 'index.html']);
    const lesson = (copied.ok ? (copied.value as LessonsState) : null)?.lessons.find(
      (entry) => entry.id === 'ownImage',
    );
    expect(lesson?.folder).toBe(target);
    expect(lesson?.started).toBe(true);
  });

  it('keeps the learner’s edits when asked to copy again', async () => {
    const page = path.join(fs.realpathSync(chosen), 'static-site', 'index.html');
    fs.writeFileSync(page, '<h1>my own page</h1>\n');
    const again = await backend.server.handleRequest('lessons.copyExample', { lesson: 'ownImage', folder: chosen });
    expect(again.ok).toBe(true);
    expect(fs.readFileSync(page, 'utf8')).toBe('<h1>my own page</h1>\n');
  });

  it('says which field is wrong when the folder is missing', async () => {
    const missing = await backend.server.handleRequest('lessons.copyExample', {
      lesson: 'ownImage',
      folder: path.join(root, 'nowhere'),
    });
    expect(missing.ok).toBe(false);
    if (!missing.ok) expect(missing.error.issues?.[0]).toMatchObject({ path: 'folder', message: 'folder-missing' });
  });
});
