import type { ReactNode } from 'react';
import { Button } from './Button';

/** What a screen shows when it has nothing yet: what this is, and the one next step. */
export function EmptyState({
  icon,
  title,
  body,
  action,
  onAction,
}: {
  icon: ReactNode;
  title: string;
  body: string;
  action: string;
  onAction: () => void;
}) {
  return (
    <div className="mx-auto mt-16 flex max-w-md flex-col items-center text-center" data-testid="empty-state">
      <div className="mb-4 flex h-14 w-14 items-center justify-center rounded-2xl bg-sky-100 text-sky-700 dark:bg-sky-950 dark:text-sky-300">
        {icon}
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">{body}</p>
      <Button variant="primary" className="mt-6" onClick={onAction}>
        {action}
      </Button>
    </div>
  );
}
