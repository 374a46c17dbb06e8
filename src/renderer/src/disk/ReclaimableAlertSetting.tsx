import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../ui/Button';
import { inputClass } from '../ui/Field';

/** The gigabytes (10^9 bytes) a GB field accepts, as settings.reclaimableAlertGb does. */
export function parseAlertGb(text: string): number | null {
  const trimmed = text.trim();
  if (!/^\d+(\.\d+)?$/.test(trimmed)) return null;
  const value = Number(trimmed);
  return value >= 0 && value <= 100_000 ? value : null;
}

/** Settings' row for the reclaimable-space hint: gigabytes, 0 turns it off; a bad value is said inline. */
export function ReclaimableAlertSetting({
  value,
  onSave,
}: {
  value: number;
  onSave: (gb: number) => Promise<unknown>;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState<string | null>(null);
  const [invalid, setInvalid] = useState(false);
  const errorId = useId();
  const shown = text ?? String(value);
  const apply = () => {
    if (text === null) return;
    const gb = parseAlertGb(text);
    setInvalid(gb === null);
    if (gb === null) return;
    void onSave(gb)
      .then(() => setText(null))
      .catch(() => undefined);
  };
  return (
    <div>
      <div className="flex items-center gap-2">
        <input
          className={`${inputClass} max-w-32 tabular-nums`}
          inputMode="decimal"
          aria-label={t('disk.settings.field')}
          aria-invalid={invalid}
          aria-describedby={invalid ? errorId : undefined}
          value={shown}
          onChange={(event) => setText(event.target.value)}
          onBlur={apply}
          onKeyDown={(event) => {
            if (event.key === 'Enter') apply();
          }}
          data-testid="setting-reclaimable-gb"
        />
        <span className="text-sm">{t('disk.settings.unit')}</span>
        <Button onClick={apply} data-testid="setting-reclaimable-apply">
          {t('disk.settings.apply')}
        </Button>
      </div>
      {invalid && (
        <p id={errorId} role="alert" className="mt-1 text-xs text-rose-600" data-testid="setting-reclaimable-invalid">
          {t('disk.settings.invalid')}
        </p>
      )}
    </div>
  );
}
