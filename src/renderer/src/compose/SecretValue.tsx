import { useState } from 'react';
import { useTranslation } from 'react-i18next';

/** A secret-looking value (PASSWORD, TOKEN…) hidden behind dots until the user asks to see it. */
export function SecretValue({ name, value }: { name: string; value: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <>
      <span data-value="" data-testid="compose-secret-value">
        {shown ? value : '••••••'}
      </span>{' '}
      <button
        type="button"
        aria-pressed={shown}
        aria-label={t(shown ? 'compose.service.hideValue' : 'compose.service.showValue', { name })}
        onClick={() => setShown(!shown)}
        className="rounded px-1 font-sans text-sky-700 underline hover:no-underline focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-sky-300"
        data-testid="compose-secret-toggle"
      >
        {shown ? t('compose.service.hide') : t('compose.service.show')}
      </button>
    </>
  );
}
