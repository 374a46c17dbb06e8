import i18next, { type BackendModule, type ResourceKey } from 'i18next';
import { initReactI18next } from 'react-i18next';
import type { Language } from '../../../shared/i18n/language';
import { addCatalogFormats } from '../../../shared/i18n/particles';

export { detectLanguage, type Language } from '../../../shared/i18n/language';

/** Each language's catalog is its own chunk: the first screen loads only the one it shows. */
function loadCatalog(language: string): Promise<ResourceKey> {
  return language === 'ko'
    ? import('../../../shared/i18n/ko').then((module) => module.ko)
    : import('../../../shared/i18n/en').then((module) => module.en);
}

// i18next asks it on init and on changeLanguage (which resolves once the catalog is in).
const catalogBackend: BackendModule = {
  type: 'backend',
  init() {},
  read(language, _namespace, callback) {
    loadCatalog(language).then(
      (catalog) => callback(null, catalog),
      (error: unknown) => callback(error instanceof Error ? error : new Error(String(error)), false),
    );
  },
};

export async function initI18n(language: Language) {
  await i18next
    .use(catalogBackend)
    .use(initReactI18next)
    .init({
      lng: language,
      fallbackLng: false,
      supportedLngs: ['en', 'ko'],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  addCatalogFormats(i18next);
  document.documentElement.lang = language;
  return i18next;
}
