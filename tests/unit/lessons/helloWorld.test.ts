import { describe, expect, it } from 'vitest';
import { helloWorld } from '../../../src/main/lessons/course/helloWorld';
import type { RunFlow } from '../../../src/shared/run';
import { runFlow } from '../../fixtures/builders/sharedModels';
import { container, image, memory, world } from './worldFixture';

const step = (id: string) => helloWorld.steps.find((candidate) => candidate.id === id)!;

const hello = image({ repoTags: ['hello-world:latest'] });
const exited = (name: string, parts: { imageId?: string; exitCode?: number; image?: string } = {}) =>
  container({
    name,
    image: parts.image ?? 'hello-world',
    imageId: parts.imageId ?? hello.id,
    state: 'exited',
    status: `Exited (${parts.exitCode ?? 0}) 1 second ago`,
    exitCode: parts.exitCode ?? 0,
  });

let runs = 0;
/** Berth's run flow of hello-world, finished with exit code 0. */
function flow(parts: Partial<RunFlow>): RunFlow {
  runs += 1;
  return runFlow({
    runId: `run-${runs}`,
    image: 'hello-world:latest',
    command: 'docker run hello-world',
    state: 'exited',
    exitCode: 0,
    containerId: null,
    containerName: null,
    ...parts,
  });
}

describe('lesson 4, hello-world and the image cache', () => {
  it('has run once a hello-world container exited 0, not before, not with an error, not another image', () => {
    expect(step('firstRun').done(world({ images: [hello] }), memory())).toBe(false);
    const running = { ...exited('a'), state: 'running' as const, exitCode: null };
    expect(step('firstRun').done(world({ images: [hello], containers: [running] }), memory())).toBe(false);
    expect(
      step('firstRun').done(world({ images: [hello], containers: [exited('a', { exitCode: 1 })] }), memory()),
    ).toBe(false);
    const busybox = image({ repoTags: ['busybox:latest'] });
    const other = exited('b', { image: 'busybox', imageId: busybox.id });
    expect(step('firstRun').done(world({ images: [hello, busybox], containers: [other] }), memory())).toBe(false);
    expect(step('firstRun').done(world({ images: [hello], containers: [exited('a')] }), memory())).toBe(true);
    // Podman's full names.
    const podmanHello = image({ repoTags: ['docker.io/library/hello-world:latest'] });
    const podmanRun = exited('c', { image: 'docker.io/library/hello-world:latest', imageId: podmanHello.id });
    expect(step('firstRun').done(world({ images: [podmanHello], containers: [podmanRun] }), memory())).toBe(true);
  });

  it('counts only the runs since the lesson started (the guide’s run is not this lesson’s), with a second of slack', () => {
    const started = memory({ startedAt: 1_800_000_000_000 });
    const before = { ...exited('guide'), created: 1_799_999_990 };
    const sameSecond = { ...exited('just-now'), created: 1_799_999_999 };
    expect(step('firstRun').done(world({ images: [hello], containers: [before] }), started)).toBe(false);
    expect(step('firstRun').done(world({ images: [hello], containers: [sameSecond, before] }), started)).toBe(true);
    expect(step('secondRun').done(world({ images: [hello], containers: [sameSecond, before] }), started)).toBe(false);
    // Berth's flow of the guide's run, its container still listed (and dated before): not this lesson's either.
    const guideFlow = flow({ containerId: before.id, containerName: 'guide', cacheHit: false });
    expect(step('firstRun').done(world({ images: [hello], containers: [before], runs: [guideFlow] }), started)).toBe(
      false,
    );
  });

  it('counts a run made in Berth with --rm, whose container is gone, from its run flow', () => {
    const gone = flow({ containerId: 'f'.repeat(64), containerName: 'brave_hello', cacheHit: false });
    expect(step('firstRun').done(world({ runs: [gone] }), memory())).toBe(true);
    expect(step('firstRun').done(world({ runs: [{ ...gone, state: 'running', exitCode: null }] }), memory())).toBe(
      false,
    );
    expect(step('firstRun').remember!(world({ runs: [gone] }), memory())).toEqual({ firstContainer: 'brave_hello' });
    expect(step('firstRun').screen(world({ runs: [gone] }), memory())).toBe(`#/run/${gone.runId}`);
  });

  it('has run again from the cache once two containers of one image id exited 0', () => {
    const first = exited('first');
    expect(step('secondRun').done(world({ images: [hello], containers: [first] }), memory())).toBe(false);
    const second = exited('second');
    expect(step('secondRun').done(world({ images: [hello], containers: [second, first] }), memory())).toBe(true);
    // Another image id (hello-world pulled again after the first was removed): not from the cache.
    const otherId = exited('third', { imageId: `sha256:${'e'.repeat(64)}` });
    expect(step('secondRun').done(world({ images: [hello], containers: [otherId, first] }), memory())).toBe(false);
    // A second run that failed is not a second greeting.
    const failed = exited('failed', { exitCode: 125 });
    expect(step('secondRun').done(world({ images: [hello], containers: [failed, first] }), memory())).toBe(false);
  });

  it('has run again from the cache when Berth saw the cache hit, even after --rm', () => {
    const first = exited('first');
    const hit = flow({ containerId: 'a'.repeat(64), containerName: 'gone_again', cacheHit: true });
    expect(step('secondRun').done(world({ images: [hello], containers: [first], runs: [hit] }), memory())).toBe(true);
    // One run alone, even a cache hit, is not two runs.
    expect(step('secondRun').done(world({ images: [hello], runs: [hit] }), memory())).toBe(false);
    // Two runs that both pulled: no cache hit seen.
    const pulled = flow({ containerId: 'b'.repeat(64), containerName: 'pulled', cacheHit: false });
    const pulledAgain = flow({ containerId: 'c'.repeat(64), containerName: 'pulled_again', cacheHit: false });
    expect(step('secondRun').done(world({ runs: [pulledAgain, pulled] }), memory())).toBe(false);
  });

  it('names the first and second runs and the image in the texts, and links the second run', () => {
    const first = { ...exited('first'), created: 1_800_000_000 };
    const second = { ...exited('second'), created: 1_800_000_010 };
    const hit = flow({ containerId: second.id, containerName: 'second' });
    const seen = world({ images: [hello], containers: [second, first], runs: [hit] });
    const remembered = memory({ notes: { firstContainer: 'first' } });
    expect(step('secondRun').remember!(seen, remembered)).toEqual({ secondContainer: 'second' });
    expect(helloWorld.facts!(seen, remembered)).toEqual({
      imageId: hello.id.replace('sha256:', '').slice(0, 12),
      first: 'first',
      second: 'second',
    });
    expect(step('secondRun').screen(seen, remembered)).toBe(`#/run/${hit.runId}`);
    // The first run was typed in a terminal: its container in the list.
    expect(step('firstRun').screen(seen, remembered)).toBe(`#/containers?show=${first.id}`);
    expect(step('firstRun').commands(seen, remembered)).toEqual(['docker run hello-world']);
  });
});
