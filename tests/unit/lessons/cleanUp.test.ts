import { describe, expect, it } from 'vitest';
import type { LessonObservation } from '../../../src/main/lessons/lessonDefinition';
import { cleanUp } from '../../../src/main/lessons/course/cleanUp';
import { memory, world } from './worldFixture';

const step = (id: string) => cleanUp.steps.find((candidate) => candidate.id === id)!;
const started = memory().startedAt;

const sample = (after: number, reclaimableBytes: number, totalBytes = 5_000_000_000): LessonObservation => ({
  kind: 'diskUsage',
  at: started + after,
  reclaimableBytes,
  totalBytes,
});

describe('lesson 8, clean up', () => {
  it('asks Berth to measure the disk while it is open', () => {
    expect(cleanUp.measuresDisk).toBe(true);
  });

  it('has looked at the disk usage once a measurement was taken since the lesson started', () => {
    expect(step('measure').done(world(), memory())).toBe(false);
    // One from before the lesson (an earlier try, before a reset) does not count.
    const old = world({ observations: [sample(-1000, 300_000_000)] });
    expect(step('measure').done(old, memory())).toBe(false);
    // Other observations are not disk usage.
    const other = world({
      observations: [{ kind: 'installationCheck', at: started + 1, serverVersion: '24.0.5' }],
    });
    expect(step('measure').done(other, memory())).toBe(false);
    const measured = world({ observations: [sample(-1000, 1), sample(10, 300_000_000)] });
    expect(step('measure').done(measured, memory())).toBe(true);
    expect(step('measure').remember!(measured, memory())).toEqual({ before: 300_000_000, total: 5_000_000_000 });
    expect(step('measure').commands(measured, memory())).toEqual(['docker system df']);
    expect(step('measure').screen(measured, memory())).toBe('#/disk');
  });

  it('is cleaned once the reclaimable space went down, not when it stayed or grew', () => {
    expect(step('clean').done(world({ observations: [sample(10, 300_000_000)] }), memory())).toBe(false);
    const same = world({ observations: [sample(10, 300_000_000), sample(20, 300_000_000)] });
    expect(step('clean').done(same, memory())).toBe(false);
    const grew = world({ observations: [sample(10, 300_000_000), sample(20, 450_000_000)] });
    expect(step('clean').done(grew, memory())).toBe(false);
    const down = world({ observations: [sample(10, 300_000_000), sample(20, 12_000_000)] });
    expect(step('clean').done(down, memory())).toBe(true);
    expect(step('clean').remember!(down, memory())).toEqual({ before: 300_000_000, after: 12_000_000 });
  });

  it('counts a drop from something made during the lesson, when nothing was reclaimable at the start', () => {
    // 0 at the start, a stopped container makes 20 MB reclaimable, removing it brings it back to 0.
    const observations = [sample(10, 0), sample(20, 20_000_000), sample(30, 0)];
    expect(step('clean').done(world({ observations: observations.slice(0, 2) }), memory())).toBe(false);
    expect(step('clean').done(world({ observations }), memory())).toBe(true);
    expect(step('clean').remember!(world({ observations }), memory())).toEqual({ before: 20_000_000, after: 0 });
  });

  it('ignores a drop that happened before the lesson started', () => {
    const observations = [sample(-2000, 900_000_000), sample(-1000, 10), sample(10, 10)];
    expect(step('clean').done(world({ observations }), memory())).toBe(false);
  });

  it('shows the sizes before and after as docker system df writes them', () => {
    expect(cleanUp.facts!(world(), memory())).toEqual({});
    const measuring = world({ observations: [sample(10, 300_000_000), sample(20, 310_000_000, 6_000_000_000)] });
    expect(cleanUp.facts!(measuring, memory({ notes: { before: 300_000_000 } }))).toEqual({
      before: '300MB',
      after: '310MB',
      freed: '0B',
      total: '6GB',
      totalBefore: '5GB',
      reclaimable: '310MB',
      reclaimableBytes: '310000000',
    });
    const cleaned = world({ observations: [sample(10, 300_000_000), sample(20, 12_000_000), sample(30, 15_000_000)] });
    expect(cleanUp.facts!(cleaned, memory({ notes: { before: 300_000_000, after: 12_000_000 } }))).toMatchObject({
      before: '300MB',
      after: '12MB',
      freed: '288MB',
      reclaimable: '15MB',
    });
    // The measurements no longer kept (only the last 200 observations are): what was remembered.
    expect(
      cleanUp.facts!(world(), memory({ notes: { before: 300_000_000, after: 12_000_000, total: 5_000_000_000 } })),
    ).toEqual({ before: '300MB', after: '12MB', freed: '288MB', total: '5GB', totalBefore: '5GB' });
    // Nothing to reclaim: the page says so.
    expect(cleanUp.facts!(world({ observations: [sample(10, 0)] }), memory())).toMatchObject({
      reclaimableBytes: '0',
      before: '0B',
    });
  });
});
