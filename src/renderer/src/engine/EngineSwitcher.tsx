import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from '../app/navigation';
import { EngineChoiceEditor } from '../settings/EngineChoiceEditor';
import { useSettings } from '../settings/settingsStore';
import { Button } from '../ui/Button';

/** The status bar's engine button: every engine Berth knows, one click to switch the whole app. */
export function EngineSwitcher({ label }: { label: string }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { update } = useSettings();
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const panelRef = useRef<HTMLDivElement>(null);
  // Closing by Esc or ✕ puts focus back on the button that opened it, as a dialog does.
  const close = () => {
    setOpen(false);
    triggerRef.current?.focus();
  };

  useEffect(() => {
    if (!open) return;
    panelRef.current?.focus();
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      event.preventDefault();
      setOpen(false);
      triggerRef.current?.focus();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [open]);

  return (
    <>
      <button
        type="button"
        ref={triggerRef}
        data-testid="engine-switcher"
        title={t('engineSwitcher.title')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
        className="truncate rounded px-1 font-mono hover:bg-slate-100 dark:hover:bg-slate-800"
      >
        {label}
      </button>
      {open && (
        <div
          ref={panelRef}
          role="dialog"
          tabIndex={-1}
          aria-label={t('engineSwitcher.title')}
          data-testid="engine-switcher-panel"
          className="fixed bottom-10 left-60 z-30 focus:outline-none w-[28rem] rounded-xl border border-slate-200 bg-white p-4 text-sm text-slate-900 shadow-2xl dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100"
        >
          <div className="mb-2 flex items-center">
            <h2 className="flex-1 font-semibold">{t('engineSwitcher.title')}</h2>
            <Button
              variant="ghost"
              className="!px-2 !py-0"
              onClick={close}
              aria-label={t('engineSwitcher.close')}
              title={t('engineSwitcher.close')}
              data-testid="engine-switcher-close"
            >
              <span aria-hidden="true">✕</span>
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
