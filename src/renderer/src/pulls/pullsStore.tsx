import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { PullJob } from '../../../shared/pulls';
import { useBerthClient } from '../app/clientContext';
import { useStreamStore } from '../app/useStream';

interface PullsValue {
  /** Newest first. */
  jobs: PullJob[];
  startPull(reference: string): Promise<PullJob>;
  cancel(id: string): Promise<void>;
  dismiss(id: string): Promise<void>;
  panelOpen: boolean;
  setPanelOpen(open: boolean): void;
}

/** Each job event replaces that job. */
function applyPullJob(previous: ReadonlyMap<string, PullJob>, job: PullJob): ReadonlyMap<string, PullJob> {
  return new Map(previous).set(job.id, job);
}

const PullsContext = createContext<PullsValue | null>(null);

/** Mirrors the main process's pull jobs (it owns them; they go on when a page is left). */
export function PullsProvider({ children }: { children: ReactNode }) {
  const client = useBerthClient();
  const { state: byId, setState: setById } = useStreamStore(
    'pulls.jobs',
    applyPullJob,
    () => new Map<string, PullJob>() as ReadonlyMap<string, PullJob>,
  );
  const [panelOpen, setPanelOpen] = useState(false);

  const startPull = useCallback(
    async (reference: string) => {
      const job = await client.request('pulls.start', { reference });
      setById((previous) => new Map(previous).set(job.id, previous.get(job.id) ?? job));
      setPanelOpen(true);
      return job;
    },
    [client, setById],
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
    [client, setById],
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
