// "I can help" under an open request in the weekly digest: the owner is told (a DM through the
// outbox) and the alumnus gets an ephemeral answer in their language.
import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { offerHelp } from '../../../app/digest/offer-help.ts';
import { helpOfferText } from '../../../domain/digest/digest-card.ts';
import { DomainError } from '../../../domain/errors.ts';
import { describeError } from '../../../domain/i18n/describe-error.ts';
import { createTranslator } from '../../../domain/i18n/translator.ts';
import { safeError } from '../../../logger.ts';
import { escapeMrkdwn } from '../blocks.ts';
import { slackActor, translatorOf, type SlackDeps } from '../context.ts';

export function registerDigestHelp(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>('digest_help', async ({ ack, body, action, client, respond }) => {
    await ack();
    let tr = createTranslator(deps.ctx.settings.defaultLocale, deps.ctx.settings.timeZone);
    try {
      const actor = await slackActor(deps, client, body.team?.id ?? body.user.team_id ?? '', body.user.id);
      tr = translatorOf(deps, actor);
      const offer = await offerHelp(deps.ctx, actor, action.value ?? '');
      deps.kick();
      await respond({ response_type: 'ephemeral', replace_original: false, text: escapeMrkdwn(helpOfferText(offer, tr)) });
    } catch (error) {
      if (!(error instanceof DomainError)) deps.logger.error({ err: safeError(error), action: 'digest_help' }, 'a Slack action failed');
      await respond({ response_type: 'ephemeral', replace_original: false, text: describeError(error, tr) });
    }
  });
}
