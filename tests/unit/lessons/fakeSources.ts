import type Docker from 'dockerode';
import type { ComposeProjectState } from '../../../src/shared/compose';
import type { ContainerChange, ContainerSummary } from '../../../src/shared/containers';
import { Emitter, type Listener } from '../../../src/shared/emitter';
import type { EngineEvent } from '../../../src/main/engine/engineMonitor';
import type { LessonSources } from '../../../src/main/lessons/lessonWatcher';
import { world } from './worldFixture';

/**
 * The watcher's sources played by a test: a connected engine whose events the test fires, and
 * lists that answer with what the test gives (at once, or after `delayMs` as a LiveList that loads).
 * `followed` counts the lists followed now.
 */
export function fakeSources(
  options: {
    containers?: () => ContainerSummary[];
    composeProjects?: () => ComposeProjectState[];
    delayMs?: number;
  } = {},
) {
  const events = new Emitter<EngineEvent>();
  const followed = { count: 0 };
  const list = <T>(value: () => T) => ({
    subscribe: (emit: Listener<T>) => {
      followed.count += 1;
      const timer = options.delayMs === undefined ? null : setTimeout(() => emit(value()), options.delayMs);
      if (!timer) emit(value());
      return () => {
        if (timer) clearTimeout(timer);
        followed.count -= 1;
      };
    },
  });
  const containers = options.containers ?? (() => []);
  const sources: LessonSources = {
    monitor: { getStatus: () => world().engine, onStatus: () => () => undefined, onEngineEvent: events.event },
    containers: {
      ...list<ContainerChange>(() => ({ type: 'snapshot', containers: containers(), stale: false })),
      getSnapshot: () => ({ containers: containers() }),
    },
    images: list(() => []),
    volumes: list(() => []),
    networks: list(() => []),
    composeProjects: list(options.composeProjects ?? (() => [])),
    builds: { subscribe: () => () => undefined },
    pulls: { subscribe: () => () => undefined },
    runs: { list: () => [], flow: () => undefined, onStarted: () => () => undefined, onFlow: () => () => undefined },
    composeTool: async () => ({ found: false, searched: [], platform: 'linux' }),
    diskUsage: async () => ({ reclaimable: 0, total: 0 }),
    imageLayers: async () => [],
    getClient: () => ({}) as Docker,
  };
  return { sources, events, followed };
}
