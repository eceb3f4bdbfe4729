// At every start: everyone whose verified e-mail is in ADMIN_EMAILS becomes admin (and staff);
// admins who got the role from ADMIN_EMAILS and are no longer in it lose it. Admins granted in
// chat or by the CLI, and every staff role, are left alone. Each change is audited.
import type { AppContext } from '../ports.ts';
import { applyAdminEmails, isConfiguredAdmin } from './support/admin-emails.ts';

export interface AdminSync {
  granted: number;
  revoked: number;
}

export async function syncAdminEmails(ctx: AppContext): Promise<AdminSync> {
  return ctx.store.transaction(async (repos) => {
    let granted = 0;
    for (const person of await repos.people.findByVerifiedEmails(ctx.settings.adminEmails)) {
      const updated = await applyAdminEmails(ctx.settings, repos, person);
      if (updated !== person) granted += 1;
    }
    let revoked = 0;
    for (const person of await repos.people.findAdminsFromConfig()) {
      if (isConfiguredAdmin(ctx.settings, person)) continue;
      await repos.people.update(person.id, { roles: person.roles.filter((role) => role !== 'admin'), adminFromConfig: false });
      await repos.audit.record({ actorId: 'config:ADMIN_EMAILS', action: 'role.revoked', subjectType: 'person', subjectId: person.id, personId: person.id, details: { role: 'admin', source: 'ADMIN_EMAILS' } });
      revoked += 1;
    }
    return { granted, revoked };
  });
}
