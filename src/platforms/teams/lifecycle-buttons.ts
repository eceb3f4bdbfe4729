// The buttons of a request's life in Teams: alumni answering or withdrawing, owners confirming,
// keeping asking, going ahead with fewer, cancelling. Each press runs one use case and the card
// it came from is replaced by what it should show now. A press on an old card changes nothing:
// the presser is told why (for their role) and the card is refreshed, so its buttons go away.
// Works in a personal chat and in a channel (an owner without a personal chat confirms from the
// request's thread).
import type { TurnContext } from 'botbuilder';
import { answerInvitation } from '../../app/answer-invitation.ts';
import { cancelRequest } from '../../app/cancel-request.ts';
import { confirmContributor } from '../../app/confirm-contributor.ts';
import { extendDeadline } from '../../app/extend-deadline.ts';
import { goAheadWithFewer } from '../../app/go-ahead-with-fewer.ts';
import { showCurrentMessage } from '../../app/show-current-message.ts';
import type { Actor } from '../../app/support/actor.ts';
import { withdrawAcceptance } from '../../app/withdraw-acceptance.ts';
import type { ActionId, Card } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import { describeError } from '../../domain/i18n/describe-error.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import type { AppContext } from '../../ports.ts';
import { cardActivity } from './adaptive-cards.ts';
import type { TeamsDeps } from './context.ts';
import { replaceForm } from './forms.ts';

type Run = (ctx: AppContext, actor: Actor, id: string) => Promise<{ card?: Card } | unknown>;

const RUNS: Partial<Record<ActionId, Run>> = {
  invitation_accept: (ctx, actor, id) => answerInvitation(ctx, actor, id, 'accept'),
  invitation_decline: (ctx, actor, id) => answerInvitation(ctx, actor, id, 'decline'),
  invitation_more: (ctx, actor, id) => answerInvitation(ctx, actor, id, 'more'),
  invitation_withdraw: (ctx, actor, id) => withdrawAcceptance(ctx, actor, id),
  request_confirm: (ctx, actor, id) => confirmContributor(ctx, actor, id),
  request_extend: (ctx, actor, id) => extendDeadline(ctx, actor, id),
  request_lower: (ctx, actor, id) => goAheadWithFewer(ctx, actor, id),
  request_cancel: (ctx, actor, id) => cancelRequest(ctx, actor, id),
};

export function isLifecycleAction(action: unknown): action is ActionId {
  return typeof action === 'string' && Object.hasOwn(RUNS, action);
}

export async function handleLifecycleButton(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, action: ActionId, id: string): Promise<void> {
  const inChannel = context.activity.conversation?.conversationType === 'channel';
  try {
    const result = (await RUNS[action]!(deps.ctx, actor, id)) as { card?: Card } | undefined;
    deps.kick();
    if (result?.card) await replaceForm(context, cardActivity(result.card));
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
    await context.sendActivity(describeError(error, t));
    const current = await showCurrentMessage(deps.ctx, actor, action, id, { inChannel });
    if (current && context.activity.replyToId) await replaceForm(context, cardActivity(current));
  }
}
