// Buttons: answers to invitations (the message is edited in place), and the owner's confirm,
// cancel and "send invitations". Stale or repeated presses answer politely and change nothing.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { answerInvitation, type Answer } from '../../../app/answer-invitation.ts';
import { cancelRequest } from '../../../app/cancel-request.ts';
import { confirmContributor } from '../../../app/confirm-contributor.ts';
import { openRequest } from '../../../app/open-request.ts';
import type { Actor } from '../../../app/support/actor.ts';
import type { ActionId, Card } from '../../../domain/cards.ts';
import { createTranslator } from '../../../domain/i18n/translator.ts';
import { cardToBlocks, fallbackText } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';
import { DomainError } from '../../../domain/errors.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { safeError } from '../../../logger.ts';

type Run = (deps: SlackDeps, actor: Actor, value: string) => Promise<unknown>;

const ANSWERS: Partial<Record<ActionId, Answer>> = { invitation_accept: 'accept', invitation_decline: 'decline', invitation_more: 'more' };

/** Button actions that run a use case; profile_edit opens a modal (see home.ts), admin_* live in admin.ts. */
type RunId = Exclude<ActionId, 'profile_edit' | `admin_${string}`>;
const RUNS: Record<RunId, Run> = {
  invitation_accept: (deps, actor, value) => answerInvitation(deps.ctx, actor, value, 'accept'),
  invitation_decline: (deps, actor, value) => answerInvitation(deps.ctx, actor, value, 'decline'),
  invitation_more: (deps, actor, value) => answerInvitation(deps.ctx, actor, value, 'more'),
  request_confirm: (deps, actor, value) => confirmContributor(deps.ctx, actor, value),
  request_cancel: (deps, actor, value) => cancelRequest(deps.ctx, actor, value),
  request_open: (deps, actor, value) => openRequest(deps.ctx, actor, value),
};

export function registerActions(app: App, deps: SlackDeps): void {
  for (const [id, run] of Object.entries(RUNS) as [RunId, Run][]) {
    app.action<BlockAction<ButtonAction>>(id, async ({ ack, body, action, client, respond }) => {
      await ack();
      let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
      try {
        const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
        tr = translatorOf(deps, actor);
        const result = (await run(deps, actor, action.value ?? '')) as { card?: Card };
        deps.kick();
        const inPlace = ANSWERS[id] !== undefined && result.card && body.channel?.id && body.message?.ts;
        if (inPlace) await client.chat.update({ channel: body.channel!.id, ts: body.message!.ts, text: fallbackText(result.card!), blocks: cardToBlocks(result.card!) });
      } catch (error) {
        if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error), action: id }, 'a Slack action failed');
        await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(error, tr) });
      }
    });
  }
}
