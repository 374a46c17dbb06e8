import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Navigate } from '../app/useRoute';
import { EngineChoiceEditor } from '../settings/EngineChoiceEditor';
import { useSettings } from '../settings/settingsStore';
import { Button } from '../ui/Button';

/** The status bar's engine button: every engine Berth knows, one click to switch the whole app. */
export function EngineSwitcher({ label, navigate }: { label: string; navigate: Navigate }) {
  const { t } = useTranslation();
  const { update } = useSettings();
  const [open, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        data-testid="engine-switcher"
        title={t('engineSwitcher.title')}
        onClick={() => setOpen(!open)}
        className="truncate rounded px-1 font-mono hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        {label}
      </button>
      {open && (
        <div
          role="dialog"
          aria-label={t('engineSwitcher.title')}
          data-testid="engine-switcher-panel"
          className="fixed bottom-10 left-60 z-30 w-[28rem] rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-900 shadow-2xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <div className="mb-2 flex items-center">
            <h2 className="flex-1 font-semibold">{t('engineSwitcher.title')}</h2>
            <Button variant="ghost" className="!px-2 !py-0" onClick={() => setOpen(false)} aria-label="✕">
              ✕
            </Button>
          </div>
          <EngineChoiceEditor
            onChoose={async (engine) => {
              await update({ engine });
              setOpen(false);
            }}
          />
          <Button
            variant="ghost"
            className="mt-2 -ml-3 text-xs"
            onClick={() => {
              setOpen(false);
              navigate('settings');
            }}
          >
            {t('engineSwitcher.manage')}
          </Button>
        </div>
      )}
    </>
  );
}
