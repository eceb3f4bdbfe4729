// Every user-facing sentence comes from the catalogs through a Translator chosen per person:
// their profile language, else their platform's locale, else DEFAULT_LOCALE. Dates are
// formatted for the language in the reader's time zone (their profile's, else the faculty's),
// with the zone named when it is not the faculty's; plurals follow the language's rules.
import i18next, { type i18n } from 'i18next';
import { zoneName } from '../time.ts';
import { isLocale, type Locale } from '../vocabulary.ts';
import { en } from './en.ts';
import { nb } from './nb.ts';

export const CATALOGS = { nb, en } as const;

const INTL_LOCALE: Record<Locale, string> = { nb: 'nb-NO', en: 'en-GB' };

let instance: i18n | undefined;

function i18nInstance(): i18n {
  if (instance) return instance;
  const created = i18next.createInstance();
  void created.init({
    resources: { nb: { translation: nb }, en: { translation: en } },
    lng: 'nb',
    fallbackLng: false,
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  instance = created;
  return created;
}

export interface Translator {
  locale: Locale;
  timeZone: string;
  t(key: string, params?: Record<string, unknown>): string;
  /** "3. desember 2026" / "3 December 2026" */
  date(value: Date): string;
  /** date and time of day, in the reader's time zone (named when it is not the faculty's) */
  dateTime(value: Date): string;
  /** "a, b og c" / "a, b and c" */
  list(items: readonly string[]): string;
}

/**
 * Translators are built once per (language, reader's zone, faculty's zone) and shared: building
 * one (three Intl formatters and i18next's fixed-language function) costs far more than a lookup,
 * and every request needs one or more. They are frozen, so a caller cannot change what another
 * one uses. The cache is bounded (a time zone comes from a short list, but it is read from data).
 */
const MAX_CACHED = 500;
const cache = new Map<string, Translator>();

/** `timeZone` is the reader's; `facultyTimeZone` (TIMEZONE) is the one dates are usually read in. */
export function createTranslator(locale: Locale, timeZone: string, facultyTimeZone: string = timeZone): Translator {
  const key = `${locale}|${timeZone}|${facultyTimeZone}`;
  const cached = cache.get(key);
  if (cached) return cached;
  const made = buildTranslator(locale, timeZone, facultyTimeZone);
  if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
  cache.set(key, made);
  return made;
}

function buildTranslator(locale: Locale, timeZone: string, facultyTimeZone: string): Translator {
  const fixed = i18nInstance().getFixedT(locale);
  const intl = INTL_LOCALE[locale];
  const dateFormat = new Intl.DateTimeFormat(intl, { timeZone, day: 'numeric', month: 'long', year: 'numeric' });
  const dateTimeFormat = new Intl.DateTimeFormat(intl, { timeZone, day: 'numeric', month: 'long', year: 'numeric', hour: '2-digit', minute: '2-digit' });
  const listFormat = new Intl.ListFormat(intl, { style: 'long', type: 'conjunction' });
  const zone = timeZone === facultyTimeZone ? '' : ` (${zoneName(timeZone)})`;
  return Object.freeze({
    locale,
    timeZone,
    t: (key: string, params?: Record<string, unknown>) => fixed(key, params ?? {}) as string,
    date: (value: Date) => dateFormat.format(value) + zone,
    dateTime: (value: Date) => dateTimeFormat.format(value) + zone,
    list: (items: readonly string[]) => listFormat.format(items),
  });
}

/** Maps a platform locale such as "nb-NO", "nn-NO", "no" or "en-US" to a catalog language. */
export function localeFromPlatform(platformLocale: string | null | undefined): Locale | null {
  if (!platformLocale) return null;
  const language = platformLocale.toLowerCase().split(/[-_]/)[0];
  if (language === 'nb' || language === 'nn' || language === 'no') return 'nb';
  if (language === 'en') return 'en';
  return null;
}

/** Profile language, then platform locale, then the configured default. */
export function chooseLocale(profileLocale: string | null | undefined, platformLocale: string | null | undefined, defaultLocale: Locale): Locale {
  if (isLocale(profileLocale)) return profileLocale;
  return localeFromPlatform(platformLocale) ?? defaultLocale;
}
