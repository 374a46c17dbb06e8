import { useTranslation } from 'react-i18next';
import { RowFieldset, RowShell, rowField, rowInput, type RowEditorProps } from './rowParts';
import { replaceAt, type PortRow } from './runForm';

/** The run dialog's published ports: host port → container port, protocol, who may connect. */
export function PortRows({
  rows,
  errors,
  onChange,
  onAdd,
  onRemove,
  onLeave,
  exposedHint,
}: RowEditorProps<PortRow> & { exposedHint: string | null }) {
  const { t } = useTranslation();
  const change = (index: number, patch: Partial<PortRow>) => onChange(replaceAt(rows, index, patch));
  return (
    <RowFieldset
      legend={t('run.dialog.ports')}
      addLabel={t('run.dialog.addPort')}
      addTestId="run-add-port"
      onAdd={onAdd}
    >
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('run.dialog.portsHelp')}</p>
      {exposedHint && (
        <p className="text-xs text-sky-800 dark:text-sky-300" data-testid="run-exposed-hint">
          {exposedHint}
        </p>
      )}
      {rows.map((row, index) => (
        <RowShell
          key={index}
          testId="run-port-row"
          gridClassName="grid-cols-[1fr_auto_1fr_6rem_9rem_auto] items-center"
          onRemove={() => onRemove(index)}
          error={errors[`ports.${index}.hostPort`] ?? errors[`ports.${index}.containerPort`]}
        >
          <input
            {...rowField(`ports.${index}.hostPort`, errors, onLeave)}
            aria-label={t('run.dialog.hostPort')}
            data-testid="run-host-port"
            className={rowInput}
            inputMode="numeric"
            placeholder={t('run.dialog.hostPort')}
            value={row.hostPort}
            onChange={(event) => change(index, { hostPort: event.target.value })}
          />
          <span aria-hidden="true">→</span>
          <input
            {...rowField(`ports.${index}.containerPort`, errors, onLeave)}
            aria-label={t('run.dialog.containerPort')}
            data-testid="run-container-port"
            className={rowInput}
            inputMode="numeric"
            placeholder={t('run.dialog.containerPort')}
            value={row.containerPort}
            onChange={(event) => change(index, { containerPort: event.target.value })}
          />
          <select
            aria-label={t('run.dialog.protocol')}
            className={rowInput}
            value={row.protocol}
            onChange={(event) => change(index, { protocol: event.target.value as PortRow['protocol'] })}
          >
            <option value="tcp">TCP</option>
            <option value="udp">UDP</option>
          </select>
          <select
            aria-label={t('run.dialog.network')}
            className={rowInput}
            value={row.hostIp}
            onChange={(event) => change(index, { hostIp: event.target.value as PortRow['hostIp'] })}
          >
            <option value="127.0.0.1">{t('run.dialog.localOnly')}</option>
            <option value="0.0.0.0">{t('run.dialog.anyNetwork')}</option>
          </select>
        </RowShell>
      ))}
    </RowFieldset>
  );
}
