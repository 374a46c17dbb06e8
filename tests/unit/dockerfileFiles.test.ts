import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createBackend } from '../../src/main/backend';
import { DockerfileFiles } from '../../src/main/builds/dockerfileFiles';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { buildExampleNames, buildFileProblems, DOCKERFILE_ABSENT_VERSION } from '../../src/shared/builds';
import { parseDockerfile } from '../../src/shared/dockerfile';
import { en } from '../../src/shared/i18n/en';
import { ko } from '../../src/shared/i18n/ko';
import { refusal, writeFileIn } from '../fixtures/projectFiles';

const sha256 = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;

let root: string;
let project: string;
let outside: string;
let files: DockerfileFiles;

const write = (relative: string, content: string, base = project) => writeFileIn(base, relative, content);

beforeEach(() => {
  root = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'berth-dockerfiles-')));
  project = path.join(root, 'project');
  outside = path.join(root, 'outside');
  fs.mkdirSync(project);
  fs.mkdirSync(outside);
  files = new DockerfileFiles({ workDir: path.join(root, 'work') });
});

afterEach(() => {
  files.dispose();
  fs.rmSync(root, { recursive: true, force: true });
});

describe('openFolder', () => {
  it('finds the Dockerfile, its version a hash of the bytes, and lists what looks like a Dockerfile', async () => {
    write('Dockerfile', 'FROM busybox\n');
    write('Dockerfile.dev', 'FROM busybox\n');
    write('prod.Dockerfile', 'FROM busybox\n');
    write('Containerfile', 'FROM busybox\n');
    write('docker/api.dockerfile', 'FROM busybox\n');
    write('README.md', 'not one');
    write('Dockerfiles.txt', 'not one');
    write('node_modules/pkg/Dockerfile', 'skipped: node_modules');
    write('.git/Dockerfile', 'skipped: hidden');
    fs.symlinkSync(write('elsewhere.Dockerfile', 'FROM busybox\n', outside), path.join(project, 'linked.Dockerfile'));

    const folder = await files.openFolder({ folder: project, dockerfile: null });

    expect(folder.contextPath).toBe(project);
    expect(folder.dockerfile).toEqual({
      path: 'Dockerfile',
      content: 'FROM busybox\n',
      version: sha256('FROM busybox\n'),
    });
    expect(folder.candidates).toEqual([
      'Containerfile',
      'Dockerfile',
      'Dockerfile.dev',
      'prod.Dockerfile',
      'docker/api.dockerfile',
    ]);
  });

  it('takes Containerfile when there is no Dockerfile, and the file asked for', async () => {
    write('Containerfile', 'FROM busybox\nRUN true\n');
    write('docker/dev.Dockerfile', 'FROM busybox AS dev\n');
    expect((await files.openFolder({ folder: project, dockerfile: null })).dockerfile?.path).toBe('Containerfile');
    const asked = await files.openFolder({ folder: project, dockerfile: 'docker/dev.Dockerfile' });
    expect(asked.dockerfile).toMatchObject({ path: 'docker/dev.Dockerfile', content: 'FROM busybox AS dev\n' });
  });

  it('answers a folder without a Dockerfile with none and the candidates', async () => {
    write('build.Dockerfile', 'FROM busybox\n');
    expect(await files.openFolder({ folder: project, dockerfile: null })).toEqual({
      contextPath: project,
      dockerfile: null,
      candidates: ['build.Dockerfile'],
    });
  });

  it('says clearly when the folder is not there, not a folder, or the Dockerfile is a folder', async () => {
    expect(await refusal(files.openFolder({ folder: path.join(root, 'nope'), dockerfile: null }))).toEqual({
      code: 'not-found',
      problem: 'folder-missing',
    });
    const file = write('Dockerfile', 'FROM busybox\n');
    expect(await refusal(files.openFolder({ folder: file, dockerfile: null }))).toEqual({
      code: 'invalid-input',
      problem: 'not-a-folder',
    });
    fs.mkdirSync(path.join(project, 'Dockerfile.d'));
    expect(await refusal(files.openFolder({ folder: project, dockerfile: 'Dockerfile.d' }))).toEqual({
      code: 'invalid-input',
      problem: 'not-a-file',
    });
  });

  it.skipIf(process.getuid?.() === 0)('says clearly when the folder cannot be read', async () => {
    fs.chmodSync(project, 0o000);
    try {
      expect(await refusal(files.openFolder({ folder: project, dockerfile: null }))).toEqual({
        code: 'forbidden',
        problem: 'folder-unreadable',
      });
    } finally {
      fs.chmodSync(project, 0o755);
    }
  });

  it('refuses a Dockerfile that is a link out of the folder, or behind a folder link that leads out', async () => {
    const secret = write('secret', 'not for Berth', outside);
    fs.symlinkSync(secret, path.join(project, 'Dockerfile'));
    fs.symlinkSync(outside, path.join(project, 'docker'));
    expect(await refusal(files.openFolder({ folder: project, dockerfile: null }))).toEqual({
      code: 'forbidden',
      problem: 'outside-folder',
    });
    expect(await refusal(files.openFolder({ folder: project, dockerfile: 'docker/secret' }))).toEqual({
      code: 'forbidden',
      problem: 'outside-folder',
    });
  });

  it('opens a link to a Dockerfile inside the folder', async () => {
    write('docker/Dockerfile', 'FROM busybox\n');
    fs.symlinkSync('docker/Dockerfile', path.join(project, 'Dockerfile'));
    const folder = await files.openFolder({ folder: project, dockerfile: null });
    expect(folder.dockerfile?.content).toBe('FROM busybox\n');
    expect(folder.candidates).toEqual(['Dockerfile', 'docker/Dockerfile']);
  });

  it('writes nothing: the folder and the file stay as they were', async () => {
    const file = write('Dockerfile', 'FROM busybox\n');
    const before = fs.statSync(file);
    await files.openFolder({ folder: project, dockerfile: null });
    expect(fs.readdirSync(project)).toEqual(['Dockerfile']);
    expect(fs.statSync(file).mtimeMs).toBe(before.mtimeMs);
    expect(fs.readFileSync(file, 'utf8')).toBe('FROM busybox\n');
  });
});

describe('saveDockerfile', () => {
  it('saves over the version it opened, atomically: a new file in place, mode kept, nothing left beside it', async () => {
    const file = write('Dockerfile', 'FROM busybox\n');
    fs.chmodSync(file, 0o640);
    const inodeBefore = fs.statSync(file).ino;
    const { dockerfile } = await files.openFolder({ folder: project, dockerfile: null });

    const result = await files.saveDockerfile({
      contextPath: project,
      dockerfile: 'Dockerfile',
      content: 'FROM busybox\nCMD ["echo", "hi"]\n',
      version: dockerfile!.version,
    });

    const content = 'FROM busybox\nCMD ["echo", "hi"]\n';
    expect(result).toEqual({ saved: true, document: { path: 'Dockerfile', content, version: sha256(content) } });
    expect(fs.readFileSync(file, 'utf8')).toBe(content);
    const after = fs.statSync(file);
    expect(after.mode & 0o7777).toBe(0o640);
    // Renamed over the old file, not written into it: a reader never sees half a file.
    expect(after.ino).not.toBe(inodeBefore);
    expect(fs.readdirSync(project)).toEqual(['Dockerfile']);

    // The next save starts from the saved version.
    const again = await files.saveDockerfile({
      contextPath: project,
      dockerfile: 'Dockerfile',
      content: 'FROM busybox\n',
      version: sha256(content),
    });
    expect(again.saved).toBe(true);
  });

  it('refuses when the file changed on disk since, keeps the other writer’s bytes, and says what is on disk', async () => {
    const file = write('Dockerfile', 'FROM busybox\n');
    const { dockerfile } = await files.openFolder({ folder: project, dockerfile: null });
    fs.writeFileSync(file, 'FROM busybox\nRUN echo theirs\n');

    const result = await files.saveDockerfile({
      contextPath: project,
      dockerfile: 'Dockerfile',
      content: 'FROM busybox\nRUN echo mine\n',
      version: dockerfile!.version,
    });

    expect(result).toEqual({
      saved: false,
      onDisk: {
        path: 'Dockerfile',
        content: 'FROM busybox\nRUN echo theirs\n',
        version: sha256('FROM busybox\nRUN echo theirs\n'),
      },
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('FROM busybox\nRUN echo theirs\n');
    expect(fs.readdirSync(project)).toEqual(['Dockerfile']);
  });

  it('says a file removed since was removed, and writes nothing', async () => {
    const file = write('Dockerfile', 'FROM busybox\n');
    const { dockerfile } = await files.openFolder({ folder: project, dockerfile: null });
    fs.rmSync(file);
    const result = await files.saveDockerfile({
      contextPath: project,
      dockerfile: 'Dockerfile',
      content: 'FROM busybox\n',
      version: dockerfile!.version,
    });
    expect(result).toEqual({
      saved: false,
      onDisk: { path: 'Dockerfile', content: '', version: DOCKERFILE_ABSENT_VERSION },
    });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('refuses a file of a folder never opened, and another file of an opened folder', async () => {
    const file = write('Dockerfile', 'FROM busybox\n');
    const other = write('Dockerfile.dev', 'FROM busybox\n');
    const save = (dockerfile: string, version: string) =>
      files.saveDockerfile({ contextPath: project, dockerfile, content: 'pwned', version });

    expect(await refusal(save('Dockerfile', sha256('FROM busybox\n')))).toEqual({
      code: 'forbidden',
      problem: 'not-opened',
    });
    await files.openFolder({ folder: project, dockerfile: null });
    // Opened: Dockerfile. Not opened: Dockerfile.dev, even with its right version.
    expect(await refusal(save('Dockerfile.dev', sha256('FROM busybox\n')))).toEqual({
      code: 'forbidden',
      problem: 'not-opened',
    });
    // A new file that is no Dockerfile: a taken-over renderer must not plant one.
    expect(await refusal(save('.bashrc', DOCKERFILE_ABSENT_VERSION))).toEqual({
      code: 'forbidden',
      problem: 'not-opened',
    });
    expect(fs.readFileSync(file, 'utf8')).toBe('FROM busybox\n');
    expect(fs.readFileSync(other, 'utf8')).toBe('FROM busybox\n');
    expect(fs.existsSync(path.join(project, '.bashrc'))).toBe(false);
  });

  it('refuses an opened Dockerfile replaced by a link out of the folder, and leaves the outside file alone', async () => {
    const file = write('Dockerfile', 'FROM busybox\n');
    const target = write('Dockerfile', 'FROM busybox\n', outside);
    await files.openFolder({ folder: project, dockerfile: null });
    fs.rmSync(file);
    fs.symlinkSync(target, file);

    expect(
      await refusal(
        files.saveDockerfile({
          contextPath: project,
          dockerfile: 'Dockerfile',
          content: 'pwned',
          version: sha256('FROM busybox\n'),
        }),
      ),
    ).toEqual({ code: 'forbidden', problem: 'outside-folder' });
    expect(fs.readFileSync(target, 'utf8')).toBe('FROM busybox\n');
    expect(fs.lstatSync(file).isSymbolicLink()).toBe(true);
  });

  it('creates a Dockerfile in an opened folder that has none, only while none is there', async () => {
    await files.openFolder({ folder: project, dockerfile: null });
    const created = await files.saveDockerfile({
      contextPath: project,
      dockerfile: 'Dockerfile',
      content: 'FROM busybox\n',
      version: DOCKERFILE_ABSENT_VERSION,
    });
    expect(created).toEqual({
      saved: true,
      document: { path: 'Dockerfile', content: 'FROM busybox\n', version: sha256('FROM busybox\n') },
    });
    expect(fs.readFileSync(path.join(project, 'Dockerfile'), 'utf8')).toBe('FROM busybox\n');
    expect(fs.statSync(path.join(project, 'Dockerfile')).mode & 0o777).toBe(0o644);

    // A second "new file" over the one now there is a conflict, not an overwrite.
    const second = await files.saveDockerfile({
      contextPath: project,
      dockerfile: 'Dockerfile',
      content: 'FROM busybox\nRUN echo second\n',
      version: DOCKERFILE_ABSENT_VERSION,
    });
    expect(second).toMatchObject({ saved: false, onDisk: { content: 'FROM busybox\n' } });
    expect(fs.readFileSync(path.join(project, 'Dockerfile'), 'utf8')).toBe('FROM busybox\n');
  });
});

describe('with the OS folder dialog (Electron): only chosen folders', () => {
  const save = (guarded: DockerfileFiles, dockerfile: string, version: string) =>
    guarded.saveDockerfile({ contextPath: project, dockerfile, content: 'echo pwned\n', version });

  it('refuses a file not named like a Dockerfile, and a new Dockerfile, in a folder the user did not choose', async () => {
    const guarded = new DockerfileFiles({ workDir: path.join(root, 'work'), onlyChosenFolders: true });
    const rc = write('.bashrc', 'export PS1=x\n');
    // A taken-over renderer can open any file as "the Dockerfile asked for"...
    const opened = await guarded.openFolder({ folder: project, dockerfile: '.bashrc' });
    // ...but not save it, nor plant a new file, without the user choosing the folder.
    expect(await refusal(save(guarded, '.bashrc', opened.dockerfile!.version))).toEqual({
      code: 'forbidden',
      problem: 'not-opened',
    });
    expect(await refusal(save(guarded, 'Dockerfile', DOCKERFILE_ABSENT_VERSION))).toEqual({
      code: 'forbidden',
      problem: 'not-opened',
    });
    expect(fs.readFileSync(rc, 'utf8')).toBe('export PS1=x\n');
    expect(fs.existsSync(path.join(project, 'Dockerfile'))).toBe(false);

    // An opened file named like a Dockerfile may be saved anywhere.
    write('Dockerfile.dev', 'FROM busybox\n');
    const dev = await guarded.openFolder({ folder: project, dockerfile: 'Dockerfile.dev' });
    expect((await save(guarded, 'Dockerfile.dev', dev.dockerfile!.version)).saved).toBe(true);
    guarded.dispose();
  });

  it('allows both once the user chose the folder (or a folder above it) in the dialog', async () => {
    const guarded = new DockerfileFiles({ workDir: path.join(root, 'work'), onlyChosenFolders: true });
    write('build.conf', 'FROM busybox\n');
    guarded.chooseFolder(root);
    const opened = await guarded.openFolder({ folder: project, dockerfile: 'build.conf' });
    expect((await save(guarded, 'build.conf', opened.dockerfile!.version)).saved).toBe(true);
    expect((await save(guarded, 'Dockerfile', DOCKERFILE_ABSENT_VERSION)).saved).toBe(true);
    guarded.dispose();
  });

  it('lets the backend choose the folder the dialog answered', async () => {
    const backend = createBackend({
      system: realHostSystem(process.env),
      workDir: path.join(root, 'work'),
      pickFolder: async () => project,
    });
    try {
      const create = { contextPath: project, dockerfile: 'Dockerfile', content: 'FROM busybox\n' };
      await backend.server.handleRequest('builds.openFolder', { folder: project });
      expect(
        await backend.server.handleRequest('builds.saveDockerfile', { ...create, version: DOCKERFILE_ABSENT_VERSION }),
      ).toMatchObject({ ok: false, error: { code: 'forbidden' } });
      await backend.server.handleRequest('builds.pickFolder', {});
      expect(
        await backend.server.handleRequest('builds.saveDockerfile', { ...create, version: DOCKERFILE_ABSENT_VERSION }),
      ).toMatchObject({ ok: true, value: { saved: true } });
    } finally {
      backend.stop();
    }
  });
});

describe('openExample', () => {
  it('copies each example into the work folder the first time only, so the learner’s edits stay', async () => {
    const work = path.join(root, 'work');
    const first = await files.openExample({ name: 'static-site' });
    expect(first.contextPath).toBe(path.join(work, 'static-site'));
    expect(first.dockerfile?.path).toBe('Dockerfile');
    expect(fs.readdirSync(first.contextPath).sort()).toEqual(['Dockerfile', 'index.html']);

    const edited = `${first.dockerfile!.content}# mine\n`;
    const saved = await files.saveDockerfile({
      contextPath: first.contextPath,
      dockerfile: 'Dockerfile',
      content: edited,
      version: first.dockerfile!.version,
    });
    expect(saved.saved).toBe(true);

    const second = await new DockerfileFiles({ workDir: work }).openExample({ name: 'static-site' });
    expect(second.dockerfile?.content).toBe(edited);
    // The bundled example itself is untouched.
    expect(
      fs.readFileSync(path.resolve(__dirname, '../../resources/examples/static-site/Dockerfile'), 'utf8'),
    ).not.toBe(edited);
    expect(fs.readdirSync(work)).toEqual(['static-site']);
  });

  it('ships examples that build FROM busybox: a page on 8080, and a two-stage build', async () => {
    for (const name of buildExampleNames) {
      const folder = await files.openExample({ name });
      const parsed = parseDockerfile(folder.dockerfile!.content);
      expect(parsed.stages.every((stage) => stage.base === 'busybox')).toBe(true);
    }
    const site = parseDockerfile((await files.openExample({ name: 'static-site' })).dockerfile!.content);
    expect(site.exposedPorts).toEqual([{ port: 8080, protocol: 'tcp' }]);
    const multi = parseDockerfile((await files.openExample({ name: 'multi-stage' })).dockerfile!.content);
    expect(multi.stages.map((stage) => stage.name)).toEqual(['build', null]);
    expect(multi.instructions.some((instruction) => instruction.text.includes('--from=build'))).toBe(true);
  });

  it('without a work folder uses a temporary one and removes it at dispose', async () => {
    const own = new DockerfileFiles();
    const folder = await own.openExample({ name: 'multi-stage' });
    expect(fs.existsSync(folder.contextPath)).toBe(true);
    own.dispose();
    expect(fs.existsSync(folder.contextPath)).toBe(false);
  });
});

describe('the builds requests in the backend', () => {
  it('answers pickFolder with the shell’s dialog, or "not available" without one', async () => {
    const without = createBackend({ system: realHostSystem(process.env), workDir: path.join(root, 'work') });
    const picked = path.join(root, 'picked');
    const withDialog = createBackend({ system: realHostSystem(process.env), pickFolder: async () => picked });
    try {
      expect(await without.server.handleRequest('builds.pickFolder', {})).toEqual({
        ok: true,
        value: { available: false, path: null },
      });
      expect(await withDialog.server.handleRequest('builds.pickFolder', {})).toEqual({
        ok: true,
        value: { available: true, path: picked },
      });
    } finally {
      without.stop();
      withDialog.stop();
    }
  });

  it('opens, saves and refuses through the contract', async () => {
    write('Dockerfile', 'FROM busybox\n');
    const backend = createBackend({ system: realHostSystem(process.env), workDir: path.join(root, 'work') });
    try {
      const save = { contextPath: project, dockerfile: 'Dockerfile', content: 'x', version: sha256('FROM busybox\n') };
      expect(await backend.server.handleRequest('builds.saveDockerfile', save)).toMatchObject({
        ok: false,
        error: { code: 'forbidden', issues: [{ path: 'dockerfile', message: 'not-opened' }] },
      });
      expect(await backend.server.handleRequest('builds.openFolder', { folder: project })).toMatchObject({
        ok: true,
        value: { dockerfile: { path: 'Dockerfile' } },
      });
      expect(await backend.server.handleRequest('builds.saveDockerfile', save)).toMatchObject({
        ok: true,
        value: { saved: true },
      });
      expect(await backend.server.handleRequest('builds.openExample', { name: 'multi-stage' })).toMatchObject({
        ok: true,
        value: { contextPath: path.join(root, 'work', 'multi-stage') },
      });
    } finally {
      backend.stop();
    }
  });
});

describe('the problems’ texts', () => {
  it('has a sentence for every problem in both languages', () => {
    for (const problem of buildFileProblems) {
      expect(en.buildFiles.problem[problem], problem).toBeTruthy();
      expect(ko.buildFiles.problem[problem], problem).toBeTruthy();
    }
  });
});
