import type { BuildJob } from '../../../shared/builds';

/**
 * PLACEHOLDER until the steps view (branch wip-buildsteps) lands: one build job's steps, failure
 * and result. Only its export and props are agreed on.
 */
export function BuildJobView({ job, onShowLine }: { job: BuildJob; onShowLine: (line: number) => void }) {
  return (
    <ol data-testid="build-job" data-state={job.state} className="space-y-1 font-mono text-xs">
      {job.steps.map((step) => (
        <li key={step.index} data-testid="build-step" data-state={step.state}>
          <button type="button" disabled={step.line === null} onClick={() => step.line && onShowLine(step.line)}>
            {step.index}. {step.instruction} ({step.state})
          </button>
        </li>
      ))}
    </ol>
  );
}
