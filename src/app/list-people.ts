// Admins list who the bot knows (optionally by role): name, e-mail, roles and platforms.
// A person with no platform yet is waiting for their first contact (imported, or granted a role).
import type { Role } from '../domain/vocabulary.ts';
import type { AppContext } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';

export interface PersonListing {
  id: string;
  displayName: string;
  email: string | null;
  roles: Role[];
  platforms: string[];
  /** Not seen in chat yet. */
  pending: boolean;
}

export async function listPeople(ctx: AppContext, actor: Actor, filter: { role?: Role; limit: number }): Promise<{ people: PersonListing[]; more: boolean }> {
  requireRole(actor, 'admin');
  return ctx.store.transaction(async (repos) => {
    const rows = await repos.people.list({ role: filter.role, limit: filter.limit + 1 });
    const people: PersonListing[] = [];
    for (const person of rows.slice(0, filter.limit)) {
      const identities = await repos.people.findIdentities(person.id);
      const bound = identities.filter((identity) => identity.workspaceId !== '');
      people.push({ id: person.id, displayName: person.displayName, email: person.email, roles: person.roles, platforms: [...new Set(bound.map((identity) => identity.platform))], pending: bound.length === 0 });
    }
    return { people, more: rows.length > filter.limit };
  });
}
