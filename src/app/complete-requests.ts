// Scheduled: a filled request whose engagement has ended becomes completed (the feedback forms
// start from this state), and its channel card says so.
import { transitionRequest } from '../domain/request-state.ts';
import type { AppContext } from '../ports.ts';
import { loadView, present, requestCardEntry } from './support/messages.ts';

export async function completeRequests(ctx: AppContext, batchSize = 100): Promise<{ completed: number }> {
  const due = await ctx.store.transaction((repos) => repos.requests.findFilledEndedBefore(ctx.clock.now(), batchSize));
  let completed = 0;
  for (const id of due) {
    completed += await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findByIdForUpdate(id);
      if (!request || request.state !== 'filled') return 0;
      const updated = await repos.requests.update(id, { state: transitionRequest(request.state, 'complete'), completedAt: ctx.clock.now() });
      await repos.outbox.enqueue(present([requestCardEntry(ctx, updated, await loadView(repos, id), 'update')]));
      await repos.audit.record({ actorId: null, action: 'request.completed', subjectType: 'request', subjectId: id });
      return 1;
    });
  }
  return { completed };
}
