import { createContext, useCallback, useContext, useMemo, useState, type ReactNode } from 'react';
import type { ComposeDocument, ComposeJob, ComposeRunInput, ComposeTool } from '../../../shared/compose';
import { useBerthClient } from '../app/clientContext';
import { useStreamStore } from '../app/useStream';

interface ComposeValue {
  /** The documents opened in Berth this session, by project name (the project view shows them). */
  documents: ReadonlyMap<string, ComposeDocument>;
  remember(document: ComposeDocument): void;
  /** The compose commands the main process runs or ran, newest first. */
  jobs: ComposeJob[];
  run(input: ComposeRunInput): Promise<ComposeJob>;
  cancel(id: string): Promise<void>;
  dismiss(id: string): Promise<void>;
  /** The compose Berth found (null until asked, or when asking failed: then nothing is blocked on it). */
  tool: ComposeTool | null;
  checkingTool: boolean;
  /** Looks for compose again (after the user installed it). */
  checkTool(): Promise<void>;
}

/** Each job event replaces that job. */
function applyComposeJob(previous: ReadonlyMap<string, ComposeJob>, job: ComposeJob): ReadonlyMap<string, ComposeJob> {
  return new Map(previous).set(job.id, job);
}

const ComposeContext = createContext<ComposeValue | null>(null);

/** The opened compose documents and a mirror of the main process's compose commands (they go on when a page is left). */
export function ComposeProvider({ children }: { children: ReactNode }) {
  const client = useBerthClient();
  const [documents, setDocuments] = useState<ReadonlyMap<string, ComposeDocument>>(() => new Map());
  const { state: byId, setState: setById } = useStreamStore(
    'compose.jobs',
    applyComposeJob,
    () => new Map<string, ComposeJob>() as ReadonlyMap<string, ComposeJob>,
  );

  const [tool, setTool] = useState<ComposeTool | null>(null);
  const [checkingTool, setCheckingTool] = useState(false);
  const checkTool = useCallback(async () => {
    setCheckingTool(true);
    try {
      setTool(await client.request('compose.tool', {}));
    } catch {
      // Not knowing is not "missing": up would say itself what is wrong.
      setTool(null);
    } finally {
      setCheckingTool(false);
    }
  }, [client]);

  const remember = useCallback(
    (document: ComposeDocument) => setDocuments((previous) => new Map(previous).set(document.projectName, document)),
    [],
  );
  const run = useCallback(
    async (input: ComposeRunInput) => {
      const job = await client.request('compose.run', input);
      setById((previous) => new Map(previous).set(job.id, previous.get(job.id) ?? job));
      return job;
    },
    [client, setById],
  );
  const cancel = useCallback(
    async (id: string) => {
      await client.request('compose.cancel', { id });
    },
    [client],
  );
  const dismiss = useCallback(
    async (id: string) => {
      await client.request('compose.dismiss', { id });
      setById((previous) => {
        const next = new Map(previous);
        next.delete(id);
        return next;
      });
    },
    [client, setById],
  );

  const value = useMemo<ComposeValue>(
    () => ({
      documents,
      remember,
      jobs: [...byId.values()].sort((a, b) => b.startedAt - a.startedAt),
      run,
      cancel,
      dismiss,
      tool,
      checkingTool,
      checkTool,
    }),
    [documents, remember, byId, run, cancel, dismiss, tool, checkingTool, checkTool],
  );
  return <ComposeContext.Provider value={value}>{children}</ComposeContext.Provider>;
}

export function useCompose(): ComposeValue {
  const value = useContext(ComposeContext);
  if (!value) throw new Error('useCompose needs a ComposeProvider');
  return value;
}
