import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { refuseForbiddenRealPaths } from '../../src/main/run/bindPaths';
import { runInputSchema } from '../../src/shared/run';

describe('refuseForbiddenRealPaths', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });
  const request = (hostPath: string) =>
    runInputSchema.parse({
      image: 'busybox',
      volumes: [{ kind: 'bind', hostPath, containerPath: '/host', confirmed: true }],
    });

  it('refuses a symlink that leads to / (the name alone looks harmless)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bind-'));
    dirs.push(dir);
    const link = path.join(dir, 'innocent');
    fs.symlinkSync('/', link);
    expect(() => refuseForbiddenRealPaths(request(link))).toThrow(/may not be shared/);
  });

  it('lets a real folder through, and leaves a missing one to the engine', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bind-'));
    dirs.push(dir);
    expect(() => refuseForbiddenRealPaths(request(dir))).not.toThrow();
    expect(() => refuseForbiddenRealPaths(request(path.join(dir, 'missing')))).not.toThrow();
  });
});
