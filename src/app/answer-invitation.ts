// An alumnus answers an invitation: yes, no, or "tell me more". A yes needs current consent
// for this kind of work; when the yes fills the request, everyone still waiting is thanked
// and their invitation withdrawn. Stale or repeated answers change nothing.
import type { Card } from '../domain/cards.ts';
import { DomainError } from '../domain/errors.ts';
import { transitionInvitation } from '../domain/invitation-state.ts';
import { hasConsentFor } from '../domain/matching.ts';
import { invitationDetailsCard, invitationOutcomeCard } from '../domain/messages/invitation-cards.ts';
import { acceptedNoticeCard } from '../domain/messages/staff-cards.ts';
import { isAcceptingAnswers } from '../domain/request-state.ts';
import type { AppContext, InvitationRecord, OutboxEntry, Repositories, RequestRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { loadView, present, requestCardEntry, threadEntry, translatorFor } from './support/messages.ts';
import { fillRequest } from './support/fill-request.ts';
import { inviteCandidates } from './invite-candidates.ts';

export type Answer = 'accept' | 'decline' | 'more';

export interface AnswerResult {
  invitation: InvitationRecord;
  /** What the alumnus' message should show now (update it in place). */
  card: Card;
  filled: boolean;
}

async function loadOwn(repos: Repositories, actor: Actor, invitationId: string): Promise<InvitationRecord> {
  const invitation = await repos.invitations.findById(invitationId);
  if (!invitation) throw new DomainError('not_found', `invitation ${invitationId} not found`);
  if (invitation.personId !== actor.personId) throw new DomainError('forbidden', 'not your invitation');
  return invitation;
}

export async function answerInvitation(ctx: AppContext, actor: Actor, invitationId: string, answer: Answer): Promise<AnswerResult> {
  return ctx.store.transaction(async (repos) => {
    const first = await loadOwn(repos, actor, invitationId);
    const request = await repos.requests.findByIdForUpdate(first.requestId);
    if (!request) throw new DomainError('not_found', 'request gone');
    const invitation = (await repos.invitations.findById(invitationId))!;
    const tr = await translatorFor(ctx, repos, actor.personId);
    if (answer === 'more') {
      return { invitation, card: invitationDetailsCard(invitation.id, await loadView(repos, request.id), tr), filled: false };
    }
    if (!isAcceptingAnswers(request.state)) throw new DomainError('already_answered', `request is ${request.state}`, { params: { state: request.state } });
    const state = transitionInvitation(invitation.state, answer === 'accept' ? 'accept' : 'decline');
    if (answer === 'accept') {
      const consent = await repos.consents.findCurrent(actor.personId);
      if (!hasConsentFor(consent?.purposes ?? null, request.type)) throw new DomainError('no_consent', 'no current consent for this type');
    }
    const now = ctx.clock.now();
    const updated = await repos.invitations.update(invitation.id, { state, answeredAt: now, ...(invitation.sentAt ? {} : { sentAt: now }) });
    await repos.audit.record({ actorId: actor.personId, action: `invitation.${state}`, subjectType: 'invitation', subjectId: invitation.id, personId: actor.personId });
    const filled = answer === 'accept' ? await afterAccept(ctx, repos, request, updated, actor) : await afterDecline(ctx, repos, request, updated);
    const view = await loadView(repos, request.id);
    return { invitation: updated, card: invitationOutcomeCard({ kind: state === 'accepted' ? 'accepted' : 'declined' }, view, tr), filled };
  });
}

async function afterAccept(ctx: AppContext, repos: Repositories, request: RequestRecord, invitation: InvitationRecord, actor: Actor): Promise<boolean> {
  const view = await loadView(repos, request.id);
  const ownerTr = await translatorFor(ctx, repos, request.ownerId);
  const entries: (OutboxEntry | null)[] = [
    threadEntry(ctx, request, view, { kind: 'accepted', name: actor.displayName }, invitation.id),
    {
      idempotencyKey: `invitation:${invitation.id}:owner-notice`,
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
  const view = await loadView(repos, request.id);
  await repos.outbox.enqueue(present([threadEntry(ctx, request, view, { kind: 'declined' }, invitation.id)]));
  await inviteCandidates(ctx, repos, request);
  return false;
}
