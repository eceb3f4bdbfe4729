// The owner goes ahead with those who said yes: the number needed drops to them, the request
// fills (everyone still waiting is thanked and withdrawn), and those who said yes are told.
import { card, type Card } from '../domain/cards.ts';
import { DomainError } from '../domain/errors.ts';
import { COMMITTED_INVITATION_STATES } from '../domain/invitation-state.ts';
import { goesAheadCard } from '../domain/messages/lifecycle-cards.ts';
import type { AppContext, OutboxEntry, RequestRecord } from '../ports.ts';
import type { Actor } from './support/actor.ts';
import { fillRequest } from './support/fill-request.ts';
import { loadView, present, threadEntry, translatorFor, translatorsFor } from './support/messages.ts';
import { lockOpenForOwner } from './support/owner-decision.ts';

export async function goAheadWithFewer(ctx: AppContext, actor: Actor, requestId: string): Promise<{ request: RequestRecord; card: Card }> {
  return ctx.store.transaction(async (repos) => {
    const { request: current, view: before } = await lockOpenForOwner(repos, actor, requestId);
    if (before.committed === 0) throw new DomainError('illegal_transition', 'nobody said yes', { messageKey: 'lifecycle.stale.nobodyYet' });
    const request = await repos.requests.update(requestId, { needed: before.committed });
    await repos.audit.record({ actorId: actor.personId, action: 'request.lowered', subjectType: 'request', subjectId: requestId, details: { from: current.needed, to: before.committed } });
    const view = await loadView(repos, requestId);
    const committed = await repos.invitations.findByRequest(requestId, COMMITTED_INVITATION_STATES);
    const translators = await translatorsFor(ctx, repos, committed.map((invitation) => invitation.personId));
    const notes: OutboxEntry[] = committed.map((invitation) => ({
      idempotencyKey: `invitation:${invitation.id}:goes-ahead`,
      kind: 'direct',
      address: { kind: 'person', personId: invitation.personId },
      card: goesAheadCard(view, translators.get(invitation.personId)!),
      personId: invitation.personId,
      requestId,
    }));
    await repos.outbox.enqueue(present([threadEntry(ctx, request, view, { kind: 'lowered', count: view.committed }, String(view.committed)), ...notes]));
    await fillRequest(ctx, repos, request);
    const tr = await translatorFor(ctx, repos, actor.personId);
    return { request: (await repos.requests.findById(requestId))!, card: card({ text: tr.t('lifecycle.owner.lowered', { title: view.title, count: view.committed }) }) };
  });
}
