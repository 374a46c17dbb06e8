import { describe, expect, it } from 'vitest';
import type { ContainerSummary } from '../../../src/shared/containers';
import type { ProbeAnswer } from '../../../src/main/lessons/lessonDefinition';
import { imageAndContainer } from '../../../src/main/lessons/course/imageAndContainer';
import { container, image, memory, world } from './worldFixture';

const step = (id: string) => imageAndContainer.steps.find((candidate) => candidate.id === id)!;

// The lesson started at memory().startedAt; containers are created after it (seconds).
const started = memory().startedAt;
const after = (seconds: number) => Math.floor(started / 1000) + seconds;

const busybox = image({ repoTags: ['busybox:latest'] });
const box = (name: string, seconds: number, parts: Partial<ContainerSummary> = {}) =>
  container({ name, image: 'busybox', imageId: busybox.id, created: after(seconds), ...parts });

const answer = (ok: boolean, code: number | null): ProbeAnswer => ({
  ok,
  code,
  output: ok ? 'hello\n' : "cat: can't open '/hello.txt': No such file or directory\n",
  at: started + 10_000,
});
const key = (id: string) => `imageAndContainer:hello:${id}`;

describe('lesson 2, image and container: the first container', () => {
  it('is done once a busybox container runs, not while it only exists or is another image', () => {
    expect(step('first').done(world({ images: [busybox] }), memory())).toBe(false);
    const stopped = box('box-1', 5, { state: 'exited' });
    expect(step('first').done(world({ images: [busybox], containers: [stopped] }), memory())).toBe(false);
    const redis = container({ name: 'my-redis', image: 'redis', created: after(5) });
    expect(step('first').done(world({ images: [busybox], containers: [redis] }), memory())).toBe(false);
    expect(step('first').done(world({ images: [busybox], containers: [box('box-1', 5)] }), memory())).toBe(true);
    // Podman names the image in full.
    const podman = container({ name: 'p', image: 'docker.io/library/busybox:latest', created: after(5) });
    expect(step('first').done(world({ containers: [podman] }), memory())).toBe(true);
  });

  it('counts only containers made since the lesson started (with seconds for the engine clock)', () => {
    const old = box('box-1', -3600);
    expect(step('first').done(world({ images: [busybox], containers: [old] }), memory())).toBe(false);
    const aMinuteBefore = box('box-1', -60);
    expect(step('first').done(world({ images: [busybox], containers: [aMinuteBefore] }), memory())).toBe(false);
    const justBefore = box('box-1', -5);
    expect(step('first').done(world({ images: [busybox], containers: [justBefore] }), memory())).toBe(true);
  });

  it('suggests the first free box-N name, and the name used once done', () => {
    expect(step('first').commands(world(), memory())).toEqual(['docker run -d --name box-1 busybox sleep 3600']);
    const leftOver = box('box-1', -3600, { state: 'exited' });
    expect(step('first').commands(world({ containers: [leftOver] }), memory())).toEqual([
      'docker run -d --name box-2 busybox sleep 3600',
    ]);
    const mine = box('mine', 5);
    expect(step('first').commands(world({ images: [busybox], containers: [mine] }), memory())).toEqual([
      'docker run -d --name mine busybox sleep 3600',
    ]);
    expect(step('first').screen(world({ images: [busybox], containers: [mine] }), memory())).toBe(
      '#/containers?show=mine',
    );
  });
});

describe('lesson 2: the second container from the same image', () => {
  it('is done when two running containers share one image id', () => {
    const one = box('box-1', 5);
    expect(step('second').done(world({ images: [busybox], containers: [one] }), memory())).toBe(false);
    const two = box('box-2', 8);
    expect(step('second').done(world({ images: [busybox], containers: [two, one] }), memory())).toBe(true);
    expect(imageAndContainer.facts!(world({ images: [busybox], containers: [two, one] }), memory())).toMatchObject({
      first: 'box-1',
      second: 'box-2',
      imageId: busybox.id.slice('sha256:'.length, 'sha256:'.length + 12),
    });
  });

  it('is not done by a stopped second container, or by two busybox images of different ids', () => {
    const one = box('box-1', 5);
    const stopped = box('box-2', 8, { state: 'exited' });
    expect(step('second').done(world({ images: [busybox], containers: [stopped, one] }), memory())).toBe(false);
    const older = image({ repoTags: ['busybox:1.35'] });
    const other = container({ name: 'box-2', image: 'busybox:1.35', imageId: older.id, created: after(8) });
    expect(step('second').done(world({ images: [busybox, older], containers: [other, one] }), memory())).toBe(false);
  });

  it('remembers the pair it saw, oldest first, and suggests the next free name', () => {
    const one = box('box-1', 5);
    const two = box('box-2', 8);
    const now = world({ images: [busybox], containers: [two, one] });
    expect(step('second').remember!(now, memory())).toEqual({ first: one.id, second: two.id, imageId: busybox.id });
    expect(step('second').commands(world({ images: [busybox], containers: [one] }), memory())[0]).toBe(
      'docker run -d --name box-2 busybox sleep 3600',
    );
  });

  it('names first the container step 1 saw, when both were made in the same second', () => {
    const one = box('box-1', 5);
    const two = box('box-2', 5);
    const alone = world({ images: [busybox], containers: [one] });
    const remembered = memory({ notes: step('first').remember!(alone, memory()) });
    expect(remembered.notes).toEqual({ firstBox: one.id });
    // The engine may list either first: the pair is the same.
    for (const containers of [
      [one, two],
      [two, one],
    ]) {
      const now = world({ images: [busybox], containers });
      expect(step('second').remember!(now, remembered)).toEqual({ first: one.id, second: two.id, imageId: busybox.id });
    }
  });
});

describe('lesson 2: separate filesystems, checked through exec', () => {
  const one = box('box-1', 5);
  const two = box('box-2', 8);
  const paired = memory({
    doneAt: { first: started + 1, second: started + 2 },
    notes: { first: one.id, second: two.id },
  });

  it('asks the two remembered containers for the file, only once the pair is known and until done', () => {
    const now = world({ images: [busybox], containers: [two, one] });
    expect(imageAndContainer.probes!(now, memory())).toEqual([]);
    expect(imageAndContainer.probes!(now, paired)).toEqual([
      { kind: 'exec', key: key(one.id), containerId: one.id, command: ['cat', '/hello.txt'] },
      { kind: 'exec', key: key(two.id), containerId: two.id, command: ['cat', '/hello.txt'] },
    ]);
    const finished = memory({ ...paired, doneAt: { ...paired.doneAt, separate: started + 3 } });
    expect(imageAndContainer.probes!(now, finished)).toEqual([]);
  });

  it('is done when the file is in exactly one of the two', () => {
    const probes = (a: ProbeAnswer, b: ProbeAnswer) => ({ [key(one.id)]: a, [key(two.id)]: b });
    const check = (a: ProbeAnswer, b: ProbeAnswer) =>
      step('separate').done(world({ images: [busybox], containers: [two, one], probes: probes(a, b) }), paired);
    expect(step('separate').done(world({ images: [busybox], containers: [two, one] }), paired)).toBe(false);
    expect(check(answer(false, 1), answer(false, 1))).toBe(false);
    expect(check(answer(true, 0), answer(true, 0))).toBe(false);
    expect(check(answer(true, 0), answer(false, 1))).toBe(true);
    expect(check(answer(false, 1), answer(true, 0))).toBe(true);
    // An exec that could not run at all says nothing about the file.
    expect(check(answer(true, 0), answer(false, null))).toBe(false);
    const done = world({
      images: [busybox],
      containers: [two, one],
      probes: probes(answer(true, 0), answer(false, 1)),
    });
    expect(step('separate').remember!(done, paired)).toEqual({ withFile: 'box-1', withoutFile: 'box-2' });
    expect(imageAndContainer.facts!(done, paired)).toMatchObject({ withFile: 'box-1', withoutFile: 'box-2' });
  });

  it('looks in the remembered pair first, then the newest others, and never in a stopped one', () => {
    const three = box('box-3', 12);
    const now = world({ images: [busybox], containers: [three, two, one] });
    expect(imageAndContainer.probes!(now, paired).map((probe) => probe.key)).toEqual([
      key(one.id),
      key(two.id),
      key(three.id),
    ]);
    const stoppedTwo = { ...two, state: 'exited' as const };
    const afterStop = world({ images: [busybox], containers: [three, stoppedTwo, one] });
    expect(imageAndContainer.probes!(afterStop, paired).map((probe) => probe.key)).toEqual([
      key(one.id),
      key(three.id),
    ]);
    // The commands still name the remembered pair, starting the stopped one first.
    expect(step('separate').commands(afterStop, paired)).toEqual([
      'docker start box-2',
      "docker exec box-1 sh -c 'echo hello > /hello.txt'",
      'docker exec box-1 cat /hello.txt',
      'docker exec box-2 cat /hello.txt',
    ]);
    expect(step('separate').screen(now, paired)).toBe('#/containers/box-1');
    // At most six: the newest.
    const many = Array.from({ length: 8 }, (_, index) => box(`extra-${index}`, 20 + index));
    const crowded = world({ images: [busybox], containers: [...many.reverse(), two, one] });
    expect(imageAndContainer.probes!(crowded, paired)).toHaveLength(6);
  });

  it('is done by any container with the file and another of the same image without it', () => {
    const three = box('box-3', 12);
    const check = (containers: ContainerSummary[], answers: Record<string, ProbeAnswer>) =>
      step('separate').done(world({ images: [busybox], containers, probes: answers }), paired);
    // Written in both of the pair, absent in a third of the same image.
    expect(
      check([three, two, one], {
        [key(one.id)]: answer(true, 0),
        [key(two.id)]: answer(true, 0),
        [key(three.id)]: answer(false, 1),
      }),
    ).toBe(true);
    // Absent only in a container of another image: not the same image's files.
    const older = image({ repoTags: ['busybox:1.35'] });
    const other = container({ name: 'old', image: 'busybox:1.35', imageId: older.id, created: after(12) });
    expect(
      step('separate').done(
        world({
          images: [busybox, older],
          containers: [other, two, one],
          probes: { [key(one.id)]: answer(true, 0), [key(two.id)]: answer(true, 0), [key(other.id)]: answer(false, 1) },
        }),
        paired,
      ),
    ).toBe(false);
  });
});
