import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { ErrorText, rowField, rowInput, type RowEditorProps, RemoveRowButton } from './rowParts';
import { replaceAt, type EnvRow } from './runForm';

/** The run dialog's environment variables: name = value. */
export function EnvRows({ rows, errors, onChange, onAdd, onRemove, onLeave }: RowEditorProps<EnvRow>) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<EnvRow>) => onChange(replaceAt(rows, index, patch));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t('run.dialog.env')}</legend>
      {rows.map((row, index) => (
        <div key={index} data-testid="run-env-row" className="space-y-1">
          <div className="grid grid-cols-[1fr_2fr_auto] gap-2">
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
            <RemoveRowButton onClick={() => onRemove(index)} />
          </div>
          <ErrorText message={errors[`env.${index}.key`]} />
        </div>
      ))}
      <Button variant="ghost" className="text-xs" data-testid="run-add-env" onClick={onAdd}>
        + {t('run.dialog.addEnv')}
      </Button>
    </fieldset>
  );
}
