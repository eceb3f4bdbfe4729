// An alumnus agrees to be asked, for the kinds of work they choose. The new consent replaces
// any earlier one (which is kept, marked withdrawn, as the record of what was agreed when).
import { z } from 'zod';
import { CONSENT_SOURCES, CONSENT_TEXT_VERSION, REQUEST_TYPES, type Role } from '../domain/vocabulary.ts';
import type { AppContext, ConsentRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { msg, parseInput } from './support/validation.ts';
import { emptyProfile } from './support/profile-defaults.ts';
import { joinOpenRequests, lockOpenRequests } from './support/join-open-requests.ts';

const consentInput = z.object({
  purposes: z.array(z.enum(REQUEST_TYPES, { message: msg('validation.invalidChoice') })).min(1, msg('validation.noPurposes')).transform((list) => [...new Set(list)]),
  source: z.enum(CONSENT_SOURCES),
});

export async function giveConsent(ctx: AppContext, actor: Actor, input: unknown): Promise<ConsentRecord> {
  const { purposes, source } = parseInput(consentInput, input);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const openRequests = await lockOpenRequests(repos, purposes, now);
    await repos.consents.withdrawAll(actor.personId, now, source);
    const consent = await repos.consents.create({ personId: actor.personId, givenAt: now, textVersion: CONSENT_TEXT_VERSION, purposes, source });
    if (!actor.roles.includes('alumnus')) {
      await repos.people.update(actor.personId, { roles: [...actor.roles, 'alumnus'] as Role[] });
    }
    // Joining (again) welcomes the kinds of work consented to, so a wider consent widens matching.
    await repos.profiles.welcome(actor.personId, purposes, emptyProfile());
    await repos.audit.record({ actorId: actor.personId, action: 'consent.given', subjectType: 'consent', subjectId: consent.id, personId: actor.personId, details: { purposes, source, textVersion: CONSENT_TEXT_VERSION } });
    // Open requests that still need people ask their next candidates, the newcomer among them.
    await joinOpenRequests(ctx, repos, openRequests);
    return consent;
  });
}
