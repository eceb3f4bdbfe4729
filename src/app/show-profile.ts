// What an alumnus sees about themselves: their profile and current consent. Only their own.
import type { ProfileView } from '../domain/messages/profile-cards.ts';
import type { AppContext, Repositories } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { emptyProfile } from './support/profile-defaults.ts';

export async function loadProfileView(repos: Repositories, actor: Actor): Promise<ProfileView> {
  const profile = (await repos.profiles.findByPersonId(actor.personId)) ?? { personId: actor.personId, ...emptyProfile() };
  const consent = await repos.consents.findCurrent(actor.personId);
  const person = await repos.people.findById(actor.personId);
  return {
    personId: actor.personId,
    expertise: profile.expertise,
    employer: profile.employer,
    sector: profile.sector,
    languages: profile.languages,
    engagementTypes: profile.engagementTypes,
    formats: profile.formats,
    maxAsksPerTerm: profile.maxAsksPerTerm,
    pausedUntil: profile.pausedUntil,
    locale: person?.locale ?? null,
    preferredPlatform: person?.preferredPlatform ?? null,
    consentPurposes: consent?.purposes ?? null,
    thanksByName: await repos.digests.findThanksByName(actor.personId),
  };
}

export async function showProfile(ctx: AppContext, actor: Actor): Promise<ProfileView> {
  return ctx.store.transaction((repos) => loadProfileView(repos, actor));
}
