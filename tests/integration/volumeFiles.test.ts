import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type Docker from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execOutput } from '../../src/main/containers/execOutput';
import { ChosenFiles } from '../../src/main/files/chosenFiles';
import { PullManager } from '../../src/main/images/pullManager';
import { VolumeFiles } from '../../src/main/volumes/volumeFiles';
import { BerthError } from '../../src/shared/errors';
import { VOLUME_TEXT_LIMIT_BYTES } from '../../src/shared/volumes';
import { volumeContents } from '../fixtures/volumeContents';
import { docker, dockerQuiet, imageExists, requireEngine } from '../fixtures/dockerCli';
import { engineClient } from '../fixtures/engineClient';
import { readTarEntries } from '../fixtures/readTar';

const suffix = `${process.pid}`;
const volume = `berth-vf-${suffix}`;
const restored = `berth-vf-restored-${suffix}`;
const rejected = `berth-vf-rejected-${suffix}`;
const helperFilter = (name: string) => [
  '--filter',
  'label=berth.helper=volume-files',
  '--filter',
  `label=berth.volume=${name}`,
];
const helpersOf = (name: string) => docker('ps', '-aq', ...helperFilter(name));

async function failure(promise: Promise<unknown>): Promise<BerthError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof BerthError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

describe.skipIf(!requireEngine.available)('a volume’s files, backup and restore, against the real engine', () => {
  let client: Docker;
  let pulls: PullManager;
  let files: VolumeFiles;
  let dir: string;

  beforeAll(() => {
    client = engineClient();
    pulls = new PullManager({ getClient: () => client });
    files = new VolumeFiles({ getClient: () => client, pulls, chosenFiles: new ChosenFiles(false) });
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'berth-volume-files-'));
    if (!imageExists('busybox:latest')) docker('pull', '-q', 'busybox:latest');
    docker('volume', 'create', volume);
    // What a container wrote: a nested folder, a name with a space, Korean, a newline in a name, text, binary, big.
    docker(
      'run',
      '--rm',
      '-v',
      `${volume}:/d`,
      'busybox',
      'sh',
      '-c',
      [
        'mkdir -p "/d/my folder/inner"',
        'printf "hello volume\\n" > "/d/my folder/note.txt"',
        'printf deep > "/d/my folder/inner/deep.txt"',
        'printf "안녕하세요\\n" > /d/한글.txt',
        'printf "a\\000b" > /d/bin.dat',
        'yes hello | head -c 100000 > /d/big.txt',
        'head -c 300000 /dev/urandom > /d/random.bin',
        'printf x > "/d/new\nline"',
        'ln -s "my folder/note.txt" /d/link',
      ].join(' && '),
    );
  });

  afterAll(async () => {
    await files?.dispose();
    pulls?.dispose();
    for (const name of [volume, restored, rejected]) {
      const left = dockerQuiet('ps', '-aq', ...helperFilter(name));
      if (left) dockerQuiet('rm', '-f', ...left.split('\n'));
      dockerQuiet('volume', 'rm', '-f', name);
    }
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('lists what the container wrote, folders first, whatever the names hold', async () => {
    const root = await files.browse({ name: volume, path: '' });
    expect(root.truncated).toBe(false);
    expect(root.entries.map((entry) => [entry.name, entry.kind])).toEqual([
      ['my folder', 'folder'],
      ['big.txt', 'file'],
      ['bin.dat', 'file'],
      ['link', 'link'],
      ['new\nline', 'file'],
      ['random.bin', 'file'],
      ['한글.txt', 'file'],
    ]);
    expect(root.entries.find((entry) => entry.name === 'big.txt')?.size).toBe(100_000);
    expect(root.entries.every((entry) => entry.modified > Date.UTC(2020, 0, 1))).toBe(true);

    const nested = await files.browse({ name: volume, path: 'my folder' });
    expect(nested.entries.map((entry) => [entry.name, entry.kind, entry.kind === 'file' ? entry.size : null])).toEqual([
      ['inner', 'folder', null],
      ['note.txt', 'file', 13],
    ]);
    expect((await files.browse({ name: volume, path: 'my folder/inner' })).entries.map((e) => e.name)).toEqual([
      'deep.txt',
    ]);
  });

  it('says plainly when a folder or the volume is not there, or a file is not a folder', async () => {
    const missing = await failure(files.browse({ name: volume, path: 'nope' }));
    expect(missing.code).toBe('not-found');
    expect(missing.message).toContain('"nope"');
    expect((await failure(files.browse({ name: volume, path: 'big.txt' }))).code).toBe('invalid-input');
    const noVolume = await failure(files.browse({ name: `${volume}-absent`, path: '' }));
    expect(noVolume.code).toBe('not-found');
    // The missing volume was not created by the helper's mount.
    expect(dockerQuiet('volume', 'inspect', `${volume}-absent`)).toBe('');
  });

  it('shows a small text file, and only the size of a binary or too large one', async () => {
    expect(await files.readFile({ name: volume, path: 'my folder/note.txt' })).toEqual({
      path: 'my folder/note.txt',
      size: 13,
      text: 'hello volume\n',
      reason: 'shown',
    });
    expect(await files.readFile({ name: volume, path: '한글.txt' })).toMatchObject({
      text: '안녕하세요\n',
      reason: 'shown',
    });
    expect(await files.readFile({ name: volume, path: 'bin.dat' })).toEqual({
      path: 'bin.dat',
      size: 3,
      text: null,
      reason: 'binary',
    });
    const big = await files.readFile({ name: volume, path: 'big.txt' });
    expect(big).toEqual({ path: 'big.txt', size: 100_000, text: null, reason: 'too-large' });
    expect(big.size).toBeGreaterThan(VOLUME_TEXT_LIMIT_BYTES);
    expect((await failure(files.readFile({ name: volume, path: 'gone.txt' }))).code).toBe('not-found');
    expect((await failure(files.readFile({ name: volume, path: 'my folder' }))).code).toBe('invalid-input');
  });

  it('downloads a file with the same bytes, never leaving a part at the destination', async () => {
    const destination = path.join(dir, 'random copy.bin');
    const saved = await files.download({ name: volume, path: 'random.bin', destination });
    expect(saved).toEqual({ savedTo: destination, bytes: 300_000 });
    const sum = createHash('sha256').update(fs.readFileSync(destination)).digest('hex');
    expect(docker('run', '--rm', '-v', `${volume}:/d:ro`, 'busybox', 'sha256sum', '/d/random.bin').split(' ')[0]).toBe(
      sum,
    );

    const missing = await failure(files.download({ name: volume, path: 'absent.bin', destination: `${dir}/a.bin` }));
    expect(missing.code).toBe('not-found');
    const noFolder = await failure(
      files.download({ name: volume, path: 'random.bin', destination: `${dir}/no-such-folder/r.bin` }),
    );
    expect(noFolder.code).toBe('not-found');
    const folder = await failure(files.download({ name: volume, path: 'my folder', destination: `${dir}/f` }));
    expect(folder.code).toBe('invalid-input');
    expect(fs.readdirSync(dir)).toEqual(['random copy.bin']);
  });

  it('browses through a labelled helper that mounts the volume read-only', async () => {
    await files.browse({ name: volume, path: '' });
    const ids = helpersOf(volume).split('\n').filter(Boolean);
    expect(ids).toHaveLength(1);
    const mounts = JSON.parse(docker('inspect', '--format', '{{json .Mounts}}', ids[0]!)) as {
      Name: string;
      Destination: string;
      RW: boolean;
    }[];
    expect(mounts).toEqual([expect.objectContaining({ Name: volume, Destination: '/volume', RW: false })]);
    const write = await execOutput(client, ids[0]!, ['sh', '-c', 'echo x > /volume/written-by-helper']);
    expect(write.exitCode).not.toBe(0);
    expect(write.stderr).toMatch(/read-only/i);
    expect(volumeContents(volume)).not.toContain('written-by-helper');
  });

  it('backs up to a tar relative to the volume root, and restores it into a new volume with equal files', async () => {
    const backup = path.join(dir, 'backup.tar');
    // Leaving the page ends the browse session: its helper goes at once, so the volume is free.
    await files.browse({ name: volume, path: '' });
    expect(helpersOf(volume)).not.toBe('');
    expect(await files.close({ name: volume })).toEqual({ closed: true });
    expect(helpersOf(volume)).toBe('');
    expect(await files.close({ name: volume })).toEqual({ closed: false });

    const saved = await files.backup({ name: volume, destination: backup });
    // A backup keeps no helper: the remove dialog offers it just before removing the volume.
    expect(helpersOf(volume)).toBe('');
    expect(saved.savedTo).toBe(backup);
    expect(saved.bytes).toBe(fs.statSync(backup).size);
    const names = (await readTarEntries(fs.createReadStream(backup))).map((entry) => entry.header.name);
    expect(names).toEqual(expect.arrayContaining(['my folder/note.txt', 'my folder/inner/deep.txt', '한글.txt']));
    expect(names.filter((name) => name.startsWith('volume'))).toEqual([]);
    expect(fs.readdirSync(dir).filter((name) => name.includes('backup'))).toEqual(['backup.tar']);

    const result = await files.restore({ source: backup, name: restored });
    expect(result).toEqual({ name: restored, bytes: saved.bytes });
    expect(volumeContents(restored)).toBe(volumeContents(volume));
    expect((await files.browse({ name: restored, path: 'my folder' })).entries.map((e) => e.name)).toEqual([
      'inner',
      'note.txt',
    ]);
  });

  it('refuses to restore into an existing volume, and removes only the volume it made when a restore fails', async () => {
    const backup = path.join(dir, 'backup.tar');
    if (!fs.existsSync(backup)) await files.backup({ name: volume, destination: backup });
    const before = volumeContents(volume);
    expect((await failure(files.restore({ source: backup, name: volume }))).code).toBe('name-in-use');
    expect(volumeContents(volume)).toBe(before);

    const notTar = path.join(dir, 'not-a-tar.tar');
    fs.writeFileSync(notTar, 'just some text, not an archive\n'.repeat(40));
    expect((await failure(files.restore({ source: notTar, name: rejected }))).code).toBe('invalid-input');
    expect((await failure(files.restore({ source: `${dir}/absent.tar`, name: rejected }))).code).toBe('not-found');
    expect(dockerQuiet('volume', 'inspect', rejected)).toBe('');
  });

  it('removes its helpers when done, and the left-overs of a crash (only those labelled) at the next use', async () => {
    await files.browse({ name: volume, path: '' });
    expect(helpersOf(volume)).not.toBe('');
    await files.dispose();
    for (const name of [volume, restored, rejected]) expect(helpersOf(name)).toBe('');

    // A helper a crashed Berth left, and a bystander with another label.
    const leftover = docker(
      'run',
      '-d',
      '--label',
      'berth.helper=volume-files',
      '--label',
      `berth.volume=${volume}`,
      'busybox',
      'sleep',
      '300',
    );
    const bystander = docker('run', '-d', '--label', `berth.test.bystander=${suffix}`, 'busybox', 'sleep', '300');
    try {
      files = new VolumeFiles({ getClient: () => client, pulls, chosenFiles: new ChosenFiles(false) });
      await files.browse({ name: volume, path: '' });
      const ids = helpersOf(volume).split('\n').filter(Boolean);
      expect(ids).toHaveLength(1);
      expect(leftover.startsWith(ids[0]!) || ids[0]!.startsWith(leftover.slice(0, 12))).toBe(false);
      expect(docker('inspect', '--format', '{{.State.Running}}', bystander)).toBe('true');
    } finally {
      dockerQuiet('rm', '-f', bystander, leftover);
    }
  });

  it('pulls busybox through the pull jobs when it is missing, so the pulls panel shows it', async () => {
    // busybox under the mirror's own name: missing locally, pulled, then untagged (busybox:latest stays).
    const image = '127.0.0.1:5000/library/busybox:latest';
    dockerQuiet('rmi', image);
    const pulling = new VolumeFiles({
      getClient: () => client,
      pulls,
      chosenFiles: new ChosenFiles(false),
      helperImage: image,
    });
    try {
      const listing = await pulling.browse({ name: volume, path: 'my folder' });
      expect(listing.entries.map((entry) => entry.name)).toEqual(['inner', 'note.txt']);
      expect(pulls.list()).toContainEqual(expect.objectContaining({ reference: image, state: 'done' }));
      expect(imageExists(image)).toBe(true);
    } finally {
      await pulling.dispose();
      dockerQuiet('rmi', image);
    }
  });

  it('in Electron, writes and reads only the files chosen in the dialogs', async () => {
    const chosen = new ChosenFiles(true);
    const guarded = new VolumeFiles({ getClient: () => client, pulls, chosenFiles: chosen });
    try {
      const destination = path.join(dir, 'chosen.txt');
      expect((await failure(guarded.download({ name: volume, path: 'big.txt', destination }))).code).toBe('forbidden');
      expect(fs.existsSync(destination)).toBe(false);
      chosen.chooseSave(destination);
      expect((await guarded.download({ name: volume, path: 'big.txt', destination })).bytes).toBe(100_000);
      const source = path.join(dir, 'backup.tar');
      expect((await failure(guarded.restore({ source, name: rejected }))).code).toBe('forbidden');
      expect(dockerQuiet('volume', 'inspect', rejected)).toBe('');
    } finally {
      await guarded.dispose();
    }
  });
});
