// Who is this platform user? Found by their platform identity (and brought up to date with the
// name and language the platform shows now); else the person an admin imported with this user
// id; else, by an e-mail the platform vouches for, the person an admin imported or granted a
// role to, or the person they already are on the other platform when that side's e-mail is
// verified too; else a new person. Verified e-mails in ADMIN_EMAILS are admins (and staff).
import { DomainError } from '../domain/errors.ts';
import { IMPORTED_WORKSPACE, type AppContext, type PersonRecord, type Repositories } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { identityInput, refreshKnown, type IdentityFacts } from './support/identity.ts';
import { parseInput } from './support/validation.ts';
import { isAdminAddress } from './privacy/personal-data.ts';

/**
 * The person a verified e-mail may be linked to: one whose e-mail a platform verified too (the
 * same person on the other platform), or a record an admin made (an import or a waiting role
 * grant) that no platform user holds yet. Never someone already in chat with an unverified address.
 */
async function linkableByEmail(repos: Repositories, email: string): Promise<{ person: PersonRecord | null; taken: boolean }> {
  const holder = await repos.people.findByEmail(email);
  if (!holder) return { person: null, taken: false };
  if (holder.emailVerified) return { person: holder, taken: true };
  const inChat = (await repos.people.findIdentities(holder.id)).some((identity) => identity.workspaceId !== IMPORTED_WORKSPACE);
  return inChat ? { person: null, taken: true } : { person: holder, taken: true };
}

async function firstContact(ctx: AppContext, repos: Repositories, facts: IdentityFacts): Promise<PersonRecord> {
  const imported = await repos.people.claimImportedIdentity(facts.platform, facts.userId, facts.workspaceId);
  if (imported) {
    await repos.audit.record({ actorId: imported.id, action: 'identity.linked', subjectType: 'person', subjectId: imported.id, personId: imported.id, details: { platform: facts.platform, source: 'csv_import' } });
    return imported;
  }
  const verifiedEmail = facts.emailVerified && facts.email ? facts.email : null;
  const { person: linked, taken } = verifiedEmail ? await linkableByEmail(repos, verifiedEmail) : { person: null, taken: false };
  const email = linked || taken ? null : verifiedEmail;
  // Nothing personal before consent (issue 15): a newcomer is stored with ids and language only,
  // unless ADMIN_EMAILS names their verified address (compared here, in memory).
  const keeps = linked !== null || isAdminAddress(ctx, email);
  const person = linked ?? (await repos.people.create({ displayName: keeps ? (facts.displayName ?? facts.userId) : '', email: keeps ? email : null, emailVerified: keeps && email !== null, roles: [], locale: null }));
  await repos.people.upsertIdentity(person.id, { ...facts, email: keeps ? verifiedEmail : null });
  await repos.audit.record({ actorId: person.id, action: linked ? 'identity.linked' : 'person.created', subjectType: 'person', subjectId: person.id, personId: person.id, details: { platform: facts.platform, ...(taken && !linked ? { emailNotLinked: true } : {}) } });
  return person;
}

/** Safe when the same new user arrives twice at once: the loser of the race tries again. */
export async function resolvePerson(ctx: AppContext, input: unknown): Promise<Actor> {
  const facts = parseInput(identityInput, input);
  try {
    return await resolveOnce(ctx, facts);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict') return resolveOnce(ctx, facts);
    throw error;
  }
}

function resolveOnce(ctx: AppContext, facts: IdentityFacts): Promise<Actor> {
  return ctx.store.transaction(async (repos) => {
    const known = await repos.people.findByIdentity(facts.platform, facts.workspaceId, facts.userId);
    return (await refreshKnown(ctx, repos, known ?? (await firstContact(ctx, repos, facts)), facts)).actor;
  });
}
