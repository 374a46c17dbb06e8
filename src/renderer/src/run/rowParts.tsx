import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { inputClass } from '../ui/Field';
import type { FieldErrors } from './runForm';

/** The compact inputs of the dialog's port, variable and volume rows. */
export const rowInput = `${inputClass} !py-1`;

/** A row's error under it, read out when it appears. */
export function ErrorText({ message }: { message: string | undefined }) {
  if (!message) return null;
  return (
    <p role="alert" className="text-xs text-rose-600 dark:text-rose-400">
      {message}
    </p>
  );
}

/** What every row editor (ports, variables, volumes) is given by the run dialog. */
export interface RowEditorProps<Row> {
  rows: Row[];
  /** The errors to show now, by field path ("ports.0.hostPort"). */
  errors: FieldErrors;
  onChange: (rows: Row[]) => void;
  onAdd: () => void;
  onRemove: (index: number) => void;
  /** The user left this field: its own mistakes may be shown from now on. */
  onLeave: (path: string) => void;
}

/** The props of one field of a row: its path (for focus and blur), its error state, leaving it. */
export function rowField(path: string, errors: FieldErrors, onLeave: (path: string) => void) {
  return {
    'data-field': path,
    'aria-invalid': Boolean(errors[path]),
    onBlur: () => onLeave(path),
  };
}

/** The ✕ at a row's end that removes it. */
export function RemoveRowButton({ onClick }: { onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <Button variant="ghost" className="!px-2" onClick={onClick} aria-label={t('run.dialog.remove')}>
      ✕
    </Button>
  );
}

/** A list of rows under its legend, with "+ Add" at the end: the ports, variables, volumes, build arguments. */
export function RowFieldset({
  legend,
  addLabel,
  addTestId,
  onAdd,
  children,
}: {
  legend: string;
  addLabel: string;
  addTestId: string;
  onAdd: () => void;
  /** The help lines and the rows. */
  children: ReactNode;
}) {
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{legend}</legend>
      {children}
      <Button variant="ghost" className="text-xs" data-testid={addTestId} onClick={onAdd}>
        + {addLabel}
      </Button>
    </fieldset>
  );
}

/** One row: its fields in a grid ending with ✕, what follows them (a confirmation), and its error. */
export function RowShell({
  testId,
  gridClassName,
  className = '',
  onRemove,
  error,
  after,
  children,
}: {
  testId: string;
  /** The grid's columns for this kind of row. */
  gridClassName: string;
  className?: string;
  onRemove: () => void;
  error: string | undefined;
  after?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div data-testid={testId} className={`space-y-1 ${className}`}>
      <div className={`grid gap-2 ${gridClassName}`}>
        {children}
        <RemoveRowButton onClick={onRemove} />
      </div>
      {after}
      <ErrorText message={error} />
    </div>
  );
}
