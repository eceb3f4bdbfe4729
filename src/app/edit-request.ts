// The owner (or an admin) edits a request while it is a draft or open. The fields are checked
// as a whole, as when posting; the channel card is edited to match. Lowering the number needed
// to the people who already said yes fills the request.
import { DomainError } from '../domain/errors.ts';
import type { AppContext, RequestRecord } from '../ports.ts';
import { requireOwnerOrAdmin, type Actor } from './support/actor.ts';
import { loadView, present, requestCardEntry } from './support/messages.ts';
import { checkCatalog, requestInputSchema } from './support/request-input.ts';
import { parseInput } from './support/validation.ts';
import { fillRequest } from './support/fill-request.ts';

export async function editRequest(ctx: AppContext, actor: Actor, requestId: string, changes: Record<string, unknown>): Promise<RequestRecord> {
  return ctx.store.transaction(async (repos) => {
    const current = await repos.requests.findByIdForUpdate(requestId);
    if (!current) throw new DomainError('not_found', `request ${requestId} not found`);
    requireOwnerOrAdmin(actor, current.ownerId);
    if (current.state !== 'draft' && current.state !== 'open') {
      throw new DomainError('illegal_transition', `a ${current.state} request cannot be edited`, { params: { state: current.state } });
    }
    const { id: _id, ownerId: _owner, state: _state, cancelReason: _reason, oversample: _oversample, ...editable } = current;
    const { channel: _channel, ...data } = parseInput(requestInputSchema(ctx.clock.now()), { ...editable, ...changes, channel: current.channel });
    await checkCatalog(repos, data.unitId, data.programmeId);
    if (data.needed < (await loadView(repos, requestId)).committed) {
      throw new DomainError('validation', 'fewer places than people who said yes', { fields: [{ field: 'needed', key: 'validation.outOfRange', params: { min: 1, max: 50 } }] });
    }
    const request = await repos.requests.update(requestId, data);
    await repos.audit.record({ actorId: actor.personId, action: 'request.edited', subjectType: 'request', subjectId: requestId, details: { fields: Object.keys(changes) } });
    if (request.state !== 'open') return request;
    const view = await loadView(repos, requestId);
    // Fewer places than before, all taken: the request fills (everyone still waiting is told).
    if (view.committed >= view.needed) await fillRequest(ctx, repos, request);
    else await repos.outbox.enqueue(present([requestCardEntry(ctx, request, view, 'update')]));
    return (await repos.requests.findById(requestId)) ?? request;
  });
}
