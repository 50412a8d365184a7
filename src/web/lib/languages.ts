import i18n from './i18n';

const displayNames = new Map<string, Intl.DisplayNames>();

/**
 * The name of a language in the reader's language: the locale files' own name where we keep one (Tamazight, Nederlandse
 * Gebarentaal, whose codes Intl names differently or not at all), otherwise the browser's `Intl.DisplayNames`.
 */
export function languageName(code: string, lang: string): string {
  const key = `languages.${code}`;
  if (i18n.exists(key, { lng: lang })) return i18n.t(key, { lng: lang });
  let names = displayNames.get(lang);
  if (!names) {
    names = new Intl.DisplayNames([lang], { type: 'language', fallback: 'code' });
    displayNames.set(lang, names);
  }
  return names.of(code) ?? code;
}
