// Feedback forms in Teams. In a personal chat a typed message goes to the person's current form
// first, then to the commands; `feedback` (`tilbakemelding`) lists and resumes open forms, and
// `feedback forms` lists the form definitions for staff. Buttons on a question answer it and the
// card is replaced by the answered one; "Mark as held" completes a request early.
import type { TurnContext } from 'botbuilder';
import { answerForm } from '../../app/forms/answer-form.ts';
import { markHeld } from '../../app/forms/mark-held.ts';
import { showFeedback } from '../../app/forms/show-feedback.ts';
import type { Actor } from '../../app/support/actor.ts';
import { FORM_ACTIONS } from '../../domain/forms/form-cards.ts';
import { cardActivity } from './adaptive-cards.ts';
import { plainText } from './admin.ts';
import type { TeamsDeps } from './context.ts';
import { replaceForm } from './forms.ts';

const FEEDBACK_WORDS = ['feedback', 'tilbakemelding'];
const FORM_BUTTONS: readonly string[] = [...FORM_ACTIONS, 'request_complete'];
const TYPED_MAX = 5_000;

export function isFormButton(action: unknown): action is string {
  return typeof action === 'string' && FORM_BUTTONS.includes(action);
}

/** `feedback`, `feedback 2`, `feedback forms` (and in Norwegian): the words after it, or null. */
export function parseFeedbackCommand(typed: string): string[] | null {
  const [first = '', ...rest] = plainText(typed).split(' ');
  return FEEDBACK_WORDS.includes(first.toLowerCase()) ? rest.filter(Boolean) : null;
}

/** A typed message in a personal chat, for the person's current form; false when they have none going. */
export async function answerTyped(deps: TeamsDeps, context: TurnContext, actor: Actor): Promise<boolean> {
  if (context.activity.conversation?.conversationType !== 'personal') return false;
  const raw = (context.activity.text ?? '').slice(0, TYPED_MAX);
  const text = /<[a-z/]/i.test(raw) ? plainText(raw) : raw.trim();
  const result = await answerForm(deps.ctx, actor, { kind: 'typed', text }, 'teams');
  if (result.handled) deps.kick();
  return result.handled;
}

export async function sendFeedback(deps: TeamsDeps, context: TurnContext, actor: Actor, args: readonly string[]): Promise<void> {
  const text = await showFeedback(deps.ctx, actor, 'teams', args);
  deps.kick();
  await context.sendActivity(text.split('\n').join('\n\n'));
}

export async function handleFormButton(deps: TeamsDeps, context: TurnContext, actor: Actor, action: string, value: string): Promise<void> {
  if (action === 'request_complete') {
    const { notice } = await markHeld(deps.ctx, actor, value);
    deps.kick();
    await context.sendActivity(notice);
    return;
  }
  const result = await answerForm(deps.ctx, actor, { kind: 'button', value }, 'teams');
  deps.kick();
  if (result.card) await replaceForm(context, cardActivity(result.card));
  if (result.notice) await context.sendActivity(result.notice);
}
