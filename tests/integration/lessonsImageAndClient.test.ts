import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../src/main/backend';
import { realHostSystem } from '../../src/main/host/hostSystem';
import type { LessonId, LessonState, LessonsState } from '../../src/shared/lessons';
import { docker, dockerQuiet, requireEngine } from '../fixtures/dockerCli';
import { waitFor } from '../fixtures/waitFor';

/*
 * Lessons 2 and 3 of the real course on the real engine, done in a terminal while Berth watches:
 * two busybox containers of one image id, a file written in one and absent in the other (the exec
 * probes), and `docker version`'s output pasted through the contract.
 */

const first = `berthtest-l2-first-${process.pid}`;
const second = `berthtest-l2-second-${process.pid}`;

/**
 * Whether a running busybox container this test did not make exists: on the shared engine another
 * suite's may be counted by the lesson too, and named in its texts. What this test did (the file in
 * its first container) is checked either way.
 */
function othersRunBusybox(): boolean {
  const names = docker('ps', '--filter', 'ancestor=busybox', '--filter', 'status=running', '--format', '{{.Names}}');
  return names.split('\n').some((name) => name !== '' && name !== first && name !== second);
}

describe.skipIf(!requireEngine.available)('lessons 2 and 3 on the real engine', () => {
  let backend: Backend;
  let latest: LessonsState | null = null;
  let stop: () => void = () => undefined;
  const lesson = (id: LessonId): LessonState => latest!.lessons.find((candidate) => candidate.id === id)!;
  const waitForLesson = (what: string, id: LessonId, condition: (state: LessonState) => boolean) =>
    waitFor(what, () => latest !== null && condition(lesson(id)), 30_000);

  beforeAll(async () => {
    backend = createBackend({ system: realHostSystem(process.env), lessonsPath: null });
    await backend.start();
    stop = backend.lessons.subscribe((state) => (latest = state));
  });

  afterAll(() => {
    stop();
    backend.stop();
    dockerQuiet('rm', '-f', first, second);
  });

  it('lesson 2: two containers of one image, and a file only in the one it was written in', async () => {
    await backend.lessons.startLesson('imageAndContainer');
    docker('run', '-d', '--name', first, 'busybox', 'sleep', '3600');
    await waitForLesson('the first container seen', 'imageAndContainer', (state) => state.steps[0]!.done);
    docker('run', '-d', '--name', second, 'busybox', 'sleep', '3600');
    await waitForLesson('two containers of one image', 'imageAndContainer', (state) => state.steps[1]!.done);
    if (!othersRunBusybox()) {
      expect(lesson('imageAndContainer').facts).toMatchObject({ first, second });
      expect(lesson('imageAndContainer').facts.imageId).toBe(
        docker('inspect', '--format', '{{.Image}}', first).replace('sha256:', '').slice(0, 12),
      );
    }
    // Both probes answered "no such file": not done yet.
    await backend.lessons.recheck('imageAndContainer');
    expect(backend.lessons.state().lessons.find((state) => state.id === 'imageAndContainer')!.finished).toBe(false);

    docker('exec', first, 'sh', '-c', 'echo hello > /hello.txt');
    await waitForLesson('the file in one only', 'imageAndContainer', (state) => state.finished);
    expect(lesson('imageAndContainer').facts.withFile).toBe(first);
    if (!othersRunBusybox()) expect(lesson('imageAndContainer').facts.withoutFile).toBe(second);
  });

  it('lesson 3: `docker version` pasted, checked against the connected Docker server', async () => {
    await backend.lessons.startLesson('clientAndServer');
    const refused = await backend.server.handleRequest('lessons.checkVersionOutput', { text: 'hello' });
    expect(refused).toMatchObject({ ok: true, value: { matches: false, reason: 'no-client' } });
    expect(backend.lessons.state().lessons.find((state) => state.id === 'clientAndServer')!.finished).toBe(false);

    const output = execFileSync('docker', ['version'], { encoding: 'utf8' });
    const checked = await backend.server.handleRequest('lessons.checkVersionOutput', { text: output });
    const serverVersion = docker('version', '--format', '{{.Server.Version}}');
    expect(checked).toEqual({
      ok: true,
      value: {
        matches: true,
        reason: null,
        client: docker('version', '--format', '{{.Client.Version}}'),
        server: serverVersion,
      },
    });
    await waitForLesson('lesson 3 done by the paste', 'clientAndServer', (state) => state.finished);
    expect(lesson('clientAndServer').facts.seenVersion).toBe(serverVersion);
  });
});
