// A platform user we already know, without asking the platform anything (the fast path for
// every button press); null when they are new and must be resolved with their profile.
// ADMIN_EMAILS is applied here too, so an address added to it counts from the next contact.
// Found actors are kept in the context's actor cache (support/actor-cache.ts) for a few seconds;
// any write that may change one empties it.
import { chooseLocale } from '../domain/i18n/translator.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { AppContext } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { actorCacheOf } from './support/actor-cache.ts';
import { applyAdminEmails } from './support/admin-emails.ts';
import { keepsPersonalData } from './privacy/personal-data.ts';

export async function findActor(ctx: AppContext, platform: Platform, workspaceId: string, userId: string): Promise<Actor | null> {
  const cache = actorCacheOf(ctx);
  const key = `known:${platform}:${workspaceId}:${userId}`;
  const cached = cache?.get(key);
  if (cached) return cached;
  const mark = cache?.mark() ?? 0;
  const actor = await ctx.store.transaction(async (repos) => {
    const found = await repos.people.findByIdentity(platform, workspaceId, userId);
    if (!found) return null;
    const person = await applyAdminEmails(ctx.settings, repos, found);
    const identity = (await repos.people.findIdentities(person.id)).find((candidate) => candidate.platform === platform && candidate.workspaceId === workspaceId && candidate.userId === userId);
    const keeps = await keepsPersonalData(repos, person);
    return { personId: person.id, displayName: person.displayName, roles: person.roles, locale: chooseLocale(person.locale, identity?.locale, ctx.settings.defaultLocale), keepsPersonalData: keeps };
  });
  if (actor) cache?.set(key, actor, mark);
  return actor;
}
