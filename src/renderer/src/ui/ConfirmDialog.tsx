import { useState, type ReactNode } from 'react';
import type { BerthError } from '../../../shared/errors';
import { Button } from './Button';
import { Dialog } from './Dialog';

/** One thing the action destroys, named as the user knows it (a container name, an image id and size). */
export interface ConfirmItem {
  key: string;
  label: ReactNode;
}

/** What the user chose besides confirming; a flag is false when its checkbox was not offered. */
export interface ConfirmFlags {
  force: boolean;
  removeVolumes: boolean;
}

/**
 * A second, explicit "yes" for something that cannot go quietly (a running container, an image in
 * use): a warning naming it and a checkbox that must be ticked before Confirm is enabled. Without
 * `label` there is no way past it: Confirm stays disabled and the warning says why.
 */
export interface SecondConfirmation {
  warning: ReactNode;
  label?: ReactNode;
  warningTestId?: string;
  checkboxTestId?: string;
}

export interface ConfirmDialogProps {
  title: string;
  /** The sentence that says what is destroyed. */
  body: ReactNode;
  /** The items destroyed, listed by name under the body. */
  items?: readonly ConfirmItem[];
  itemsTestId?: string;
  /** Offers "also remove its volumes"; its state comes back as `removeVolumes`. */
  volumesLabel?: ReactNode;
  secondConfirmation?: SecondConfirmation;
  /** Anything else to show below: other tags removed with it. */
  children?: ReactNode;
  /** What the last try threw (useAction's `failure`), shown as a ProblemCard under everything else. */
  failure?: BerthError | null;
  /** The card's heading, where the dialog can say the refusal better than the code's title. */
  failureHeading?: string;
  cancelLabel: string;
  confirmLabel: string;
  onCancel: () => void;
  /** `force` is true only when a second confirmation was asked for and given. */
  onConfirm: (flags: ConfirmFlags) => void;
  /** Confirm is disabled while the action runs, or when the caller knows it cannot run now. */
  busy?: boolean;
  /** Extra props for the Confirm button, e.g. useEngineAvailable().actionProps. */
  confirmProps?: { disabled?: boolean; title?: string };
  testId?: string;
  confirmTestId?: string;
}

/**
 * The one dialog for destroying something (containers, images, prune; later volumes, networks,
 * clean-up and compose down). It names what goes, offers the optional volumes checkbox and the
 * optional second confirmation, and starts with focus on Cancel so Enter never destroys by accident;
 * Dialog returns focus to the control that opened it.
 */
export function ConfirmDialog({
  title,
  body,
  items,
  itemsTestId,
  volumesLabel,
  secondConfirmation,
  children,
  failure,
  failureHeading,
  cancelLabel,
  confirmLabel,
  onCancel,
  onConfirm,
  busy = false,
  confirmProps,
  testId,
  confirmTestId,
}: ConfirmDialogProps) {
  const [removeVolumes, setRemoveVolumes] = useState(false);
  const [force, setForce] = useState(false);
  const forceGiven = secondConfirmation !== undefined && secondConfirmation.label !== undefined && force;
  const waiting = secondConfirmation !== undefined && !forceGiven;
  return (
    <Dialog
      open
      testId={testId}
      title={title}
      onClose={onCancel}
      failure={failure}
      failureHeading={failureHeading}
      footer={
        <>
          <Button onClick={onCancel} data-autofocus>
            {cancelLabel}
          </Button>
          <Button
            variant="primary"
            className="!bg-rose-600 hover:!bg-rose-500"
            {...confirmProps}
            disabled={busy || waiting || confirmProps?.disabled === true}
            onClick={() => onConfirm({ force: forceGiven, removeVolumes: volumesLabel !== undefined && removeVolumes })}
            data-testid={confirmTestId}
          >
            {confirmLabel}
          </Button>
        </>
      }
    >
      <div className="text-sm">{body}</div>
      {items && items.length > 0 && (
        <ul className="mt-1 list-inside list-disc font-mono text-xs" data-testid={itemsTestId}>
          {items.map((item) => (
            <li key={item.key}>{item.label}</li>
          ))}
        </ul>
      )}
      {volumesLabel !== undefined && (
        <label className="mt-3 flex items-center gap-2 text-sm">
          <input type="checkbox" checked={removeVolumes} onChange={(event) => setRemoveVolumes(event.target.checked)} />
          {volumesLabel}
        </label>
      )}
      {secondConfirmation && (
        <div
          className="mt-3 rounded-md border border-amber-300 bg-amber-50 p-3 text-sm dark:border-amber-700/60 dark:bg-amber-950/40"
          data-testid={secondConfirmation.warningTestId}
        >
          {secondConfirmation.warning}
          {secondConfirmation.label !== undefined && (
            <label className="mt-2 flex items-center gap-2 font-medium">
              <input
                type="checkbox"
                checked={force}
                onChange={(event) => setForce(event.target.checked)}
                data-testid={secondConfirmation.checkboxTestId}
              />
              {secondConfirmation.label}
            </label>
          )}
        </div>
      )}
      {children}
    </Dialog>
  );
}
