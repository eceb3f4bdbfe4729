// Scheduled: a request whose engagement has ended becomes completed, filled or not (the
// feedback forms start from this state, for the people who took part), and its channel card
// says so. Invitations still waiting by then expire.
import { transitionRequest } from '../domain/request-state.ts';
import type { AppContext } from '../ports.ts';
import { expireWaiting } from './support/deadline.ts';
import { loadView, present, requestCardEntry } from './support/messages.ts';

export async function completeRequests(ctx: AppContext, batchSize = 100): Promise<{ completed: number }> {
  const due = await ctx.store.transaction((repos) => repos.requests.findUnderWayEndedBefore(ctx.clock.now(), batchSize));
  let completed = 0;
  for (const id of due) {
    completed += await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findByIdForUpdate(id);
      if (!request || (request.state !== 'filled' && request.state !== 'open')) return 0;
      const updated = await repos.requests.update(id, { state: transitionRequest(request.state, 'complete'), completedAt: ctx.clock.now() });
      await expireWaiting(ctx, repos, updated);
      await repos.outbox.enqueue(present([requestCardEntry(ctx, updated, await loadView(repos, id), 'update')]));
      await repos.audit.record({ actorId: null, action: 'request.completed', subjectType: 'request', subjectId: id, details: { from: request.state } });
      return 1;
    });
  }
  return { completed };
}
