import { useTranslation } from 'react-i18next';
import type { TrayMenuItem } from '../../../shared/tray';
import { useStreamValue } from '../app/useStream';

function MenuItems({ items }: { items: TrayMenuItem[] }) {
  const { t } = useTranslation();
  return (
    <ul className="py-1">
      {items.map((item, index) =>
        item.type === 'separator' ? (
          <li key={index} aria-hidden="true" className="my-1 border-t border-slate-200 dark:border-slate-700" />
        ) : (
          <li
            key={item.id ?? index}
            data-testid="tray-item"
            data-id={item.id}
            className={`px-3 py-1 text-sm ${item.enabled === false ? 'text-slate-400' : ''}`}
            aria-disabled={item.enabled === false}
          >
            <span>{item.label}</span>
            {item.enabled === false && <span className="sr-only"> ({t('trayPreview.disabled')})</span>}
            {item.submenu && (
              <div className="mt-1 ml-3 rounded-md border border-slate-200 bg-white shadow-sm dark:border-slate-700 dark:bg-slate-800">
                <MenuItems items={item.submenu} />
              </div>
            )}
          </li>
        ),
      )}
    </ul>
  );
}

/** The menu bar menu as the main process builds it, drawn as a page (the harness has no menu bar). */
export function TrayPreviewPage() {
  const { t } = useTranslation();
  const { value: model } = useStreamValue('tray.model', {});
  return (
    <div
      className="mx-auto max-w-md p-6"
      data-testid="tray-preview"
      data-icon={model?.icon}
      data-pulling={model?.pulling}
    >
      <h1 className="text-xl font-semibold">{t('trayPreview.title')}</h1>
      <p className="mt-1 text-sm text-slate-600 dark:text-slate-400">{t('trayPreview.intro')}</p>
      {model && (
        <div className="mt-4 rounded-lg border border-slate-200 bg-white/90 shadow-xl backdrop-blur dark:border-slate-700 dark:bg-slate-900/90">
          <p className="border-b border-slate-200 px-3 py-2 text-xs text-slate-500 dark:border-slate-700">
            {model.tooltip}
          </p>
          <MenuItems items={model.items} />
        </div>
      )}
    </div>
  );
}
