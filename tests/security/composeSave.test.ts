import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';

// compose.save and compose.check at the contract, whatever a (taken-over) page sends: only a file
// Berth opened, in the folder it opened it from, named like a compose file, is ever written; a
// refusal writes nothing anywhere (every file's bytes and every folder's listing stay the same).

describe('compose.save writes only what Berth opened', () => {
  let root: string;
  let project: string;
  let elsewhere: string;
  let backend: Backend;
  let version: string;
  let configVersion: string;

  /** Every file under root with its bytes: compared before and after each refusal. */
  const snapshot = () => {
    const files: Record<string, string> = {};
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) walk(full);
        else files[path.relative(root, full)] = fs.readFileSync(full, 'utf8');
      }
    };
    walk(root);
    return files;
  };

  const refusedWithoutWriting = async (name: 'compose.save' | 'compose.check', input: Record<string, unknown>) => {
    const before = snapshot();
    const result = await backend.server.handleRequest(name, input);
    expect(result.ok).toBe(false);
    expect(snapshot()).toEqual(before);
    return result.ok ? null : result.error.code;
  };

  beforeAll(async () => {
    root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-composesave-')));
    project = path.join(root, 'project');
    elsewhere = path.join(root, 'elsewhere');
    for (const dir of [project, elsewhere]) fs.mkdirSync(dir);
    fs.writeFileSync(path.join(project, 'compose.yaml'), 'services:\n  web:\n    image: busybox\n');
    fs.writeFileSync(path.join(project, 'other.yml'), 'services:\n  x:\n    image: busybox\n');
    fs.writeFileSync(path.join(project, 'config.yaml'), 'services:\n  y:\n    image: busybox\n');
    fs.writeFileSync(path.join(elsewhere, 'compose.yaml'), 'services:\n  z:\n    image: busybox\n');
    backend = createBackend({ system: realHostSystem(process.env), workDir: path.join(root, 'work') });
    const opened = await backend.server.handleRequest('compose.open', { path: project });
    if (!opened.ok) throw new Error(opened.error.message);
    version = (opened.value as { files: { version: string }[] }).files[0]!.version;
    const config = await backend.server.handleRequest('compose.open', { path: path.join(project, 'config.yaml') });
    if (!config.ok) throw new Error(config.error.message);
    configVersion = (config.value as { files: { version: string }[] }).files[0]!.version;
  });

  afterAll(() => {
    backend?.stop();
    if (root) fs.rmSync(root, { recursive: true, force: true });
  });

  it('refuses a folder never opened, even with a file of the same name', async () => {
    const save = { folder: elsewhere, file: 'compose.yaml', content: 'services: {}\n', version };
    expect(await refusedWithoutWriting('compose.save', save)).toBe('forbidden');
    expect(await refusedWithoutWriting('compose.check', { folder: elsewhere, file: 'compose.yaml', content: '' })).toBe(
      'forbidden',
    );
  });

  it('refuses a file of an opened folder that was not opened, or a name that leads out of it', async () => {
    for (const file of [
      'other.yml',
      'new-compose.yaml',
      '../elsewhere/compose.yaml',
      '/etc/compose.yaml',
      'compose.yaml/..',
    ]) {
      expect(await refusedWithoutWriting('compose.save', { folder: project, file, content: 'x: 1\n', version })).toBe(
        'forbidden',
      );
    }
  });

  it('refuses the opened folder reached through a path that is not it', async () => {
    const save = { folder: path.join(project, '..', 'elsewhere'), file: 'compose.yaml', content: 'x: 1\n', version };
    expect(await refusedWithoutWriting('compose.save', save)).toBe('forbidden');
  });

  it('opens any YAML file to read, but writes only files named like compose files', async () => {
    const save = { folder: project, file: 'config.yaml', content: 'services: {}\n', version: configVersion };
    expect(await refusedWithoutWriting('compose.save', save)).toBe('forbidden');
  });

  it('writes the opened compose file (the request the refusals are measured against)', async () => {
    const content = 'services:\n  web:\n    image: redis\n';
    const result = await backend.server.handleRequest('compose.save', {
      folder: project,
      file: 'compose.yaml',
      content,
      version,
    });
    expect(result).toMatchObject({ ok: true, value: { saved: true } });
    expect(fs.readFileSync(path.join(project, 'compose.yaml'), 'utf8')).toBe(content);
  });
});
