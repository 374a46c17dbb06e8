import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { PullJob } from '../../../shared/pulls';
import { useBerthClient } from '../app/clientContext';

interface PullsValue {
  /** Newest first. */
  jobs: PullJob[];
  startPull(reference: string): Promise<PullJob>;
  cancel(id: string): Promise<void>;
  dismiss(id: string): Promise<void>;
  panelOpen: boolean;
  setPanelOpen(open: boolean): void;
}

const PullsContext = createContext<PullsValue | null>(null);

/** Mirrors the main process's pull jobs (it owns them; they go on when a page is left). */
export function PullsProvider({ children }: { children: ReactNode }) {
  const client = useBerthClient();
  const [byId, setById] = useState<ReadonlyMap<string, PullJob>>(new Map());
  const [panelOpen, setPanelOpen] = useState(false);

  useEffect(
    () =>
      client.subscribe('pulls.jobs', {}, (job) =>
        setById((previous) => {
          const next = new Map(previous);
          next.set(job.id, job);
          return next;
        }),
      ),
    [client],
  );

  const startPull = useCallback(
    async (reference: string) => {
      const job = await client.request('pulls.start', { reference });
      setById((previous) => new Map(previous).set(job.id, previous.get(job.id) ?? job));
      setPanelOpen(true);
      return job;
    },
    [client],
  );
  const cancel = useCallback(
    async (id: string) => {
      await client.request('pulls.cancel', { id });
    },
    [client],
  );
  const dismiss = useCallback(
    async (id: string) => {
      await client.request('pulls.dismiss', { id });
      setById((previous) => {
        const next = new Map(previous);
        next.delete(id);
        return next;
      });
    },
    [client],
  );

  const value = useMemo<PullsValue>(
    () => ({
      jobs: [...byId.values()].sort((a, b) => b.startedAt - a.startedAt),
      startPull,
      cancel,
      dismiss,
      panelOpen,
      setPanelOpen,
    }),
    [byId, startPull, cancel, dismiss, panelOpen],
  );
  return <PullsContext.Provider value={value}>{children}</PullsContext.Provider>;
}

export function usePulls(): PullsValue {
  const value = useContext(PullsContext);
  if (!value) throw new Error('usePulls needs a PullsProvider');
  return value;
}
