// A platform user we already know, brought up to date with the name and language their platform
// shows in this activity (Teams sends them with most activities, not with every one), with the
// e-mail the platform verified for them if any; null when they are new and must be resolved
// with their profile (resolvePerson).
import type { AppContext } from '../ports.ts';
import { identityInput, refreshKnown, type Refreshed } from './support/identity.ts';
import { parseInput } from './support/validation.ts';

export async function refreshIdentity(ctx: AppContext, input: unknown): Promise<Refreshed | null> {
  const facts = parseInput(identityInput, input);
  return ctx.store.transaction(async (repos) => {
    const known = await repos.people.findByIdentity(facts.platform, facts.workspaceId, facts.userId);
    return known ? refreshKnown(ctx, repos, known, { ...facts, email: null, emailVerified: false }) : null;
  });
}
