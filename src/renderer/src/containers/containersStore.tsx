import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { ContainerChange, ContainerSummary } from '../../../shared/containers';
import { useBerthClient } from '../app/clientContext';

interface ContainersValue {
  /** Null until the first snapshot. Newest first. */
  containers: ContainerSummary[] | null;
  byId: ReadonlyMap<string, ContainerSummary>;
  /** The events stream broke: the list is kept but may be out of date until the resync. */
  stale: boolean;
}

const ContainersContext = createContext<ContainersValue>({ containers: null, byId: new Map(), stale: false });

export function applyContainerChange(
  state: { byId: ReadonlyMap<string, ContainerSummary>; stale: boolean; loaded: boolean },
  change: ContainerChange,
) {
  switch (change.type) {
    case 'snapshot':
      return {
        byId: new Map(change.containers.map((container) => [container.id, container])),
        stale: change.stale,
        loaded: true,
      };
    case 'upsert':
      return { ...state, byId: new Map(state.byId).set(change.container.id, change.container) };
    case 'remove': {
      const byId = new Map(state.byId);
      byId.delete(change.id);
      return { ...state, byId };
    }
    case 'stale':
      return { ...state, stale: change.stale };
  }
}

/** Mirrors the main process's live containers model: a snapshot, then one change per engine event. */
export function ContainersProvider({ children }: { children: ReactNode }) {
  const client = useBerthClient();
  const [state, setState] = useState<{ byId: ReadonlyMap<string, ContainerSummary>; stale: boolean; loaded: boolean }>({
    byId: new Map(),
    stale: false,
    loaded: false,
  });
  useEffect(
    () =>
      client.subscribe('containers.changes', {}, (change) =>
        setState((previous) => applyContainerChange(previous, change)),
      ),
    [client],
  );
  const value = useMemo<ContainersValue>(
    () => ({
      containers: state.loaded ? [...state.byId.values()].sort((a, b) => b.created - a.created) : null,
      byId: state.byId,
      stale: state.stale,
    }),
    [state],
  );
  return <ContainersContext.Provider value={value}>{children}</ContainersContext.Provider>;
}

export function useContainers(): ContainersValue {
  return useContext(ContainersContext);
}
