import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../src/main/backend';
import { ComposeFiles } from '../../src/main/compose/composeFiles';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { composeDocumentSchema, composeOpenProblems, MAX_COMPOSE_FILE_BYTES } from '../../src/shared/compose';
import { en } from '../../src/shared/i18n/en';
import { ko } from '../../src/shared/i18n/ko';
import { refusal, writeFileIn } from '../fixtures/projectFiles';

// Compose projects on disk (no engine needed): which files compose would read, refusals with the
// problem the page names, .env variables, checking the text being edited, and saving only what was
// opened, over the version the editor started from.

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const SIMPLE = 'services:\n  web:\n    image: busybox\n';

let root: string;
let project: string;
let outside: string;
let files: ComposeFiles;

const write = (relative: string, content: string, base = project) => writeFileIn(base, relative, content);

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-composefiles-')));
  project = path.join(root, 'My Project');
  outside = path.join(root, 'outside');
  fs.mkdirSync(project);
  fs.mkdirSync(outside);
  files = new ComposeFiles({ workDir: path.join(root, 'work'), environment: { BERTH_FROM_SHELL: 'shell' } });
});

afterEach(() => {
  files.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('opening', () => {
  it('finds the file compose prefers in a folder, with its override, and hashes each version', async () => {
    write('docker-compose.yml', SIMPLE.replace('busybox', 'redis'));
    write('compose.yaml', SIMPLE);
    write('compose.override.yaml', 'services:\n  web:\n    ports: ["8080:80"]\n');
    write('docker-compose.override.yml', 'services:\n  web:\n    ports: ["9999:80"]\n');
    const document = composeDocumentSchema.parse(await files.open({ path: project }));
    expect(document.folder).toBe(project);
    expect(document.projectName).toBe('myproject');
    expect(document.files.map((file) => [file.name, file.path, file.version])).toEqual([
      ['compose.yaml', path.join(project, 'compose.yaml'), sha256(SIMPLE)],
      [
        'compose.override.yaml',
        path.join(project, 'compose.override.yaml'),
        sha256('services:\n  web:\n    ports: ["8080:80"]\n'),
      ],
    ]);
    expect(document.problems).toEqual([]);
    expect(document.model!.services[0]).toMatchObject({ name: 'web', image: 'busybox', ports: ['8080:80'] });
  });

  it('opens a file path with the override beside it when it has a standard name, alone otherwise', async () => {
    write('docker-compose.yml', SIMPLE);
    write('docker-compose.override.yml', 'services:\n  web:\n    ports: ["8080:80"]\n');
    write('prod.yml', 'services:\n  api:\n    image: redis\n');
    const standard = await files.open({ path: path.join(project, 'docker-compose.yml') });
    expect(standard.files.map((file) => file.name)).toEqual(['docker-compose.yml', 'docker-compose.override.yml']);
    const other = await files.open({ path: path.join(project, 'prod.yml') });
    expect(other.files.map((file) => file.name)).toEqual(['prod.yml']);
    expect(other.model!.services.map((service) => service.name)).toEqual(['api']);
  });

  it('refuses what it cannot open, naming the problem', async () => {
    expect(await refusal(files.open({ path: path.join(root, 'nothing-here') }))).toEqual({
      code: 'not-found',
      problem: 'folder-missing',
    });
    expect(await refusal(files.open({ path: project }))).toEqual({ code: 'not-found', problem: 'no-compose-file' });
    write('notes.txt', 'secret notes');
    expect(await refusal(files.open({ path: path.join(project, 'notes.txt') }))).toEqual({
      code: 'invalid-input',
      problem: 'no-compose-file',
    });
    write('big/compose.yaml', `# ${'x'.repeat(MAX_COMPOSE_FILE_BYTES)}\n`);
    expect(await refusal(files.open({ path: path.join(project, 'big') }))).toEqual({
      code: 'invalid-input',
      problem: 'too-large',
    });
    fs.mkdirSync(path.join(project, 'dir', 'compose.yaml'), { recursive: true });
    expect(await refusal(files.open({ path: path.join(project, 'dir') }))).toEqual({
      code: 'invalid-input',
      problem: 'not-a-file',
    });
  });

  it('refuses a compose file or override that is a link leading outside the folder', async () => {
    const elsewhere = write('compose.yaml', SIMPLE, outside);
    fs.symlinkSync(elsewhere, path.join(project, 'compose.yaml'));
    expect(await refusal(files.open({ path: project }))).toEqual({ code: 'forbidden', problem: 'outside-folder' });
    fs.rmSync(path.join(project, 'compose.yaml'));
    write('compose.yaml', SIMPLE);
    fs.symlinkSync(elsewhere, path.join(project, 'compose.override.yaml'));
    expect(await refusal(files.open({ path: project }))).toEqual({ code: 'forbidden', problem: 'outside-folder' });
  });

  it('substitutes variables from the shell first, then the folder .env', async () => {
    write('.env', 'BERTH_FROM_SHELL=dotenv\nTAG=1.36\n');
    write(
      'compose.yaml',
      'services:\n  web:\n    image: "busybox:${TAG}"\n    environment:\n      - "A=${BERTH_FROM_SHELL}"\n',
    );
    const document = await files.open({ path: project });
    expect(document.model!.services[0]!.image).toBe('busybox:1.36');
    expect(document.model!.services[0]!.environment[0]).toEqual({ name: 'A', value: 'shell', secret: false });
  });
});

describe('checking the text being edited', () => {
  it('reads it with the project’s other files from disk, and writes nothing', async () => {
    write('compose.yaml', SIMPLE);
    write('compose.override.yaml', 'services:\n  web:\n    ports: ["8080:80"]\n');
    await files.open({ path: project });
    const edited = 'services:\n  web:\n    image: busybox\n    depends_on: [db]\n';
    const result = await files.check({ folder: project, file: 'compose.yaml', content: edited });
    expect(result.model!.services[0]!.ports).toEqual(['8080:80']);
    expect(result.problems).toEqual([
      {
        kind: 'unknown-reference',
        file: 'compose.yaml',
        line: 4,
        column: 18,
        at: 'services.web.depends_on[0]',
        params: { kind: 'service', name: 'db' },
      },
    ]);
    expect(fs.readFileSync(path.join(project, 'compose.yaml'), 'utf8')).toBe(SIMPLE);
    const broken = await files.check({ folder: project, file: 'compose.override.yaml', content: 'services: [' });
    expect(broken.model).toBeNull();
    expect(broken.problems[0]).toMatchObject({ kind: 'yaml-syntax', file: 'compose.override.yaml' });
  });

  it('refuses a folder or file it did not open', async () => {
    write('compose.yaml', SIMPLE);
    expect(await refusal(files.check({ folder: project, file: 'compose.yaml', content: SIMPLE }))).toEqual({
      code: 'forbidden',
      problem: 'not-opened',
    });
    await files.open({ path: project });
    expect(await refusal(files.check({ folder: project, file: 'other.yaml', content: SIMPLE }))).toEqual({
      code: 'forbidden',
      problem: 'not-opened',
    });
  });
});

describe('saving', () => {
  it('writes the file atomically over the version it started from and returns the project read again', async () => {
    const file = write('compose.yaml', SIMPLE);
    fs.chmodSync(file, 0o640);
    const opened = await files.open({ path: project });
    const content = `${SIMPLE}    ports: ["8089:80"]\n`;
    const result = await files.save({
      folder: project,
      file: 'compose.yaml',
      content,
      version: opened.files[0]!.version,
    });
    expect(result.saved).toBe(true);
    if (!result.saved) return;
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    expect(fs.statSync(file).mode & 0o777).toBe(0o640);
    expect(result.document.files[0]!.version).toBe(sha256(content));
    expect(result.document.model!.services[0]!.ports).toEqual(['8089:80']);
    // No temporary file left beside it.
    expect(fs.readdirSync(project)).toEqual(['compose.yaml']);
  });

  it('refuses to overwrite a file changed on disk since, and hands back the file as it is now', async () => {
    const file = write('compose.yaml', SIMPLE);
    const opened = await files.open({ path: project });
    const theirs = `${SIMPLE}# changed in another editor\n`;
    fs.writeFileSync(file, theirs);
    const result = await files.save({
      folder: project,
      file: 'compose.yaml',
      content: 'services: {}\n',
      version: opened.files[0]!.version,
    });
    expect(result).toEqual({
      saved: false,
      onDisk: { path: file, name: 'compose.yaml', content: theirs, version: sha256(theirs) },
    });
    expect(fs.readFileSync(file, 'utf8')).toBe(theirs);
  });

  it('writes through a link inside the folder to its target, keeping the link', async () => {
    const target = write('real/compose.yaml', SIMPLE);
    fs.symlinkSync(target, path.join(project, 'compose.yaml'));
    const opened = await files.open({ path: project });
    const result = await files.save({
      folder: project,
      file: 'compose.yaml',
      content: `${SIMPLE}# saved\n`,
      version: opened.files[0]!.version,
    });
    expect(result.saved).toBe(true);
    expect(fs.lstatSync(path.join(project, 'compose.yaml')).isSymbolicLink()).toBe(true);
    expect(fs.readFileSync(target, 'utf8')).toBe(`${SIMPLE}# saved\n`);
  });
});

describe('the example', () => {
  it('copies visit-counter once into Berth’s folder and opens it without problems; the learner’s edits stay', async () => {
    const document = await files.openExample({ name: 'visit-counter' });
    const copy = path.join(root, 'work', 'visit-counter');
    expect(document.folder).toBe(copy);
    expect(document.projectName).toBe('visit-counter');
    expect(document.problems).toEqual([]);
    const model = document.model!;
    expect(model.services.map((service) => service.name)).toEqual(['web', 'redis']);
    const [web, redis] = model.services;
    expect(web!.build).toEqual({ context: path.join(copy, 'web'), dockerfile: null });
    expect(web!.ports).toEqual(['127.0.0.1:8089:80']);
    expect(web!.dependsOn).toEqual([{ service: 'redis', condition: 'service_started' }]);
    expect(web!.networks).toEqual(['counter-net']);
    expect(redis!.image).toBe('redis');
    expect(redis!.volumes).toEqual([{ type: 'volume', source: 'counter-data', target: '/data', readOnly: false }]);
    expect(model.volumes).toEqual([{ name: 'counter-data', external: false }]);
    expect(model.networks).toEqual([{ name: 'counter-net', external: false }]);
    expect(model.riskyMounts).toEqual([]);

    const edited = `${document.files[0]!.content}# my note\n`;
    await files.save({ folder: copy, file: 'compose.yaml', content: edited, version: document.files[0]!.version });
    const again = await files.openExample({ name: 'visit-counter' });
    expect(again.files[0]!.content).toBe(edited);
  });
});

describe('several projects in one folder', () => {
  it('keeps each opened file group: checking and saving one does not forget the other', async () => {
    write('compose.yaml', SIMPLE);
    write('compose.override.yaml', 'services:\n  web:\n    ports: ["8080:80"]\n');
    write('prod.yml', 'services:\n  api:\n    image: redis\n');
    const main = await files.open({ path: project });
    await files.open({ path: path.join(project, 'prod.yml') });
    const checked = await files.check({
      folder: project,
      file: 'compose.override.yaml',
      content: 'services: {web: {ports: ["1:1"]}}\n',
    });
    expect(checked.model!.services.map((service) => [service.name, service.ports])).toEqual([['web', ['1:1']]]);
    const saved = await files.save({
      folder: project,
      file: 'compose.yaml',
      content: SIMPLE,
      version: main.files[0]!.version,
    });
    expect(saved.saved && saved.document.files.map((file) => file.name)).toEqual([
      'compose.yaml',
      'compose.override.yaml',
    ]);
  });
});

describe('the refusals’ sentences', () => {
  it('has a sentence in both languages for every problem a refusal names', () => {
    for (const problem of composeOpenProblems) {
      expect(en.composeFiles.problem[problem]).toBeTruthy();
      expect(ko.composeFiles.problem[problem]).toBeTruthy();
    }
  });
});

describe('through the contract', () => {
  it('answers compose.openExample, compose.check and compose.save with what the schemas promise', async () => {
    const backend = createBackend({ system: realHostSystem(process.env), workDir: path.join(root, 'backend-work') });
    try {
      const opened = await backend.server.handleRequest('compose.openExample', { name: 'visit-counter' });
      if (!opened.ok) throw new Error(opened.error.message);
      const document = composeDocumentSchema.parse(opened.value);
      const main = document.files[0]!;
      const broken = main.content.replace('image: redis', 'image: redis\n    restart: [always]');
      const checked = await backend.server.handleRequest('compose.check', {
        folder: document.folder,
        file: main.name,
        content: broken,
      });
      expect(checked).toMatchObject({
        ok: true,
        value: { problems: [{ kind: 'wrong-type', at: 'services.redis.restart', params: { expected: 'string' } }] },
      });
      const saved = await backend.server.handleRequest('compose.save', {
        folder: document.folder,
        file: main.name,
        content: main.content,
        version: 'sha256:stale',
      });
      expect(saved).toMatchObject({ ok: true, value: { saved: false, onDisk: { version: main.version } } });
    } finally {
      backend.stop();
    }
  });
});
