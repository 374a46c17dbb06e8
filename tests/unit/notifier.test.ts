import { describe, expect, it, vi } from 'vitest';
import { createNotifier, type BerthNotification } from '../../src/main/notifications/notifier';
import type { EngineStatus } from '../../src/shared/engine';
import { createTranslator } from '../../src/shared/i18n/translator';
import type { PullJob } from '../../src/shared/pulls';
import type { RunFlow } from '../../src/shared/run';
import { defaultSettings, type Settings } from '../../src/shared/settings';
import { connectedStatus, disconnectedStatus } from '../fixtures/builders/engineStatus';
import { pullJob, runFlow } from '../fixtures/builders/sharedModels';

// Fake sources: plain objects with the same onUpdate / onStatus / onFlow shape as the backend's
// services. The notifier only listens; nothing here stands in for an engine call.

class Source<T> {
  readonly listeners = new Set<(value: T) => void>();
  on = (listener: (value: T) => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };
  emit(value: T) {
    for (const listener of [...this.listeners]) listener(value);
  }
}

function setup(options: { engine?: EngineStatus; language?: 'en' | 'ko'; graceMs?: number } = {}) {
  let engine = options.engine ?? connectedStatus();
  const pulls = new Source<PullJob>();
  const status = new Source<EngineStatus>();
  const started = new Source<{ runId: string }>();
  const flows = new Map<string, RunFlow>();
  const flowSources = new Map<string, Source<RunFlow>>();
  let enabled: Settings['notifications'] = { ...defaultSettings.notifications };
  let t = createTranslator(options.language ?? 'en');
  const shown: BerthNotification[] = [];
  const notifier = createNotifier({
    pulls: { onUpdate: pulls.on },
    monitor: { getStatus: () => engine, onStatus: status.on },
    runs: {
      onStarted: started.on,
      flow: (runId) => flows.get(runId),
      onFlow: (runId, listener) => {
        const source = flowSources.get(runId) ?? new Source<RunFlow>();
        flowSources.set(runId, source);
        return source.on(listener);
      },
    },
    enabled: () => enabled,
    translate: () => t,
    notify: (notification) => shown.push(notification),
    engineStoppedGraceMs: options.graceMs ?? 0,
  });
  return {
    notifier,
    shown,
    pulls,
    status: (next: EngineStatus) => {
      engine = next;
      status.emit(next);
    },
    statusSource: status,
    startRun: (flow: RunFlow) => {
      flows.set(flow.runId, flow);
      started.emit({ runId: flow.runId });
    },
    updateRun: (flow: RunFlow) => {
      flows.set(flow.runId, flow);
      flowSources.get(flow.runId)?.emit(flow);
    },
    flowSources,
    disable: (kind: keyof Settings['notifications']) => {
      enabled = { ...enabled, [kind]: false };
    },
    setLanguage: (language: 'en' | 'ko') => {
      t = createTranslator(language);
    },
  };
}

describe('createNotifier', () => {
  it('announces a finished pull once', () => {
    const { pulls, shown } = setup();
    pulls.emit(pullJob({ id: 'p1', reference: 'redis:latest', percent: 50 }));
    expect(shown).toEqual([]);
    const done = pullJob({ id: 'p1', reference: 'redis:latest', state: 'done', percent: 100 });
    pulls.emit(done);
    pulls.emit(done);
    expect(shown).toEqual([
      {
        kind: 'pullFinished',
        title: 'Pulled redis:latest',
        body: 'The image is in your local image cache, ready to run.',
        action: { kind: 'open-section', section: 'images', param: null },
      },
    ]);
  });

  it('announces a failed pull with the problem in words, and not a cancelled one', () => {
    const { pulls, shown } = setup();
    pulls.emit(
      pullJob({
        id: 'p2',
        reference: 'nosuchimage:latest',
        state: 'failed',
        error: { code: 'image-not-found', message: 'manifest unknown' },
      }),
    );
    pulls.emit(pullJob({ id: 'p3', reference: 'redis:latest', state: 'cancelled' }));
    expect(shown).toEqual([
      {
        kind: 'pullFailed',
        title: 'Could not pull nosuchimage:latest',
        body: 'This image does not exist',
        action: { kind: 'open-section', section: 'images', param: null },
      },
    ]);
  });

  it('says something went wrong for a failure without a known code', () => {
    const { pulls, shown } = setup();
    pulls.emit(pullJob({ id: 'p4', reference: 'redis:latest', state: 'failed', error: null }));
    expect(shown[0]?.body).toBe('Something went wrong');
  });

  it('announces a container started from Berth that exits with a non-zero code', () => {
    const { startRun, updateRun, shown, flowSources } = setup();
    startRun(runFlow({ runId: 'r1', state: 'starting', containerId: null, containerName: null }));
    updateRun(runFlow({ runId: 'r1', state: 'running' }));
    expect(shown).toEqual([]);
    updateRun(runFlow({ runId: 'r1', state: 'exited', exitCode: 137 }));
    expect(shown).toEqual([
      {
        kind: 'containerFailed',
        title: 'eager_turing exited with code 137',
        body: 'Open its logs to see why.',
        action: { kind: 'open-logs', containerId: 'c0ffee' },
      },
    ]);
    // The run is let go once it ended: a later update says nothing.
    expect(flowSources.get('r1')!.listeners.size).toBe(0);
    updateRun(runFlow({ runId: 'r1', state: 'exited', exitCode: 137 }));
    expect(shown).toHaveLength(1);
  });

  it('says nothing for a container that exits with 0 or a run that failed before its container ran', () => {
    const { startRun, updateRun, shown } = setup();
    startRun(runFlow({ runId: 'r1' }));
    updateRun(runFlow({ runId: 'r1', state: 'exited', exitCode: 0 }));
    startRun(runFlow({ runId: 'r2', state: 'starting' }));
    updateRun(runFlow({ runId: 'r2', state: 'failed', error: { code: 'image-not-found', message: 'no such image' } }));
    expect(shown).toEqual([]);
  });

  it('announces a run that had already exited when it is watched', () => {
    const { startRun, shown, flowSources } = setup();
    startRun(runFlow({ runId: 'r1', state: 'exited', exitCode: 1 }));
    expect(shown.map((notification) => notification.kind)).toEqual(['containerFailed']);
    expect(flowSources.get('r1')!.listeners.size).toBe(0);
  });

  it('announces the engine stopping when Berth was connected to it', () => {
    const { status, shown } = setup();
    status(disconnectedStatus());
    status(disconnectedStatus());
    expect(shown).toEqual([
      {
        kind: 'engineStopped',
        title: 'The Docker server stopped',
        body: 'Berth reconnects by itself when it is back.',
        action: { kind: 'open-section', section: 'installation', param: null },
      },
    ]);
  });

  it('waits a moment before saying the engine stopped, and says nothing when it comes back at once', async () => {
    vi.useFakeTimers();
    try {
      const { status, shown } = setup({ graceMs: 5000 });
      status(disconnectedStatus());
      await vi.advanceTimersByTimeAsync(2000);
      status(connectedStatus());
      await vi.advanceTimersByTimeAsync(10_000);
      expect(shown).toEqual([]);

      status(disconnectedStatus());
      await vi.advanceTimersByTimeAsync(4999);
      expect(shown).toEqual([]);
      await vi.advanceTimersByTimeAsync(1);
      expect(shown.map((notification) => notification.kind)).toEqual(['engineStopped']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('says nothing at start-up, when the engine was never connected', () => {
    const { status, shown } = setup({ engine: connectedStatus({ state: 'connecting', server: null }) });
    status(disconnectedStatus());
    status(disconnectedStatus());
    expect(shown).toEqual([]);
  });

  it('says nothing when the user switches engines (connected → connecting → disconnected)', () => {
    const { status, shown } = setup();
    status(connectedStatus({ state: 'connecting' }));
    status(disconnectedStatus());
    expect(shown).toEqual([]);
    status(connectedStatus());
    status(disconnectedStatus());
    expect(shown).toHaveLength(1);
  });

  it('respects each kind being turned off, at once', () => {
    const { pulls, status, startRun, shown, disable } = setup();
    disable('pullFinished');
    disable('engineStopped');
    pulls.emit(pullJob({ id: 'p1', reference: 'redis:latest', state: 'done', percent: 100 }));
    status(disconnectedStatus());
    startRun(runFlow({ runId: 'r1', state: 'exited', exitCode: 2 }));
    pulls.emit(pullJob({ id: 'p2', reference: 'x:latest', state: 'failed', error: null }));
    expect(shown.map((notification) => notification.kind)).toEqual(['containerFailed', 'pullFailed']);
    disable('containerFailed');
    disable('pullFailed');
    startRun(runFlow({ runId: 'r2', state: 'exited', exitCode: 2 }));
    pulls.emit(pullJob({ id: 'p3', reference: 'x:latest', state: 'failed', error: null }));
    expect(shown).toHaveLength(2);
  });

  it('speaks the current language', () => {
    const { pulls, shown, setLanguage } = setup();
    setLanguage('ko');
    pulls.emit(pullJob({ id: 'p1', reference: 'redis:latest', state: 'done', percent: 100 }));
    expect(shown[0]).toMatchObject({ title: 'redis:latest 이미지를 받았어요' });
  });

  it('keeps working when showing a notification throws', () => {
    const shown: string[] = [];
    const pulls = new Source<PullJob>();
    createNotifier({
      pulls: { onUpdate: pulls.on },
      monitor: { getStatus: () => connectedStatus(), onStatus: () => () => undefined },
      enabled: () => defaultSettings.notifications,
      translate: () => createTranslator('en'),
      notify: (notification) => {
        shown.push(notification.title);
        throw new Error('no notification center');
      },
    });
    pulls.emit(pullJob({ id: 'p1', reference: 'a:latest', state: 'done' }));
    pulls.emit(pullJob({ id: 'p2', reference: 'b:latest', state: 'done' }));
    expect(shown).toEqual(['Pulled a:latest', 'Pulled b:latest']);
  });

  it('stops listening when disposed', () => {
    const { notifier, pulls, statusSource, startRun, flowSources, shown } = setup();
    startRun(runFlow({ runId: 'r1' }));
    notifier.dispose();
    expect(pulls.listeners.size).toBe(0);
    expect(statusSource.listeners.size).toBe(0);
    expect(flowSources.get('r1')!.listeners.size).toBe(0);
    pulls.emit(pullJob({ id: 'p1', reference: 'redis:latest', state: 'done' }));
    expect(shown).toEqual([]);
  });
});
