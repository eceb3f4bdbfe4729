// An alumnus agrees to be asked, for the kinds of work they choose. The new consent replaces
// any earlier one (which is kept, marked withdrawn, as the record of what was agreed when).
import { z } from 'zod';
import { CONSENT_SOURCES, CONSENT_TEXT_VERSION, REQUEST_TYPES, type Role } from '../domain/vocabulary.ts';
import type { AppContext, ConsentRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { msg, parseInput } from './support/validation.ts';
import { emptyProfile } from './support/profile-defaults.ts';
import { joinOpenRequests, lockOpenRequests } from './support/join-open-requests.ts';
import { rememberSeen } from './privacy/personal-data.ts';

const consentInput = z.object({
  purposes: z.array(z.enum(REQUEST_TYPES, { message: msg('validation.invalidChoice') })).min(1, msg('validation.noPurposes')).transform((list) => [...new Set(list)]),
  source: z.enum(CONSENT_SOURCES),
});

export async function giveConsent(ctx: AppContext, actor: Actor, input: unknown): Promise<ConsentRecord> {
  const { purposes, source } = parseInput(consentInput, input);
  const now = ctx.clock.now();
  return ctx.store.transaction(async (repos) => {
    const openRequests = await lockOpenRequests(repos, purposes, now);
    // Only now are their name and verified e-mail stored (nothing personal before consent).
    const stored = await repos.people.findById(actor.personId);
    const person = stored && actor.seen ? await rememberSeen(repos, stored, actor.seen) : stored;
    const personId = person?.id ?? actor.personId;
    const roles = person?.roles ?? actor.roles;
    await repos.consents.withdrawAll(personId, now, source);
    const consent = await repos.consents.create({ personId, givenAt: now, textVersion: CONSENT_TEXT_VERSION, purposes, source });
    if (!roles.includes('alumnus')) {
      await repos.people.update(personId, { roles: [...roles, 'alumnus'] as Role[] });
    }
    // Joining (again) welcomes the kinds of work consented to, so a wider consent widens matching.
    await repos.profiles.welcome(personId, purposes, emptyProfile());
    await repos.audit.record({ actorId: personId, action: 'consent.given', subjectType: 'consent', subjectId: consent.id, personId, details: { purposes, source, textVersion: CONSENT_TEXT_VERSION } });
    // Open requests that still need people ask their next candidates, the newcomer among them.
    await joinOpenRequests(ctx, repos, openRequests);
    return consent;
  });
}
