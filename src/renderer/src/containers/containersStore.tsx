import { createContext, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { applyContainerChange, emptyContainerList, type ContainerList } from '../../../shared/containerList';
import type { ContainerSummary } from '../../../shared/containers';
import { useBerthClient } from '../app/clientContext';

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
  const client = useBerthClient();
  const [state, setState] = useState<ContainerList>(emptyContainerList);
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
