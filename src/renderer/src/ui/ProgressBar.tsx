/**
 * A real progress bar: its width is the percent, and assistive tech reads the value. Indeterminate
 * when the engine gives no sizes (Podman's pulls): a pulsing bar and no value, never a made-up one.
 */
export function ProgressBar({
  percent,
  label,
  tone = 'sky',
  size = 'md',
  indeterminate = false,
}: {
  percent: number;
  label: string;
  tone?: 'sky' | 'emerald' | 'rose' | 'slate';
  size?: 'sm' | 'md';
  indeterminate?: boolean;
}) {
  const clamped = Math.max(0, Math.min(100, percent));
  const colour = { sky: 'bg-sky-500', emerald: 'bg-emerald-500', rose: 'bg-rose-500', slate: 'bg-slate-400' }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={indeterminate ? undefined : Math.round(clamped)}
      data-indeterminate={indeterminate || undefined}
      className={`w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700 ${size === 'sm' ? 'h-1.5' : 'h-2.5'}`}
    >
      <div
        className={`h-full rounded-full transition-[width] duration-150 ${colour} ${indeterminate ? 'animate-pulse opacity-60' : ''}`}
        style={{ width: indeterminate ? '100%' : `${clamped}%` }}
      />
    </div>
  );
}
