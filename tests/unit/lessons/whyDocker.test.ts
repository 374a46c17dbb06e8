import { describe, expect, it } from 'vitest';
import { whyDocker } from '../../../src/main/lessons/course/whyDocker';
import { container, image, memory, world } from './worldFixture';

const step = (id: string) => whyDocker.steps.find((candidate) => candidate.id === id)!;

describe('lesson 1, why Docker', () => {
  it('has the image once redis is in the image cache, by any of its names', () => {
    expect(step('pull').done(world(), memory())).toBe(false);
    expect(step('pull').done(world({ images: [image({ repoTags: ['busybox:latest'] })] }), memory())).toBe(false);
    expect(step('pull').done(world({ images: [image({ repoTags: ['redis:latest'] })] }), memory())).toBe(true);
    // Podman lists the full name.
    expect(step('pull').done(world({ images: [image({ repoTags: ['docker.io/library/redis:7'] })] }), memory())).toBe(
      true,
    );
  });

  it('runs once a redis container runs, not when it only exists', () => {
    const redis = image({ repoTags: ['redis:latest'] });
    const stopped = container({ name: 'my-redis', image: 'redis', imageId: redis.id, state: 'exited' });
    expect(step('run').done(world({ images: [redis], containers: [stopped] }), memory())).toBe(false);
    const up = { ...stopped, state: 'running' as const };
    expect(step('run').done(world({ images: [redis], containers: [up] }), memory())).toBe(true);
    // Run by image id: still the redis image.
    const byId = container({ name: 'other', image: redis.id, imageId: redis.id });
    expect(step('run').done(world({ images: [redis], containers: [byId] }), memory())).toBe(true);
    expect(whyDocker.facts!(world({ images: [redis], containers: [up] }), memory())).toEqual({ container: 'my-redis' });
  });

  it('shows the running container in the Containers screen', () => {
    const redis = image({ repoTags: ['redis:latest'] });
    const up = container({ name: 'my-redis', image: 'redis', imageId: redis.id });
    expect(step('run').screen(world({ images: [redis], containers: [up] }), memory())).toBe(
      '#/containers?show=my-redis',
    );
    expect(step('run').screen(world(), memory())).toBe('#/containers');
  });
});
