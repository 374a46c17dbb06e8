import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePullByName } from '../pulls/pullByNameContext';
import {
  BerthLogo,
  BuildIcon,
  DiskIcon,
  NetworksIcon,
  ComposeIcon,
  VolumesIcon,
  CheckIcon,
  ContainersIcon,
  DownloadIcon,
  ImagesIcon,
  LessonsIcon,
  SearchIcon,
  SettingsIcon,
  SidebarIcon,
} from '../ui/icons';
import type { Section } from './sections';
import { useNavigate } from './navigation';

const items: Array<{ section: Section; Icon: typeof CheckIcon }> = [
  { section: 'containers', Icon: ContainersIcon },
  { section: 'images', Icon: ImagesIcon },
  { section: 'build', Icon: BuildIcon },
  { section: 'compose', Icon: ComposeIcon },
  { section: 'volumes', Icon: VolumesIcon },
  { section: 'networks', Icon: NetworksIcon },
  { section: 'disk', Icon: DiskIcon },
  { section: 'lessons', Icon: LessonsIcon },
  { section: 'hub', Icon: SearchIcon },
  { section: 'installation', Icon: CheckIcon },
  { section: 'settings', Icon: SettingsIcon },
];

/** Below this window width the sidebar shows icons only, unless the user expands it. */
const NARROW_WINDOW = '(max-width: 1023px)';

function useMediaQuery(query: string): boolean {
  const [matches, setMatches] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const list = window.matchMedia(query);
    const onChange = () => setMatches(list.matches);
    onChange();
    list.addEventListener('change', onChange);
    return () => list.removeEventListener('change', onChange);
  }, [query]);
  return matches;
}

/**
 * The sections. Icons only in a narrow window or when the user collapses it; each entry keeps its
 * name for screen readers (visually hidden) and as a tooltip.
 */
export function Sidebar({ current }: { current: Section }) {
  const navigate = useNavigate();
  const { t } = useTranslation();
  const { openPullByName } = usePullByName();
  const narrow = useMediaQuery(NARROW_WINDOW);
  // The user's choice wins until the window crosses the breakpoint again.
  const [choice, setChoice] = useState<{ collapsed: boolean; narrow: boolean } | null>(null);
  const collapsed = choice && choice.narrow === narrow ? choice.collapsed : narrow;
  const toggleLabel = collapsed ? t('nav.expand') : t('nav.collapse');
  // Opened in a narrow window, it lies over the page instead of squeezing it.
  const overlay = narrow && !collapsed;
  return (
    <div className={`relative flex shrink-0 ${collapsed || overlay ? 'w-14' : 'w-56'}`}>
      <nav
        aria-label="Berth"
        data-testid="sidebar"
        data-collapsed={String(collapsed)}
        onKeyDown={(event) => {
          if (!overlay || event.key !== 'Escape') return;
          setChoice(null);
          document.querySelector<HTMLElement>('[data-testid=sidebar-toggle]')?.focus();
        }}
        className={`flex flex-col border-r border-slate-200 dark:border-slate-800 ${collapsed ? 'p-2' : 'p-3'} ${
          overlay
            ? 'absolute inset-y-0 left-0 z-30 w-56 bg-slate-100 shadow-xl dark:bg-slate-900'
            : 'w-full bg-slate-100/80 dark:bg-slate-900/60'
        }`}
      >
        <div className={`mb-5 flex items-center gap-2 pt-1 ${collapsed ? 'justify-center' : 'px-2'}`}>
          <BerthLogo className="h-7 w-7 shrink-0 text-sky-600 dark:text-sky-400" />
          {!collapsed && (
            <div className="min-w-0">
              <div className="text-base leading-tight font-semibold">{t('app.name')}</div>
              <div className="text-[11px] text-slate-600 dark:text-slate-400">{t('app.tagline')}</div>
            </div>
          )}
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
                    navigate(section);
                    if (overlay) setChoice(null);
                  }}
                  aria-current={active ? 'page' : undefined}
                  title={collapsed ? t(`nav.${section}`) : undefined}
                  className={`flex items-center gap-2.5 rounded-md py-2 text-sm focus-visible:outline-2 focus-visible:outline-sky-500 ${
                    collapsed ? 'justify-center px-0' : 'px-2.5'
                  } ${
                    active
                      ? 'bg-white font-medium text-sky-700 shadow-sm dark:bg-slate-800 dark:text-sky-300'
                      : 'text-slate-700 hover:bg-white/70 dark:text-slate-300 dark:hover:bg-slate-800/70'
                  }`}
                >
                  <Icon className="h-4.5 w-4.5 shrink-0" />
                  <span className={collapsed ? 'sr-only' : 'truncate'}>{t(`nav.${section}`)}</span>
                </a>
              </li>
            );
          })}
        </ul>
        {/* Not a section: it opens the pull-by-name dialog over whatever screen is showing. */}
        <div className="mt-3 border-t border-slate-200 pt-3 dark:border-slate-800">
          <button
            type="button"
            onClick={() => openPullByName()}
            data-testid="sidebar-pull-by-name"
            aria-label={collapsed ? t('pullByName.open') : undefined}
            title={collapsed ? t('pullByName.open') : undefined}
            className={`flex w-full items-center gap-2.5 rounded-md py-2 text-left text-sm text-slate-700 hover:bg-white/70 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-300 dark:hover:bg-slate-800/70 ${
              collapsed ? 'justify-center px-0' : 'px-2.5'
            }`}
          >
            <DownloadIcon className="h-4.5 w-4.5 shrink-0" />
            {!collapsed && t('pullByName.open')}
          </button>
        </div>
        <button
          type="button"
          onClick={() => setChoice({ collapsed: !collapsed, narrow })}
          aria-label={toggleLabel}
          aria-expanded={!collapsed}
          title={toggleLabel}
          data-testid="sidebar-toggle"
          className={`mt-auto flex items-center gap-2.5 rounded-md py-2 text-sm text-slate-600 hover:bg-white/70 focus-visible:outline-2 focus-visible:outline-sky-500 dark:text-slate-400 dark:hover:bg-slate-800/70 ${
            collapsed ? 'justify-center px-0' : 'px-2.5'
          }`}
        >
          <SidebarIcon className="h-4.5 w-4.5 shrink-0" />
          {!collapsed && <span className="truncate">{t('nav.collapse')}</span>}
        </button>
      </nav>
    </div>
  );
}
