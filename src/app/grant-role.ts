// Admins grant (or take away) the staff and admin roles, from chat or from the CLI. An admin
// cannot remove their own admin role, so a workspace is never left without one by accident.
// Granting to an e-mail nobody has used yet keeps the grant for that address: the person has
// the role from their first contact with that e-mail (verified by Slack or Teams).
import { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { Role } from '../domain/vocabulary.ts';
import type { AppContext, PersonRecord, Repositories } from '../ports.ts';
import { requireRole, type Actor, type SeenIdentity } from './support/actor.ts';
import { rememberSeen } from './privacy/personal-data.ts';
import { msg, parseInput } from './support/validation.ts';

export type GrantableRole = Extract<Role, 'staff' | 'admin'>;

export interface RoleChange {
  person: PersonRecord;
  /** false when the person already had (or already lacked) the role. */
  changed: boolean;
  /** true when nobody with this e-mail has used the bot yet: the grant waits for them. */
  pending: boolean;
}

const emailInput = z.string({ message: msg('validation.invalidEmail') }).trim().toLowerCase().email(msg('validation.invalidEmail')).max(320, msg('validation.invalidEmail'));

async function change(ctx: AppContext, repos: Repositories, actor: Actor, found: PersonRecord, role: GrantableRole, granted: boolean, seen?: SeenIdentity): Promise<RoleChange> {
  // Staff and admins keep their name and e-mail (the platform showed them when the admin picked them).
  const person = granted && seen ? await rememberSeen(repos, found, seen) : found;
  if (!granted && role === 'admin' && person.id === actor.personId) throw new DomainError('forbidden', 'cannot remove your own admin role', { params: { reason: 'ownAdmin' } });
  const has = person.roles.includes(role);
  if (has === granted) return { person, changed: false, pending: false };
  // Admins are staff too (as ADMIN_EMAILS makes them), so they can post requests.
  const added: Role[] = role === 'admin' ? ['admin', 'staff'] : [role];
  const roles = granted ? [...new Set<Role>([...person.roles, ...added])] : person.roles.filter((existing) => existing !== role);
  const updated = await repos.people.update(person.id, { roles, ...(role === 'admin' ? { adminFromConfig: false } : {}) });
  await repos.audit.record({ actorId: actor.personId, action: granted ? 'role.granted' : 'role.revoked', subjectType: 'person', subjectId: person.id, personId: person.id, details: { role } });
  // A waiting grant taken back leaves nothing worth keeping: forget the address.
  if (!granted && roles.length === 0) await repos.people.removeUnused(person.id);
  return { person: updated, changed: true, pending: false };
}

/** `seen`: what the platform showed about the person (their name, verified e-mail), stored once they hold the role. */
export async function grantRole(ctx: AppContext, actor: Actor, personId: string, role: GrantableRole, granted = true, seen?: SeenIdentity): Promise<RoleChange> {
  requireRole(actor, 'admin');
  return ctx.store.transaction(async (repos) => {
    const person = await repos.people.findById(personId);
    if (!person) throw new DomainError('not_found', `person ${personId} not found`);
    return change(ctx, repos, actor, person, role, granted, seen);
  });
}

/** By e-mail (Teams and the CLI). An unknown address gets a waiting grant; revoking one is not_found. */
export async function grantRoleByEmail(ctx: AppContext, actor: Actor, emailText: unknown, role: GrantableRole, granted = true): Promise<RoleChange> {
  requireRole(actor, 'admin');
  const email = parseInput(z.object({ email: emailInput }), { email: emailText }).email;
  return ctx.store.transaction(async (repos) => {
    const person = await repos.people.findByEmail(email);
    if (person) return change(ctx, repos, actor, person, role, granted);
    if (!granted) throw new DomainError('not_found', 'nobody with this e-mail', { params: { email } });
    const created = await repos.people.create({ displayName: email.split('@')[0] ?? email, email, emailVerified: false, roles: role === 'admin' ? ['admin', 'staff'] : ['staff'], locale: null });
    await repos.audit.record({ actorId: actor.personId, action: 'role.granted', subjectType: 'person', subjectId: created.id, personId: created.id, details: { role, pending: true } });
    return { person: created, changed: true, pending: true };
  });
}
