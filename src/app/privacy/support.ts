// What the privacy use cases share: the operator's settings and the keyed hashes that stand in
// for a person after their erasure (HMAC-SHA256 with PRIVACY_HASH_KEY: the same person always
// gets the same pseudonym, and without the key nobody can tell who it was).
import { createHmac, createHash } from 'node:crypto';
import { DEFAULT_PRIVACY, type PrivacySettings } from '../../domain/privacy/settings.ts';
import type { AppContext, ConsentRecord } from '../../ports.ts';

export function privacyOf(ctx: AppContext): PrivacySettings {
  return ctx.settings.privacy ?? DEFAULT_PRIVACY;
}

export function keyedHash(key: string, text: string): string {
  return createHmac('sha256', key).update(text, 'utf8').digest('hex');
}

/** What stands in for an erased person in the audit log: "erased:" and 20 hex digits of a keyed hash. */
export function pseudonymOf(key: string, personId: string): string {
  return `erased:${keyedHash(key, `person:${personId}`).slice(0, 20)}`;
}

/**
 * The proof that survives an erasure: a keyed hash of who (their verified e-mail, else their
 * first platform identity) agreed to which purposes, for which text, when. Whoever holds the key
 * and the person's address can check a claim ("alumna@example.org agreed on 12 May") against it.
 */
export function consentProof(key: string, subject: string, consent: Pick<ConsentRecord, 'id' | 'givenAt' | 'textVersion' | 'purposes'>): string {
  const purposes = [...consent.purposes].sort().join(',');
  return keyedHash(key, ['consent', subject.toLowerCase(), consent.id, consent.givenAt.toISOString(), consent.textVersion, purposes].join('\n'));
}

/** A link code is stored only as this (plain SHA-256: the code itself is random and short-lived). */
export function linkCodeHash(code: string): string {
  return createHash('sha256').update(`link:${code}`, 'utf8').digest('hex');
}
