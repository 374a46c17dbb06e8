/** A small line chart of the last values; no axes, just the shape and the latest value beside it. */
export function Sparkline({
  values,
  max,
  label,
  tone = 'sky',
}: {
  values: number[];
  max?: number;
  label: string;
  tone?: 'sky' | 'emerald' | 'violet' | 'amber';
}) {
  const width = 240;
  const height = 48;
  const top = Math.max(max ?? 0, ...values, 1e-9);
  const points = values
    .map(
      (value, index) =>
        `${values.length === 1 ? width : (index / (values.length - 1)) * width},${height - (value / top) * (height - 2) - 1}`,
    )
    .join(' ');
  const stroke = { sky: '#0ea5e9', emerald: '#10b981', violet: '#8b5cf6', amber: '#f59e0b' }[tone];
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      className="h-12 w-full"
      role="img"
      aria-label={label}
      preserveAspectRatio="none"
    >
      <polyline points={points} fill="none" stroke={stroke} strokeWidth={1.5} vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
