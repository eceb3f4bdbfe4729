// A staff member's own requests, newest first, with progress, for "requests" in chat.
import type { RequestView } from '../domain/messages/request-view.ts';
import type { AppContext } from '../ports.ts';
import type { Actor } from './support/actor.ts';

export async function listMyRequests(ctx: AppContext, actor: Actor, limit = 10): Promise<RequestView[]> {
  return ctx.store.transaction(async (repos) => {
    const requests = await repos.requests.findByOwner(actor.personId, limit);
    const views = await Promise.all(requests.map((request) => repos.requests.findView(request.id)));
    return views.filter((view): view is RequestView => view !== null);
  });
}
