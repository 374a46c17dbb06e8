import { useTranslation } from 'react-i18next';
import { BerthLogo, CheckIcon, ContainersIcon, ImagesIcon, SearchIcon, SettingsIcon } from '../ui/icons';
import type { Section } from './sections';
import type { Navigate } from './useRoute';

const items: Array<{ section: Section; Icon: typeof CheckIcon }> = [
  { section: 'containers', Icon: ContainersIcon },
  { section: 'images', Icon: ImagesIcon },
  { section: 'hub', Icon: SearchIcon },
  { section: 'installation', Icon: CheckIcon },
  { section: 'settings', Icon: SettingsIcon },
];

export function Sidebar({ current, onNavigate }: { current: Section; onNavigate: Navigate }) {
  const { t } = useTranslation();
  return (
    <nav
      aria-label="Berth"
      className="flex w-56 shrink-0 flex-col border-r border-slate-200 bg-slate-100/80 p-3 dark:border-slate-800 dark:bg-slate-900/60"
    >
      <div className="mb-5 flex items-center gap-2 px-2 pt-1">
        <BerthLogo className="h-7 w-7 text-sky-600 dark:text-sky-400" />
        <div>
          <div className="text-base leading-tight font-semibold">{t('app.name')}</div>
          <div className="text-[11px] text-slate-600 dark:text-slate-400">{t('app.tagline')}</div>
        </div>
      </div>
      <ul className="space-y-0.5">
        {items.map(({ section, Icon }) => {
          const active = section === current;
          return (
            <li key={section}>
              <a
                href={`#/${section}`}
                onClick={(event) => {
                  event.preventDefault();
                  onNavigate(section);
                }}
                aria-current={active ? 'page' : undefined}
                className={`flex items-center gap-2.5 rounded-md px-2.5 py-2 text-sm ${
                  active
                    ? 'bg-white font-medium text-sky-700 shadow-sm dark:bg-slate-800 dark:text-sky-300'
                    : 'text-slate-700 hover:bg-white/70 dark:text-slate-300 dark:hover:bg-slate-800/70'
                }`}
              >
                <Icon className="h-4.5 w-4.5" />
                {t(`nav.${section}`)}
              </a>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
