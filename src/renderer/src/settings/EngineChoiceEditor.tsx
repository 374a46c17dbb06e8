import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BerthError, toBerthError } from '../../../shared/errors';
import { engineChoiceSchema, type EngineChoice, type EngineOption } from '../../../shared/settings';
import { useBerthClient } from '../app/clientContext';
import { ProblemCard } from '../engine/ProblemCard';
import { Badge } from '../ui/Badge';
import { Button } from '../ui/Button';
import { inputClass } from '../ui/Field';

export function engineOptionLabel(
  t: ReturnType<typeof useTranslation>['t'],
  option: Pick<EngineOption, 'choice' | 'label'>,
): string {
  if (option.choice.kind === 'automatic') return t('settings.engine.automatic');
  if (option.choice.kind === 'context') return t('settings.engine.context', { name: option.choice.name });
  return option.choice.url;
}

/** The engines Berth can use (automatic, each Docker context, an address), and switching between them. */
export function EngineChoiceEditor({ onChoose }: { onChoose: (choice: EngineChoice) => Promise<unknown> }) {
  const { t } = useTranslation();
  const client = useBerthClient();
  const [options, setOptions] = useState<EngineOption[] | null>(null);
  const [custom, setCustom] = useState('');
  const [customError, setCustomError] = useState<string | null>(null);
  const [failure, setFailure] = useState<BerthError | null>(null);
  const [revision, setRevision] = useState(0);

  useEffect(() => {
    let current = true;
    client.request('engines.list', {}).then(
      (list) => current && setOptions(list),
      (caught: unknown) => current && setFailure(toBerthError(caught)),
    );
    return () => {
      current = false;
    };
  }, [client, revision]);

  const choose = async (choice: EngineChoice) => {
    setFailure(null);
    try {
      await onChoose(choice);
      setRevision((value) => value + 1);
    } catch (caught) {
      setFailure(toBerthError(caught));
    }
  };

  const applyCustom = () => {
    const parsed = engineChoiceSchema.safeParse({ kind: 'custom', url: custom.trim() });
    if (!parsed.success) {
      setCustomError(t('settings.engine.invalidUrl'));
      return;
    }
    setCustomError(null);
    void choose(parsed.data);
  };

  return (
    <div className="space-y-2" data-testid="engine-choices">
      {options?.map((option) => (
        <label
          key={JSON.stringify(option.choice)}
          className="flex items-start gap-2 text-sm"
          data-testid="engine-option"
          data-active={option.active}
        >
          <input
            type="radio"
            name="engine"
            className="mt-1"
            checked={option.active}
            onChange={() => void choose(option.choice)}
          />
          <span className="min-w-0">
            <span className="font-medium">{engineOptionLabel(t, option)}</span>{' '}
            {option.active && <Badge tone="emerald">{t('settings.engine.active')}</Badge>}
            {option.url && <span className="block truncate font-mono text-xs text-slate-500">{option.url}</span>}
          </span>
        </label>
      ))}
      <div className="pt-1">
        <p className="text-sm font-medium">{t('settings.engine.custom')}</p>
        {/* A form, so Enter in the address applies it as the button does. */}
        <form
          className="mt-1 flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            applyCustom();
          }}
        >
          <input
            className={`${inputClass} font-mono`}
            aria-label={t('settings.engine.custom')}
            aria-invalid={Boolean(customError)}
            placeholder="ssh://user@host"
            value={custom}
            onChange={(event) => setCustom(event.target.value)}
            data-testid="engine-custom-url"
          />
          <Button type="submit" data-testid="engine-custom-apply">
            {t('settings.engine.apply')}
          </Button>
        </form>
        <p
          className={`mt-1 text-xs ${customError ? 'text-rose-600' : 'text-slate-500'}`}
          role={customError ? 'alert' : undefined}
        >
          {customError ?? t('settings.engine.customHelp')}
        </p>
      </div>
      {failure && <ProblemCard problem={failure.toWire()} />}
    </div>
  );
}
