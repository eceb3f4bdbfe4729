// An alumnus answers an invitation: yes, no, or "tell me more". A yes needs current consent
// for this kind of work; when the yes fills the request, everyone still waiting is thanked
// and their invitation withdrawn. A press on an invitation that is no longer open changes
// nothing and is answered for the alumnus (what happened to their invitation).
import type { Card } from '../domain/cards.ts';
import { DomainError } from '../domain/errors.ts';
import { transitionInvitation } from '../domain/invitation-state.ts';
import { hasConsentFor } from '../domain/matching.ts';
import { invitationDetailsCard } from '../domain/messages/invitation-cards.ts';
import { acceptedNoticeCard } from '../domain/messages/staff-cards.ts';
import { ownerNoticeKey } from '../domain/outbox-keys.ts';
import { staleAlumnusKey } from '../domain/stale-press.ts';
import type { AppContext, InvitationRecord, OutboxEntry, Repositories, RequestRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { fillRequest } from './support/fill-request.ts';
import { IN_PLACE_DELAY_MS, invitationCardNow, queueInvitationUpdate } from './support/live-messages.ts';
import { loadView, present, requestCardEntry, threadEntry, translatorFor } from './support/messages.ts';
import { askNext } from './support/next-wave.ts';

export type Answer = 'accept' | 'decline' | 'more';

export interface AnswerResult {
  invitation: InvitationRecord;
  /** What the alumnus' message should show now (update it in place). */
  card: Card;
  filled: boolean;
}

export async function loadOwnInvitation(repos: Repositories, actor: { personId: string }, invitationId: string): Promise<InvitationRecord> {
  const invitation = await repos.invitations.findById(invitationId);
  if (!invitation) throw new DomainError('not_found', `invitation ${invitationId} not found`);
  if (invitation.personId !== actor.personId) throw new DomainError('forbidden', 'not your invitation');
  return invitation;
}

export async function answerInvitation(ctx: AppContext, actor: Actor, invitationId: string, answer: Answer): Promise<AnswerResult> {
  return ctx.store.transaction(async (repos) => {
    const first = await loadOwnInvitation(repos, actor, invitationId);
    const request = await repos.requests.findByIdForUpdate(first.requestId);
    if (!request) throw new DomainError('not_found', 'request gone');
    const invitation = (await repos.invitations.findById(invitationId))!;
    const stale = staleAlumnusKey(invitation.state, request.state);
    if (stale) throw new DomainError('already_answered', `invitation is ${invitation.state}, request ${request.state}`, { messageKey: stale });
    if (answer === 'more') {
      const tr = await translatorFor(ctx, repos, actor.personId);
      return { invitation, card: invitationDetailsCard(invitation.id, await loadView(repos, request.id), tr), filled: false };
    }
    const state = transitionInvitation(invitation.state, answer === 'accept' ? 'accept' : 'decline');
    if (answer === 'accept') {
      const consent = await repos.consents.findCurrent(actor.personId);
      if (!hasConsentFor(consent?.purposes ?? null, request.type)) throw new DomainError('no_consent', 'no current consent for this type');
    }
    const now = ctx.clock.now();
    const updated = await repos.invitations.update(invitation.id, { state, answeredAt: now, ...(invitation.sentAt ? {} : { sentAt: now }) });
    await repos.audit.record({ actorId: actor.personId, action: `invitation.${state}`, subjectType: 'invitation', subjectId: invitation.id, personId: actor.personId });
    const filled = answer === 'accept' ? await afterAccept(ctx, repos, request, updated, actor) : await afterDecline(ctx, repos, request, updated);
    // Shown in place by the adapter now; the queued edit (a moment later) makes sure it stays true.
    await queueInvitationUpdate(ctx, repos, updated, { delayMs: IN_PLACE_DELAY_MS });
    return { invitation: updated, card: await invitationCardNow(ctx, repos, updated), filled };
  });
}

async function afterAccept(ctx: AppContext, repos: Repositories, request: RequestRecord, invitation: InvitationRecord, actor: Actor): Promise<boolean> {
  const view = await loadView(repos, request.id);
  const ownerTr = await translatorFor(ctx, repos, request.ownerId);
  const entries: (OutboxEntry | null)[] = [
    threadEntry(ctx, request, view, { kind: 'accepted', name: actor.displayName }, invitation.id),
    {
      idempotencyKey: ownerNoticeKey(invitation.id),
      kind: 'direct',
      address: { kind: 'person', personId: request.ownerId },
      card: acceptedNoticeCard(invitation.id, actor.displayName, view, ownerTr),
      personId: request.ownerId,
      requestId: request.id,
    },
  ];
  if (view.committed < request.needed) {
    await repos.outbox.enqueue(present([...entries, requestCardEntry(ctx, request, view, 'update')]));
    return false;
  }
  await repos.outbox.enqueue(present(entries));
  await fillRequest(ctx, repos, request);
  return true;
}

async function afterDecline(ctx: AppContext, repos: Repositories, request: RequestRecord, invitation: InvitationRecord): Promise<boolean> {
  await askNext(ctx, repos, request, (next) => ({ kind: 'declined', next }), invitation.id);
  return false;
}
