import { describe, expect, it } from 'vitest';
import { applyContainerChange, emptyContainerList, type ContainerList } from '../../src/shared/containerList';
import type { ContainerChange } from '../../src/shared/containers';
import { container } from '../fixtures/builders/sharedModels';

const web = container({ id: 'a1', name: 'web' });
const db = container({ id: 'b2', name: 'db', state: 'exited' });

const apply = (changes: ContainerChange[], from: ContainerList = emptyContainerList) =>
  changes.reduce(applyContainerChange, from);

describe('applyContainerChange', () => {
  it('is not loaded before the first snapshot, and loaded with its containers and staleness after', () => {
    expect(emptyContainerList.loaded).toBe(false);
    const list = apply([{ type: 'snapshot', containers: [web, db], stale: true }]);
    expect(list.loaded).toBe(true);
    expect(list.stale).toBe(true);
    expect([...list.byId.keys()]).toEqual(['a1', 'b2']);
  });

  it('replaces the whole list on a snapshot', () => {
    const list = apply([
      { type: 'snapshot', containers: [web, db], stale: false },
      { type: 'snapshot', containers: [db], stale: false },
    ]);
    expect([...list.byId.values()]).toEqual([db]);
  });

  it('adds a new container, replaces a known one, removes one, and keeps the staleness on each', () => {
    const stopped = { ...web, state: 'exited' as const, status: 'Exited (0)' };
    const list = apply([
      { type: 'snapshot', containers: [web], stale: true },
      { type: 'upsert', container: db },
      { type: 'upsert', container: stopped },
      { type: 'remove', id: 'b2' },
      { type: 'remove', id: 'unknown' },
    ]);
    expect([...list.byId.values()]).toEqual([stopped]);
    expect(list.stale).toBe(true);
    expect(list.loaded).toBe(true);
  });

  it('marks the list stale and fresh again without touching the containers', () => {
    const loaded = apply([{ type: 'snapshot', containers: [web], stale: false }]);
    const stale = applyContainerChange(loaded, { type: 'stale', stale: true });
    expect(stale.stale).toBe(true);
    expect(stale.byId).toBe(loaded.byId);
    expect(applyContainerChange(stale, { type: 'stale', stale: false }).stale).toBe(false);
  });

  it('never modifies the list it is given', () => {
    const loaded = apply([{ type: 'snapshot', containers: [web], stale: false }]);
    applyContainerChange(loaded, { type: 'upsert', container: db });
    applyContainerChange(loaded, { type: 'remove', id: 'a1' });
    expect([...loaded.byId.values()]).toEqual([web]);
    expect([...emptyContainerList.byId.keys()]).toEqual([]);
  });
});
