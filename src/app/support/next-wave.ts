// After a decline, an expiry, a withdrawal or a new consent: ask the next people, and say in the
// thread what really happened. The thread only says "I am asking the next person" when someone
// was asked; when nobody is left, the thread says so and the owner is told, with their choices.
import { COMMITTED_INVITATION_STATES, PENDING_INVITATION_STATES } from '../../domain/invitation-state.ts';
import { exhaustedOwnerCard } from '../../domain/messages/lifecycle-cards.ts';
import type { RequestView } from '../../domain/messages/request-view.ts';
import type { NextStep, ThreadEvent } from '../../domain/messages/staff-cards.ts';
import { ownerDecisionKey } from '../../domain/outbox-keys.ts';
import type { AppContext, InvitationCounts, OutboxEntry, Repositories, RequestRecord } from '../../ports.ts';
import { inviteCandidates } from '../invite-candidates.ts';
import { loadView, present, threadEntry, translatorFor } from './messages.ts';

const sum = (counts: InvitationCounts, states: readonly (keyof InvitationCounts)[]) => states.reduce((total, state) => total + counts[state], 0);

export interface WaveOutcome {
  invited: number;
  next: NextStep;
}

/** The thread line and the owner's notice when every matching alumnus has been asked. */
export async function announceNobodyLeft(ctx: AppContext, repos: Repositories, request: RequestRecord, view: RequestView, wave: number): Promise<void> {
  const tr = await translatorFor(ctx, repos, request.ownerId);
  const owner: OutboxEntry = {
    idempotencyKey: ownerDecisionKey(request.id, `exhausted:${wave}`),
    kind: 'direct',
    address: { kind: 'person', personId: request.ownerId },
    card: exhaustedOwnerCard(view, tr),
    personId: request.ownerId,
    requestId: request.id,
  };
  await repos.outbox.enqueue(present([threadEntry(ctx, request, view, { kind: 'no_more_candidates' }, `wave${wave}`), owner]));
}

/**
 * Asks the next people for a request (within its waves and the caps), then writes the thread:
 * `event` (told what came next), "I have invited N", or "nobody left" with the owner's notice.
 */
export async function askNext(
  ctx: AppContext,
  repos: Repositories,
  request: RequestRecord,
  event: ((next: NextStep) => ThreadEvent) | null,
  discriminator: string,
): Promise<WaveOutcome> {
  const invited = await inviteCandidates(ctx, repos, request, { announce: false });
  const counts = await repos.invitations.countByState(request.id);
  const pending = sum(counts, PENDING_INVITATION_STATES);
  const committed = sum(counts, COMMITTED_INVITATION_STATES);
  const open = request.state === 'open' && committed < request.needed;
  let next: NextStep = { kind: 'asking' };
  if (invited === 0 && open) {
    if (request.replyBy <= ctx.clock.now()) next = { kind: 'deadline' };
    else next = pending > 0 ? { kind: 'waiting', pending } : { kind: 'nobody' };
  }
  const view = await loadView(repos, request.id);
  const wave = await repos.invitations.maxWave(request.id);
  await repos.outbox.enqueue(
    present([
      event ? threadEntry(ctx, request, view, event(next), discriminator) : null,
      invited > 0 ? threadEntry(ctx, request, view, { kind: 'invited', count: invited }, `wave${wave}`) : null,
    ]),
  );
  if (next.kind === 'nobody') await announceNobodyLeft(ctx, repos, request, view, wave + 1);
  return { invited, next };
}
