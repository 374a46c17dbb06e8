import { useCallback, useLayoutEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildJob } from '../../../shared/builds';
import { problemText } from '../../../shared/problemText';
import { ProblemCard } from '../engine/ProblemCard';
import { ProblemSummary } from '../engine/ProblemSummary';
import { BuildFailureView } from './BuildFailureView';
import { BuildJobHeader } from './BuildJobHeader';
import { BuildNotes } from './BuildNotes';
import { BuildResult } from './BuildResult';
import { BuildStepRow } from './BuildStepRow';
import { cacheStopIndex } from './buildJobFacts';

/**
 * One build, step by step, as the course tells it: each Dockerfile step makes a layer; a step whose
 * inputs did not change comes from the build cache; a change makes that step and all after it run again.
 */
export function BuildJobView({ job, onShowLine }: { job: BuildJob; onShowLine: (line: number) => void }) {
  const { t } = useTranslation();
  // The rows are memoised: they get one callback for the whole job's life, which calls the latest one.
  const showLineRef = useRef(onShowLine);
  useLayoutEffect(() => {
    showLineRef.current = onShowLine;
  });
  const showLine = useCallback((line: number) => showLineRef.current(line), []);
  const cacheStop = useMemo(() => cacheStopIndex(job.steps), [job.steps]);
  const total = job.steps.length;
  const cancelled = job.state === 'cancelled' || job.error?.code === 'cancelled';
  return (
    <article data-testid="build-job" data-job-id={job.id} data-state={job.state} className="space-y-3">
      <BuildJobHeader job={job} />
      <BuildNotes notes={job.notes} />
      {job.failure && <BuildFailureView job={job} failure={job.failure} onShowLine={showLine} />}
      {!job.failure && job.error && cancelled && (
        <p
          className="rounded-lg border border-slate-300 bg-slate-50 p-3 text-sm dark:border-slate-700 dark:bg-slate-900"
          data-testid="build-cancelled"
        >
          <ProblemSummary problem={job.error} lead={problemText(t, job.error).body} />
        </p>
      )}
      {!job.failure && job.error && !cancelled && <ProblemCard problem={job.error} />}
      {job.state === 'done' && job.imageId && <BuildResult imageId={job.imageId} tags={job.tags} />}
      <ol className="space-y-1.5" data-testid="build-steps">
        {job.steps.map((step) => (
          <BuildStepRow
            key={step.index}
            step={step}
            total={total}
            cacheStop={step.index === cacheStop}
            onShowLine={showLine}
          />
        ))}
      </ol>
    </article>
  );
}
