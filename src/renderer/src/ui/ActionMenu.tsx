import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { MoreIcon } from './icons';
import { Popover } from './Popover';

export interface MenuAction {
  key: string;
  label: string;
  onSelect: () => void;
  /** Destructive (remove): shown in red. */
  danger?: boolean;
  testId?: string;
}

const menuItems = (menuId: string) => [
  ...(document.getElementById(menuId)?.querySelectorAll<HTMLElement>('[role=menuitem]') ?? []),
];

/**
 * A "more actions" button and its menu, following the WAI-ARIA menu button pattern: Enter, Space
 * or the arrow keys open it on the first (or last) item, the arrows move, Home/End jump, Escape or
 * Tab close it, and focus returns to the button.
 */
export function ActionMenu({ label, actions, testId }: { label: string; actions: MenuAction[]; testId?: string }) {
  const [open, setOpen] = useState<false | 'first' | 'last'>(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuId = useId();
  const close = useCallback(() => setOpen(false), []);

  useEffect(() => {
    if (!open) return;
    const all = menuItems(menuId);
    (open === 'last' ? all.at(-1) : all[0])?.focus();
  }, [open, menuId]);

  const onMenuKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const all = menuItems(menuId);
    const at = all.indexOf(document.activeElement as HTMLElement);
    const move = (index: number) => {
      event.preventDefault();
      all[(index + all.length) % all.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(at + 1);
    else if (event.key === 'ArrowUp') move(at - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(all.length - 1);
    else if (event.key === 'Tab') {
      event.preventDefault();
      close();
      triggerRef.current?.focus();
    }
  };

  return (
    <>
      <button
        ref={triggerRef}
        type="button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={Boolean(open)}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => setOpen((now) => (now ? false : 'first'))}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
            event.preventDefault();
            setOpen(event.key === 'ArrowUp' ? 'last' : 'first');
          }
        }}
        className="rounded p-1 text-slate-600 hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <MoreIcon className="h-4 w-4" />
      </button>
      <Popover
        open={Boolean(open)}
        anchorRef={triggerRef}
        onClose={close}
        id={menuId}
        role="menu"
        aria-label={label}
        onKeyDown={onMenuKeyDown}
        className="min-w-36"
      >
        {actions.map((action) => (
          <button
            key={action.key}
            type="button"
            role="menuitem"
            tabIndex={-1}
            data-testid={action.testId}
            onClick={() => {
              close();
              triggerRef.current?.focus();
              action.onSelect();
            }}
            className={`block w-full rounded px-3 py-1.5 text-left whitespace-nowrap focus:bg-slate-100 focus:outline-none dark:focus:bg-slate-800 ${
              action.danger ? 'text-rose-700 dark:text-rose-300' : ''
            }`}
          >
            {action.label}
          </button>
        ))}
      </Popover>
    </>
  );
}
