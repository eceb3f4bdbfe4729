// A staff member's own requests, newest first, with progress, for "requests" in chat.
import type { RequestView } from '../domain/messages/request-view.ts';
import type { AppContext } from '../ports.ts';
import type { Actor } from './support/actor.ts';

export async function listMyRequests(ctx: AppContext, actor: Actor, limit = 10): Promise<RequestView[]> {
  return ctx.store.transaction(async (repos) => {
    const views: RequestView[] = [];
    // One query at a time: a transaction has one connection.
    for (const request of await repos.requests.findByOwner(actor.personId, limit)) {
      const view = await repos.requests.findView(request.id);
      if (view) views.push(view);
    }
    return views;
  });
}
