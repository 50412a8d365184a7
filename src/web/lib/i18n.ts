import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';
import nl from '../locales/nl.json';

const STORAGE_KEY = 'knooppunt.language';
const stored = typeof localStorage !== 'undefined' ? localStorage.getItem(STORAGE_KEY) : null;

void i18n.use(initReactI18next).init({
  resources: { nl: { translation: nl }, en: { translation: en } },
  lng: stored === 'en' ? 'en' : 'nl',
  fallbackLng: 'nl',
  interpolation: { escapeValue: false },
});
document.documentElement.lang = i18n.language;

/** Switches language, remembers it in this browser, and sets <html lang> for screen readers. */
export function setLanguage(lng: 'nl' | 'en') {
  localStorage.setItem(STORAGE_KEY, lng);
  document.documentElement.lang = lng;
  return i18n.changeLanguage(lng);
}

/**
 * Text for an API error or field code; unknown codes fall back to the generic message. A field error the browser's
 * own check already worded (lib/form.ts) is shown as it is.
 */
export function errorText(code: string): string {
  if (i18n.exists(`errors.${code}`)) return i18n.t(`errors.${code}`);
  return /^[a-z][a-z0-9_]*$/.test(code) ? i18n.t('errors.internal') : code;
}
export default i18n;
