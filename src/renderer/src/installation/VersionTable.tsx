export interface VersionRow {
  label: string;
  value: string | null;
  /** Stable id for tests and for the copy report, e.g. "server-api-version". */
  testId: string;
  mono?: boolean;
}

export function VersionTable({ rows }: { rows: VersionRow[] }) {
  return (
    <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1.5 text-sm">
      {rows.map((row) => (
        <div key={row.testId} className="contents">
          <dt className="text-slate-500 dark:text-slate-400">{row.label}</dt>
          <dd
            data-testid={row.testId}
            // Monospaced values are the engine's own words, as `docker version` prints them.
            data-value={row.mono || undefined}
            className={`min-w-0 break-all ${row.mono ? 'font-mono text-[13px]' : ''}`}
          >
            {row.value ?? '—'}
          </dd>
        </div>
      ))}
    </dl>
  );
}
