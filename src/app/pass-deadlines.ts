// Scheduled: open requests whose reply deadline has passed with places still open. Each is
// handled once per deadline under its row lock (safe on several instances): see
// support/deadline.ts for who is told what. A deadline the owner moves gets its own notice.
import type { AppContext } from '../ports.ts';
import { noticeDeadline } from './support/deadline.ts';

export async function passDeadlines(ctx: AppContext, batchSize = 100): Promise<{ told: number }> {
  const due = await ctx.store.transaction((repos) => repos.requests.findPastDeadlineUntold(ctx.clock.now(), batchSize));
  let told = 0;
  for (const id of due) {
    told += await ctx.store.transaction(async (repos) => {
      const request = await repos.requests.findByIdForUpdate(id);
      if (!request || request.state !== 'open' || request.replyBy > ctx.clock.now()) return 0;
      if (request.deadlineNoticeFor?.getTime() === request.replyBy.getTime()) return 0;
      await noticeDeadline(ctx, repos, request);
      return 1;
    });
  }
  return { told };
}
