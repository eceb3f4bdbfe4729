// Buttons: answers to invitations and withdrawals (the message is edited in place), and the
// owner's confirm, keep asking, go ahead with fewer, cancel and "send invitations". A press on
// an old message changes nothing: it is answered for the presser's role, and the message is
// replaced by what it should show now.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { answerInvitation } from '../../../app/answer-invitation.ts';
import { cancelRequest } from '../../../app/cancel-request.ts';
import { confirmContributor } from '../../../app/confirm-contributor.ts';
import { openRequest } from '../../../app/open-request.ts';
import { extendDeadline } from '../../../app/extend-deadline.ts';
import { goAheadWithFewer } from '../../../app/go-ahead-with-fewer.ts';
import { showCurrentMessage } from '../../../app/show-current-message.ts';
import { withdrawAcceptance } from '../../../app/withdraw-acceptance.ts';
import type { Actor } from '../../../app/support/actor.ts';
import type { ActionId, Card } from '../../../domain/cards.ts';
import { createTranslator } from '../../../domain/i18n/translator.ts';
import { cardToBlocks, fallbackText } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';
import { DomainError } from '../../../domain/errors.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { safeError } from '../../../logger.ts';

type Run = (deps: SlackDeps, actor: Actor, value: string) => Promise<unknown>;

/** Button actions that run a use case; profile_edit opens a modal (see home.ts), admin_* live in admin.ts, form_* and request_complete in forms.ts, erase_* and consent_renew in privacy.ts. */
type RunId = Exclude<ActionId, 'profile_edit' | `admin_${string}` | 'digest_help' | `form_${string}` | 'request_complete' | `erase_${string}` | 'consent_renew'>;
const RUNS: Record<RunId, Run> = {
  invitation_accept: (deps, actor, value) => answerInvitation(deps.ctx, actor, value, 'accept'),
  invitation_decline: (deps, actor, value) => answerInvitation(deps.ctx, actor, value, 'decline'),
  invitation_more: (deps, actor, value) => answerInvitation(deps.ctx, actor, value, 'more'),
  request_confirm: (deps, actor, value) => confirmContributor(deps.ctx, actor, value),
  request_cancel: (deps, actor, value) => cancelRequest(deps.ctx, actor, value),
  request_open: (deps, actor, value) => openRequest(deps.ctx, actor, value),
  invitation_withdraw: (deps, actor, value) => withdrawAcceptance(deps.ctx, actor, value),
  request_extend: (deps, actor, value) => extendDeadline(deps.ctx, actor, value),
  request_lower: (deps, actor, value) => goAheadWithFewer(deps.ctx, actor, value),
};

type Pressed = Pick<BlockAction<ButtonAction>, 'channel' | 'message'>;

/** Replaces the pressed message with what it should show now (the use case's card). */
async function showInPlace(client: { chat: { update(args: { channel: string; ts: string; text: string; blocks: unknown[] }): Promise<unknown> } }, body: Pressed, card: Card | null | undefined): Promise<void> {
  if (!card || !body.channel?.id || !body.message?.ts) return;
  await client.chat.update({ channel: body.channel.id, ts: body.message.ts, text: fallbackText(card), blocks: cardToBlocks(card) });
}

export function registerActions(app: App, deps: SlackDeps): void {
  for (const [id, run] of Object.entries(RUNS) as [RunId, Run][]) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, body, action, client, respond }) => {
      await ack();
      let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
      let actor: Actor | undefined;
      try {
        actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
        tr = translatorOf(deps, actor);
        const result = (await run(deps, actor, action.value ?? '')) as { card?: Card };
        deps.kick();
        await showInPlace(client, body, result.card);
      } catch (error) {
        if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error), action: id }, 'a Slack action failed');
        await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(error, tr) });
        // A press on an old message: show what it should say now, so its buttons are not live.
        if (error instanceof DomainError && actor) await showInPlace(client, body, await showCurrentMessage(deps.ctx, actor, id, action.value ?? ''));
      }
    });
  }
}
