// Staff post a request, in two steps. `submitRequest` is what the person waits for: the form
// checked, the request recorded and opened (or kept as a draft when the owner asked to review the
// shortlist) and its card queued, in one short transaction. The first wave (invitations, or the
// shortlist) goes out behind the answer, in a transaction of its own (invite-first-wave.ts).
// `postRequest` runs both in order, for callers that answer only afterwards.
import { DomainError } from '../domain/errors.ts';
import type { Platform } from '../domain/vocabulary.ts';
import type { AppContext, RequestRecord } from '../ports.ts';
import { requireRole, type Actor } from './support/actor.ts';
import { loadView, present, requestCardEntry } from './support/messages.ts';
import { checkCatalog, requestInputSchema } from './support/request-input.ts';
import { parseInput } from './support/validation.ts';
import { inviteFirstWave } from './invite-first-wave.ts';

export interface PostRequestResult {
  request: RequestRecord;
  invited: number;
}

/** Identifies a form submission: a second submission of the same form is refused with code `duplicate`. */
export interface Submission {
  platform: Platform;
  id: string;
}

/**
 * Records a submitted request, its first wave marked as due (see invite-first-wave.ts). A second
 * submission of the same form (a double click, a platform retry) is refused with code
 * `duplicate` and does nothing.
 */
export async function submitRequest(ctx: AppContext, actor: Actor, input: unknown, submission?: Submission): Promise<RequestRecord> {
  requireRole(actor, 'staff', 'admin');
  const now = ctx.clock.now();
  const { channel, ...data } = parseInput(requestInputSchema(now), input);
  return ctx.store.transaction(async (repos) => {
    if (submission && !(await repos.events.claim(submission.platform, `submission:${submission.id}`))) {
      throw new DomainError('duplicate', 'this form was submitted before');
    }
    await checkCatalog(repos, data.unitId, data.programmeId);
    const request = await repos.requests.create({ ...data, oversample: ctx.settings.oversample, ownerId: actor.personId, channel, firstWaveDueAt: now });
    await repos.audit.record({ actorId: actor.personId, action: 'request.posted', subjectType: 'request', subjectId: request.id });
    if (request.reviewShortlist) return request;
    const opened = await repos.requests.update(request.id, { state: 'open', openedAt: now });
    await repos.outbox.enqueue(present([requestCardEntry(ctx, opened, await loadView(repos, opened.id), 'post')]));
    return opened;
  });
}

/** Submits the request and sends its first wave at once; `invited` is 0 for a shortlist. */
export async function postRequest(ctx: AppContext, actor: Actor, input: unknown, submission?: Submission): Promise<PostRequestResult> {
  const request = await submitRequest(ctx, actor, input, submission);
  const { invited } = await inviteFirstWave(ctx, request.id);
  return { request, invited };
}
