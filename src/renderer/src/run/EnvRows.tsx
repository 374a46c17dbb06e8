import { useTranslation } from 'react-i18next';
import { RowFieldset, RowShell, rowField, rowInput, type RowEditorProps } from './rowParts';
import { replaceAt, type EnvRow } from './runForm';

/** The run dialog's environment variables: name = value. */
export function EnvRows({ rows, errors, onChange, onAdd, onRemove, onLeave }: RowEditorProps<EnvRow>) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<EnvRow>) => onChange(replaceAt(rows, index, patch));
  return (
    <RowFieldset legend={t('run.dialog.env')} addLabel={t('run.dialog.addEnv')} addTestId="run-add-env" onAdd={onAdd}>
      {rows.map((row, index) => (
        <RowShell
          key={index}
          testId="run-env-row"
          gridClassName="grid-cols-[1fr_2fr_auto]"
          onRemove={() => onRemove(index)}
          error={errors[`env.${index}.key`]}
        >
          <input
            {...rowField(`env.${index}.key`, errors, onLeave)}
            aria-label={t('run.dialog.key')}
            className={`${rowInput} font-mono`}
            placeholder={t('run.dialog.key')}
            value={row.key}
            onChange={(event) => change(index, { key: event.target.value })}
          />
          <input
            {...rowField(`env.${index}.value`, errors, onLeave)}
            aria-label={t('run.dialog.value')}
            className={`${rowInput} font-mono`}
            placeholder={t('run.dialog.value')}
            value={row.value}
            onChange={(event) => change(index, { value: event.target.value })}
          />
        </RowShell>
      ))}
    </RowFieldset>
  );
}
