import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BuildStep } from '../../../shared/builds';
import { Badge } from '../ui/Badge';
import { formatBytes } from '../ui/format';
import { BuildStepOutput } from './BuildStepOutput';
import { formatStepTime } from './stepTime';
import { useNow } from '../ui/useNow';

const badgeTone = { waiting: 'slate', running: 'sky', cached: 'emerald', ran: 'sky', failed: 'rose' } as const;

interface BuildStepRowProps {
  step: BuildStep;
  total: number;
  /** The first step that did not come from the build cache after steps that did. */
  cacheStop: boolean;
  onShowLine: (line: number) => void;
}

function StepTime({ step }: { step: BuildStep }) {
  const { t, i18n } = useTranslation();
  const now = useNow(step.state === 'running');
  if (step.state === 'running' && step.startedAt !== null) {
    return <span className="tabular-nums">{formatStepTime(Math.max(0, now - step.startedAt), i18n.language)}</span>;
  }
  if (step.durationMs === null || step.state === 'waiting') return null;
  const time = formatStepTime(step.durationMs, i18n.language);
  return (
    <span className="tabular-nums" data-testid="build-step-time">
      {step.state === 'cached' ? t('buildSteps.lookupTime', { time }) : t('buildSteps.tookTime', { time })}
    </span>
  );
}

function LayerSize({ bytes, isFrom }: { bytes: number | null; isFrom: boolean }) {
  const { t, i18n } = useTranslation();
  if (bytes === null) return null;
  const size = formatBytes(bytes, i18n.language);
  // FROM makes no layer of its own: its figure is the whole base image the next steps build on.
  return (
    <span data-testid="build-step-layer">
      {isFrom
        ? t('buildSteps.baseImage', { size })
        : bytes === 0
          ? t('buildSteps.metadataOnly')
          : t('buildSteps.layer', { size })}
    </span>
  );
}

/**
 * One Dockerfile step: where it is in the file, whether it came from the build cache (and if not,
 * why), the layer it made, and its output folded.
 */
function BuildStepRowView({ step, total, cacheStop, onShowLine }: BuildStepRowProps) {
  const { t } = useTranslation();
  // Open while the step runs or after it failed, until the user says otherwise.
  const [userOpen, setUserOpen] = useState<boolean | null>(null);
  const open = userOpen ?? (step.state === 'running' || step.state === 'failed');
  const outputId = `build-step-${step.index}-output`;
  const hasOutput = step.output.length > 0;
  const failed = step.state === 'failed';
  const frame = failed
    ? 'border-rose-400 bg-rose-50/60 dark:border-rose-700 dark:bg-rose-950/30'
    : cacheStop
      ? 'border-amber-400 bg-amber-50/60 dark:border-amber-600 dark:bg-amber-950/30'
      : 'border-slate-200 dark:border-slate-700';
  return (
    <li
      data-testid="build-step"
      data-step={step.index}
      data-state={step.state}
      data-cache-stop={cacheStop || undefined}
      className={`rounded-lg border px-3 py-2 ${frame}`}
    >
      {cacheStop && (
        <p className="mb-1 text-xs font-semibold text-amber-800 dark:text-amber-300" data-testid="build-cache-stop">
          {t('buildSteps.cacheStop')}
        </p>
      )}
      <div className="flex items-center gap-2">
        <span className="shrink-0 text-xs font-medium text-slate-600 tabular-nums dark:text-slate-400">
          {t('buildSteps.stepLabel', { index: step.index, total })}
        </span>
        <code
          className="min-w-0 flex-1 truncate font-mono text-sm"
          title={step.instruction}
          data-testid="build-step-instruction"
        >
          {step.instruction}
        </code>
        {step.line !== null && (
          <button
            type="button"
            onClick={() => onShowLine(step.line as number)}
            aria-label={t('buildSteps.showLineLabel', { line: step.line })}
            className="shrink-0 rounded px-1.5 py-0.5 text-xs text-sky-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300"
            data-testid="build-step-line"
          >
            {t('buildSteps.line', { line: step.line })}
          </button>
        )}
        <Badge tone={badgeTone[step.state]} testId="build-step-badge">
          {t(`buildSteps.badge.${step.state}`)}
        </Badge>
      </div>
      <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs text-slate-600 dark:text-slate-400">
        <StepTime step={step} />
        <LayerSize bytes={step.layerBytes} isFrom={/^FROM\b/i.test(step.instruction)} />
      </div>
      {step.rerunReason && step.state !== 'cached' && step.state !== 'waiting' && (
        <p className="mt-1 text-xs text-slate-700 dark:text-slate-300" data-testid="build-step-reason">
          {t(`buildSteps.reason.${step.rerunReason}`)}
        </p>
      )}
      {hasOutput && (
        <div className="mt-1">
          <button
            type="button"
            aria-expanded={open}
            aria-controls={outputId}
            onClick={() => setUserOpen(!open)}
            className="inline-flex items-center gap-1 rounded text-xs text-slate-600 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-400 dark:hover:text-slate-100"
            data-testid="build-step-output-toggle"
          >
            <span aria-hidden="true" className={`inline-block transition-transform ${open ? 'rotate-90' : ''}`}>
              ▸
            </span>
            {t('buildSteps.output', { count: step.output.length })}
          </button>
          {open && (
            <BuildStepOutput
              id={outputId}
              label={t('buildSteps.outputLabel', { index: step.index })}
              lines={step.output}
              truncated={step.outputTruncated}
              follow={step.state === 'running'}
            />
          )}
        </div>
      )}
    </li>
  );
}

function sameLines(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let index = a.length - 1; index >= 0; index -= 1) if (a[index] !== b[index]) return false;
  return true;
}

/**
 * Every update brings the whole job anew (10 a second while a build runs): a row draws again only
 * when its own step changed, so thousands of lines of a finished step's output are not drawn again.
 */
function sameRow(previous: BuildStepRowProps, next: BuildStepRowProps): boolean {
  const a = previous.step;
  const b = next.step;
  return (
    previous.total === next.total &&
    previous.cacheStop === next.cacheStop &&
    previous.onShowLine === next.onShowLine &&
    a.index === b.index &&
    a.instruction === b.instruction &&
    a.line === b.line &&
    a.state === b.state &&
    a.startedAt === b.startedAt &&
    a.durationMs === b.durationMs &&
    a.layerBytes === b.layerBytes &&
    a.rerunReason === b.rerunReason &&
    a.outputTruncated === b.outputTruncated &&
    sameLines(a.output, b.output)
  );
}

export const BuildStepRow = memo(BuildStepRowView, sameRow);
