// Stable codes shared by the database, the catalogs and the platforms. Labels live in i18n.

export const REQUEST_TYPES = [
  'guest_lecture',
  'evaluation_panel',
  'programme_council',
  'board_seat',
  'practice_placement',
  'thesis_topic',
  'recruitment_event',
  'mentoring',
  'career_talk',
  'strategic_advice',
  'other',
] as const;
export type RequestType = (typeof REQUEST_TYPES)[number];

export const REQUEST_FORMATS = ['campus', 'digital', 'either'] as const;
export type RequestFormat = (typeof REQUEST_FORMATS)[number];

export const LOCALES = ['nb', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const ROLES = ['alumnus', 'staff', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PLATFORMS = ['slack', 'teams'] as const;
export type Platform = (typeof PLATFORMS)[number];

export const CONSENT_SOURCES = ['slack', 'teams', 'csv_import', 'admin', 'demo'] as const;
export type ConsentSource = (typeof CONSENT_SOURCES)[number];

/** The version of the consent text people agree to; bump it when the text changes. */
export const CONSENT_TEXT_VERSION = '2026-11';

export function isLocale(value: unknown): value is Locale {
  return value === 'nb' || value === 'en';
}
