// What a platform tells us about a person, made safe to store: names and locales are trimmed to
// what the database holds (never refused, so a long name cannot break a turn), and a known
// identity is refreshed when the platform shows a new name or language.
import { z } from 'zod';
import { chooseLocale } from '../../domain/i18n/translator.ts';
import { PLATFORMS } from '../../domain/vocabulary.ts';
import type { AppContext, IdentityRecord, PersonRecord, Repositories } from '../../ports.ts';
import type { Actor, SeenIdentity } from './actor.ts';
import { applyAdminEmails } from './admin-emails.ts';
import { isAdminAddress, joinByEmail, keepsPersonalData } from '../privacy/personal-data.ts';

export const NAME_MAX = 200;
export const LOCALE_MAX = 20;

/** A display name without control characters, at most NAME_MAX characters (code points); null when empty. */
export function cleanName(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const name = Array.from(value.replace(/[\u0000-\u001f\u007f\s]+/g, ' ').trim()).slice(0, NAME_MAX).join('').trim();
  return name === '' ? null : name;
}

/** A BCP 47-like language tag cut at a subtag boundary to LOCALE_MAX characters; null when it is not one. */
export function cleanLocale(value: unknown): string | null {
  if (typeof value !== 'string' || !/^[A-Za-z]{2,8}(?:[-_][A-Za-z0-9]{1,8})*$/.test(value.trim())) return null;
  let locale = '';
  for (const part of value.trim().split(/[-_]/)) {
    const next = locale ? `${locale}-${part}` : part;
    if (next.length > LOCALE_MAX) break;
    locale = next;
  }
  return locale;
}

export const identityInput = z.object({
  platform: z.enum(PLATFORMS),
  workspaceId: z.string().trim().min(1).max(100),
  userId: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().email().max(320).nullable().optional().catch(null),
  emailVerified: z.boolean().default(false),
  displayName: z.unknown().optional().transform(cleanName),
  locale: z.unknown().optional().transform(cleanLocale),
});

export type IdentityFacts = z.output<typeof identityInput>;

export function storedIdentity(identities: readonly IdentityRecord[], facts: IdentityFacts): IdentityRecord | undefined {
  return identities.find((one) => one.platform === facts.platform && one.workspaceId === facts.workspaceId && one.userId === facts.userId);
}

/**
 * Brings a known person's identity up to date with what the platform shows now: their language,
 * and, once they keep personal data (consent, staff or admin), their name and (when the platform
 * vouches for it) their e-mail. Nothing is written when nothing changed. ADMIN_EMAILS is applied
 * as at every contact, compared in memory before anything is stored.
 */
export interface Refreshed {
  actor: Actor;
  /** The e-mail a platform verified for this identity, if any. */
  email: string | null;
}

export async function refreshKnown(ctx: AppContext, repos: Repositories, known: PersonRecord, facts: IdentityFacts): Promise<Refreshed> {
  const verifiedEmail = facts.emailVerified && facts.email ? facts.email : null;
  const seen = seenOf(facts, verifiedEmail);
  // Someone holding nothing yet whose verified address an admin gave them (an import, a waiting
  // role grant), or whose account on the other platform has it, becomes that person.
  let person = await joinByEmail(repos, known, seen);
  const keeps = (await keepsPersonalData(repos, person)) || isAdminAddress(ctx, verifiedEmail);
  const stored = storedIdentity(await repos.people.findIdentities(person.id), facts);
  const locale = facts.locale ?? stored?.locale ?? null;
  // Nothing personal before consent: only the ids and the language are kept (issue 15).
  const email = keeps ? (verifiedEmail ?? stored?.email ?? null) : (stored?.email ?? null);
  if (!stored || locale !== stored.locale || email !== stored.email) {
    await repos.people.upsertIdentity(person.id, { ...facts, email, locale });
  }
  if (keeps) person = await rememberName(repos, person, facts, verifiedEmail);
  person = await applyAdminEmails(ctx.settings, repos, person);
  const actor: Actor = {
    personId: person.id,
    displayName: keeps ? person.displayName : (facts.displayName ?? person.displayName),
    roles: person.roles,
    locale: chooseLocale(person.locale, locale, ctx.settings.defaultLocale),
    keepsPersonalData: keeps,
    seen,
  };
  return { actor, email: keeps ? email : verifiedEmail };
}

function seenOf(facts: IdentityFacts, verifiedEmail: string | null): SeenIdentity {
  return { platform: facts.platform, workspaceId: facts.workspaceId, userId: facts.userId, displayName: facts.displayName, email: verifiedEmail, emailVerified: verifiedEmail !== null, locale: facts.locale };
}

/** For a person who keeps personal data: the name the platform shows, and the e-mail it verified when nobody else holds it. */
async function rememberName(repos: Repositories, person: PersonRecord, facts: IdentityFacts, verifiedEmail: string | null): Promise<PersonRecord> {
  // The platform has now verified the address an admin imported or granted a role to, or gives
  // one to a person who had none (their first lookup failed) and nobody else holds.
  const verifiesEmail = verifiedEmail !== null && verifiedEmail === person.email && !person.emailVerified;
  const adoptsEmail = verifiedEmail !== null && person.email === null && (await repos.people.findByEmail(verifiedEmail)) === null;
  const displayName = facts.displayName ?? (person.displayName === '' ? facts.userId : person.displayName);
  if (!verifiesEmail && !adoptsEmail && displayName === person.displayName) return person;
  return repos.people.update(person.id, { displayName, ...(verifiesEmail || adoptsEmail ? { email: verifiedEmail, emailVerified: true } : {}) });
}
