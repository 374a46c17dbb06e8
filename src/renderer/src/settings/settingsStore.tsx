import i18next from 'i18next';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { SettingsPatch, SettingsState } from '../../../shared/settings';
import { detectLanguage } from '../../../shared/i18n/language';
import { useBerthClient } from '../app/clientContext';
import { useStreamStore } from '../app/useStream';

interface SettingsValue {
  /** Null until the main process sent the settings. */
  state: SettingsState | null;
  update(patch: SettingsPatch): Promise<SettingsState>;
}

const SettingsContext = createContext<SettingsValue | null>(null);

/** The language to show: the setting, or (for "system") the harness's ?lang= or the system's. */
export function effectiveLanguage(setting: SettingsState['settings']['language'] | undefined) {
  if (setting && setting !== 'system') return setting;
  const requested = new URLSearchParams(window.location.search).get('lang');
  return detectLanguage([...(requested ? [requested] : []), ...navigator.languages]);
}

const latestSettings = (_previous: SettingsState | null, next: SettingsState) => next;

/** Follows the settings the main process owns, and applies language and theme at once. */
export function SettingsProvider({ children }: { children: ReactNode }) {
  const client = useBerthClient();
  const { state, setState } = useStreamStore('settings.changes', latestSettings, null as SettingsState | null);
  const [systemDark, setSystemDark] = useState(() => window.matchMedia('(prefers-color-scheme: dark)').matches);

  useEffect(() => {
    const query = window.matchMedia('(prefers-color-scheme: dark)');
    const onChange = () => setSystemDark(query.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, []);

  const language = effectiveLanguage(state?.settings.language);
  useEffect(() => {
    if (i18next.language !== language) void i18next.changeLanguage(language);
    document.documentElement.lang = language;
  }, [language]);

  const theme = state?.settings.theme ?? 'system';
  const dark = theme === 'dark' || (theme === 'system' && systemDark);
  useEffect(() => {
    document.documentElement.classList.toggle('dark', dark);
  }, [dark]);

  const update = useCallback(
    async (patch: SettingsPatch) => {
      const next = await client.request('settings.update', patch);
      setState(next);
      return next;
    },
    [client, setState],
  );
  const value = useMemo(() => ({ state, update }), [state, update]);
  return <SettingsContext.Provider value={value}>{children}</SettingsContext.Provider>;
}

export function useSettings(): SettingsValue {
  const value = useContext(SettingsContext);
  if (!value) throw new Error('useSettings needs a SettingsProvider');
  return value;
}
