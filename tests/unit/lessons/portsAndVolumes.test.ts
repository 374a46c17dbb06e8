import { describe, expect, it } from 'vitest';
import type { ContainerPort } from '../../../src/shared/containers';
import type { Volume, VolumeUser } from '../../../src/shared/volumes';
import type { ProbeAnswer } from '../../../src/main/lessons/lessonDefinition';
import { NOTES_VOLUME, portsAndVolumes } from '../../../src/main/lessons/course/portsAndVolumes';
import { container, image, memory, world } from './worldFixture';

const step = (id: string) => portsAndVolumes.steps.find((candidate) => candidate.id === id)!;

// The fixtures' lesson started at 1_799_999_000_000 ms; containers are made at 1_800_000_000 s by default.
const STARTED = 1_799_999_000_000;
const BEFORE_START = 1_799_990_000;

const port = (parts: Partial<ContainerPort> = {}): ContainerPort => ({
  privatePort: 8080,
  publicPort: 8080,
  type: 'tcp',
  ip: '0.0.0.0',
  ...parts,
});

const answer = (parts: Partial<ProbeAnswer> = {}): ProbeAnswer => ({
  ok: true,
  code: 200,
  output: '',
  at: 1,
  ...parts,
});

const volume = (containers: VolumeUser[] = [], name = NOTES_VOLUME): Volume => ({
  name,
  driver: 'local',
  created: STARTED + 1000,
  scope: 'local',
  labels: {},
  anonymous: false,
  containers,
});

const user = (parts: Partial<VolumeUser> & { id: string; name: string }): VolumeUser => ({
  running: false,
  destination: '/data',
  readOnly: false,
  ...parts,
});

const notesProbe = (output: string) => ({ [`files:${NOTES_VOLUME}:/`]: answer({ code: null, output }) });

describe('lesson 6, ports and volumes: the port', () => {
  it('runs once a container started since the lesson publishes a web port', () => {
    const site = container({ name: 'web', image: 'busybox', ports: [port()] });
    expect(step('run').done(world({ containers: [site] }), memory())).toBe(true);
    expect(step('run').remember!(world({ containers: [site] }), memory())).toEqual({ container: 'web' });
    expect(step('run').screen(world({ containers: [site] }), memory())).toBe('#/containers?show=web');
    expect(step('run').done(world(), memory())).toBe(false);
    expect(step('run').screen(world(), memory())).toBe('#/containers');
  });

  it('does not count a port that is not published, a UDP port, one on another address, or a stopped container', () => {
    const cases = [
      container({ name: 'a', image: 'busybox', ports: [port({ publicPort: null, ip: null })] }),
      container({ name: 'b', image: 'busybox', ports: [port({ type: 'udp' })] }),
      container({ name: 'c', image: 'busybox', ports: [port({ ip: '192.168.1.20' })] }),
      container({ name: 'd', image: 'busybox', ports: [port()], state: 'exited', exitCode: 0 }),
    ];
    for (const one of cases) expect(step('run').done(world({ containers: [one] }), memory())).toBe(false);
    // Published on the loopback only: a browser on this computer opens it.
    const loopback = container({ name: 'e', image: 'busybox', ports: [port({ ip: '127.0.0.1' })] });
    expect(step('run').done(world({ containers: [loopback] }), memory())).toBe(true);
  });

  it('leaves out web servers that ran before the lesson, unless they run my-site from lesson 5', () => {
    const old = container({ name: 'old-web', image: 'busybox', created: BEFORE_START, ports: [port()] });
    expect(step('run').done(world({ containers: [old] }), memory())).toBe(false);
    const mySite = image({ repoTags: ['my-site:latest'] });
    const oldSite = container({
      name: 'my-site',
      image: 'my-site',
      imageId: mySite.id,
      created: BEFORE_START,
      ports: [port()],
    });
    expect(step('run').done(world({ images: [mySite], containers: [oldSite] }), memory())).toBe(true);
    // Podman lists the full name of a local build.
    const podmanSite = image({ repoTags: ['localhost/my-site:latest'] });
    const byPodman = container({
      name: 'site',
      image: 'localhost/my-site:latest',
      imageId: podmanSite.id,
      created: BEFORE_START,
      ports: [port()],
    });
    expect(step('run').done(world({ images: [podmanSite], containers: [byPodman] }), memory())).toBe(true);
  });

  it('asks the page of each published web port, once per host port, until the page answered', () => {
    const site = container({
      name: 'web',
      image: 'busybox',
      ports: [port(), port({ ip: '::' }), port({ privatePort: 53, publicPort: 5353, type: 'udp' })],
    });
    const probes = portsAndVolumes.probes!(world({ containers: [site] }), memory({ doneAt: { run: STARTED } }));
    expect(probes).toEqual([{ kind: 'http', key: `page:${site.id}:8080`, host: '127.0.0.1', port: 8080, path: '/' }]);
    const opened = memory({ doneAt: { run: STARTED, open: STARTED + 1 } });
    expect(portsAndVolumes.probes!(world({ containers: [site] }), opened)).toEqual([]);
  });

  it('opens once the page answers 2xx through the published port', () => {
    const site = container({ name: 'web', image: 'busybox', ports: [port({ publicPort: 18080 })] });
    const key = `page:${site.id}:18080`;
    const started = memory({ doneAt: { run: STARTED } });
    expect(step('open').done(world({ containers: [site] }), started)).toBe(false);
    expect(
      step('open').done(world({ containers: [site], probes: { [key]: answer({ ok: false, code: 404 }) } }), started),
    ).toBe(false);
    const answered = world({ containers: [site], probes: { [key]: answer() } });
    expect(step('open').done(answered, started)).toBe(true);
    expect(step('open').remember!(answered, started)).toEqual({ port: 18080 });
    expect(step('open').commands(answered, started)).toEqual(['curl http://localhost:18080']);
    // The answer of a container that stopped since does not count.
    const stopped = world({ containers: [{ ...site, state: 'exited' }], probes: { [key]: answer() } });
    expect(step('open').done(stopped, started)).toBe(false);
    expect(portsAndVolumes.facts!(answered, memory({ notes: { port: 18080 } }))).toMatchObject({
      container: 'web',
      port: '18080',
      url: 'http://localhost:18080',
    });
  });

  it('needs lesson 5 while my-site is missing and nothing is published yet', () => {
    expect(portsAndVolumes.unmet!(world(), memory())).toEqual([{ kind: 'lesson', lesson: 'ownImage' }]);
    expect(portsAndVolumes.unmet!(world({ images: [image({ repoTags: ['my-site:latest'] })] }), memory())).toEqual([]);
    const site = container({ name: 'web', image: 'busybox', ports: [port()] });
    expect(portsAndVolumes.unmet!(world({ containers: [site] }), memory())).toEqual([]);
    expect(portsAndVolumes.unmet!(world(), memory({ doneAt: { run: STARTED } }))).toEqual([]);
  });
});

describe('lesson 6, ports and volumes: the volume', () => {
  const throughVolume = memory({ doneAt: { run: 1, open: 2, volume: 3 } });

  it('has the volume once berth-notes exists, not another named volume', () => {
    expect(step('volume').done(world({ volumes: [volume([], 'notes')] }), memory())).toBe(false);
    expect(step('volume').screen(world(), memory())).toBe('#/volumes');
    expect(step('volume').done(world({ volumes: [volume()] }), memory())).toBe(true);
    expect(step('volume').screen(world({ volumes: [volume()] }), memory())).toBe(`#/volumes/${NOTES_VOLUME}`);
  });

  it('lists the volume’s files from the volume step on, until the file outlived its container', () => {
    const request = { kind: 'volumeFiles', key: `files:${NOTES_VOLUME}:/`, volume: NOTES_VOLUME, path: '/' };
    expect(portsAndVolumes.probes!(world({ volumes: [volume()] }), memory())).toEqual([]);
    expect(portsAndVolumes.probes!(world({ volumes: [volume()] }), throughVolume)).toEqual([request]);
    // Not for a volume that is gone.
    expect(portsAndVolumes.probes!(world(), throughVolume)).toEqual([]);
    const removed = memory({ doneAt: { ...throughVolume.doneAt, write: 4, remove: 5 } });
    expect(portsAndVolumes.probes!(world({ volumes: [volume()] }), removed)).toEqual([]);
  });

  it('writes once the volume lists a file, and remembers hello.txt or the file there is', () => {
    expect(step('write').done(world({ volumes: [volume()] }), throughVolume)).toBe(false);
    expect(step('write').done(world({ volumes: [volume()], probes: notesProbe('') }), throughVolume)).toBe(false);
    const failed = { [`files:${NOTES_VOLUME}:/`]: answer({ ok: false, output: 'hello.txt' }) };
    expect(step('write').done(world({ volumes: [volume()], probes: failed }), throughVolume)).toBe(false);
    const written = world({ volumes: [volume()], probes: notesProbe('diary.md\nhello.txt\n') });
    expect(step('write').done(written, throughVolume)).toBe(true);
    expect(step('write').remember!(written, throughVolume)).toEqual({ file: 'hello.txt' });
    const byWriter = world({
      volumes: [volume([user({ id: 'w', name: 'my-writer' })])],
      probes: notesProbe('hello.txt\n'),
    });
    expect(step('write').remember!(byWriter, throughVolume)).toEqual({ file: 'hello.txt', writer: 'my-writer' });
    const other = world({ volumes: [volume()], probes: notesProbe('diary.md\n') });
    expect(step('write').remember!(other, throughVolume)).toEqual({ file: 'diary.md' });
    // The answer about a volume that was removed since does not count.
    expect(step('write').done(world({ probes: notesProbe('hello.txt\n') }), throughVolume)).toBe(false);
  });

  it('removes once no container uses the volume and the file is still in it; Berth’s file helper does not count', () => {
    const written = memory({ doneAt: { ...throughVolume.doneAt, write: 4 }, notes: { file: 'hello.txt' } });
    const files = notesProbe('hello.txt\n');
    const writer = user({ id: 'w', name: 'notes-writer' });
    const inUse = world({ volumes: [volume([writer])], probes: files });
    expect(step('remove').done(inUse, written)).toBe(false);
    expect(step('remove').commands(inUse, written)).toEqual(['docker rm notes-writer']);
    expect(step('remove').screen(inUse, written)).toBe('#/containers?show=notes-writer');
    const running = world({ volumes: [volume([{ ...writer, running: true, name: 'mine' }])], probes: files });
    expect(step('remove').commands(running, written)).toEqual(['docker rm -f mine']);
    // Once done, the command names the writer the write step saw, not the reader that uses the volume next.
    const reader = user({ id: 'r', name: 'notes-reader' });
    const removed = memory({
      ...written,
      doneAt: { ...written.doneAt, remove: 5 },
      notes: { file: 'hello.txt', writer: 'w1' },
    });
    expect(step('remove').commands(world({ volumes: [volume([reader])] }), removed)).toEqual(['docker rm w1']);
    const helper = user({ id: 'h', name: 'berth-volume-files-0a1b2c3d', running: true, destination: '/volume' });
    expect(step('remove').done(world({ volumes: [volume([helper])], probes: files }), written)).toBe(true);
    // The file must still be there.
    expect(step('remove').done(world({ volumes: [volume()], probes: notesProbe('other.txt\n') }), written)).toBe(false);
    expect(step('remove').done(world({ probes: files }), written)).toBe(false);
  });

  it('reads once a new container of the volume printed the file and exited 0', () => {
    const removed = memory({
      doneAt: { ...throughVolume.doneAt, write: 4, remove: 5 },
      notes: { file: 'hello.txt' },
    });
    const reader = container({
      name: 'notes-reader',
      image: 'busybox',
      command: 'cat /data/hello.txt',
      state: 'exited',
      exitCode: 0,
    });
    const mounted = volume([user({ id: reader.id, name: reader.name })]);
    const done = world({ containers: [reader], volumes: [mounted] });
    expect(step('read').done(done, removed)).toBe(true);
    expect(step('read').remember!(done, removed)).toEqual({ reader: 'notes-reader' });
    expect(step('read').commands(done, removed)).toEqual([
      `docker run --name notes-reader -v ${NOTES_VOLUME}:/data busybox cat /data/hello.txt`,
    ]);
    // The file was missing (cat exits 1), it still runs, or it mounts another volume.
    expect(step('read').done(world({ containers: [{ ...reader, exitCode: 1 }], volumes: [mounted] }), removed)).toBe(
      false,
    );
    expect(
      step('read').done(
        world({ containers: [{ ...reader, state: 'running', exitCode: null }], volumes: [mounted] }),
        removed,
      ),
    ).toBe(false);
    expect(step('read').done(world({ containers: [reader], volumes: [volume()] }), removed)).toBe(false);
    // Writing the file again is not reading it.
    const writer = { ...reader, command: 'sh -c echo hello > /data/hello.txt' };
    expect(step('read').done(world({ containers: [writer], volumes: [mounted] }), removed)).toBe(false);
    // Another file than the one written.
    const otherFile = memory({ ...removed, notes: { file: 'diary.md' } });
    expect(step('read').done(done, otherFile)).toBe(false);
  });

  it('gives the texts the volume and the file', () => {
    expect(portsAndVolumes.facts!(world(), memory())).toEqual({ volume: NOTES_VOLUME, file: 'hello.txt' });
    expect(portsAndVolumes.facts!(world(), memory({ notes: { file: 'diary.md', reader: 'r1' } }))).toEqual({
      volume: NOTES_VOLUME,
      file: 'diary.md',
      reader: 'r1',
    });
  });
});

describe('lesson 6, ports and volumes: the commands', () => {
  it('shows the docker command of every step', () => {
    const commands = portsAndVolumes.steps.map((one) => one.commands(world(), memory()));
    expect(commands).toEqual([
      ['docker run -d --name my-site -p 8080:8080 my-site'],
      ['curl http://localhost:8080'],
      ['docker volume create berth-notes'],
      ['docker run --name notes-writer -v berth-notes:/data busybox sh -c "echo hello > /data/hello.txt"'],
      ['docker rm notes-writer'],
      ['docker run --name notes-reader -v berth-notes:/data busybox cat /data/hello.txt'],
    ]);
  });
});
