import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useBerthClient } from '../../app/clientContext';
import { useNavigate } from '../../app/navigation';
import { useStreamValue } from '../../app/useStream';
import { useEngineAvailable } from '../../engine/engineStatus';
import { ProblemCard } from '../../engine/ProblemCard';
import { FlowDiagram } from '../../run/FlowDiagram';
import { Button } from '../../ui/Button';
import { InlineCode } from '../../ui/InlineCode';
import { useAction } from '../../ui/useAction';
import type { LessonExtras, LessonStepActionProps } from '../lessonExtras';

const flowParts = ['client', 'cache', 'create', 'output', 'again'] as const;

/** The course's story of a run, in order: what the live flow lights up box by box. */
function HelloWorldFlow() {
  const { t } = useTranslation();
  return (
    <section className="mt-4" data-testid="lesson-hello-flow" aria-labelledby="lesson-hello-flow-title">
      <h2 id="lesson-hello-flow-title" className="font-semibold">
        <InlineCode text={t('course.helloWorld.flow.title')} />
      </h2>
      <ol className="mt-2 list-inside list-decimal space-y-1 text-sm leading-6">
        {flowParts.map((part) => (
          <li key={part}>{t(`course.helloWorld.flow.${part}`)}</li>
        ))}
      </ol>
    </section>
  );
}

/** A run started here: its diagram lit as it happens, what the image cache said, and the way to the whole flow. */
function RunShown({ runId }: { runId: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { value: flow } = useStreamValue('run.flow', { runId });
  if (!flow) return <p className="text-sm text-slate-500">{t('course.helloWorld.run.running')}</p>;
  const finished = flow.state === 'exited' || flow.state === 'failed';
  return (
    <div
      className="space-y-2"
      data-testid="lesson-hello-run"
      data-state={flow.state}
      data-cache-hit={String(flow.cacheHit)}
    >
      <FlowDiagram flow={flow} />
      <p className="text-sm" aria-live="polite">
        {!finished
          ? t('course.helloWorld.run.running')
          : flow.state === 'failed' || flow.exitCode !== 0
            ? t('course.helloWorld.run.failed')
            : flow.cacheHit
              ? t('course.helloWorld.run.cacheHit')
              : t('course.helloWorld.run.cacheMiss')}
      </p>
      <Button variant="ghost" onClick={() => navigate('run', runId)} data-testid="lesson-hello-open-flow">
        {t('course.helloWorld.run.openFlow')}
      </Button>
    </div>
  );
}

/**
 * The run last started from this lesson, shared by both steps' buttons: a step's own part goes once
 * it is done, so the next step's part goes on showing that run (the first one) until it makes its own.
 */
let startedRunId: string | null = null;
const startedRunListeners = new Set<() => void>();
function setStartedRun(runId: string): void {
  startedRunId = runId;
  for (const listener of startedRunListeners) listener();
}
function useStartedRun(): string | null {
  return useSyncExternalStore(
    (listener) => {
      startedRunListeners.add(listener);
      return () => startedRunListeners.delete(listener);
    },
    () => startedRunId,
  );
}

/** Runs hello-world as the guide does (`docker run hello-world`) and shows that run. */
function RunHelloWorld({ step }: LessonStepActionProps) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const engine = useEngineAvailable();
  const { busy, failure, run } = useAction();
  const runId = useStartedRun();
  const start = () =>
    run(async () => {
      const started = await client.request('run.start', { image: 'hello-world' });
      setStartedRun(started.runId);
    });
  return (
    <div className="space-y-3">
      <Button
        variant="primary"
        disabled={busy}
        onClick={() => void start()}
        data-testid={`lesson-hello-${step.id}`}
        {...engine.actionProps}
      >
        {t(`course.helloWorld.steps.${step.id === 'secondRun' ? 'secondRun' : 'firstRun'}.action`)}
      </Button>
      {failure && <ProblemCard problem={failure.toWire()} />}
      {runId && <RunShown key={runId} runId={runId} />}
    </div>
  );
}

/** Lesson 4's parts: the story of a run, and a button that runs hello-world in each step. */
export const helloWorldExtras: LessonExtras = {
  Intro: HelloWorldFlow,
  steps: { firstRun: RunHelloWorld, secondRun: RunHelloWorld },
};
