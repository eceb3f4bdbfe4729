// Feedback forms in Slack. A typed direct message (`message.im`) goes to the person's current
// form first; with no form going, it is read as a command (`feedback`, else the help). Buttons
// on a question answer it, and the pressed message shows the answer at once (the outbox edits it
// again a moment later from the stored state). "Mark as held" completes a request early.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import { answerForm } from '../../../app/forms/answer-form.ts';
import { markHeld } from '../../../app/forms/mark-held.ts';
import { showFeedback } from '../../../app/forms/show-feedback.ts';
import { hasRole, type Actor } from '../../../app/support/actor.ts';
import type { Card } from '../../../domain/cards.ts';
import { DomainError } from '../../../domain/errors.ts';
import { FORM_ACTIONS } from '../../../domain/forms/form-cards.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { createTranslator } from '../../../domain/i18n/translator.ts';
import { safeError } from '../../../logger.ts';
import { cardToBlocks, escapeMrkdwn, fallbackText } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';
import { helpText } from './commands.ts';
import { typedLinkCode } from './privacy.ts';

export const FEEDBACK_WORDS = ['feedback', 'tilbakemelding'];
/** The longest typed message read (a form's free text is at most 2,000 characters; longer is refused there). */
const TYPED_MAX = 5_000;

interface DirectMessage {
  channel_type?: string;
  subtype?: string;
  bot_id?: string;
  user?: string;
  text?: string;
  channel?: string;
}

/** `/alumni feedback [n|forms]` and the typed `feedback` in a DM: open forms, or the form definitions. */
export async function feedbackText(deps: SlackDeps, actor: Actor, args: readonly string[]): Promise<string> {
  return escapeMrkdwn(await showFeedback(deps.ctx, actor, 'slack', args));
}

async function showInPlace(client: WebClient, body: BlockAction<ButtonAction>, card: Card | undefined): Promise<void> {
  if (!card || !body.channel?.id || !body.message?.ts) return;
  await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: fallbackText(card), blocks: cardToBlocks(card) });
}

/** A typed message with no form going: a command word, or the help. */
async function asCommand(deps: SlackDeps, actor: Actor, text: string): Promise<string> {
  const [first = '', ...rest] = text.trim().split(/\s+/);
  if (FEEDBACK_WORDS.includes(first.toLowerCase().replace(/^\//, ''))) return feedbackText(deps, actor, rest);
  const linked = await typedLinkCode(deps, actor, text);
  if (linked !== null) return linked;
  return helpText(translatorOf(deps, actor), deps.command, hasRole(actor, 'admin'));
}

export function registerForms(app: App, deps: SlackDeps): void {
  app.event('message', async ({ event, body, client }) => {
    const message = event as DirectMessage;
    if (message.channel_type !== 'im' || message.subtype !== undefined || message.bot_id !== undefined || !message.user || !message.channel) return;
    const text = (message.text ?? '').slice(0, TYPED_MAX);
    const actor = await slackActor(deps, client, (body as { team_id?: string }).team_id ?? '', message.user);
    try {
      const result = await answerForm(deps.ctx, actor, { kind: 'typed', text }, 'slack');
      if (result.handled) return deps.kick();
      await client.chat.postMessage({ channel: message.channel, text: await asCommand(deps, actor, text) });
      deps.kick();
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'a Slack direct message failed');
      await client.chat.postMessage({ channel: message.channel, text: describeError(error, translatorOf(deps, actor)) });
    }
  });

  for (const id of FORM_ACTIONS) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, body, action, client, respond }) => {
      await ack();
      let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
      try {
        const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
        tr = translatorOf(deps, actor);
        const result = await answerForm(deps.ctx, actor, { kind: 'button', value: action.value ?? '' }, 'slack');
        deps.kick();
        await showInPlace(client, body, result.card);
        if (result.notice) await respond({ response_type: 'ephemeral', replace_original: false, text: result.notice });
      } catch (error) {
        if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error), action: id }, 'a Slack form button failed');
        await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(error, tr) });
      }
    });
  }

  app.action<BlockAction<ButtonAction>>('request_complete', async ({ ack, body, action, client, respond }) => {
    await ack();
    let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
    try {
      const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
      tr = translatorOf(deps, actor);
      const { notice } = await markHeld(deps.ctx, actor, action.value ?? '');
      deps.kick();
      await respond({ response_type: 'ephemeral', replace_original: false, text: notice });
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'marking a request as held failed');
      await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(error, tr) });
    }
  });
}
