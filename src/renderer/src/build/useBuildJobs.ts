import { useCallback, useMemo } from 'react';
import type { BuildJob, BuildOptions } from '../../../shared/builds';
import { useBerthClient } from '../app/clientContext';
import { useStreamStore } from '../app/useStream';

/** Each job event replaces that job. */
function applyBuildJob(previous: ReadonlyMap<string, BuildJob>, job: BuildJob): ReadonlyMap<string, BuildJob> {
  return new Map(previous).set(job.id, job);
}

/** A build still under way: it can be cancelled, and another cannot start beside it. */
export function isBuildRunning(job: BuildJob | null): boolean {
  return job !== null && (job.state === 'sending' || job.state === 'building');
}

/**
 * The main process's build jobs (they go on when the page is left; the stream sends them all again
 * when it is back), and the newest one of a folder: the build the page shows for it.
 */
export function useBuildJobs(contextPath: string | null) {
  const client = useBerthClient();
  const { state: byId, setState: setById } = useStreamStore(
    'builds.jobs',
    applyBuildJob,
    () => new Map<string, BuildJob>() as ReadonlyMap<string, BuildJob>,
  );
  const job = useMemo(() => {
    let newest: BuildJob | null = null;
    for (const candidate of byId.values()) {
      if (candidate.options.contextPath !== contextPath) continue;
      if (!newest || candidate.startedAt >= newest.startedAt) newest = candidate;
    }
    return newest;
  }, [byId, contextPath]);

  const start = useCallback(
    async (options: BuildOptions) => {
      const started = await client.request('builds.start', options);
      // The stream may already have sent a newer state of it.
      setById((previous) => new Map(previous).set(started.id, previous.get(started.id) ?? started));
      return started;
    },
    [client, setById],
  );
  const cancel = useCallback(
    async (id: string) => {
      const cancelled = await client.request('builds.cancel', { id });
      setById((previous) => new Map(previous).set(cancelled.id, cancelled));
    },
    [client, setById],
  );
  return { job, start, cancel };
}
