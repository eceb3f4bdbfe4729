// Who is this platform user? Found by their platform identity; else linked by a verified
// e-mail to the person they already are on the other platform (or were imported or granted a
// role as); else a new person. Verified e-mails in ADMIN_EMAILS are admins (and staff).
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import { chooseLocale } from '../domain/i18n/translator.ts';
import { PLATFORMS } from '../domain/vocabulary.ts';
import type { AppContext, IdentityInput, PersonRecord, Repositories } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { applyAdminEmails } from './support/admin-emails.ts';
import { parseInput } from './support/validation.ts';

const identityInput = z.object({
  platform: z.enum(PLATFORMS),
  workspaceId: z.string().trim().min(1).max(100),
  userId: z.string().trim().min(1).max(100),
  email: z.string().trim().toLowerCase().email().max(320).nullable().optional().catch(null),
  emailVerified: z.boolean().default(false),
  displayName: z.string().trim().max(200).nullable().optional(),
  locale: z.string().trim().max(20).nullable().optional(),
});

async function findOrCreate(ctx: AppContext, repos: Repositories, identity: IdentityInput): Promise<PersonRecord> {
  const known = await repos.people.findByIdentity(identity.platform, identity.workspaceId, identity.userId);
  if (known) return known;
  const imported = await repos.people.claimImportedIdentity(identity.platform, identity.userId, identity.workspaceId);
  if (imported) {
    await repos.audit.record({ actorId: imported.id, action: 'identity.linked', subjectType: 'person', subjectId: imported.id, personId: imported.id, details: { platform: identity.platform, source: 'csv_import' } });
    return imported;
  }
  const verifiedEmail = identity.emailVerified && identity.email ? identity.email : null;
  const linked = verifiedEmail ? await repos.people.findByEmail(verifiedEmail) : null;
  const person =
    linked ??
    (await repos.people.create({
      displayName: identity.displayName || identity.userId,
      email: verifiedEmail,
      emailVerified: verifiedEmail !== null,
      roles: [],
      locale: null,
    }));
  await repos.audit.record({ actorId: person.id, action: linked ? 'identity.linked' : 'person.created', subjectType: 'person', subjectId: person.id, personId: person.id, details: { platform: identity.platform } });
  return person;
}

/** Safe when the same new user arrives twice at once: the loser of the race tries again. */
export async function resolvePerson(ctx: AppContext, input: unknown): Promise<Actor> {
  const identity = parseInput(identityInput, input);
  try {
    return await resolveOnce(ctx, identity);
  } catch (error) {
    if (error instanceof DomainError && error.code === 'conflict') return resolveOnce(ctx, identity);
    throw error;
  }
}

function resolveOnce(ctx: AppContext, identity: z.output<typeof identityInput>): Promise<Actor> {
  return ctx.store.transaction(async (repos) => {
    let person = await findOrCreate(ctx, repos, identity);
    await repos.people.upsertIdentity(person.id, identity);
    const displayName = identity.displayName || person.displayName;
    // The platform has now verified the address an admin imported or granted a role to.
    const verifiesEmail = identity.emailVerified && identity.email !== null && identity.email === person.email && !person.emailVerified;
    if (verifiesEmail || displayName !== person.displayName) {
      person = await repos.people.update(person.id, { displayName, ...(verifiesEmail ? { emailVerified: true } : {}) });
    }
    person = await applyAdminEmails(ctx.settings, repos, person);
    return {
      personId: person.id,
      displayName: person.displayName,
      roles: person.roles,
      locale: chooseLocale(person.locale, identity.locale, ctx.settings.defaultLocale),
    };
  });
}
