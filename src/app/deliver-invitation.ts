// The send-time side of invitations, used by the outbox dispatcher. Consent is checked again
// at the moment of sending: someone who withdrew consent, paused, or whose invitation is no
// longer wanted is not contacted, and the request asks the next candidate instead.
import { hasConsentFor } from '../domain/matching.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { AppContext } from '../ports.ts';
import { inviteCandidates } from './invite-candidates.ts';

export type SendDecision = { send: true } | { send: false; reason: 'no_consent' | 'paused' | 'not_pending' | 'request_closed' };

export async function checkInvitationBeforeSend(ctx: AppContext, invitationId: string): Promise<SendDecision> {
  return ctx.store.transaction(async (repos) => {
    const invitation = await repos.invitations.findById(invitationId);
    if (!invitation || invitation.state !== 'queued') return { send: false, reason: 'not_pending' };
    const request = await repos.requests.findByIdForUpdate(invitation.requestId);
    if (!request || request.state !== 'open') return { send: false, reason: 'request_closed' };
    const now = ctx.clock.now();
    const consent = await repos.consents.findCurrent(invitation.personId);
    const profile = await repos.profiles.findByPersonId(invitation.personId);
    let reason: 'no_consent' | 'paused' | null = null;
    if (!hasConsentFor(consent?.purposes ?? null, request.type)) reason = 'no_consent';
    else if (profile?.pausedUntil && profile.pausedUntil > now) reason = 'paused';
    if (reason === null) return { send: true };
    await repos.invitations.update(invitation.id, { state: 'withdrawn' });
    await repos.audit.record({ actorId: null, action: 'invitation.dropped', subjectType: 'invitation', subjectId: invitation.id, personId: invitation.personId, details: { reason } });
    await inviteCandidates(ctx, repos, request);
    return { send: false, reason };
  });
}

/** Records that the invitation's message went out, and where, so it can be edited later. */
export async function recordInvitationSent(ctx: AppContext, invitationId: string, platform: Platform, messageRef: unknown): Promise<void> {
  await ctx.store.transaction(async (repos) => {
    const invitation = await repos.invitations.findById(invitationId);
    if (!invitation) return;
    const sentAt = invitation.sentAt ?? ctx.clock.now();
    const state = invitation.state === 'queued' ? 'sent' : invitation.state;
    await repos.invitations.update(invitationId, { state, sentAt, platform, messageRef });
  });
}
