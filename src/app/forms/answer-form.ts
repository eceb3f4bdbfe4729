// One turn of a form conversation: a typed message (it goes to the person's current form) or a
// button pressed on a question. The engine decides; this stores the progress, edits the message
// the person moved on from, and asks what comes next. Bad input changes nothing and says why.
import { randomUUID } from 'node:crypto';
import { card, type Card } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import { advance, currentQuestion, type FormInput, type Step } from '../../domain/forms/engine.ts';
import { inLocale } from '../../domain/forms/definition.ts';
import { parseFormButtonValue, pausedCard, submittedCard } from '../../domain/forms/form-cards.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import type { AppContext, FormSessionRecord, OutboxEntry, Repositories } from '../../ports.ts';
import type { Actor } from '../support/actor.ts';
import { translatorFor } from '../support/messages.ts';
import { closeIfDone, focusNext } from './form-flow.ts';
import { askEntry, loadScene, noteEntry, resumeCommand, retiredCard, retireEntry, viewOf, type SessionScene } from './form-messages.ts';

export type FormReply = { kind: 'typed'; text: string } | { kind: 'button'; value: string };

export interface FormTurnResult {
  /** False when the person has no form going: the message is for the commands. */
  handled: boolean;
  /** What the pressed message should show now (buttons only). */
  card?: Card;
  /** A line for the presser alone (a stale button, a closed form). */
  notice?: string;
}

export async function answerForm(ctx: AppContext, actor: Actor, reply: FormReply, platform: Platform): Promise<FormTurnResult> {
  return ctx.store.transaction(async (repos) => {
    const found = reply.kind === 'typed' ? await currentSession(repos, actor.personId, reply.text) : await pressedSession(repos, actor, reply.value);
    if (!found) return { handled: false };
    const { session, input } = found;
    if (session.state !== 'active') {
      const tr = await translatorFor(ctx, repos, actor.personId);
      const notice = tr.t(session.state === 'expired' ? 'forms.errors.expired' : 'forms.errors.closed');
      return { handled: true, notice, card: card({ text: notice }) };
    }
    const scene = await loadScene(ctx, repos, session);
    return turn(ctx, repos, scene, advance(scene.form, session.progress, input), { platform, pressed: reply.kind === 'button' });
  });
}

/** The form the person is answering now (typed messages go to it), locked. */
async function currentSession(repos: Repositories, personId: string, text: string): Promise<{ session: FormSessionRecord; input: FormInput } | null> {
  const current = (await repos.forms.findActiveByPerson(personId)).find((session) => session.focusedAt !== null);
  const session = current ? await repos.forms.findSessionForUpdate(current.id) : null;
  return session && session.state === 'active' ? { session, input: { kind: 'typed', text } } : null;
}

async function pressedSession(repos: Repositories, actor: Actor, value: string): Promise<{ session: FormSessionRecord; input: FormInput }> {
  const parsed = parseFormButtonValue(value);
  const session = parsed ? await repos.forms.findSessionForUpdate(parsed.sessionId) : null;
  if (!parsed || !session) throw new DomainError('not_found', 'no such form session');
  if (session.personId !== actor.personId) throw new DomainError('forbidden', 'not the form of the presser', { messageKey: 'forms.errors.notYours' });
  return { session, input: { kind: 'button', turn: parsed.turn, value: parsed.answer } };
}

interface TurnOptions {
  platform: Platform;
  pressed: boolean;
}

async function turn(ctx: AppContext, repos: Repositories, scene: SessionScene, step: Step, options: TurnOptions): Promise<FormTurnResult> {
  const { session, tr } = scene;
  const reply = step.reply;
  switch (reply.kind) {
    case 'stale':
      return { handled: true, notice: tr.t('forms.errors.stale'), card: card({ text: tr.t('forms.staleCard') }) };
    case 'retry': {
      const q = currentQuestion(scene.form, session.progress);
      const problem = `⚠️ ${tr.t(`forms.problem.${reply.problem.key}`, reply.problem.params)}`;
      const text = q ? `${problem}\n\n${session.progress.step + 1}. ${inLocale(q.text, tr.locale)}` : problem;
      await repos.outbox.enqueue([noteEntry(scene, `turn:${session.progress.turn}:problem:${randomUUID()}`, card({ text }), options.platform)]);
      return { handled: true, ...(options.pressed ? { notice: problem } : {}) };
    }
    case 'paused': {
      await repos.forms.updateSession(session.id, { focusedAt: null, platform: options.platform });
      await repos.outbox.enqueue([noteEntry(scene, `paused:${randomUUID()}`, pausedCard(scene, tr, resumeCommand(tr, options.platform)), options.platform)]);
      return { handled: true };
    }
    case 'ask':
      return moveOn(ctx, repos, scene, step, options);
    case 'submitted':
      return submit(ctx, repos, scene, options);
  }
}

async function moveOn(ctx: AppContext, repos: Repositories, scene: SessionScene, step: Step, options: TurnOptions): Promise<FormTurnResult> {
  const before = scene.session.progress;
  const updated = await repos.forms.updateSession(scene.session.id, { progress: step.progress, platform: options.platform, ...(scene.session.focusedAt ? {} : { focusedAt: ctx.clock.now() }) });
  const next = { ...scene, session: updated };
  const shown = retiredCard(scene, before, step.answered);
  const entries: OutboxEntry[] = [retireEntry(next, before.turn, shown, options.pressed), askEntry(next, step.progress)];
  await repos.outbox.enqueue(entries);
  return { handled: true, ...(options.pressed ? { card: shown } : {}) };
}

async function submit(ctx: AppContext, repos: Repositories, scene: SessionScene, options: TurnOptions): Promise<FormTurnResult> {
  const { session, tr } = scene;
  await repos.forms.updateSession(session.id, { state: 'completed', completedAt: ctx.clock.now(), platform: options.platform });
  const done = submittedCard(viewOf(scene), tr);
  await repos.outbox.enqueue([retireEntry(scene, session.progress.turn, done, options.pressed)]);
  await repos.audit.record({ actorId: session.personId, action: 'feedback.completed', subjectType: 'form_session', subjectId: session.id, personId: session.personId, details: { form: scene.form.key, version: scene.form.version } });
  await focusNext(ctx, repos, session.personId, { platform: options.platform, announce: true });
  await closeIfDone(ctx, repos, session.requestId);
  return { handled: true, ...(options.pressed ? { card: done } : {}) };
}
