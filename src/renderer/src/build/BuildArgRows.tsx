import { useTranslation } from 'react-i18next';
import { RowFieldset, RowShell, rowField, rowInput, type RowEditorProps } from '../run/rowParts';
import { replaceAt } from '../run/runForm';
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
    <RowFieldset
      legend={t('build.options.args')}
      addLabel={t('build.options.addArg')}
      addTestId="build-add-arg"
      onAdd={onAdd}
    >
      <p className="text-xs text-slate-600 dark:text-slate-400">
        <InlineCode text={t('build.options.argsHelp')} />
      </p>
      {rows.map((row, index) => (
        <RowShell
          key={index}
          testId="build-arg-row"
          gridClassName="grid-cols-[1fr_1fr_auto]"
          onRemove={() => onRemove(index)}
          error={errors[`buildArgs.${index}.name`]}
        >
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
        </RowShell>
      ))}
      {hint && (
        <p className="text-xs text-amber-700 dark:text-amber-300" data-testid="build-arg-hint">
          <InlineCode text={hint} />
        </p>
      )}
    </RowFieldset>
  );
}
