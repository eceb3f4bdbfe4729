// Nothing personal before consent. Someone who is not staff or admin and has not consented is
// stored only with their platform ids and language (enough to answer them). Their name and
// verified e-mail are stored when they consent (or become staff or admin); ADMIN_EMAILS is
// compared with the verified e-mail in memory, so a future admin is recognised at once.
import { isConfiguredAdmin } from '../support/admin-emails.ts';
import type { SeenIdentity } from '../support/actor.ts';
import type { AppContext, PersonRecord, Repositories } from '../../ports.ts';
import { IMPORTED_WORKSPACE } from '../../ports.ts';

/** Staff, admins and people with a current consent: their name and e-mail may be stored. */
export async function keepsPersonalData(repos: Repositories, person: Pick<PersonRecord, 'id' | 'roles'>): Promise<boolean> {
  if (person.roles.includes('staff') || person.roles.includes('admin')) return true;
  return (await repos.consents.findCurrent(person.id)) !== null;
}

/** The verified e-mail the platform showed, lower-cased, or null. */
export function verifiedEmailOf(seen: Pick<SeenIdentity, 'email' | 'emailVerified'>): string | null {
  return seen.emailVerified && seen.email ? seen.email.trim().toLowerCase() : null;
}

/** Whether a first contact with this verified e-mail is an admin named in ADMIN_EMAILS (decided in memory). */
export function isAdminAddress(ctx: AppContext, email: string | null): boolean {
  return email !== null && isConfiguredAdmin(ctx.settings, { email, emailVerified: true });
}

/**
 * The person a verified e-mail belongs to, if this contact may become them: the same person on the
 * other platform (their address verified there too), or a record an admin made (an import, a
 * waiting role grant) that no chat account holds yet.
 */
export async function holderToJoin(repos: Repositories, email: string, exceptId: string): Promise<PersonRecord | null> {
  const holder = await repos.people.findByEmail(email);
  if (!holder || holder.id === exceptId) return null;
  if (holder.emailVerified) return holder;
  const inChat = (await repos.people.findIdentities(holder.id)).some((identity) => identity.workspaceId !== IMPORTED_WORKSPACE);
  return inChat ? null : holder;
}

/**
 * A person who holds nothing yet (only ids) whose verified e-mail belongs to someone they may
 * become: their identities move to that person, and the empty record goes. Returns the person to
 * go on with (the same one when nothing was joined).
 */
export async function joinByEmail(repos: Repositories, person: PersonRecord, seen: SeenIdentity): Promise<PersonRecord> {
  const email = verifiedEmailOf(seen);
  if (!email || person.email === email) return person;
  const holder = await holderToJoin(repos, email, person.id);
  if (!holder || !(await repos.privacy.isBare(person.id))) return person;
  await repos.privacy.moveIdentities(person.id, holder.id);
  await repos.privacy.deleteBare(person.id);
  await repos.audit.record({ actorId: holder.id, action: 'identity.linked', subjectType: 'person', subjectId: holder.id, personId: holder.id, details: { platform: seen.platform, source: 'verified_email' } });
  return holder;
}

/**
 * Stores what the platform showed about a person who keeps personal data now (they consent, or
 * they are staff or admin): their name, and their verified e-mail on the identity and (when nobody
 * else holds it) on the person. A person who holds nothing yet may first become the record their
 * address belongs to (see joinByEmail). Returns the person as stored.
 */
export async function rememberSeen(repos: Repositories, person: PersonRecord, seen: SeenIdentity): Promise<PersonRecord> {
  let current = await joinByEmail(repos, person, seen);
  const email = verifiedEmailOf(seen);
  await repos.people.upsertIdentity(current.id, { platform: seen.platform, workspaceId: seen.workspaceId, userId: seen.userId, email, locale: seen.locale });
  const patch: Partial<PersonRecord> = {};
  if (seen.displayName && seen.displayName !== current.displayName) patch.displayName = seen.displayName;
  if (email && current.email !== email && !(await repos.people.findByEmail(email))) Object.assign(patch, { email, emailVerified: true });
  else if (email && current.email === email && !current.emailVerified) patch.emailVerified = true;
  if (Object.keys(patch).length > 0) current = await repos.people.update(current.id, patch);
  return current;
}
