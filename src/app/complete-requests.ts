// Scheduled: a request whose engagement has ended becomes completed, filled or not (the
// feedback forms start from this state, for the people who took part), and its channel card
// says so. Invitations still waiting by then expire (see support/complete-request.ts).
import type { AppContext } from '../ports.ts';
import { completeRequest } from './support/complete-request.ts';

export async function completeRequests(ctx: AppContext, batchSize = 100): Promise<{ completed: number }> {
  const due = await ctx.store.transaction((repos) => repos.requests.findUnderWayEndedBefore(ctx.clock.now(), batchSize));
  let completed = 0;
  for (const id of due) {
    completed += await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findByIdForUpdate(id);
      if (!request || (request.state !== 'filled' && request.state !== 'open')) return 0;
      await completeRequest(ctx, repos, request, null);
      return 1;
    });
  }
  return { completed };
}
