// What the admin panel shows: the staff (the first few, and how many there are), the units and
// how many programmes they hold. Only for admins.
import type { AdminPanelData } from '../domain/messages/admin-cards.ts';
import type { AppContext } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';

/** Staff are counted up to this many; a faculty has far fewer. */
const STAFF_COUNT_CAP = 5000;

export interface AdminPanel extends AdminPanelData {
  staffTotal: number;
}

export async function showAdminPanel(ctx: AppContext, actor: Actor, options: { staffShown: number }): Promise<AdminPanel> {
  requireRole(actor, 'admin');
  return ctx.store.transaction(async (repos) => {
    const staff = await repos.people.list({ role: 'staff', limit: STAFF_COUNT_CAP });
    const units = await repos.catalog.listUnits();
    const programmes = await repos.catalog.listProgrammes();
    return {
      staff: staff.slice(0, options.staffShown).map((person) => ({ displayName: person.displayName, email: person.email, admin: person.roles.includes('admin') })),
      staffTotal: staff.length,
      units: units.map((unit) => ({ code: unit.code, nameNb: unit.nameNb, nameEn: unit.nameEn })),
      programmeCount: programmes.length,
    };
  });
}
