import type { ReactNode } from 'react';
import { Button } from './Button';

/** What a screen shows when it has nothing yet: what this is, and the one next step. */
export function EmptyState({
  icon,
  title,
  body,
  action,
  onAction,
  secondaryAction,
  onSecondaryAction,
  more,
}: {
  icon: ReactNode;
  title: string;
  body: string;
  action: string;
  onAction: () => void;
  /** Another way forward beside the main one, e.g. pulling by name beside the Hub search. */
  secondaryAction?: string;
  onSecondaryAction?: () => void;
  /** A further way forward, shown under the buttons (a link to another screen). */
  more?: ReactNode;
}) {
  return (
    <div className="mx-auto mt-16 flex max-w-md flex-col items-center text-center" data-testid="empty-state">
      <div className="mb-4 flex h-14 w-14 items-center justify-center rounded-2xl bg-sky-100 text-sky-700 dark:bg-sky-950 dark:text-sky-300">
        {icon}
      </div>
      <h2 className="text-lg font-semibold">{title}</h2>
      <p className="mt-2 text-sm leading-6 text-slate-600 dark:text-slate-400">{body}</p>
      <div className="mt-6 flex flex-wrap justify-center gap-2">
        <Button variant="primary" onClick={onAction}>
          {action}
        </Button>
        {secondaryAction && onSecondaryAction && (
          <Button onClick={onSecondaryAction} data-testid="empty-state-secondary">
            {secondaryAction}
          </Button>
        )}
      </div>
      {more && <div className="mt-3">{more}</div>}
    </div>
  );
}
