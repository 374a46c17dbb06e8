import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { DiskUsage, ReclaimableNotice } from '../../src/shared/diskUsage';
import { Emitter } from '../../src/shared/emitter';
import type { EngineStatus } from '../../src/shared/engine';
import type { EngineEvent } from '../../src/main/engine/engineMonitor';
import { isDiskUsageEvent, ReclaimableWatcher } from '../../src/main/disk/reclaimableWatcher';
import { connectedStatus } from '../fixtures/builders/engineStatus';

const emptyCategory = { count: 0, size: 0, reclaimable: 0, items: [], unsupported: false };

function usage(reclaimable: number): DiskUsage {
  return {
    measuredAt: Date.now(),
    images: { ...emptyCategory, reclaimable },
    containers: emptyCategory,
    volumes: emptyCategory,
    buildCache: emptyCategory,
    reclaimable,
  };
}

describe('the reclaimable-space hint', () => {
  const events = new Emitter<EngineEvent>();
  const statuses = new Emitter<EngineStatus>();
  const monitor = {
    onEngineEvent: events.event,
    onStatus: statuses.event,
    getStatus: () => connectedStatus(),
  };
  const thresholdChanged = new Emitter<void>();
  let thresholdGb = 10;
  let reclaimable = 12e9;
  let measure: ReturnType<typeof vi.fn<() => Promise<DiskUsage>>>;
  let watcher: ReclaimableWatcher;
  let notices: ReclaimableNotice[];

  beforeEach(() => {
    vi.useFakeTimers();
    thresholdGb = 10;
    reclaimable = 12e9;
    measure = vi.fn(async () => usage(reclaimable));
    watcher = new ReclaimableWatcher({
      monitor,
      measure,
      thresholdBytes: () => thresholdGb * 1e9,
      onThresholdChange: (listener) => thresholdChanged.event(listener),
    });
    notices = [];
  });
  afterEach(() => {
    watcher.dispose();
    vi.useRealTimers();
  });

  const containerEvent: EngineEvent = { Type: 'container', Action: 'destroy' };

  it('measures nothing while nobody listens, whatever the engine says', async () => {
    events.fire(containerEvent);
    await vi.advanceTimersByTimeAsync(120_000);
    expect(measure).not.toHaveBeenCalled();
  });

  it('measures once for the first listener and says whether the space is over the threshold', async () => {
    watcher.subscribe((notice) => notices.push(notice));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(measure).toHaveBeenCalledTimes(1);
    expect(notices).toEqual([
      { reclaimableBytes: 12e9, thresholdBytes: 10e9, over: true, measuredAt: expect.any(Number) },
    ]);
  });

  it('measures at most once a minute however many relevant events come, and the last burst still counts', async () => {
    watcher.subscribe((notice) => notices.push(notice));
    await vi.advanceTimersByTimeAsync(5_000);
    expect(measure).toHaveBeenCalledTimes(1);
    const firstAt = Date.now() - 5_000;
    const measuredAt: number[] = [];
    measure.mockImplementation(async () => {
      measuredAt.push(Date.now());
      return usage(reclaimable);
    });
    // An event every 5 seconds for three minutes: each burst is over long before the next.
    for (let step = 0; step < 36; step += 1) {
      events.fire(step % 2 ? containerEvent : { Type: 'image', Action: 'delete' });
      await vi.advanceTimersByTimeAsync(5_000);
    }
    await vi.advanceTimersByTimeAsync(61_000);
    const times = [firstAt, ...measuredAt];
    for (let index = 1; index < times.length; index += 1) {
      expect(times[index]! - times[index - 1]!).toBeGreaterThanOrEqual(60_000);
    }
    // Three minutes of events and the trailing one: about one a minute, never more.
    expect(measuredAt.length).toBeGreaterThanOrEqual(3);
    expect(measuredAt.length).toBeLessThanOrEqual(4);
    // Quiet again: nothing more.
    const count = measure.mock.calls.length;
    await vi.advanceTimersByTimeAsync(600_000);
    expect(measure).toHaveBeenCalledTimes(count);
  });

  it('does not measure for events that cannot change the space (a volume mount, a network)', async () => {
    watcher.subscribe((notice) => notices.push(notice));
    await vi.advanceTimersByTimeAsync(61_000);
    expect(measure).toHaveBeenCalledTimes(1);
    events.fire({ Type: 'volume', Action: 'mount' });
    events.fire({ Type: 'network', Action: 'connect' });
    events.fire({ Type: 'container', Action: 'exec_start: sh' });
    await vi.advanceTimersByTimeAsync(120_000);
    expect(measure).toHaveBeenCalledTimes(1);
  });

  it('applies a new threshold to the last measurement without measuring again', async () => {
    watcher.subscribe((notice) => notices.push(notice));
    await vi.advanceTimersByTimeAsync(5_000);
    thresholdGb = 20;
    thresholdChanged.fire();
    thresholdGb = 0;
    thresholdChanged.fire();
    // A change to another setting: the same threshold, no new notice.
    thresholdChanged.fire();
    expect(measure).toHaveBeenCalledTimes(1);
    expect(notices.map(({ thresholdBytes, over }) => ({ thresholdBytes, over }))).toEqual([
      { thresholdBytes: 10e9, over: true },
      { thresholdBytes: 20e9, over: false },
      // 0 turns the hint off.
      { thresholdBytes: 0, over: false },
    ]);
  });

  it('gives a later listener the last notice at once, and takes a measurement made elsewhere', async () => {
    watcher.subscribe((notice) => notices.push(notice));
    await vi.advanceTimersByTimeAsync(5_000);
    const later: ReclaimableNotice[] = [];
    watcher.subscribe((notice) => later.push(notice));
    expect(later).toEqual([notices[0]]);
    vi.setSystemTime(Date.now() + 1000);
    watcher.record(usage(1e9));
    expect(later.at(-1)).toMatchObject({ reclaimableBytes: 1e9, over: false });
    expect(measure).toHaveBeenCalledTimes(1);
  });
});

describe('which engine events may change the disk usage', () => {
  it.each([
    [{ Type: 'container', Action: 'destroy' }, true],
    [{ Type: 'container', Action: 'remove' }, true],
    [{ Type: 'container', Action: 'die' }, true],
    [{ Type: 'image', Action: 'untag' }, true],
    [{ Type: 'volume', Action: 'create' }, true],
    [{ Type: 'volume', Action: 'destroy' }, true],
    [{ Type: 'builder', Action: 'prune' }, true],
    [{ Type: 'volume', Action: 'mount' }, false],
    [{ Type: 'network', Action: 'create' }, false],
    [{ Type: 'container', Action: 'exec_create: sh' }, false],
  ])('%o → %s', (event, relevant) => {
    expect(isDiskUsageEvent(event)).toBe(relevant);
  });
});

describe('the hint across listeners coming and going', () => {
  it('gives a listener that comes back within the minute the last notice at once, and measures again only after the minute', async () => {
    vi.useFakeTimers();
    const events = new Emitter<EngineEvent>();
    const measure = vi.fn(async () => usage(5e9));
    const watcher = new ReclaimableWatcher({
      monitor: { onEngineEvent: events.event, onStatus: new Emitter<EngineStatus>().event, getStatus: connectedStatus },
      measure,
      thresholdBytes: () => 1e9,
      onThresholdChange: () => () => undefined,
    });
    const off = watcher.subscribe(() => undefined);
    await vi.advanceTimersByTimeAsync(5_000);
    expect(measure).toHaveBeenCalledTimes(1);
    off();
    // A window reloaded: its status bar listens again at once.
    const notices: ReclaimableNotice[] = [];
    watcher.subscribe((notice) => notices.push(notice));
    expect(notices).toEqual([expect.objectContaining({ reclaimableBytes: 5e9, over: true })]);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(measure).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(30_000);
    expect(measure).toHaveBeenCalledTimes(2);
    watcher.dispose();
    vi.useRealTimers();
  });
});
