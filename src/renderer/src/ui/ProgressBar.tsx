/** A real progress bar: its width is the percent, and assistive tech reads the value. */
export function ProgressBar({
  percent,
  label,
  tone = 'sky',
  size = 'md',
}: {
  percent: number;
  label: string;
  tone?: 'sky' | 'emerald' | 'rose' | 'slate';
  size?: 'sm' | 'md';
}) {
  const clamped = Math.max(0, Math.min(100, percent));
  const colour = { sky: 'bg-sky-500', emerald: 'bg-emerald-500', rose: 'bg-rose-500', slate: 'bg-slate-400' }[tone];
  return (
    <div
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={Math.round(clamped)}
      className={`w-full overflow-hidden rounded-full bg-slate-200 dark:bg-slate-700 ${size === 'sm' ? 'h-1.5' : 'h-2.5'}`}
    >
      <div
        className={`h-full rounded-full transition-[width] duration-150 ${colour}`}
        style={{ width: `${clamped}%` }}
      />
    </div>
  );
}
