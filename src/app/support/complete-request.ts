// Completing one request (its engagement is over): filled or open → completed, invitations still
// waiting expire, the channel card and the owner's notices lose their buttons, and the feedback
// forms go out. Shared by the hourly job and the owner's "Mark as held". Call with the request locked.
import { COMMITTED_INVITATION_STATES } from '../../domain/invitation-state.ts';
import { transitionRequest } from '../../domain/request-state.ts';
import type { AppContext, Repositories, RequestRecord } from '../../ports.ts';
import { startFeedback } from '../forms/start-feedback.ts';
import { expireWaiting } from './deadline.ts';
import { queueOwnerNoticeUpdate } from './live-messages.ts';
import { loadView, present, requestCardEntry } from './messages.ts';

export async function completeRequest(ctx: AppContext, repos: Repositories, request: RequestRecord, actorId: string | null): Promise<RequestRecord> {
  const updated = await repos.requests.update(request.id, { state: transitionRequest(request.state, 'complete'), completedAt: ctx.clock.now() });
  await expireWaiting(ctx, repos, updated);
  await repos.outbox.enqueue(present([requestCardEntry(ctx, updated, await loadView(repos, request.id), 'update')]));
  for (const invitation of await repos.invitations.findByRequest(request.id, COMMITTED_INVITATION_STATES)) await queueOwnerNoticeUpdate(ctx, repos, invitation);
  await repos.audit.record({ actorId, action: 'request.completed', subjectType: 'request', subjectId: request.id, details: { from: request.state, ...(actorId ? { markedHeld: true } : {}) } });
  await startFeedback(ctx, repos, updated);
  return updated;
}
