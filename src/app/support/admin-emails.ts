// ADMIN_EMAILS is the source of truth for the admins it names: a person whose verified e-mail
// is in it is admin (and staff) from their next contact or the next start, whichever is first.
import type { Repositories, PersonRecord, CoreSettings } from '../../ports.ts';
import type { Role } from '../../domain/vocabulary.ts';

export function isConfiguredAdmin(settings: CoreSettings, person: Pick<PersonRecord, 'email' | 'emailVerified'>): boolean {
  return person.emailVerified && person.email !== null && settings.adminEmails.includes(person.email.toLowerCase());
}

/** Makes a person named in ADMIN_EMAILS admin and staff; audited. Returns the person as now stored. */
export async function applyAdminEmails(settings: CoreSettings, repos: Repositories, person: PersonRecord): Promise<PersonRecord> {
  if (!isConfiguredAdmin(settings, person)) return person;
  if (person.roles.includes('admin') && person.roles.includes('staff')) return person;
  const roles: Role[] = [...new Set<Role>([...person.roles, 'admin', 'staff'])];
  const updated = await repos.people.update(person.id, { roles, adminFromConfig: !person.roles.includes('admin') || person.adminFromConfig });
  await repos.audit.record({ actorId: 'config:ADMIN_EMAILS', action: 'role.granted', subjectType: 'person', subjectId: person.id, personId: person.id, details: { role: 'admin', source: 'ADMIN_EMAILS' } });
  return updated;
}
