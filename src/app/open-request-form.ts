// What the request form offers a staff member: the units and programmes to choose from.
import type { RequestFormOptions } from '../domain/messages/request-form.ts';
import type { AppContext } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';

export async function openRequestForm(ctx: AppContext, actor: Actor): Promise<Omit<RequestFormOptions, 'withChannel'>> {
  requireRole(actor, 'staff', 'admin');
  return ctx.store.transaction(async (repos) => ({ units: await repos.catalog.listUnits(), programmes: await repos.catalog.listProgrammes() }));
}
