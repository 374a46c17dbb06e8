import { useTranslation } from 'react-i18next';
import type { RunFlow, RunStepState } from '../../../shared/run';
import { pullStepNote, pullStepTitle } from './sourceText';

const boxTone: Record<RunStepState, string> = {
  pending: 'border-slate-300 bg-white text-slate-500 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-500',
  active:
    'border-sky-500 bg-sky-50 text-sky-900 ring-4 ring-sky-500/20 animate-pulse dark:bg-sky-950 dark:text-sky-100',
  done: 'border-emerald-500 bg-emerald-50 text-emerald-900 dark:bg-emerald-950/60 dark:text-emerald-100',
  skipped:
    'border-dashed border-slate-300 bg-slate-50 text-slate-500 line-through dark:border-slate-700 dark:bg-slate-900/40',
  failed: 'border-rose-500 bg-rose-50 text-rose-900 dark:bg-rose-950/60 dark:text-rose-100',
};

/** Client → daemon → image cache → Docker Hub (or the registry) → container, each box lit as that step really happens. */
export function FlowDiagram({ flow }: { flow: RunFlow }) {
  const { t } = useTranslation();
  const container: RunStepState =
    flow.steps.start === 'failed' || flow.steps.create === 'failed'
      ? 'failed'
      : flow.steps.start === 'done'
        ? 'done'
        : flow.steps.create === 'active' || flow.steps.start === 'active'
          ? 'active'
          : 'pending';
  const boxes: Array<{ key: string; label: string; state: RunStepState; note?: string }> = [
    { key: 'client', label: t('run.flow.steps.client.title'), state: flow.steps.client },
    { key: 'daemon', label: t('run.flow.steps.daemon.title'), state: flow.steps.daemon },
    {
      key: 'cache',
      label: t('run.flow.steps.cache.title'),
      state: flow.steps.cache,
      note:
        flow.cacheHit === null
          ? undefined
          : t(flow.cacheHit ? 'run.flow.steps.cache.hitBadge' : 'run.flow.steps.cache.missBadge'),
    },
    { key: 'hub', label: pullStepTitle(t, flow), state: flow.steps.hub, note: pullStepNote(t, flow) },
    { key: 'container', label: t('run.flow.steps.create.title'), state: container },
  ];
  return (
    // One row that never wraps (a wrapped row left an arrow dangling at a line's end): the boxes
    // share the width, and their words wrap inside them.
    <ol className="flex items-stretch gap-1.5" data-testid="flow-diagram">
      {boxes.map((box, index) => (
        <li key={box.key} className="flex max-w-44 min-w-0 flex-1 items-center gap-1.5">
          <div
            data-testid={`flow-${box.key}`}
            data-state={box.state}
            className={`flex min-h-16 min-w-0 flex-1 flex-col items-center justify-center self-stretch rounded-lg border-2 px-1.5 py-2 text-center text-xs font-medium [overflow-wrap:anywhere] break-keep transition-colors ${boxTone[box.state]}`}
          >
            <span>{box.label}</span>
            {box.note && (
              <span
                className="mt-1 rounded bg-white/70 px-1.5 text-[10px] dark:bg-slate-950/50"
                data-testid={`flow-${box.key}-note`}
              >
                {box.note}
              </span>
            )}
          </div>
          {index < boxes.length - 1 && (
            <span aria-hidden="true" className="shrink-0 text-slate-400">
              →
            </span>
          )}
        </li>
      ))}
    </ol>
  );
}
