// The send-time side of invitations, used by the outbox dispatcher. Consent is checked again
// at the moment of sending: someone who withdrew consent, paused, or whose invitation is no
// longer wanted is not contacted, and the request asks the next candidate instead.
import { transitionInvitation } from '../domain/invitation-state.ts';
import { hasConsentFor } from '../domain/matching.ts';
import { HOUR_MS } from '../domain/time.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { AppContext, InvitationSendFacts } from '../ports.ts';
import { chooseLocale, createTranslator } from '../domain/i18n/translator.ts';
import { invitationMessage } from '../domain/messages/lifecycle-cards.ts';
import type { RequestView } from '../domain/messages/request-view.ts';
import { inviteCandidates } from './invite-candidates.ts';
import { invitationCardNow, queueInvitationUpdate } from './support/live-messages.ts';
import type { Card } from '../domain/cards.ts';
import { consentStanding } from '../domain/privacy/consent-validity.ts';
import { CONSENT_TEXT_VERSION } from '../domain/vocabulary.ts';
import { privacyOf } from './privacy/support.ts';

/** Send it, showing `card` (rendered from the state at this moment), or not, and why. */
export type SendDecision = { send: true; card: Card } | { send: false; reason: 'no_consent' | 'paused' | 'not_pending' | 'request_closed' | 'deadline_passed' };

/**
 * The same check on facts read in one query without locks (the usual case: everything allows
 * it): true when the invitation may go out now. False does not mean "never": the caller then
 * runs checkInvitationBeforeSend, which decides under the request's lock and does what a
 * refusal needs (expire, withdraw, invite the next candidate).
 */
export function clearToSend(ctx: AppContext, facts: InvitationSendFacts): boolean {
  const now = ctx.clock.now();
  if (facts.invitation.state !== 'queued' || facts.request.state !== 'open' || facts.request.replyBy <= now) return false;
  const consent = facts.consent;
  if (consent === null || consentStanding(consent, now, CONSENT_TEXT_VERSION, privacyOf(ctx).consentRenewMonths) !== 'valid') return false;
  if (!hasConsentFor(consent.purposes, facts.request.type)) return false;
  return !(facts.pausedUntil && facts.pausedUntil > now);
}

/** The invitation's card from those facts and the request's view, in the alumnus' language (as invitationCardNow renders it). */
export function invitationCardFromFacts(ctx: AppContext, facts: InvitationSendFacts, view: RequestView): Card {
  const { person } = facts;
  const tr = createTranslator(chooseLocale(person.locale, person.platformLocale, ctx.settings.defaultLocale), person.timeZone ?? ctx.settings.timeZone, ctx.settings.timeZone);
  return invitationMessage(facts.invitation, view, tr);
}

/** When the reply window of an invitation sent now ends, before the request's deadline caps it (see recordInvitationSent). */
export function replyWindowEnds(ctx: AppContext, sentAt: Date): Date {
  return new Date(sentAt.getTime() + ctx.settings.waveReplyHours * HOUR_MS);
}

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
