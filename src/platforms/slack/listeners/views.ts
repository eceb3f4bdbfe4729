// The request modal's submission: read the fields, post the request, and answer Slack with
// either nothing (the modal closes) or the problems next to the right fields. Slack waits for
// this answer (three seconds), so nothing is read here that postRequest does not need.
import type { App } from '@slack/bolt';
import { postRequest } from '../../../app/post-request.ts';
import { requireRole } from '../../../app/support/actor.ts';
import { DomainError } from '../../../domain/errors.ts';
import { createTranslator } from '../../../domain/i18n/translator.ts';
import { requestFormInputs } from '../../../domain/messages/request-form.ts';
import { splitTagText } from '../../../domain/tags.ts';
import { describeViewError, slackActor, translatorOf, VIEW_LOOKUP_MS, type SlackDeps } from '../context.ts';
import { DeadlineExceeded } from '../../../deadline.ts';
import { fieldErrors } from '../errors.ts';
import { POST_REQUEST_CALLBACK } from '../request-modal.ts';
import { readViewValues } from '../view-values.ts';
import { safeError } from '../../../logger.ts';

export function registerViews(app: App, deps: SlackDeps): void {
  app.view(POST_REQUEST_CALLBACK, async ({ ack, body, view, client }) => {
    const teamId = body.team?.id ?? body.user.team_id ?? '';
    let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
    const fields = requestFormInputs(tr, { units: [], programmes: [], withChannel: true }).map((input) => input.id);
    try {
      const actor = await slackActor(deps, client, teamId, body.user.id, { deadlineMs: VIEW_LOOKUP_MS });
      tr = translatorOf(deps, actor);
      const inputs = requestFormInputs(tr, { units: [], programmes: [], withChannel: true });
      // Only staff and admins post (before the fields are judged); the unit and programme chosen are checked by postRequest.
      requireRole(actor, 'staff', 'admin');
      const values = readViewValues(inputs, view.state.values, deps.ctx.settings.timeZone);
      const channelId = values.channel;
      await postRequest(deps.ctx, actor, {
        ...values,
        expertise: typeof values.expertise === 'string' ? splitTagText(values.expertise) : [],
        channel: typeof channelId === 'string' ? { platform: 'slack', workspaceId: teamId, channelId } : undefined,
      }, { platform: 'slack', id: `${view.id}:${view.hash}` });
      await ack();
      deps.kick();
    } catch (error) {
      if (error instanceof DomainError && error.code === 'duplicate') return void (await ack());
      if (error instanceof DomainError && error.code === 'validation') {
        await ack({ response_action: 'errors', errors: fieldErrors(error, tr, fields) });
        return;
      }
      if (error instanceof DeadlineExceeded) deps.logger.warn({ err: safeError(error) }, 'a request form waited too long for Slack');
      else if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error) }, 'posting a request from Slack failed');
      await ack({ response_action: 'errors', errors: { title: describeViewError(error, tr) } });
    }
  });
}
