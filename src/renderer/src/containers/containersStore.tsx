import { createContext, useContext, useMemo, type ReactNode } from 'react';
import { applyContainerChange, emptyContainerList } from '../../../shared/containerList';
import type { ContainerSummary } from '../../../shared/containers';
import { useStreamStore } from '../app/useStream';

interface ContainersValue {
  /** Null until the first snapshot. Newest first. */
  containers: ContainerSummary[] | null;
  byId: ReadonlyMap<string, ContainerSummary>;
  /** The events stream broke: the list is kept but may be out of date until the resync. */
  stale: boolean;
}

const ContainersContext = createContext<ContainersValue>({ containers: null, byId: new Map(), stale: false });

/** Mirrors the main process's live containers model: a snapshot, then one change per engine event. */
export function ContainersProvider({ children }: { children: ReactNode }) {
  const { state } = useStreamStore('containers.changes', applyContainerChange, emptyContainerList);
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
