import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunFlow, RunStepState } from '../../../shared/run';
import { useBerthClient } from '../app/clientContext';
import { useNavigate } from '../app/navigation';
import { useStreamValue } from '../app/useStream';
import { useContainers } from '../containers/containersStore';
import { useEngineAvailable } from '../engine/engineStatus';
import { EngineUnavailable } from '../engine/EngineUnavailable';
import { ProblemCard } from '../engine/ProblemCard';
import { PullJobView } from '../pulls/PullJobView';
import { usePulls } from '../pulls/pullsStore';
import { Button } from '../ui/Button';
import { cliTranscript } from './cliTranscript';
import { FlowDiagram } from './FlowDiagram';
import { pullStepText, pullStepTitle } from './sourceText';

const dot: Record<RunStepState, string> = {
  pending: 'bg-slate-300 dark:bg-slate-600',
  active: 'bg-sky-500 animate-pulse',
  done: 'bg-emerald-500',
  skipped: 'bg-slate-300 dark:bg-slate-600',
  failed: 'bg-rose-500',
};

function stepText(t: ReturnType<typeof useTranslation>['t'], flow: RunFlow, step: keyof RunFlow['steps']): string {
  const image = flow.image;
  switch (step) {
    case 'client':
    case 'daemon':
    case 'create':
    case 'start':
      return t(`run.flow.steps.${step}.body`, { image });
    case 'cache':
      return flow.cacheHit === null
        ? t('run.flow.steps.cache.checking', { image })
        : flow.cacheHit
          ? t('run.flow.steps.cache.hit', { image })
          : t('run.flow.steps.cache.miss', { image });
    case 'hub':
      return pullStepText(t, flow);
  }
}

/** The seed's `docker run` story, live: the diagram, each step in words, and the container's output. */
export function RunFlowPage({
  runId,
  onRunAgain,
  offerContainersLink = true,
}: {
  runId: string;
  /** Where a new run goes; by default its own page. */
  onRunAgain?: (runId: string) => void;
  /** Off inside the guide, which has its own way on to the Containers list. */
  offerContainersLink?: boolean;
}) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const client = useBerthClient();
  const { value: flow, error } = useStreamValue('run.flow', { runId });
  const { jobs } = usePulls();
  const { byId: containersById } = useContainers();
  const consoleRef = useRef<HTMLPreElement>(null);
  const engine = useEngineAvailable();
  const pull = flow?.pullJobId ? jobs.find((job) => job.id === flow.pullJobId) : undefined;

  useEffect(() => {
    const element = consoleRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  }, [flow?.output.length]);

  if (error) {
    return (
      <div className="mx-auto max-w-4xl p-6">
        <ProblemCard problem={error.toWire()} />
        <p className="mt-2 text-sm">{t('run.flow.notFound')}</p>
      </div>
    );
  }
  if (!flow) return <p className="p-6 text-sm text-slate-500">{t('hub.searching')}</p>;

  const runAgain = async () => {
    // The same options as this run (the page's title line), not a bare `docker run IMAGE`.
    const { runId: next } = await client.request('run.again', { runId: flow.runId });
    if (onRunAgain) onRunAgain(next);
    else navigate('run', next);
  };

  const transcript = cliTranscript(flow, pull);
  const steps = ['client', 'daemon', 'cache', 'hub', 'create', 'start'] as const;

  return (
    <div
      className="mx-auto max-w-5xl p-6"
      data-testid="run-flow"
      data-state={flow.state}
      data-cache-hit={String(flow.cacheHit)}
      data-restarting={String(flow.restarting)}
    >
      {/* The line that ran, as the dialog's "copy docker run" gives it: options and all. */}
      <h1 className="font-mono text-xl font-semibold break-words" data-testid="run-title">
        {flow.command}
      </h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('run.flow.intro')}</p>
      <EngineUnavailable className="mt-4" consequence={t('engineUnavailable.runFlow')} />
      <div className="mt-5">
        <FlowDiagram flow={flow} />
      </div>
      <ol className="mt-5 space-y-2" data-testid="flow-steps">
        {steps.map((step) => (
          <li
            key={step}
            data-testid={`step-${step}`}
            data-state={flow.steps[step]}
            className="flex items-start gap-3 text-sm"
          >
            <span className={`mt-1.5 h-2.5 w-2.5 shrink-0 rounded-full ${dot[flow.steps[step]]}`} aria-hidden="true" />
            <span className={flow.steps[step] === 'pending' || flow.steps[step] === 'skipped' ? 'text-slate-500' : ''}>
              <span className="font-medium">
                {step === 'hub' ? pullStepTitle(t, flow) : t(`run.flow.steps.${step}.title`)}
              </span>{' '}
              — {stepText(t, flow, step)}
            </span>
          </li>
        ))}
      </ol>
      {pull && flow.steps.hub !== 'skipped' && (
        <div className="mt-4 rounded-lg border border-slate-200 p-4 dark:border-slate-800">
          <PullJobView job={pull} />
        </div>
      )}
      {flow.error && (
        <div className="mt-4">
          <ProblemCard problem={flow.error} />
        </div>
      )}
      <section className="mt-5">
        <div className="flex items-center gap-3">
          <h2 className="font-semibold">{t('run.flow.output')}</h2>
          {flow.containerName && (
            <span className="font-mono text-xs text-slate-500">
              {t('run.flow.container', { name: flow.containerName })}
            </span>
          )}
          <span className="ml-auto text-sm" data-testid="run-state">
            {flow.restarting
              ? t('run.flow.state.restarting')
              : flow.state === 'exited'
                ? t('run.flow.state.exited', { code: flow.exitCode ?? '?' })
                : t(`run.flow.state.${flow.state}`)}
          </span>
        </div>
        <pre
          ref={consoleRef}
          data-testid="run-output"
          className="mt-2 max-h-[32rem] overflow-auto rounded-lg bg-slate-950 p-4 font-mono text-xs leading-5 text-slate-100"
        >
          <span className="text-slate-400" title={t('run.flow.cli')} data-testid="cli-transcript">
            {transcript.join('\n')}
            {'\n'}
          </span>
          {flow.outputTruncated && (
            <span className="text-amber-300">
              {t('run.flow.truncated')}
              {'\n'}
            </span>
          )}
          {flow.output.length === 0 && flow.state === 'running' && (
            <span className="text-slate-500">{t('run.flow.noOutput')}</span>
          )}
          {flow.output.map((line, index) => (
            <span key={index} className={line.stream === 'stderr' ? 'text-rose-300' : undefined}>
              {line.text}
              {'\n'}
            </span>
          ))}
        </pre>
      </section>
      <div className="mt-4 flex items-center gap-3 text-sm" data-testid="run-next-step">
        {flow.restarting && (
          <>
            <p className="flex-1">
              {t('run.flow.restarting', {
                code: flow.exitCode ?? '?',
                policy: t(`run.dialog.restartPolicy.${flow.restartPolicy}`),
              })}
            </p>
            <Button variant="primary" onClick={() => navigate('containers', flow.containerId)}>
              {t('nav.containers')}
            </Button>
          </>
        )}
        {flow.state === 'exited' && !flow.restarting && (
          <>
            <p className="flex-1">{flow.exitCode === 0 ? t('run.flow.exitedOk') : t('run.flow.exitedError')}</p>
            {/* Not after --rm: the container is gone. */}
            {offerContainersLink && flow.containerId && containersById.has(flow.containerId) && (
              <Button
                onClick={() => navigate('containers', null, { show: flow.containerId })}
                data-testid="run-show-container"
              >
                {t('run.flow.showInContainers')}
              </Button>
            )}
            <Button variant="primary" onClick={() => void runAgain()} data-testid="run-again" {...engine.actionProps}>
              {t('run.flow.runAgain')}
            </Button>
          </>
        )}
        {flow.state === 'running' && flow.steps.start === 'done' && (
          <>
            <p className="flex-1">{t('run.flow.stillRunning')}</p>
            <Button onClick={() => navigate('containers', flow.containerId)}>{t('nav.containers')}</Button>
          </>
        )}
      </div>
    </div>
  );
}
