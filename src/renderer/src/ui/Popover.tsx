import { useEffect, useLayoutEffect, useRef, type HTMLAttributes, type ReactNode, type RefObject } from 'react';

const GAP = 4;
const EDGE = 8;
/** The open popovers, the newest last: Escape closes only the newest (a port card inside the ports list). */
const openPopovers: object[] = [];

/**
 * A floating panel under (or, near the bottom, above) its anchor, right-aligned to it. It lives in
 * the browser's top layer (popover="manual"), so a row's overflow or transform never clips it.
 * A click outside or Escape closes it; focus then goes back to the anchor.
 */
export function Popover({
  open,
  anchorRef,
  onClose,
  children,
  className = '',
  ...rest
}: {
  open: boolean;
  anchorRef: RefObject<HTMLElement | null>;
  onClose: () => void;
  children: ReactNode;
} & HTMLAttributes<HTMLDivElement>) {
  const ref = useRef<HTMLDivElement>(null);

  useLayoutEffect(() => {
    const panel = ref.current;
    const anchor = anchorRef.current;
    if (!panel || !anchor) return;
    if (!open) {
      if (panel.matches(':popover-open')) panel.hidePopover();
      return;
    }
    panel.showPopover();
    const at = anchor.getBoundingClientRect();
    const size = panel.getBoundingClientRect();
    const below = at.bottom + GAP;
    const top =
      below + size.height > window.innerHeight - EDGE && at.top - GAP - size.height >= EDGE
        ? at.top - GAP - size.height
        : below;
    const left = Math.max(EDGE, Math.min(at.right - size.width, window.innerWidth - size.width - EDGE));
    panel.style.top = `${Math.round(top)}px`;
    panel.style.left = `${Math.round(left)}px`;
  }, [open, anchorRef]);

  useEffect(() => {
    if (!open) return;
    const token = {};
    openPopovers.push(token);
    const onPointerDown = (event: PointerEvent) => {
      const target = event.target as Node;
      if (ref.current?.contains(target) || anchorRef.current?.contains(target)) return;
      onClose();
    };
    // Escape closes it wherever focus is (still on the anchor after a click, or inside).
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape' || event.defaultPrevented || openPopovers.at(-1) !== token) return;
      event.preventDefault();
      onClose();
      anchorRef.current?.focus();
    };
    document.addEventListener('pointerdown', onPointerDown, true);
    document.addEventListener('keydown', onKeyDown);
    return () => {
      openPopovers.splice(openPopovers.indexOf(token), 1);
      document.removeEventListener('pointerdown', onPointerDown, true);
      document.removeEventListener('keydown', onKeyDown);
    };
  }, [open, onClose, anchorRef]);

  return (
    <div
      ref={ref}
      popover="manual"
      className={`fixed inset-auto m-0 rounded-md border border-slate-200 bg-white p-1 text-sm text-slate-900 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100 ${className}`}
      {...rest}
    >
      {open && children}
    </div>
  );
}
