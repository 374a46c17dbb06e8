import type { ContainerChange, ContainerSummary } from './containers';

/** The containers list as the 'containers.changes' stream builds it: the renderer's and the tray's. */
export interface ContainerList {
  byId: ReadonlyMap<string, ContainerSummary>;
  /** The events stream broke: the list is kept but may be out of date until the resync. */
  stale: boolean;
  /** A snapshot has come: before it the list is not known (not "no containers"). */
  loaded: boolean;
}

export const emptyContainerList: ContainerList = { byId: new Map(), stale: false, loaded: false };

/** The list after one change; a new list: the given one is not modified. */
export function applyContainerChange(list: ContainerList, change: ContainerChange): ContainerList {
  switch (change.type) {
    case 'snapshot':
      return {
        byId: new Map(change.containers.map((container) => [container.id, container])),
        stale: change.stale,
        loaded: true,
      };
    case 'upsert':
      return { ...list, byId: new Map(list.byId).set(change.container.id, change.container) };
    case 'remove': {
      const byId = new Map(list.byId);
      byId.delete(change.id);
      return { ...list, byId };
    }
    case 'stale':
      return { ...list, stale: change.stale };
  }
}
