/** A row of tabs over one panel (a container's Logs | Stats…, a compose project's Services | File | Logs). */
export function TabList<T extends string>({
  tabs,
  current,
  onChange,
  label,
  testId,
}: {
  tabs: readonly T[];
  current: T;
  onChange: (tab: T) => void;
  /** Each tab's name in the user's language. */
  label: (tab: T) => string;
  /** Each tab's test id. */
  testId: (tab: T) => string;
}) {
  return (
    <nav className="mt-4 flex gap-1 border-b border-slate-200 dark:border-slate-800" role="tablist">
      {tabs.map((tab) => (
        <button
          key={tab}
          role="tab"
          type="button"
          aria-selected={current === tab}
          data-testid={testId(tab)}
          onClick={() => onChange(tab)}
          className={`-mb-px border-b-2 px-3 py-2 text-sm ${current === tab ? 'border-sky-600 font-medium text-sky-700 dark:text-sky-300' : 'border-transparent text-slate-600 hover:text-slate-900 dark:text-slate-400'}`}
        >
          {label(tab)}
        </button>
      ))}
    </nav>
  );
}
