import { useEffect, useId, useRef, type ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import { ProblemCard } from '../engine/ProblemCard';

/**
 * A modal dialog on the native <dialog> element: focus moves into it, Escape closes it, and the
 * page behind is inert, without a focus-trap library. Focus starts on the control marked
 * `data-autofocus` (Cancel, in a dialog that destroys something), else on the first one; when the
 * dialog closes, or is taken away, focus goes back to the control that opened it.
 */
export function Dialog({
  open,
  title,
  onClose,
  children,
  footer,
  failure,
  failureHeading,
  wide = false,
  testId,
}: {
  open: boolean;
  title: string;
  onClose: () => void;
  children: ReactNode;
  footer?: ReactNode;
  /** What the dialog's last request threw (useAction's `failure`), shown as a ProblemCard under its content. */
  failure?: BerthError | null;
  /** The card's heading, where the dialog can say the refusal better than the code's title. */
  failureHeading?: string;
  wide?: boolean;
  testId?: string;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (!dialog || !open) return;
    // Most dialogs are unmounted rather than closed, which returns focus nowhere: do it here.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) dialog.showModal();
    dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    return () => {
      if (dialog.open) dialog.close();
      if (opener?.isConnected) opener.focus();
    };
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      data-testid={testId}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
      className={`m-auto w-full rounded-xl border border-slate-200 bg-white p-0 text-slate-900 shadow-2xl backdrop:bg-slate-950/50 dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${wide ? 'max-w-3xl' : 'max-w-lg'}`}
    >
      {open && (
        <div className="flex max-h-[85vh] flex-col">
          <h2
            id={titleId}
            className="border-b border-slate-200 px-5 py-3 text-base font-semibold dark:border-slate-800"
          >
            {title}
          </h2>
          <div className="min-h-0 flex-1 overflow-y-auto px-5 py-4">
            {children}
            {failure && (
              <div className="mt-3">
                <ProblemCard problem={failure.toWire()} heading={failureHeading} />
              </div>
            )}
          </div>
          {footer && (
            <div className="flex justify-end gap-2 border-t border-slate-200 px-5 py-3 dark:border-slate-800">
              {footer}
            </div>
          )}
        </div>
      )}
    </dialog>
  );
}
