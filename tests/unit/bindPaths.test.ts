import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bindPathIssues, refuseForbiddenRealPaths } from '../../src/main/run/bindPaths';
import { BerthError } from '../../src/shared/errors';
import { BIND_SOURCE_MISSING, runInputSchema } from '../../src/shared/run';

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
    expect(bindPathIssues(request(link))).toEqual([
      expect.objectContaining({
        path: 'volumes.0.hostPath',
        message: 'this folder may not be shared with a container',
      }),
    ]);
  });

  it('lets a real folder (or file) through', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bind-'));
    dirs.push(dir);
    fs.writeFileSync(path.join(dir, 'file'), '');
    expect(() => refuseForbiddenRealPaths(request(dir))).not.toThrow();
    expect(() => refuseForbiddenRealPaths(request(path.join(dir, 'file')))).not.toThrow();
    expect(bindPathIssues(request(dir))).toEqual([]);
  });

  it('refuses a folder that does not exist, on its row, and creates nothing (as docker run --mount)', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-bind-'));
    dirs.push(dir);
    const missing = path.join(dir, 'missing', 'deeper');
    const input = runInputSchema.parse({
      image: 'busybox',
      volumes: [
        { kind: 'named', name: 'data', containerPath: '/data' },
        { kind: 'bind', hostPath: dir, containerPath: '/here', confirmed: true },
        { kind: 'bind', hostPath: missing, containerPath: '/host', confirmed: true },
        // Under a file: ENOTDIR, missing too.
        { kind: 'bind', hostPath: path.join(dir, 'file', 'x'), containerPath: '/x', confirmed: true },
      ],
    });
    fs.writeFileSync(path.join(dir, 'file'), '');
    const error = (() => {
      try {
        refuseForbiddenRealPaths(input);
      } catch (caught) {
        return caught;
      }
      return null;
    })();
    expect(error).toBeInstanceOf(BerthError);
    expect((error as BerthError).toWire()).toEqual({
      code: 'invalid-input',
      message: `The folder ${missing} does not exist on this computer. The folder ${path.join(dir, 'file', 'x')} does not exist on this computer.`,
      issues: [
        { path: 'volumes.2.hostPath', message: BIND_SOURCE_MISSING },
        { path: 'volumes.3.hostPath', message: BIND_SOURCE_MISSING },
      ],
    });
    expect(fs.existsSync(path.join(dir, 'missing'))).toBe(false);
  });

  it('leaves a folder it may not look at to the engine', () => {
    const denied = () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    expect(bindPathIssues(request('/root/secret'), denied)).toEqual([]);
  });
});
