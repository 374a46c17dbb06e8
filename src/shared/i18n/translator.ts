import i18next, { type TFunction } from 'i18next';
import { en } from './en';
import { ko } from './ko';
import { addCatalogFormats } from './particles';

export { detectLanguage, type Language } from './language';
import type { Language } from './language';

export const catalogs = { en, ko } as const;

/**
 * A translator for the main process (tray, notifications), from the same catalogs as the UI. Each
 * call makes its own i18next instance, so main and renderer never share global state.
 */
export function createTranslator(language: Language): TFunction {
  const instance = i18next.createInstance();
  void instance.init({
    lng: language,
    fallbackLng: false,
    resources: { en: { translation: en }, ko: { translation: ko } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  addCatalogFormats(instance);
  return instance.t.bind(instance);
}
