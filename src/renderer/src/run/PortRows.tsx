import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { ErrorText, rowField, rowInput, type RowEditorProps, RemoveRowButton } from './rowParts';
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
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium">{t('run.dialog.ports')}</legend>
      <p className="text-xs text-slate-500 dark:text-slate-400">{t('run.dialog.portsHelp')}</p>
      {exposedHint && (
        <p className="text-xs text-sky-800 dark:text-sky-300" data-testid="run-exposed-hint">
          {exposedHint}
        </p>
      )}
      {rows.map((row, index) => (
        <div key={index} data-testid="run-port-row" className="space-y-1">
          <div className="grid grid-cols-[1fr_auto_1fr_6rem_9rem_auto] items-center gap-2">
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
            <RemoveRowButton onClick={() => onRemove(index)} />
          </div>
          <ErrorText message={errors[`ports.${index}.hostPort`] ?? errors[`ports.${index}.containerPort`]} />
        </div>
      ))}
      <Button variant="ghost" className="text-xs" data-testid="run-add-port" onClick={onAdd}>
        + {t('run.dialog.addPort')}
      </Button>
    </fieldset>
  );
}
