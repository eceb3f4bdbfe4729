// The send-time side of invitations, used by the outbox dispatcher. Consent is checked again
// at the moment of sending: someone who withdrew consent, paused, or whose invitation is no
// longer wanted is not contacted, and the request asks the next candidate instead.
import { transitionInvitation } from '../domain/invitation-state.ts';
import { hasConsentFor } from '../domain/matching.ts';
import { HOUR_MS } from '../domain/time.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { AppContext } from '../ports.ts';
import { inviteCandidates } from './invite-candidates.ts';
import { invitationCardNow, queueInvitationUpdate } from './support/live-messages.ts';
import type { Card } from '../domain/cards.ts';
import { consentStanding } from '../domain/privacy/consent-validity.ts';
import { CONSENT_TEXT_VERSION } from '../domain/vocabulary.ts';
import { privacyOf } from './privacy/support.ts';

/** Send it, showing `card` (rendered from the state at this moment), or not, and why. */
export type SendDecision = { send: true; card: Card } | { send: false; reason: 'no_consent' | 'paused' | 'not_pending' | 'request_closed' | 'deadline_passed' };

export async function checkInvitationBeforeSend(ctx: AppContext, invitationId: string): Promise<SendDecision> {
  return ctx.store.transaction(async (repos) => {
    const invitation = await repos.invitations.findById(invitationId);
    if (!invitation || invitation.state !== 'queued') return { send: false, reason: 'not_pending' };
    const request = await repos.requests.findByIdForUpdate(invitation.requestId);
    if (!request || request.state !== 'open') return { send: false, reason: 'request_closed' };
    const now = ctx.clock.now();
    if (request.replyBy <= now) {
      // It waited (quiet hours, an outage) past the request's deadline: too late to ask.
      await repos.invitations.update(invitation.id, { state: transitionInvitation(invitation.state, 'expire') });
      return { send: false, reason: 'deadline_passed' };
    }
    const consent = await repos.consents.findCurrent(invitation.personId);
    const profile = await repos.profiles.findByPersonId(invitation.personId);
    let reason: 'no_consent' | 'paused' | null = null;
    // A consent for an earlier consent text, or past CONSENT_RENEW_MONTHS, no longer counts (issue 15).
    const counts = consent !== null && consentStanding(consent, now, CONSENT_TEXT_VERSION, privacyOf(ctx).consentRenewMonths) === 'valid';
    if (!counts || !hasConsentFor(consent?.purposes ?? null, request.type)) reason = 'no_consent';
    else if (profile?.pausedUntil && profile.pausedUntil > now) reason = 'paused';
    if (reason === null) return { send: true, card: await invitationCardNow(ctx, repos, invitation) };
    await repos.invitations.update(invitation.id, { state: 'withdrawn' });
    await repos.audit.record({ actorId: null, action: 'invitation.dropped', subjectType: 'invitation', subjectId: invitation.id, personId: invitation.personId, details: { reason } });
    await inviteCandidates(ctx, repos, request);
    return { send: false, reason };
  });
}

/**
 * Records that the invitation's message went out, and where, so it can be edited later. The
 * reply window starts now (it may have waited for the alumnus' working hours). If the
 * invitation changed while its message was on the way (the request filled, say), the message
 * is edited at once to show that.
 */
export async function recordInvitationSent(ctx: AppContext, invitationId: string, platform: Platform, messageRef: unknown): Promise<void> {
  await ctx.store.transaction(async (repos) => {
    const invitation = await repos.invitations.findById(invitationId);
    if (!invitation) return;
    const now = ctx.clock.now();
    const sentAt = invitation.sentAt ?? now;
    if (invitation.state !== 'queued') {
      const updated = await repos.invitations.update(invitationId, { sentAt, platform, messageRef });
      await queueInvitationUpdate(ctx, repos, updated);
      return;
    }
    const request = await repos.requests.findById(invitation.requestId);
    const window = new Date(now.getTime() + ctx.settings.waveReplyHours * HOUR_MS);
    const expiresAt = request && request.replyBy < window ? request.replyBy : window;
    await repos.invitations.update(invitationId, { state: 'sent', sentAt, platform, messageRef, expiresAt });
  });
}
