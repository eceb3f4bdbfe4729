// Posting a request from a Teams channel: the same neutral form as Slack's modal, as an
// Adaptive Card. Problems are shown on the card, next to what was typed; on success the form
// becomes a short confirmation and the request card is posted in the channel by the outbox.
// On a fresh install with no units the form could never be sent (the unit is required), so
// instead of it the person is told how to set the bot up (admins) or whom to ask (others).
// As in Slack, the form is answered first and the first wave (invitations, or the shortlist)
// goes out after it (src/app/invite-first-wave.ts; the job of the same name mends a failed try).
import { sendFirstWave } from '../first-wave.ts';
import type { TurnContext } from 'botbuilder';
import { openRequestForm } from '../../app/open-request-form.ts';
import { submitRequest } from '../../app/post-request.ts';
import { hasRole, type Actor } from '../../app/support/actor.ts';
import { card, textCard, type CardInput } from '../../domain/cards.ts';
import { DomainError } from '../../domain/errors.ts';
import type { Translator } from '../../domain/i18n/translator.ts';
import { noUnitsText, requestFormInputs } from '../../domain/messages/request-form.ts';
import { splitTagText } from '../../domain/tags.ts';
import { endOfLocalDay, localDateTime } from '../../domain/time.ts';
import { cardActivity } from './adaptive-cards.ts';
import { channelIdOf, tenantOf, type TeamsDeps } from './context.ts';
import { problemsOf, replaceForm } from './forms.ts';

export const POST_REQUEST_FORM = 'post_request';

type Values = Record<string, unknown>;

/** The form as a card, or (no units yet) a message saying what to do first. */
async function formCard(deps: TeamsDeps, actor: Actor, t: Translator, values: Values = {}, problems: string[] = []): Promise<object> {
  const options = await openRequestForm(deps.ctx, actor);
  if (options.units.length === 0) {
    const admin = hasRole(actor, 'admin');
    return { type: 'message', text: noUnitsText(t, admin, admin ? t.t('teamsAdmin.noUnitsHow') : '') };
  }
  const inputs: CardInput[] = requestFormInputs(t, { ...options, withChannel: false }).map((input) =>
    typeof values[input.id] === 'string' && values[input.id] !== '' ? { ...input, initial: String(values[input.id]) } : input,
  );
  const text = problems.length ? t.t('form.request.problems', { problems: problems.join(' · ') }) : t.t('form.request.intro');
  return cardActivity(card({ title: t.t('form.request.heading'), text, inputs }), { form: POST_REQUEST_FORM, label: t.t('form.request.submit'), requiredText: t.t('validation.required') });
}

export async function sendRequestForm(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator): Promise<void> {
  await context.sendActivity(await formCard(deps, actor, t));
}

function toInput(values: Values, timeZone: string): Values {
  const text = (name: string) => (typeof values[name] === 'string' ? (values[name] as string).trim() : '');
  return {
    title: text('title'),
    type: text('type') || undefined,
    unitId: text('unitId') || undefined,
    programmeId: text('programmeId') || null,
    course: text('course') || null,
    description: text('description'),
    expertise: splitTagText(text('expertise')),
    startsAt: text('startsAt') ? localDateTime(text('startsAt'), text('startsAt_time') || undefined, timeZone) : undefined,
    format: text('format') || undefined,
    needed: text('needed') || undefined,
    replyBy: text('replyBy') ? endOfLocalDay(text('replyBy'), timeZone) : undefined,
    reviewShortlist: text('reviewShortlist') || 'no',
  };
}

export async function submitRequestForm(deps: TeamsDeps, context: TurnContext, actor: Actor, t: Translator, values: Values): Promise<void> {
  const conversationId = channelIdOf(context.activity.conversation.id);
  let requestId: string;
  try {
    const request = await submitRequest(
      deps.ctx,
      actor,
      { ...toInput(values, deps.ctx.settings.timeZone), channel: { platform: 'teams', workspaceId: tenantOf(context), channelId: conversationId } },
      { platform: 'teams', id: `${conversationId}:${context.activity.replyToId ?? context.activity.id}` },
    );
    requestId = request.id;
    deps.kick();
  } catch (error) {
    if (error instanceof DomainError && error.code === 'duplicate') return;
    if (!(error instanceof DomainError && error.code === 'validation')) throw error;
    const labels = new Map(requestFormInputs(t, { units: [], programmes: [], withChannel: false }).map((input) => [input.id, input.label]));
    await replaceForm(context, await formCard(deps, actor, t, values, problemsOf(error, labels, t)));
    return;
  }
  try {
    await replaceForm(context, cardActivity(textCard(t.t('form.request.posted'))));
  } finally {
    await sendFirstWave(deps, requestId);
  }
}
