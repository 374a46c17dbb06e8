import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from '../../../shared/i18n/en';
import { ko } from '../../../shared/i18n/ko';
import { addCatalogFormats } from '../../../shared/i18n/particles';

export { detectLanguage, type Language } from '../../../shared/i18n/translator';
import type { Language } from '../../../shared/i18n/translator';

export async function initI18n(language: Language) {
  await i18next.use(initReactI18next).init({
    lng: language,
    fallbackLng: false,
    resources: { en: { translation: en }, ko: { translation: ko } },
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  addCatalogFormats(i18next);
  document.documentElement.lang = language;
  return i18next;
}
