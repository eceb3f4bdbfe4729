// Scheduled (once per slot across instances): one reminder for each open form whose reminder
// time has come, and a polite end for each form whose time is up. An expired form's question
// loses its buttons, the person's next form (if any) follows, and the request closes when it
// was the last open form about it.
import { questionCard, expiredCard, reminderCard } from '../../domain/forms/form-cards.ts';
import type { AppContext } from '../../ports.ts';
import { closeIfDone, focusNext } from './form-flow.ts';
import { loadScene, noteEntry, resumeCommand, retireEntry, viewOf } from './form-messages.ts';

export async function remindAndExpireForms(ctx: AppContext, batchSize = 100): Promise<{ reminded: number; expired: number }> {
  let reminded = 0;
  for (const due of await ctx.store.transaction((repos) => repos.forms.findDueReminder(ctx.clock.now(), batchSize))) {
    reminded += await remind(ctx, due.id);
  }
  let expired = 0;
  for (const due of await ctx.store.transaction((repos) => repos.forms.findExpired(ctx.clock.now(), batchSize))) {
    expired += await expire(ctx, due.id);
  }
  return { reminded, expired };
}

async function remind(ctx: AppContext, sessionId: string): Promise<number> {
  return ctx.store.transaction(async (repos) => {
    const session = await repos.forms.findSessionForUpdate(sessionId);
    if (!session || session.state !== 'active' || session.remindedAt !== null) return 0;
    const updated = await repos.forms.updateSession(session.id, { remindedAt: ctx.clock.now() });
    const scene = await loadScene(ctx, repos, updated);
    await repos.outbox.enqueue([noteEntry(scene, 'reminder', reminderCard(viewOf(scene), scene.tr, session.expiresAt, resumeCommand(scene.tr, session.platform)))]);
    await focusNext(ctx, repos, session.personId);
    return 1;
  });
}

async function expire(ctx: AppContext, sessionId: string): Promise<number> {
  return ctx.store.transaction(async (repos) => {
    const session = await repos.forms.findSessionForUpdate(sessionId);
    if (!session || session.state !== 'active' || session.expiresAt > ctx.clock.now()) return 0;
    const updated = await repos.forms.updateSession(session.id, { state: 'expired', focusedAt: null });
    const scene = await loadScene(ctx, repos, updated);
    const notice = expiredCard(scene, scene.tr);
    const entries = [noteEntry(scene, 'expired', notice)];
    if (session.progress.turn > 0) entries.unshift(retireEntry(scene, session.progress.turn, { ...questionCard(viewOf(scene), scene.tr), actions: [], context: notice.text ?? '' }, false));
    await repos.outbox.enqueue(entries);
    await repos.audit.record({ actorId: null, action: 'feedback.expired', subjectType: 'form_session', subjectId: session.id, personId: session.personId });
    await focusNext(ctx, repos, session.personId, { announce: true });
    await closeIfDone(ctx, repos, session.requestId);
    return 1;
  });
}
