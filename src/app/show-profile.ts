// What an alumnus sees about themselves: their profile and current consent. Only their own.
import type { AppContext, ConsentRecord, ProfileRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';

export async function showProfile(ctx: AppContext, actor: Actor): Promise<{ profile: ProfileRecord | null; consent: ConsentRecord | null }> {
  return ctx.store.transaction(async (repos) => ({
    profile: await repos.profiles.findByPersonId(actor.personId),
    consent: await repos.consents.findCurrent(actor.personId),
  }));
}
