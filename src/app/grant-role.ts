// Admins grant (or take away) the staff and admin roles. An admin cannot remove their own
// admin role, so a workspace is never left without one by accident.
import { DomainError } from '../domain/errors.ts';
import type { Role } from '../domain/vocabulary.ts';
import type { AppContext, PersonRecord } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';

export async function grantRole(ctx: AppContext, actor: Actor, personId: string, role: Extract<Role, 'staff' | 'admin'>, granted = true): Promise<PersonRecord> {
  requireRole(actor, 'admin');
  if (!granted && role === 'admin' && personId === actor.personId) throw new DomainError('forbidden', 'cannot remove your own admin role');
  return ctx.store.transaction(async (repos) => {
    const person = await repos.people.findById(personId);
    if (!person) throw new DomainError('not_found', `person ${personId} not found`);
    const roles = granted ? [...new Set([...person.roles, role])] : person.roles.filter((existing) => existing !== role);
    const updated = await repos.people.update(personId, { roles });
    await repos.audit.record({ actorId: actor.personId, action: granted ? 'role.granted' : 'role.revoked', subjectType: 'person', subjectId: personId, personId, details: { role } });
    return updated;
  });
}
