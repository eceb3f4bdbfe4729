// The request modal's submission: read the fields, record the request, and answer Slack with
// either nothing (the modal closes) or the problems next to the right fields. Slack waits for
// this answer (three seconds), so only the short part comes before it (submitRequest); the
// first wave (matching and invitations, or the shortlist) goes out right after the answer, and
// the `invite-first-waves` job sends it should this instance stop first.
import { sendFirstWave } from '../../first-wave.ts';
import type { AllMiddlewareArgs, App, SlackViewMiddlewareArgs } from '@slack/bolt';
import { submitRequest } from '../../../app/post-request.ts';
import { requireRole } from '../../../app/support/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { createTranslator } from '../../../domain/i18n/translator.ts';
import { requestFormInputs } from '../../../domain/messages/request-form.ts';
import { splitTagText } from '../../../domain/tags.ts';
import { describeViewError, slackActor, translatorOf, VIEW_LOOKUP_MS, type SlackDeps } from '../context.ts';
import { DeadlineExceeded } from '../../../deadline.ts';
import { fieldErrors } from '../errors.ts';
import { AnswersFirst } from './answers-first.ts';
import { POST_REQUEST_CALLBACK } from '../request-modal.ts';
import { readViewValues } from '../view-values.ts';
import { safeError } from '../../../logger.ts';

/**
 * First waves running at once in this instance. Each is a transaction of its own (matching over
 * every alumnus); they start only while no form is being answered (see answers-first.ts), so the
 * short transactions answering forms do not queue behind a backlog of them, for the CPU or for a
 * database connection.
 */
const FIRST_WAVES_AT_ONCE = 2;

export function registerViews(app: App, deps: SlackDeps): void {
  const order = new AnswersFirst(FIRST_WAVES_AT_ONCE);
  app.view(POST_REQUEST_CALLBACK, async (args) => {
    const requestId = await order.answer(() => answerSubmission(deps, args));
    // Behind the answer. Awaited, so that with processBeforeResponse (tests) the answer still comes after it.
    if (requestId) await order.behind(() => sendFirstWave(deps, requestId));
  });
}

/** Records the request and answers the form; the new request's id, or null when it was not recorded. */
async function answerSubmission(deps: SlackDeps, event: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<string | null> {
  const { ack, body, view, client } = event;
  const teamId = body.team?.id ?? body.user.team_id ?? '';
  let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
  const fields = requestFormInputs(tr, { units: [], programmes: [], withChannel: true }).map((input) => input.id);
  try {
    const actor = await slackActor(deps, client, teamId, body.user.id, { deadlineMs: VIEW_LOOKUP_MS });
    tr = translatorOf(deps, actor);
    const inputs = requestFormInputs(tr, { units: [], programmes: [], withChannel: true });
    // Only staff and admins post (before the fields are judged); the unit and programme chosen are checked by submitRequest.
    requireRole(actor, 'staff', 'admin');
    const values = readViewValues(inputs, view.state.values, deps.ctx.settings.timeZone);
    const channelId = values.channel;
    const request = await submitRequest(deps.ctx, actor, {
      ...values,
      expertise: typeof values.expertise === 'string' ? splitTagText(values.expertise) : [],
      channel: typeof channelId === 'string' ? { platform: 'slack', workspaceId: teamId, channelId } : undefined,
    }, { platform: 'slack', id: `${view.id}:${view.hash}` });
    await ack();
    deps.kick();
    return request.id;
  } catch (error) {
    if (error instanceof DomainError && error.code === 'duplicate') {
      await ack();
      return null;
    }
    if (error instanceof DomainError && error.code === 'validation') {
      await ack({ response_action: 'errors', errors: fieldErrors(error, tr, fields) });
      return null;
    }
    if (error instanceof DeadlineExceeded) deps.logger.warn({ err: safeError(error) }, 'a request form waited too long for Slack');
    else if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'posting a request from Slack failed');
    await ack({ response_action: 'errors', errors: { title: describeViewError(error, tr) } });
    return null;
  }
}
