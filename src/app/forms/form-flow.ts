// What happens between forms: a person answers one form at a time, so when one ends (sent,
// expired) the next one waiting gets the floor; and when every form about an engagement is
// answered or expired, the request closes and its owner gets the summary.
import { ownerSummaryCard, type FormResult } from '../../domain/forms/summary.ts';
import { nextFormCard } from '../../domain/forms/form-cards.ts';
import { ownerDecisionKey } from '../../domain/outbox-keys.ts';
import { transitionRequest } from '../../domain/request-state.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import type { AppContext, Repositories } from '../../ports.ts';
import { loadView, present, requestCardEntry, translatorFor } from '../support/messages.ts';
import { askEntry, loadScene, noteEntry } from './form-messages.ts';

/**
 * Gives the person's next waiting form the floor, unless one already has it, and asks its
 * current question. `announce`: say first that this one is about another engagement.
 */
export async function focusNext(ctx: AppContext, repos: Repositories, personId: string, options: { platform?: Platform | null; announce?: boolean } = {}): Promise<boolean> {
  const active = await repos.forms.findActiveByPerson(personId);
  if (active.length === 0 || active.some((session) => session.focusedAt !== null)) return false;
  const next = active[0]!;
  const progress = { ...next.progress, turn: next.progress.turn + 1 };
  const session = await repos.forms.updateSession(next.id, { focusedAt: ctx.clock.now(), progress, ...(options.platform ? { platform: options.platform } : {}) });
  const scene = await loadScene(ctx, repos, session);
  const entries = [askEntry(scene, progress)];
  if (options.announce) entries.unshift(noteEntry(scene, `next:${progress.turn}`, nextFormCard(scene.engagement, scene.tr)));
  await repos.outbox.enqueue(entries);
  return true;
}

/** Closes a completed request once none of its forms is still open, and sends its owner the summary. */
export async function closeIfDone(ctx: AppContext, repos: Repositories, requestId: string): Promise<boolean> {
  const request = await repos.requests.findByIdForUpdate(requestId);
  if (!request || request.state !== 'completed') return false;
  const sessions = await repos.forms.findByRequest(requestId);
  if (sessions.some((session) => session.state === 'active')) return false;
  const closed = await repos.requests.update(requestId, { state: transitionRequest(request.state, 'close'), closedAt: ctx.clock.now() });
  const contributors = sessions.filter((session) => session.subjectType === 'invitation');
  const entries = [requestCardEntry(ctx, closed, await loadView(repos, requestId), 'update')];
  if (contributors.length > 0) {
    const names = await repos.people.findContacts(contributors.map((session) => session.personId));
    const results: FormResult[] = [];
    for (const session of contributors) {
      const form = await repos.forms.findDefinition(session.formId);
      if (form) results.push({ personName: names.get(session.personId)?.displayName ?? '?', state: session.state, form, answers: session.progress.answers });
    }
    const tr = await translatorFor(ctx, repos, request.ownerId);
    entries.push({
      idempotencyKey: ownerDecisionKey(requestId, 'feedback-summary'),
      kind: 'direct',
      address: { kind: 'person', personId: request.ownerId },
      card: ownerSummaryCard({ title: request.title, type: request.type, startsAt: request.startsAt }, results, tr),
      personId: request.ownerId,
      requestId,
    });
  }
  await repos.outbox.enqueue(present(entries));
  await repos.audit.record({ actorId: null, action: 'request.closed', subjectType: 'request', subjectId: requestId, details: { forms: sessions.length, answered: sessions.filter((s) => s.state === 'completed').length } });
  return true;
}
