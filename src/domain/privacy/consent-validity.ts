// When a consent counts. It is given for one version of the consent text and lasts
// CONSENT_RENEW_MONTHS: a new text version asks again (until then, no consent), and a consent
// not renewed in time lapses, with one reminder RENEWAL_REMINDER_DAYS before.
import { DateTime } from 'luxon';
import { DAY_MS } from '../time.ts';
import { RENEWAL_REMINDER_DAYS } from './settings.ts';

export type ConsentStanding = 'valid' | 'new_text' | 'expired';

/** The moment a consent given at `givenAt` expires (calendar months, in UTC). */
export function consentExpiresAt(givenAt: Date, months: number): Date {
  return DateTime.fromJSDate(givenAt, { zone: 'utc' }).plus({ months }).toJSDate();
}

/** The moment the one renewal reminder is due. */
export function renewalReminderAt(givenAt: Date, months: number): Date {
  return new Date(consentExpiresAt(givenAt, months).getTime() - RENEWAL_REMINDER_DAYS * DAY_MS);
}

/** Whether a (not withdrawn) consent still counts now. */
export function consentStanding(consent: { givenAt: Date; textVersion: string }, now: Date, currentVersion: string, months: number): ConsentStanding {
  if (consent.textVersion !== currentVersion) return 'new_text';
  return consentExpiresAt(consent.givenAt, months) <= now ? 'expired' : 'valid';
}

/** The earliest givenAt that is still valid now (consents given before it have expired). */
export function oldestValidGivenAt(now: Date, months: number): Date {
  return DateTime.fromJSDate(now, { zone: 'utc' }).minus({ months }).toJSDate();
}
