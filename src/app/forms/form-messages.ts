// The messages of a form conversation, as outbox entries. Each question (or the summary at the
// end) is one message whose key names the session and the turn it was shown in; when the person
// moves on, that message is edited to show their answer and loses its buttons, so a stale button
// cannot answer twice. Messages go to the platform the person last answered on.
import type { Card } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Answer, FormDefinition } from '../../domain/forms/definition.ts';
import { currentQuestion, type FormProgress } from '../../domain/forms/engine.ts';
import { questionCard, showAnswer, type Engagement, type FormView } from '../../domain/forms/form-cards.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import type { Platform } from '../../domain/vocabulary.ts';
import type { AppContext, FormSessionRecord, OutboxEntry, Repositories } from '../../ports.ts';
import { IN_PLACE_DELAY_MS } from '../support/live-messages.ts';
import { translatorFor } from '../support/messages.ts';

export const questionKey = (sessionId: string, turn: number) => `form:${sessionId}:turn:${turn}`;

/** Everything needed to show one session: its form, its engagement and the reader's language. */
export interface SessionScene {
  session: FormSessionRecord;
  form: FormDefinition;
  engagement: Engagement;
  tr: Translator;
}

export async function loadScene(ctx: AppContext, repos: Repositories, session: FormSessionRecord): Promise<SessionScene> {
  const form = await repos.forms.findDefinition(session.formId);
  const request = await repos.requests.findById(session.requestId);
  if (!form || !request) throw new DomainError('not_found', `form session ${session.id} has lost its form or request`);
  return { session, form, engagement: { title: request.title, type: request.type, startsAt: request.startsAt }, tr: await translatorFor(ctx, repos, session.personId) };
}

export function viewOf(scene: SessionScene, progress: FormProgress = scene.session.progress): FormView {
  return { sessionId: scene.session.id, form: scene.form, engagement: scene.engagement, progress };
}

function toPerson(session: FormSessionRecord, platform?: Platform | null): OutboxEntry['address'] {
  const on = platform ?? session.platform;
  return on ? { kind: 'person', personId: session.personId, platform: on } : { kind: 'person', personId: session.personId };
}

/** The question (or summary) the progress points at, as a new message. */
export function askEntry(scene: SessionScene, progress: FormProgress, platform?: Platform | null): OutboxEntry {
  return {
    idempotencyKey: questionKey(scene.session.id, progress.turn),
    kind: 'direct',
    address: toPerson(scene.session, platform),
    card: questionCard(viewOf(scene, progress), scene.tr),
    personId: scene.session.personId,
    requestId: scene.session.requestId,
  };
}

/** What a question's message shows once the person moved on: the answer, or that they went elsewhere; no buttons. */
export function retiredCard(scene: SessionScene, shown: FormProgress, answered?: { answer: Answer | null }): Card {
  const card = questionCard(viewOf(scene, shown), scene.tr);
  const q = currentQuestion(scene.form, shown);
  const note = answered && q ? scene.tr.t('forms.yourAnswer', { answer: showAnswer(q, answered.answer, scene.tr) }) : scene.tr.t('forms.movedOn');
  return { ...card, actions: [], context: note };
}

/** Edits the message of an earlier turn (after a button press showed it in place: a little later). */
export function retireEntry(scene: SessionScene, turn: number, card: Card, pressed: boolean): OutboxEntry {
  return {
    idempotencyKey: `${questionKey(scene.session.id, turn)}:update`,
    kind: 'message_update',
    address: { kind: 'sent_message', keys: [questionKey(scene.session.id, turn)] },
    card,
    personId: scene.session.personId,
    requestId: scene.session.requestId,
    ...(pressed ? { delayMs: IN_PLACE_DELAY_MS } : {}),
  };
}

/** A one-off line to the person about this session (a problem, a pause, a reminder, …). */
export function noteEntry(scene: SessionScene, what: string, card: Card, platform?: Platform | null): OutboxEntry {
  return {
    idempotencyKey: `form:${scene.session.id}:${what}`,
    kind: 'direct',
    address: toPerson(scene.session, platform),
    card,
    personId: scene.session.personId,
    requestId: scene.session.requestId,
  };
}

/** How to pick a form up again, in the words of the platform. */
export function resumeCommand(tr: Translator, platform: Platform | null): string {
  return tr.t(platform === 'teams' ? 'forms.commandTeams' : 'forms.commandSlack');
}
