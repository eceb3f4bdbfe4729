// Shared by the owner's decisions on an open request (keep asking, go ahead with fewer): lock
// the request, check that the presser may decide, and that there is still a decision to make.
import { DomainError } from '../../domain/errors.ts';
import type { RequestView } from '../../domain/messages/request-view.ts';
import type { Repositories, RequestRecord } from '../../ports.ts';
import { hasRole, type Actor } from './actor.ts';
import { loadView } from './messages.ts';

export async function lockOpenForOwner(repos: Repositories, actor: Actor, requestId: string): Promise<{ request: RequestRecord; view: RequestView }> {
  const request = await repos.requests.findByIdForUpdate(requestId);
  if (!request) throw new DomainError('not_found', `request ${requestId} not found`);
  const view = await loadView(repos, requestId);
  if (actor.personId !== request.ownerId && !hasRole(actor, 'admin')) {
    throw new DomainError('forbidden', 'only the owner or an admin may decide', { messageKey: 'lifecycle.stale.notOwner', params: { owner: view.ownerName } });
  }
  if (request.state !== 'open') {
    throw new DomainError('illegal_transition', `a ${request.state} request has nothing to decide`, { messageKey: 'lifecycle.stale.ownerNotOpen', params: { state: request.state } });
  }
  return { request, view };
}
