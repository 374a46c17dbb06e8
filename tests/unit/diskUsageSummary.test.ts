import { describe, expect, it } from 'vitest';
import { planCleanup, summarizeDiskUsage } from '../../src/main/disk/summarizeDiskUsage';
import type { DiskReading } from '../../src/main/disk/diskReading';

// A reading shaped like GET /system/df on dockerd: the CLI's rules decide each figure.
const reading: DiskReading = {
  measuredAt: 1_000,
  podman: false,
  layersSize: 1000,
  images: [
    // Used by a container: its 300 own bytes are not reclaimable; its shared 200 still count as reclaimable, as the CLI counts.
    { Id: 'sha256:used', RepoTags: ['web:1'], Size: 500, SharedSize: 200, Containers: 1 },
    { Id: 'sha256:tagged', RepoTags: ['old:1'], Size: 300, SharedSize: 200, Containers: 0 },
    { Id: 'sha256:dangling', RepoTags: ['<none>:<none>'], Size: 250, SharedSize: 200, Containers: 0 },
  ],
  containers: [
    { Id: 'c-run', Names: ['/web'], State: 'running', SizeRw: 10 },
    { Id: 'c-exit', Names: ['/old'], State: 'exited', SizeRw: 20 },
    { Id: 'c-new', Names: ['/fresh'], State: 'created' },
    // The CLI counts a paused container's layer as reclaimable; a clean-up leaves it.
    { Id: 'c-paused', Names: ['/held'], State: 'paused', SizeRw: 40 },
  ],
  volumes: [
    { Name: 'data', UsageData: { RefCount: 1, Size: 100 } },
    { Name: 'spare', UsageData: { RefCount: 0, Size: 70 } },
    { Name: 'unknown', UsageData: { RefCount: 0, Size: -1 } },
  ],
  buildCache: [
    { ID: 'b-busy', Description: 'RUN make', Size: 5, InUse: true, Shared: false },
    { ID: 'b-free', Description: 'RUN apt', Size: 7, InUse: false, Shared: false },
    { ID: 'b-shared', Description: 'FROM base', Size: 11, InUse: false, Shared: true },
  ],
};

describe('disk usage, counted as `docker system df` counts it', () => {
  const usage = summarizeDiskUsage(reading);

  it('images: the layers once, reclaimable all but the used images own bytes', () => {
    expect(usage.images).toMatchObject({ count: 3, size: 1000, reclaimable: 700 });
    expect(usage.images.items.map((item) => [item.id, item.size, item.state, item.reclaimable])).toEqual([
      ['sha256:used', 300, 'in-use', false],
      ['sha256:tagged', 100, 'unused', true],
      ['sha256:dangling', 50, 'dangling', true],
    ]);
  });

  it('containers: writable layers, reclaimable all but the running ones', () => {
    expect(usage.containers).toMatchObject({ count: 4, size: 70, reclaimable: 60 });
    expect(usage.containers.items.find((item) => item.id === 'c-paused')).toMatchObject({
      reclaimable: false,
      state: 'unknown',
    });
    expect(usage.containers.items.find((item) => item.id === 'c-new')).toMatchObject({ size: 0, state: 'stopped' });
  });

  it('volumes: unreferenced ones are reclaimable, unknown sizes count as zero', () => {
    expect(usage.volumes).toMatchObject({ count: 3, size: 170, reclaimable: 70 });
  });

  it('build cache: shared records are not counted, in-use ones not reclaimable', () => {
    expect(usage.buildCache).toMatchObject({ count: 3, size: 12, reclaimable: 7, unsupported: false });
    expect(usage.reclaimable).toBe(700 + 60 + 70 + 7);
  });

  it('Podman has no build cache records', () => {
    expect(summarizeDiskUsage({ ...reading, podman: true }).buildCache.unsupported).toBe(true);
  });
});

describe('the clean-up plan', () => {
  it('lists per ticked kind what it removes, with the bytes each frees', () => {
    const plan = planCleanup(reading, [
      'stoppedContainers',
      'danglingImages',
      'unusedImages',
      'buildCache',
      'unusedVolumes',
    ]);
    const ids = Object.fromEntries(plan.groups.map((group) => [group.kind, group.items.map((item) => item.id)]));
    expect(ids).toEqual({
      stoppedContainers: ['c-exit', 'c-new'],
      danglingImages: ['sha256:dangling'],
      unusedImages: ['sha256:tagged'],
      buildCache: ['b-free', 'b-shared'],
      unusedVolumes: ['spare', 'unknown'],
    });
    expect(plan.groups.map((group) => group.bytes)).toEqual([20, 50, 100, 7, 70]);
    expect(plan.bytes).toBe(247);
    // The two images share layers with each other: removing both frees at least this.
    expect(plan.atLeast).toBe(true);
  });

  it('lists only the ticked kinds', () => {
    const plan = planCleanup(reading, ['danglingImages']);
    expect(plan.groups.map((group) => group.kind)).toEqual(['danglingImages']);
    expect(plan.atLeast).toBe(false);
  });
});
