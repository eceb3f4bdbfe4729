// What privacy needs to know from the operator: where the processing record is published, how
// long a consent lasts, and how long each kind of data is kept. Defaults are documented in
// docs/privacy.md; config.ts reads the variables.

export interface RetentionAges {
  /** Free-text answers in feedback forms are removed this many days after the form ended. */
  freeTextDays: number;
  /** People who never consented (imported, or who only said hello) are removed after this many days untouched. */
  unconsentedDays: number;
  /** Sent (or given up) outgoing messages of finished requests are pruned after this many days. */
  outboxDays: number;
  /** Platform event ids kept to ignore retries are pruned after this many days. */
  processedEventDays: number;
  /** Audit entries lose their details (ids and action stay) after this many days. */
  auditDetailDays: number;
}

export interface PrivacySettings {
  /** The published processing record (behandlingsprotokoll / privacy notice), linked at the consent step. */
  privacyUrl: string | null;
  /** A consent lasts this many months; one reminder goes out RENEWAL_REMINDER_DAYS before. */
  consentRenewMonths: number;
  retention: RetentionAges;
  /** Key of the keyed hashes that survive an erasure (consent proof, audit pseudonyms). */
  hashKey: string;
}

export const RENEWAL_REMINDER_DAYS = 30;
/** A link code is valid this long. */
export const LINK_CODE_MINUTES = 10;
/** Wrong link codes one person may type in LINK_CODE_MINUTES before being told to wait. */
export const LINK_CODE_MAX_FAILURES = 5;

export const DEFAULT_RETENTION: RetentionAges = {
  freeTextDays: 365,
  unconsentedDays: 365,
  outboxDays: 180,
  processedEventDays: 7,
  auditDetailDays: 730,
};

/** The key used when PRIVACY_HASH_KEY is not set (development only; the start log warns in production). */
export const DEVELOPMENT_HASH_KEY = 'alumni-bridge-development-key-not-secret';

export const DEFAULT_PRIVACY: PrivacySettings = {
  privacyUrl: null,
  consentRenewMonths: 24,
  retention: DEFAULT_RETENTION,
  hashKey: DEVELOPMENT_HASH_KEY,
};
