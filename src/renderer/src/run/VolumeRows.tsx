import { useTranslation } from 'react-i18next';
import { RowFieldset, RowShell, rowField, rowInput, type RowEditorProps } from './rowParts';
import { replaceAt, type VolumeRow } from './runForm';

/** The run dialog's volumes: a named volume, or a folder of this computer the user confirms sharing. */
export function VolumeRows({ rows, errors, onChange, onAdd, onRemove, onLeave }: RowEditorProps<VolumeRow>) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<VolumeRow>) =>
    onChange(replaceAt(rows, index, patch as Partial<VolumeRow>));
  return (
    <RowFieldset
      legend={t('run.dialog.volumes')}
      addLabel={t('run.dialog.addVolume')}
      addTestId="run-add-volume"
      onAdd={onAdd}
    >
      {rows.map((row, index) => (
        <RowShell
          key={index}
          testId="run-volume-row"
          gridClassName="grid-cols-[9rem_1fr_1fr_auto_auto] items-center"
          className="rounded-md border border-slate-200 p-2 dark:border-slate-700"
          onRemove={() => onRemove(index)}
          error={
            errors[`volumes.${index}.hostPath`] ??
            errors[`volumes.${index}.confirmed`] ??
            errors[`volumes.${index}.containerPath`] ??
            errors[`volumes.${index}.name`]
          }
          after={
            row.kind === 'bind' &&
            row.hostPath && (
              <label className="flex items-start gap-2 text-xs text-amber-800 dark:text-amber-300">
                <input
                  {...rowField(`volumes.${index}.confirmed`, errors, onLeave)}
                  type="checkbox"
                  data-testid="run-bind-confirm"
                  className="mt-0.5"
                  checked={row.confirmed}
                  onChange={(event) => change(index, { confirmed: event.target.checked })}
                />
                {t('run.dialog.bindConfirm', { path: row.hostPath })}
              </label>
            )
          }
        >
          <select
            aria-label={t('run.dialog.volumes')}
            data-testid="run-volume-kind"
            className={rowInput}
            value={row.kind}
            onChange={(event) =>
              change(
                index,
                event.target.value === 'bind'
                  ? { kind: 'bind', hostPath: '', confirmed: false }
                  : { kind: 'named', name: '' },
              )
            }
          >
            <option value="named">{t('run.dialog.named')}</option>
            <option value="bind">{t('run.dialog.bind')}</option>
          </select>
          {row.kind === 'named' ? (
            <input
              {...rowField(`volumes.${index}.name`, errors, onLeave)}
              aria-label={t('run.dialog.volumeName')}
              data-testid="run-volume-name"
              className={rowInput}
              placeholder={t('run.dialog.volumeName')}
              value={row.name}
              onChange={(event) => change(index, { name: event.target.value })}
            />
          ) : (
            <input
              {...rowField(`volumes.${index}.hostPath`, errors, onLeave)}
              aria-label={t('run.dialog.hostPath')}
              data-testid="run-host-path"
              className={`${rowInput} font-mono`}
              placeholder={t('run.dialog.hostPath')}
              value={row.hostPath}
              onChange={(event) => change(index, { hostPath: event.target.value, confirmed: false })}
            />
          )}
          <input
            {...rowField(`volumes.${index}.containerPath`, errors, onLeave)}
            aria-label={t('run.dialog.containerPath')}
            data-testid="run-container-path"
            className={`${rowInput} font-mono`}
            placeholder={t('run.dialog.containerPath')}
            value={row.containerPath}
            onChange={(event) => change(index, { containerPath: event.target.value })}
          />
          <label className="flex items-center gap-1 text-xs whitespace-nowrap">
            <input
              type="checkbox"
              data-testid="run-volume-readonly"
              checked={row.readOnly}
              onChange={(event) => change(index, { readOnly: event.target.checked })}
            />
            {t('run.dialog.readOnly')}
          </label>
        </RowShell>
      ))}
    </RowFieldset>
  );
}
