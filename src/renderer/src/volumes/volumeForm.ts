import type { TFunction } from 'i18next';
import type { z } from 'zod';
import { volumeCreateInputSchema } from '../../../shared/volumes';
import type { FieldErrors } from '../run/runForm';

export interface LabelRow {
  key: string;
  value: string;
}

/** What the New volume dialog's fields hold, as typed. */
export interface VolumeForm {
  name: string;
  labels: LabelRow[];
}

export type VolumeCreateRequest = z.infer<typeof volumeCreateInputSchema>;

/** The schema's messages that have their own sentence; any other issue reads as the name's rule. */
const knownMessages = new Set(['volume-name', 'label-key']);

/**
 * Validates with the contract's own schema, so the dialog and the main process agree on every rule.
 * Empty label rows are left out; errors are keyed by field ("name", "labels.1.key").
 */
export function validateVolumeForm(
  t: TFunction,
  form: VolumeForm,
): { input: VolumeCreateRequest | null; errors: FieldErrors } {
  const rows = form.labels
    .map((row, index) => ({ row, index }))
    .filter(({ row }) => row.key !== '' || row.value !== '');
  const parsed = volumeCreateInputSchema.safeParse({
    name: form.name.trim(),
    labels: rows.map(({ row }) => ({ key: row.key.trim(), value: row.value })),
  });
  if (parsed.success) return { input: parsed.data, errors: {} };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const [head, position, leaf] = issue.path.map(String);
    // The schema counts only the rows kept; the dialog shows the error on the row as the user sees it.
    const path = head === 'labels' ? `labels.${rows[Number(position)]?.index ?? position}.${leaf ?? 'key'}` : 'name';
    if (errors[path]) continue;
    const message =
      head === 'labels'
        ? leaf === 'value'
          ? 'label-value'
          : 'label-key'
        : knownMessages.has(issue.message)
          ? issue.message
          : 'volume-name';
    errors[path] = t(`volumes.create.error.${message}`);
  }
  return { input: null, errors };
}
