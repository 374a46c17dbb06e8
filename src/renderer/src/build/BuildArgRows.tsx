import { useTranslation } from 'react-i18next';
import { ErrorText, RemoveRowButton, rowField, rowInput, type RowEditorProps } from '../run/rowParts';
import { replaceAt } from '../run/runForm';
import { Button } from '../ui/Button';
import { InlineCode } from '../ui/InlineCode';
import type { BuildArgRow } from './buildForm';

/** The build arguments: NAME = value rows, as the run dialog's variable rows. */
export function BuildArgRows({
  rows,
  errors,
  onChange,
  onAdd,
  onRemove,
  onLeave,
  hint,
}: RowEditorProps<BuildArgRow> & { hint: string | null }) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<BuildArgRow>) => onChange(replaceAt(rows, index, patch));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t('build.options.args')}</legend>
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <InlineCode text={t('build.options.argsHelp')} />
      </p>
      {rows.map((row, index) => (
        <div key={index} data-testid="build-arg-row" className="space-y-1">
          <div className="grid grid-cols-[1fr_1fr_auto] gap-2">
            <input
              {...rowField(`buildArgs.${index}.name`, errors, onLeave)}
              aria-label={t('build.options.argName')}
              className={`${rowInput} font-mono`}
              placeholder={t('build.options.argName')}
              value={row.name}
              spellCheck={false}
              onChange={(event) => change(index, { name: event.target.value })}
            />
            <input
              {...rowField(`buildArgs.${index}.value`, errors, onLeave)}
              aria-label={t('build.options.argValue')}
              className={`${rowInput} font-mono`}
              placeholder={t('build.options.argValue')}
              value={row.value}
              spellCheck={false}
              onChange={(event) => change(index, { value: event.target.value })}
            />
            <RemoveRowButton onClick={() => onRemove(index)} />
          </div>
          <ErrorText message={errors[`buildArgs.${index}.name`]} />
        </div>
      ))}
      {hint && (
        <p className="text-xs text-amber-700 dark:text-amber-300" data-testid="build-arg-hint">
          <InlineCode text={hint} />
        </p>
      )}
      <Button variant="ghost" className="text-xs" data-testid="build-add-arg" onClick={onAdd}>
        + {t('build.options.addArg')}
      </Button>
    </fieldset>
  );
}
