import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import fsPromises from 'node:fs/promises';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBackend } from '../../src/main/backend';
import { ignoreFolder, packBuildContext, summarizeBuildContext } from '../../src/main/builds/buildContext';
import { realHostSystem } from '../../src/main/host/hostSystem';
import { CONTEXT_WARNING_BYTES } from '../../src/shared/builds';
import { BerthError } from '../../src/shared/errors';
import { readTarEntries } from '../fixtures/readTar';

interface TarEntry {
  type: string;
  size: number;
  mode: number;
  uid: number;
  linkname: string | null;
  content: string;
}

/** The tar stream read back, entry by entry, by name without a folder's trailing /. */
async function readTar(stream: Readable): Promise<Map<string, TarEntry>> {
  const entries = await readTarEntries(stream);
  return new Map(
    entries.map(({ header, content }) => [
      header.name.replace(/\/$/, ''),
      {
        type: header.type ?? 'file',
        size: header.size ?? 0,
        mode: header.mode ?? 0,
        uid: header.uid ?? -1,
        linkname: header.linkname ?? null,
        content: content.toString('utf8'),
      },
    ]),
  );
}

let base: string;
let context: string;

function write(relative: string, content: string | number = 'x'): void {
  const file = path.join(context, relative);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, typeof content === 'number' ? Buffer.alloc(content, 'a') : content);
}

const sentFiles = (entries: Map<string, TarEntry>) =>
  [...entries]
    .filter(([, entry]) => entry.type !== 'directory')
    .map(([name]) => name)
    .sort();

beforeEach(() => {
  base = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-context-'));
  context = path.join(base, 'project');
  fs.mkdirSync(context);
});

afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(base, { recursive: true, force: true });
});

describe('.dockerignore, as the docker CLI reads it', () => {
  it('leaves out what the patterns name (comments, **, leading and trailing /, !negation), in the summary and the tar alike', async () => {
    write('Dockerfile', 'FROM busybox\n');
    write('app.js', 'console.log(1)');
    write('debug.log');
    write('src/index.js');
    write('src/deep/trace.log');
    write('src/#notes.txt');
    write('build/out.js');
    write('lib/build/keep.js');
    write('secrets/key.pem');
    write('docs/guide.md');
    write('docs/keep.md');
    write('node_modules/left/index.js');
    write('node_modules/keep.txt');
    write(
      '.dockerignore',
      [
        '# a comment, not a pattern',
        '**/*.log',
        '/build',
        'secrets/',
        '  docs  ',
        '!docs/keep.md',
        'node_modules',
        '!node_modules/keep.txt',
        '',
      ].join('\n'),
    );

    const summary = await summarizeBuildContext(context, 'Dockerfile');
    const packed = await packBuildContext(context, 'Dockerfile');
    const tar = await readTar(packed.stream);

    const expected = [
      '.dockerignore',
      'Dockerfile',
      'app.js',
      'docs/keep.md',
      'lib/build/keep.js',
      'node_modules/keep.txt',
      'src/#notes.txt',
      'src/index.js',
    ];
    expect(sentFiles(tar)).toEqual(expected);
    expect(summary.files).toBe(expected.length);
    expect(packed.files).toBe(expected.length);
    const bytes = expected.reduce((sum, name) => sum + fs.statSync(path.join(context, name)).size, 0);
    expect(summary.bytes).toBe(bytes);
    expect(packed.bytes).toBe(bytes);
    // 7 patterns; the two logs and docs/guide.md left out one by one; build, secrets and
    // node_modules/left whole, not looked into (no ! pattern starts with them).
    expect(summary.ignored).toEqual({ patterns: 7, files: 3, folders: 3 });
    expect(tar.get('Dockerfile')?.content).toBe('FROM busybox\n');
  });

  it('is case-sensitive, as docker is on Linux', async () => {
    write('Dockerfile');
    write('README.md');
    write('readme.md');
    write('.dockerignore', 'README.md\n');
    const tar = await readTar((await packBuildContext(context, 'Dockerfile')).stream);
    expect(sentFiles(tar)).toEqual(['.dockerignore', 'Dockerfile', 'readme.md']);
  });

  it('still sends the Dockerfile and .dockerignore when a pattern names them', async () => {
    write('docker/dev.Dockerfile', 'FROM busybox\n');
    write('docker/notes.txt');
    write('app.js');
    write('.dockerignore', '.dockerignore\ndocker\n*.js\n');

    const tar = await readTar((await packBuildContext(context, 'docker/dev.Dockerfile')).stream);
    expect(sentFiles(tar)).toEqual(['.dockerignore', 'docker/dev.Dockerfile']);
    const summary = await summarizeBuildContext(context, 'docker/dev.Dockerfile');
    expect(summary.files).toBe(2);
  });

  it('keeps a Dockerfile whose name has pattern characters in it', async () => {
    write('c++ [dev].Dockerfile', 'FROM busybox\n');
    write('other.Dockerfile');
    write('.dockerignore', '*.Dockerfile\n');
    const tar = await readTar((await packBuildContext(context, 'c++ [dev].Dockerfile')).stream);
    expect(sentFiles(tar)).toEqual(['.dockerignore', 'c++ [dev].Dockerfile']);
  });

  it('does not look into a left-out folder when no ! pattern could bring anything back', async () => {
    write('Dockerfile');
    write('node_modules/a/b/c.js');
    write('.dockerignore', 'node_modules\n!src/keep.js\n');
    const readdir = vi.spyOn(fsPromises, 'readdir');

    const summary = await summarizeBuildContext(context, 'Dockerfile');

    const listed = readdir.mock.calls.map(([folder]) => String(folder));
    expect(listed).toContain(fs.realpathSync(context));
    expect(listed.some((folder) => folder.includes('node_modules'))).toBe(false);
    expect(summary.ignored).toEqual({ patterns: 2, files: 0, folders: 1 });
  });

  it('names a pattern docker cannot read, with its line', async () => {
    write('Dockerfile');
    write('.dockerignore', '# fine\nsrc[\n');
    await expect(summarizeBuildContext(context, 'Dockerfile')).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringContaining('line 2'),
    });
  });

  it('matches regular-expression characters as themselves ("c++", "(old)")', async () => {
    write('Dockerfile');
    write('c++/main.cpp');
    write('cc/main.cpp');
    write('(old)/a.txt');
    write('.dockerignore', 'c++\n(old)\n');
    const tar = await readTar((await packBuildContext(context, 'Dockerfile')).stream);
    expect(sentFiles(tar)).toEqual(['.dockerignore', 'Dockerfile', 'cc/main.cpp']);
  });

  it('has no ignored part without a .dockerignore', async () => {
    write('Dockerfile');
    expect((await summarizeBuildContext(context, 'Dockerfile')).ignored).toBeNull();
  });
});

describe('links', () => {
  it('sends links as links, never their targets, and lists those that point outside the context', async () => {
    write('Dockerfile');
    write('src/real.txt', 'inside');
    fs.writeFileSync(path.join(base, 'outside.txt'), 'OUTSIDE SECRET');
    fs.symlinkSync('/etc', path.join(context, 'etc-link'));
    fs.symlinkSync('../../outside.txt', path.join(context, 'src', 'up-link'));
    fs.symlinkSync('real.txt', path.join(context, 'src', 'inside-link'));

    const summary = await summarizeBuildContext(context, 'Dockerfile');
    expect(summary.outsideLinks).toEqual([
      { path: 'etc-link', target: '/etc' },
      { path: 'src/up-link', target: '../../outside.txt' },
    ]);
    expect(summary.files).toBe(5);

    const tar = await readTar((await packBuildContext(context, 'Dockerfile')).stream);
    expect(tar.get('etc-link')).toMatchObject({ type: 'symlink', linkname: '/etc', size: 0, content: '' });
    expect(tar.get('src/up-link')).toMatchObject({ type: 'symlink', linkname: '../../outside.txt', content: '' });
    expect(tar.get('src/inside-link')).toMatchObject({ type: 'symlink', linkname: 'real.txt' });
    // Nothing of /etc, nor the outside file's content, is in the tar.
    expect([...tar.keys()].some((name) => name.startsWith('etc-link/'))).toBe(false);
    expect([...tar.values()].some((entry) => entry.content.includes('OUTSIDE SECRET'))).toBe(false);
  });
});

describe('the tar', () => {
  it('keeps file modes as they are and sends owners as root, as the docker CLI does', async () => {
    write('Dockerfile');
    write('run.sh', '#!/bin/sh\n');
    fs.chmodSync(path.join(context, 'run.sh'), 0o775);
    write('private.txt');
    fs.chmodSync(path.join(context, 'private.txt'), 0o600);
    const tar = await readTar((await packBuildContext(context, 'Dockerfile')).stream);
    expect(tar.get('run.sh')?.mode).toBe(0o775);
    expect(tar.get('private.txt')?.mode).toBe(0o600);
    expect(tar.get('run.sh')?.uid).toBe(0);
  });

  it('sends folders before what they hold, and an empty folder too', async () => {
    write('Dockerfile');
    write('a/b/c.txt');
    fs.mkdirSync(path.join(context, 'empty'));
    const names = [...(await readTar((await packBuildContext(context, 'Dockerfile')).stream)).keys()];
    expect(names).toEqual(['Dockerfile', 'a', 'a/b', 'a/b/c.txt', 'empty']);
  });

  it('leaves out a socket, and the summary says so', async () => {
    write('Dockerfile');
    const socketPath = path.join(context, 'app.sock');
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(socketPath, resolve));
    try {
      const summary = await summarizeBuildContext(context, 'Dockerfile');
      expect(summary.leftOut).toEqual({ count: 1, paths: [{ path: 'app.sock', reason: 'special' }] });
      const tar = await readTar((await packBuildContext(context, 'Dockerfile')).stream);
      expect(sentFiles(tar)).toEqual(['Dockerfile']);
    } finally {
      server.close();
    }
  });

  it.skipIf(process.platform === 'win32' || process.getuid?.() !== 0)(
    'leaves out what cannot be read, without failing (run as a user without permission)',
    () => {
      write('Dockerfile');
      write('ok.txt');
      write('secret.txt');
      write('locked/inner.txt');
      fs.chmodSync(path.join(context, 'secret.txt'), 0o600);
      fs.chmodSync(path.join(context, 'locked'), 0o700);
      fs.chmodSync(base, 0o755);
      // The walk runs as "nobody", to whom root's 0600 file and 0700 folder are closed.
      const script = path.join(base, 'walk.mts');
      const module = path.resolve('src/main/builds/buildContext.ts');
      fs.writeFileSync(
        script,
        `import { packBuildContext, summarizeBuildContext } from ${JSON.stringify(module)};
const summary = await summarizeBuildContext(${JSON.stringify(context)}, 'Dockerfile');
const packed = await packBuildContext(${JSON.stringify(context)}, 'Dockerfile');
const chunks = [];
for await (const chunk of packed.stream) chunks.push(chunk);
console.log(JSON.stringify({ summary, packed: { files: packed.files, tarBytes: Buffer.concat(chunks).length } }));`,
      );
      const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
      const output = execFileSync(process.execPath, ['--import', tsx, script], {
        uid: 65534,
        gid: 65534,
        cwd: base,
        env: { ...process.env, HOME: base, TSX_TSCONFIG_PATH: path.resolve('tsconfig.node.json') },
        encoding: 'utf8',
      });
      const result = JSON.parse(output.trim().split('\n').pop()!) as {
        summary: Awaited<ReturnType<typeof summarizeBuildContext>>;
        packed: { files: number; tarBytes: number };
      };
      expect(result.summary.files).toBe(2);
      expect(result.summary.leftOut).toEqual({
        count: 2,
        paths: [
          { path: 'locked', reason: 'unreadable' },
          { path: 'secret.txt', reason: 'unreadable' },
        ],
      });
      expect(result.packed.files).toBe(2);
      expect(result.packed.tarBytes).toBeGreaterThan(0);
    },
  );
});

describe('the summary', () => {
  it('lists the 5 biggest top-level folders, biggest first, "." for the context’s own files', async () => {
    write('Dockerfile', 10);
    write('a/one.bin', 3000);
    write('b/one.bin', 1000);
    write('c/one.bin', 1500);
    write('c/two.bin', 500);
    write('d/deep/x.bin', 4000);
    write('e/one.bin', 100);
    write('f/one.bin', 50);
    const summary = await summarizeBuildContext(context, 'Dockerfile');
    expect(summary.largestFolders).toEqual([
      { path: 'd', bytes: 4000, files: 1 },
      { path: 'a', bytes: 3000, files: 1 },
      { path: 'c', bytes: 2000, files: 2 },
      { path: 'b', bytes: 1000, files: 1 },
      { path: 'e', bytes: 100, files: 1 },
    ]);
    expect(summary.bytes).toBe(10 + 3000 + 1000 + 2000 + 4000 + 100 + 50);
    expect(summary.oversized).toBeNull();

    write('big-top-level.bin', 5000);
    expect((await summarizeBuildContext(context, 'Dockerfile')).largestFolders[0]).toEqual({
      path: '.',
      bytes: 5010,
      files: 2,
    });
  });

  it('names the heaviest folder of a context over 100 MB (a sparse file: no disk used)', async () => {
    write('Dockerfile');
    write('src/index.js', 1000);
    write('node_modules/huge/blob.bin', '');
    fs.truncateSync(path.join(context, 'node_modules/huge/blob.bin'), 150 * 1024 * 1024);

    const summary = await summarizeBuildContext(context, 'Dockerfile');
    expect(summary.bytes).toBeGreaterThan(CONTEXT_WARNING_BYTES);
    expect(summary.oversized).toEqual({ folder: 'node_modules', folderBytes: 150 * 1024 * 1024 });
  });

  it('offers no folder when the context’s own files are what weighs', async () => {
    write('Dockerfile');
    write('src/index.js', 1000);
    write('dump.bin', '');
    fs.truncateSync(path.join(context, 'dump.bin'), 150 * 1024 * 1024);
    expect((await summarizeBuildContext(context, 'Dockerfile')).oversized).toEqual({ folder: null, folderBytes: 0 });
  });

  it('refuses a folder that does not exist, a file, and a Dockerfile outside the context', async () => {
    write('Dockerfile');
    await expect(summarizeBuildContext(path.join(base, 'nope'), 'Dockerfile')).rejects.toMatchObject({
      code: 'not-found',
    });
    await expect(summarizeBuildContext(path.join(context, 'Dockerfile'), 'Dockerfile')).rejects.toMatchObject({
      code: 'invalid-input',
    });
    await expect(summarizeBuildContext(context, '../Dockerfile')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(summarizeBuildContext(context, '/etc/passwd')).rejects.toBeInstanceOf(BerthError);
    await expect(packBuildContext(context, 'sub/../../Dockerfile')).rejects.toMatchObject({ code: 'invalid-input' });
  });
});

describe('ignoreFolder', () => {
  const dockerignore = () => fs.readFileSync(path.join(context, '.dockerignore'), 'utf8');

  beforeEach(() => {
    write('Dockerfile');
    write('src/index.js', 100);
    write('node_modules/pkg/index.js', 2000);
    write('dist/app.js', 300);
  });

  it('makes a .dockerignore when there is none, and the new summary leaves the folder out', async () => {
    const summary = await ignoreFolder(context, 'Dockerfile', 'node_modules');
    expect(dockerignore()).toBe('node_modules\n');
    expect(summary.ignored).toEqual({ patterns: 1, files: 0, folders: 1 });
    expect(summary.largestFolders.map((folder) => folder.path)).not.toContain('node_modules');
    expect(summary.files).toBe(4);
  });

  it('appends to what is there, adding the missing newline first', async () => {
    write('.dockerignore', '# mine\n*.log');
    await ignoreFolder(context, 'Dockerfile', 'node_modules');
    expect(dockerignore()).toBe('# mine\n*.log\nnode_modules\n');
    await ignoreFolder(context, 'Dockerfile', 'dist');
    expect(dockerignore()).toBe('# mine\n*.log\nnode_modules\ndist\n');
  });

  it('writes nothing when the line is there already', async () => {
    write('.dockerignore', 'node_modules\r\n*.tmp\r\n');
    const summary = await ignoreFolder(context, 'Dockerfile', 'node_modules');
    expect(dockerignore()).toBe('node_modules\r\n*.tmp\r\n');
    expect(summary.ignored?.patterns).toBe(2);
  });

  it('writes a line that names only that folder, even with pattern characters in its name', async () => {
    write('#tmp/a.txt');
    write('a[1]/b.txt');
    write('a1/c.txt');
    await ignoreFolder(context, 'Dockerfile', '#tmp');
    await ignoreFolder(context, 'Dockerfile', 'a[1]');
    const tar = await readTar((await packBuildContext(context, 'Dockerfile')).stream);
    const sent = sentFiles(tar);
    expect(sent).toContain('a1/c.txt');
    expect(sent).not.toContain('#tmp/a.txt');
    expect(sent).not.toContain('a[1]/b.txt');
  });

  it('refuses a folder outside the context, one that does not exist, a file and a link', async () => {
    fs.mkdirSync(path.join(base, 'elsewhere'));
    fs.symlinkSync('../elsewhere', path.join(context, 'link-out'));
    await expect(ignoreFolder(context, 'Dockerfile', '../elsewhere')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(ignoreFolder(context, 'Dockerfile', 'missing')).rejects.toMatchObject({ code: 'not-found' });
    await expect(ignoreFolder(context, 'Dockerfile', 'Dockerfile')).rejects.toMatchObject({ code: 'invalid-input' });
    await expect(ignoreFolder(context, 'Dockerfile', 'link-out')).rejects.toMatchObject({ code: 'invalid-input' });
    expect(fs.existsSync(path.join(context, '.dockerignore'))).toBe(false);
  });
});

describe('through the contract', () => {
  it('answers builds.context and builds.ignoreFolder, and says not-found for a missing folder', async () => {
    write('Dockerfile');
    write('node_modules/a.js', 500);
    write('src/b.js', 100);
    const backend = createBackend({ system: realHostSystem(process.env) });
    try {
      const summary = await backend.server.handleRequest('builds.context', { contextPath: context });
      expect(summary).toMatchObject({ ok: true, value: { files: 3, bytes: 601, ignored: null } });

      const after = await backend.server.handleRequest('builds.ignoreFolder', {
        contextPath: context,
        folder: 'node_modules',
      });
      expect(after).toMatchObject({ ok: true, value: { files: 3, ignored: { patterns: 1, files: 0, folders: 1 } } });
      expect(fs.readFileSync(path.join(context, '.dockerignore'), 'utf8')).toBe('node_modules\n');

      const missing = await backend.server.handleRequest('builds.context', { contextPath: path.join(base, 'gone') });
      expect(missing).toMatchObject({ ok: false, error: { code: 'not-found' } });
    } finally {
      backend.stop();
    }
  });
});
